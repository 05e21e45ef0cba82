"""The configuration loader: precedence, the built-in defaults, and located, helpful errors."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from capexwatch.config import BUILTIN_LABEL, ConfigError, load_config, locate

GOOD = """\
[watch]
subject = "ByteDance"
aliases = ["TikTok owner"]
topics  = ["capex", "data centre"]

[database]
url = "sqlite:///watch.db"

[crawl]
download_timeout = 5
retries = 0

[[sources]]
name = "Local feed"
kind = "feed"
url  = "http://127.0.0.1:8000/rss.xml"

[[sources]]
name = "Local sitemap"
kind = "sitemap"
url  = "http://127.0.0.1:8000/sitemap.xml"

[[sources]]
name = "Switched off"
kind = "feed"
url  = "http://127.0.0.1:8000/off.xml"
enabled = false
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "capexwatch.toml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> ConfigError:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert caught.value.file == str(path)
    return caught.value


def test_a_good_file_is_loaded_with_every_table(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD), environ={})
    assert config.watch.subject == "ByteDance"
    assert config.watch.aliases == ("TikTok owner",)
    assert config.watch.topics == ("capex", "data centre")
    assert config.database_url == "sqlite:///watch.db"
    assert [(s.name, s.kind) for s in config.sources] == [("Local feed", "feed"), ("Local sitemap", "sitemap")]
    assert config.crawl.scrapy_settings()["DOWNLOAD_TIMEOUT"] == 5
    assert config.crawl.scrapy_settings()["RETRY_TIMES"] == 0


def test_builtin_defaults_ship_real_sources_of_both_kinds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no ./capexwatch.toml here
    config = load_config(None, environ={})
    assert config.label == BUILTIN_LABEL
    assert config.watch.subject == "ByteDance"
    assert "TikTok owner" in config.watch.aliases
    assert {s.kind for s in config.sources} == {"feed", "sitemap"}
    assert all(s.url.startswith("https://") for s in config.sources)
    assert config.database_url == "sqlite:///capexwatch.db"


def test_precedence_cli_then_environment_then_local_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    local = write(tmp_path, GOOD)
    other = tmp_path / "other.toml"
    other.write_text(GOOD.replace("watch.db", "other.db"), encoding="utf-8")
    assert load_config(None, environ={}).path == Path("capexwatch.toml")
    assert load_config(None, environ={"CAPEXWATCH_CONFIG": str(other)}).database_url == "sqlite:///other.db"
    assert load_config(local, environ={"CAPEXWATCH_CONFIG": str(other)}).database_url == "sqlite:///watch.db"


