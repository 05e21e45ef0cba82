"""``capexwatch alerts``: send a test message, show the outbox, deliver what is still pending."""

from __future__ import annotations

import json
import socket

import click

from capexwatch.cli.app import fail, get_config, main, open_store, store_session
from capexwatch.config import Config


def _channels(config: Config) -> list:  # -> list[alerts.delivery.Channel]
    from alerts.delivery import make_channels

    if not config.alerts.notify:
        fail(f"configuration error: {config.label}: [alerts] notify is empty; expected "
             'notify = ["json://host:port/path", "mailto://user:password@example.com", …]', status=2)  # fmt: skip
    return make_channels(config.alerts.notify)


@main.group("alerts")
def alerts_group() -> None:
    """Alert channels and the outbox: test the channels, list alerts, retry pending deliveries."""


@alerts_group.command("test")
@click.pass_context
def test_command(ctx: click.Context) -> None:
    """Send a test message to every channel in [alerts] notify and report each result."""
    from alerts.delivery import send_test
    from alerts.messages import render

    config = get_config(ctx)
    channels = _channels(config)
    title, body = render("test", {"host": socket.gethostname(), "config": config.label})
    failed = 0
    for channel, error in send_test(channels, title, body):
        if error:
            failed += 1
            click.echo(f"FAILED  {channel.label}: {error}")
        else:
            click.echo(f"ok      {channel.label}")
    if failed:
        fail(f"{failed} of {len(channels)} channel(s) failed")


@alerts_group.command("list")
@click.option("--state", type=click.Choice(["all", "pending", "sent"]), default="all", show_default=True,
              help="All alerts, only those still pending on some channel, or only those sent everywhere.")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True, help="How many, newest first.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def list_command(ctx: click.Context, state: str, limit: int, fmt: str) -> None:
    """Show the outbox, newest first: each alert, whether it was sent, and each channel's attempts."""
    from alerts.outbox import list_outbox

    with store_session(ctx) as session:
        rows = list_outbox(session, state=state, limit=limit)
    if fmt == "json":
        click.echo(json.dumps([row.to_json() for row in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no alerts" if state == "all" else f"no {state} alerts")
    for row in rows:
        alert = row.alert
        when = f"{alert.created:%Y-%m-%d %H:%M} UTC"
        run = f"run {alert.run_id}" if alert.run_id is not None else "no run"
        click.echo(f"alert {alert.id}  {row.state:<7} {alert.kind:<16} {when}  {run}  {alert.title}")
        if not row.deliveries and alert.sent is None:
            click.echo("    not attempted yet")
        for d in row.deliveries:
            detail = f"sent {d.sent:%Y-%m-%d %H:%M} UTC" if d.sent else f"failed: {d.last_error}"
            click.echo(f"    {d.label}: {detail} ({d.attempts} attempt{'s' if d.attempts != 1 else ''})")


@alerts_group.command("retry")
@click.pass_context
def retry_command(ctx: click.Context) -> None:
    """Deliver every pending alert now (and, with on = "approved", announce newly approved claims)."""
    from capexwatch.nightly import retry_alerts
    from store.locks import LockHeld

    config = get_config(ctx)
    _channels(config)
    engine = open_store(config.database_url)
    try:
        recorded, report = retry_alerts(engine, config)
    except LockHeld as exc:
        fail(f"{exc}; it delivers pending alerts when it ends")
    finally:
        engine.dispose()
    click.echo(f"alerts: {recorded} recorded, {report.sent} sent, {report.pending} pending")
    for channel, error in report.failures.items():
        click.echo(f"capexwatch: not delivered to {channel}: {error}", err=True)
    if report.pending:
        fail(f"{report.pending} alert(s) still pending; they are retried on the next run")
