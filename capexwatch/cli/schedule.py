"""``capexwatch schedule``: start ``capexwatch crawl`` on the configured cron schedule until stopped.

APScheduler (3.x) computes the firing times from ``[schedule] cron`` in ``[schedule] timezone``
(``CronTrigger.from_crontab``), so daylight-saving changes are handled the way cron users expect.
Each firing runs the crawl as a child process — Scrapy's reactor cannot restart inside one process,
and a crawl that crashes must not take the scheduler down — with the same ``--config``/``--db``. A
firing missed while the previous crawl still runs is coalesced into one (``max_instances=1``); the
database's run lock refuses overlaps with crawls started by hand or by cron too.

SIGINT or SIGTERM stops scheduling, passes the signal on to a running crawl and waits for it.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from datetime import datetime
from types import FrameType

import click

from capexwatch.cli.app import get_config, main, open_store

JOB_ID = "capexwatch-crawl"


def crawl_command(ctx: click.Context) -> list[str]:
    """The child command: this interpreter running ``capexwatch crawl -q`` with our global options."""
    obj = ctx.ensure_object(dict)
    command = [sys.executable, "-m", "capexwatch"]
    if obj.get("config_path"):
        command += ["--config", str(obj["config_path"])]
    if obj.get("db"):
        command += ["--db", str(obj["db"])]
    return [*command, "crawl", "-q"]


@main.command()
@click.option("--now", is_flag=True, help="Also start one crawl right away, then follow the schedule.")
@click.pass_context
def schedule(ctx: click.Context, now: bool) -> None:
    """Run `capexwatch crawl` on the [schedule] cron expression (in its time zone) until stopped."""
    from zoneinfo import ZoneInfo

    from apscheduler.schedulers.background import BackgroundScheduler
    from apscheduler.triggers.cron import CronTrigger

    config = get_config(ctx)
    open_store(config.database_url).dispose()  # an unreachable database fails now, not at 02:00
    zone = ZoneInfo(config.schedule.timezone)
    trigger = CronTrigger.from_crontab(config.schedule.cron, timezone=zone)
    command = crawl_command(ctx)
    stop = threading.Event()
    running: list[subprocess.Popen[bytes]] = []
    scheduler = BackgroundScheduler(timezone=zone)

    def stamp() -> str:
        return f"{datetime.now(zone):%Y-%m-%d %H:%M:%S %Z}"

    def next_time() -> str:
        job = scheduler.get_job(JOB_ID)
        return f"{job.next_run_time:%Y-%m-%d %H:%M:%S %Z}" if job and job.next_run_time else "-"

    def crawl_once() -> None:
        click.echo(f"{stamp()} crawl started")
        child = subprocess.Popen(command)
        running.append(child)
        try:
            code = child.wait()
        finally:
            running.remove(child)
        click.echo(f"{stamp()} crawl finished with exit status {code}; next crawl at {next_time()}")

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()
        for child in list(running):
            child.send_signal(signum)

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    scheduled = trigger.get_next_fire_time(None, datetime.now(zone))
    click.echo(
        f"schedule: {config.schedule.cron!r} in {config.schedule.timezone}; next scheduled crawl at "
        f"{scheduled:%Y-%m-%d %H:%M:%S %Z}"
        + ("; starting one crawl now" if now else "")
        + " (Ctrl-C or SIGTERM to stop)"
    )
    extra = {"next_run_time": datetime.now(zone)} if now else {}
    scheduler.add_job(crawl_once, trigger, id=JOB_ID, max_instances=1, coalesce=True, misfire_grace_time=3600, **extra)
    scheduler.start()
    stop.wait()
    click.echo(f"{stamp()} stopping: waiting for a running crawl to end")
    scheduler.shutdown(wait=True)
    click.echo(f"{stamp()} schedule stopped")