def test_database_overrides(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    env = {"CAPEXWATCH_DB": "sqlite:///env.db"}
    assert load_config(path, environ=env).database_url == "sqlite:///env.db"
    assert load_config(path, db_override="sqlite:///flag.db", environ=env).database_url == "sqlite:///flag.db"
    with pytest.raises(ConfigError, match=r"--db: 'nonsense' is not valid"):
        load_config(path, db_override="nonsense", environ={})


def test_wrong_source_kind_names_line_key_and_choices(tmp_path: Path) -> None:
    error = error_for(tmp_path, GOOD.replace('kind = "sitemap"', 'kind = "rss"'))
    assert error.line == 20
    assert error.key == "sources[1].kind"
    assert "expected one of: feed, sitemap" in str(error)
    assert str(error).startswith(f"{error.file}:20: sources[1].kind: 'rss'")


def test_misspelt_key_suggests_the_right_one(tmp_path: Path) -> None:
    error = error_for(tmp_path, GOOD.replace("topics  =", "topcs ="))
    assert (error.line, error.key) == (4, "watch.topcs")
    assert "did you mean 'topics'?" in str(error)


def test_missing_field_points_at_its_table(tmp_path: Path) -> None:
    error = error_for(tmp_path, GOOD.replace('url  = "http://127.0.0.1:8000/sitemap.xml"\n', ""))
    assert (error.line, error.key) == (18, "sources[1].url")
    assert "missing; expected url =" in str(error)


@pytest.mark.parametrize(
    "bad_url",
    ["ftp://example.com/feed", "example.com/rss.xml", "http:///no-host", "http://exa mple.com/", "http://h:99999/"],
)
def test_bad_source_url_is_refused(tmp_path: Path, bad_url: str) -> None:
    error = error_for(tmp_path, GOOD.replace("http://127.0.0.1:8000/rss.xml", bad_url))
    assert (error.line, error.key) == (16, "sources[0].url")
    assert "absolute http:// or https:// URL" in str(error)


def test_duplicate_source_names_are_refused(tmp_path: Path) -> None:
    error = error_for(tmp_path, GOOD.replace('"Local sitemap"', '"Local feed"'))
    assert error.key == "sources[1].name" and "unique name" in str(error)


@pytest.mark.parametrize(
    ("change", "key", "expected"),
    [
        (('url = "sqlite:///watch.db"', 'url = "mysql://x/y"'), "database.url", "SQLAlchemy URL"),
        (("retries = 0", "retries = -1"), "crawl.retries", "whole number from 0 to 20"),
        (("download_timeout = 5", 'download_timeout = "5"'), "crawl.download_timeout", "number greater than 0"),
        (('aliases = ["TikTok owner"]', 'aliases = "TikTok owner"'), "watch.aliases", "list of non-empty strings"),
        (("topics  = [\"capex\", \"data centre\"]", "topics = []"), "watch.topics", "at least one term"),
    ],
)
def test_wrong_types_say_what_is_expected(tmp_path: Path, change: tuple[str, str], key: str, expected: str) -> None:
    error = error_for(tmp_path, GOOD.replace(*change))
    assert error.key == key
    assert expected in str(error)
    assert error.line is not None


def test_unknown_table_and_invalid_toml(tmp_path: Path) -> None:
    error = error_for(tmp_path, GOOD + "\n[sorces]\nname = 'x'\n")
    assert error.key == "sorces" and "did you mean 'sources'?" in str(error)
    assert error.line == GOOD.count("\n") + 2
    error = error_for(tmp_path, GOOD + "\nbroken = [\n")
    assert "not valid TOML" in str(error)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such file"):
        load_config(tmp_path / "absent.toml", environ={})


def test_locate_tells_tables_apart() -> None:
    text = '[a]\nx = 1\n[[s]]\nx = 2\n[[s]]\ny = 3\nx = 4\n'
    assert locate(text, "a", None, "x") == 2
    assert locate(text, "s", 0, "x") == 4
    assert locate(text, "s", 1, "x") == 7
    assert locate(text, "s", 1, None) == 5
    assert locate(text, "b", None, "x") is None


def test_max_age_days_reaches_the_crawl_settings(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD.replace("retries = 0", "retries = 0\nmax_age_days = 3")), environ={})
    assert config.crawl.scrapy_settings()["CAPEXWATCH_MAX_AGE_DAYS"] == 3
    assert load_config(write(tmp_path, GOOD), environ={}).crawl.scrapy_settings()["CAPEXWATCH_MAX_AGE_DAYS"] == 0
    error = error_for(tmp_path, GOOD.replace("retries = 0", "retries = 0\nmax_age_days = -1"))
    assert (error.key, error.line) == ("crawl.max_age_days", 12)


def test_a_toml_syntax_error_names_the_line_at_fault_not_where_the_parser_gave_up(tmp_path: Path) -> None:
    """An unclosed array is only noticed at the next table header, lines later."""
    text = GOOD.replace('topics  = ["capex", "data centre"]', 'topics  = ["capex",\n  "data centre"\n\n# a comment')
    error = error_for(tmp_path, text)
    assert "not valid TOML (Unclosed array)" in str(error)
    assert error.line == text.splitlines().index('topics  = ["capex",') + 1
    error = error_for(tmp_path, GOOD.replace("retries = 0", "retries = 0\ntimeout = 'open"))
    assert error.line == GOOD.splitlines().index("retries = 0") + 2


