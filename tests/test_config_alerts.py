"""The [schedule] and [alerts] configuration keys, and the crash-point hook: each mistake named with
its file, line and key, and a notification URL (which may hold a password) never repeated whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerts.settings import AlertSettings
from capexwatch.config import ConfigError, load_config


def load(tmp_path: Path, text: str, environ: dict[str, str] | None = None):
    path = tmp_path / "capexwatch.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, environ=environ or {})


def error(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, text)
    return str(caught.value)


def test_defaults_and_a_full_table(tmp_path: Path) -> None:
    config = load(tmp_path, "")
    assert (config.schedule.cron, config.schedule.timezone) == ("0 2 * * *", "UTC")
    assert config.alerts == AlertSettings() and not config.alerts.enabled
    config = load(tmp_path, (
        '[schedule]\ncron = "30 4 * * 1-5"\ntimezone = "Europe/London"\n\n'
        '[alerts]\nnotify = ["json://127.0.0.1:8080/hook", "mailto://u:secret@example.com"]\non = "approved"\n'
        'metrics = ["capex", "revenue"]\ndigest = true\nsource_failures = 5\n'
    ))  # fmt: skip
    assert config.schedule.timezone == "Europe/London"
    assert config.alerts == AlertSettings(
        notify=("json://127.0.0.1:8080/hook", "mailto://u:secret@example.com"),
        on="approved", metrics=("capex", "revenue"), digest=True, source_failures=5,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[schedule]\ncron = "0 25 * * *"\n', ":2: schedule.cron: '0 25 * * *' is not valid; expected a 5-field cron"),
        ('[schedule]\ntimezone = "Mars/Olympus"\n', ":2: schedule.timezone: 'Mars/Olympus' is not valid; expected an"),
        ('[alerts]\non = "reviewed"\n', ":2: alerts.on: 'reviewed' is not valid; expected one of: extracted, approved"),
        ('[alerts]\nmetrics = ["capx"]\n', ":2: alerts.metrics: ['capx'] is not valid; expected a list of metrics"),
        ("[alerts]\ndigest = 1\n", ":2: alerts.digest: 1 is not valid; expected true or false"),
        ("[alerts]\nsource_failures = -1\n", ":2: alerts.source_failures: -1 is not valid; expected a whole number"),
        ("[alerts]\nnotfy = []\n", ":2: alerts.notfy: unknown key 'notfy'; did you mean 'notify'?"),
    ],
)  # fmt: skip
def test_mistakes_are_located(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in error(tmp_path, text)


def test_a_bad_notification_url_is_named_without_its_secret(tmp_path: Path) -> None:
    message = error(tmp_path, '[alerts]\nnotify = [\n  "json://127.0.0.1/hook",\n  "nope://user:hunter2@host",\n]\n')
    assert ":2: alerts.notify: entry 2: nope://… is not a notification URL apprise supports" in message
    assert "hunter2" not in message


def test_the_crash_point_hook_is_checked(tmp_path: Path) -> None:
    assert load(tmp_path, "", {"CAPEXWATCH_CRASH_AT": "before_delivery"}).crash_at == "before_delivery"
    with pytest.raises(ConfigError) as caught:
        load(tmp_path, "", {"CAPEXWATCH_CRASH_AT": "later"})
    assert str(caught.value).startswith("$CAPEXWATCH_CRASH_AT: 'later' is not valid; expected one of: after_lock")


def test_the_fingerprint_follows_what_decides_a_crawl_not_secrets(tmp_path: Path) -> None:
    base = load(tmp_path, '[alerts]\nnotify = ["json://127.0.0.1/a"]\n').fingerprint()
    assert load(tmp_path, '[alerts]\nnotify = ["json://127.0.0.1/b"]\n').fingerprint() == base
    assert load(tmp_path, '[alerts]\nnotify = ["json://127.0.0.1/a"]\ndigest = true\n').fingerprint() != base
