"""``capexwatch schedule``: crawls on the configured cron expression in its time zone, until stopped."""

from __future__ import annotations

import json
import signal
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from clirun import CLI, capexwatch, write_config
from newssite import Story, news_site
from receivers import webhook


def next_local(hour: int, minute: int, zone: ZoneInfo) -> datetime:
    now = datetime.now(zone)
    candidate = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    return candidate if candidate > now else candidate + timedelta(days=1)


def test_schedule_runs_a_crawl_now_then_waits_for_the_cron_time_and_stops_on_sigterm(
    database_url: str, tmp_path: Path
) -> None:
    zone = ZoneInfo("Asia/Tokyo")
    with news_site(tmp_path / "site") as (site, base), webhook() as hook:
        text = "ByteDance plans capital expenditure of Rmb200bn in 2027, Reuters reported."
        site.add("wire", Story("capex", "Meridian Wire", "ByteDance capex", datetime(2026, 1, 5, tzinfo=UTC), (text,)))
        config = write_config(tmp_path / "c.toml", base, ["wire"], [hook.url()])
        config.write_text(config.read_text() + '[schedule]\ncron = "30 4 * * *"\ntimezone = "Asia/Tokyo"\n')
        scheduler = subprocess.Popen(
            [*CLI, "--config", str(config), "--db", database_url, "schedule", "--now"],
            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env={"PATH": "/usr/bin:/bin", "PYTHONWARNINGS": "ignore"},
        )  # fmt: skip
        lines = []
        assert scheduler.stdout is not None
        for line in scheduler.stdout:  # the scheduler's lines and its crawl's, as they come
            lines.append(line.rstrip("\n"))
            if "crawl finished" in line:
                break
        scheduler.send_signal(signal.SIGTERM)
        rest, errors = scheduler.communicate(timeout=60)
        assert scheduler.returncode == 0, errors
        expected = next_local(4, 30, zone).strftime("%Y-%m-%d %H:%M:%S %Z")
        assert lines[0] == (
            f"schedule: '30 4 * * *' in Asia/Tokyo; next scheduled crawl at {expected}; starting one crawl now"
            " (Ctrl-C or SIGTERM to stop)"
        )
        assert lines[-1].endswith(f"crawl finished with exit status 0; next crawl at {expected}"), lines
        assert any(line.startswith("run 1 completed") for line in lines), lines
        assert rest.splitlines()[-1].endswith("schedule stopped")
        assert [m["title"] for m in hook.take()] == ["New capex figure: ByteDance 2027: Rmb200bn"]
        runs = capexwatch("--config", str(config), "--db", database_url, "runs", "--format", "json", cwd=tmp_path)
        assert [r["status"] for r in json.loads(runs.stdout)] == ["completed"]