@pytest.mark.parametrize(
    ("extra", "what"),
    [("[[source]]\nname = 'x'\n", "table 'source'"), ("[watchlist.more]\na = 1\n", "table 'watchlist'")],
)
def test_an_unknown_table_is_located(tmp_path: Path, extra: str, what: str) -> None:
    error = error_for(tmp_path, GOOD + "\n" + extra)
    assert f"unknown {what}" in str(error) and error.line == GOOD.count("\n") + 2


def test_an_unknown_top_level_key_is_located(tmp_path: Path) -> None:
    error = error_for(tmp_path, "verbose = true\n" + GOOD)
    assert "unknown key 'verbose'" in str(error) and error.line == 1


def test_topics_default_to_capex_terms_when_a_subject_is_given(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[watch]\nsubject = "Northwind Traders"\n'), environ={})
    assert config.watch.subject == "Northwind Traders"
    assert "capex" in config.watch.topics and "data centre" in config.watch.topics


def test_connect_timeout_reaches_the_database_url_also_when_db_overrides_it(tmp_path: Path) -> None:
    path = write(tmp_path, '[database]\nurl = "postgresql+psycopg://u@127.0.0.1/cw"\nconnect_timeout = 4\n')
    assert load_config(path, environ={}).database_url == "postgresql+psycopg://u@127.0.0.1/cw?connect_timeout=4"
    overridden = load_config(path, db_override="sqlite:///other.db", environ={})
    assert overridden.database_url == "sqlite:///other.db?timeout=4"
    kept = load_config(path, db_override="postgresql+psycopg://u@h/cw?connect_timeout=9", environ={})
    assert kept.database_url.endswith("connect_timeout=9")


def test_crawl_rate_keys_reach_the_crawl_settings(tmp_path: Path) -> None:
    rate = "retries = 0\nconcurrency = 8\nper_host_concurrency = 2\ndelay = 1.5\nautothrottle = false\nworkers = 3"
    settings = load_config(write(tmp_path, GOOD.replace("retries = 0", rate)), environ={}).crawl.scrapy_settings()
    assert (settings["CONCURRENT_REQUESTS"], settings["CONCURRENT_REQUESTS_PER_DOMAIN"]) == (8, 2)
    assert (settings["DOWNLOAD_DELAY"], settings["AUTOTHROTTLE_ENABLED"], settings["CAPEXWATCH_WORKERS"]) == (
        1.5, False, 3,
    )  # fmt: skip
    defaults = load_config(write(tmp_path, GOOD), environ={}).crawl
    assert defaults.autothrottle and defaults.redis_url is None
    assert defaults.pool_size == len(os.sched_getaffinity(0))  # workers: every core this process may use


@pytest.mark.parametrize(
    ("line", "key", "expected"),
    [
        ("concurrency = 0", "crawl.concurrency", "whole number from 1 to 1000"),
        ("per_host_concurrency = 2.5", "crawl.per_host_concurrency", "whole number from 1 to 100"),
        ("delay = -1", "crawl.delay", "seconds from 0 to 3600"),
        ('autothrottle = "yes"', "crawl.autothrottle", "true or false"),
        ("workers = 0", "crawl.workers", "whole number from 1 to 256"),
        ('redis_url = "http://127.0.0.1:6379/0"', "crawl.redis_url", "Redis URL such as redis://127.0.0.1:6379/0"),
        ('redis_url = "redis://127.0.0.1:6379/zero"', "crawl.redis_url", "Redis URL"),
    ],
)
def test_crawl_rate_mistakes_are_located(tmp_path: Path, line: str, key: str, expected: str) -> None:
    error = error_for(tmp_path, GOOD.replace("retries = 0", f"retries = 0\n{line}"))
    assert (error.key, error.line) == (key, 12)
    assert expected in str(error)


def test_a_redis_url_is_accepted(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD.replace("retries = 0", 'retries = 0\nredis_url = "redis://q:6379/2"')),
                         environ={})  # fmt: skip
    assert config.crawl.redis_url == "redis://q:6379/2"
