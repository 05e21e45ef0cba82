"""``capexwatch runs``: every recorded run, newest first, and one run in detail."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import click

from capexwatch.cli.app import fail, get_config, main, open_store

FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC" if moment else "-"


def _took(started: datetime, finished: datetime | None) -> str:
    if finished is None:
        return "still running"
    seconds = int((finished - started).total_seconds())
    return f"{seconds // 60}m{seconds % 60:02d}s"


def _errors(errors: dict[str, int]) -> str:
    return ", ".join(f"{kind} {n}" for kind, n in sorted(errors.items()))


def _line(summary: Any) -> str:
    run, sources = summary.run, summary.sources
    errors: dict[str, int] = {}
    for source in sources:
        for kind, n in source.errors.items():
            errors[kind] = errors.get(kind, 0) + n
    failed = sum(1 for s in sources if s.failed)
    claims = summary.claims
    parts = [
        f"run {run.id}  {run.status:<11} {_when(run.started)} ({_took(run.started, run.finished)})",
        f"sources {len(sources)} ({failed} failed)",
        f"listed {sum(s.listed for s in sources)}",
        f"fetched {sum(s.fetched for s in sources)}",
        f"kept {sum(s.kept for s in sources)}",
        f"figures {sum(s.figures for s in sources)}",
    ]
    if errors:
        parts.append("errors " + _errors(errors))
    parts.append(f"claims {claims.get('new', 0)} new, {claims.get('change', 0)} changed")
    parts.append(f"alerts {summary.alerts}")
    line = " · ".join(parts)
    return line + (f"\n    {run.message}" if run.message else "")


@main.group(invoke_without_command=True)
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True, help="How many runs to list.")
@FORMAT
@click.pass_context
def runs(ctx: click.Context, limit: int, fmt: str) -> None:
    """List recorded runs, newest first, with their counts (`capexwatch runs show ID` for one run)."""
    if ctx.invoked_subcommand is not None:
        return
    from store.database import session_factory
    from store.runs import list_runs

    config = get_config(ctx)
    engine = open_store(config.database_url)
    try:
        with session_factory(engine)() as session:
            summaries = list_runs(session, limit=limit)
    finally:
        engine.dispose()
    if fmt == "json":
        click.echo(json.dumps([s.to_json() for s in summaries], indent=2))
        return
    if not summaries:
        click.echo("no runs yet: run `capexwatch crawl`")
    for summary in summaries:
        click.echo(_line(summary))


@runs.command("show")
@click.argument("run_id", type=int)
@FORMAT
@click.pass_context
def show(ctx: click.Context, run_id: int, fmt: str) -> None:
    """One run in detail: per-source counts, the articles and claims it added, its alerts."""
    from sqlalchemy import select

    from alerts.messages import money_label
    from store.database import session_factory
    from store.models import Alert, Claim, Figure
    from store.runs import list_runs, run_articles

    config = get_config(ctx)
    engine = open_store(config.database_url)
    try:
        with session_factory(engine)() as session:
            found = list_runs(session, run_id=run_id)
            articles = run_articles(session, run_id)
            figures = {a.id: 0 for a in articles}
            for article_id in session.scalars(select(Figure.article_id).where(Figure.run_id == run_id)):
                figures[article_id] = figures.get(article_id, 0) + 1
            claims = list(session.scalars(select(Claim).where(Claim.run_id == run_id).order_by(Claim.id)))
            alerts = list(session.scalars(select(Alert).where(Alert.run_id == run_id).order_by(Alert.id)))
    finally:
        engine.dispose()
    if not found:
        fail(f"no run {run_id}; `capexwatch runs` lists them")
    summary = found[0]
    run = summary.run
    if fmt == "json":
        data = summary.to_json()
        data["report"] = run.report
        data["articles"] = [
            {"id": a.id, "url": a.url, "title": a.title, "outlet": a.outlet, "source_name": a.source_name,
             "published": a.published.isoformat() if a.published else None, "figures": figures.get(a.id, 0)}
            for a in articles
        ]  # fmt: skip
        data["claim_ids"] = [c.id for c in claims]
        data["alert_ids"] = [a.id for a in alerts]
        click.echo(json.dumps(data, indent=2, default=str))
        return
    click.echo(f"run {run.id}: {run.kind}, {run.status}")
    click.echo(f"  started   {_when(run.started)}")
    click.echo(f"  finished  {_when(run.finished)} ({_took(run.started, run.finished)})")
    click.echo(f"  config    {run.config_hash or '-'} · rules {run.ruleset or '-'}")
    if run.message:
        click.echo(f"  message   {run.message}")
    click.echo(f"sources ({len(summary.sources)}):")
    for s in summary.sources:
        line = (f"  [{s.source_name}] {'FAILED' if s.failed else 'ok'} · listed {s.listed} · fetched {s.fetched}"
                f" · kept {s.kept} · figures {s.figures}")  # fmt: skip
        click.echo(line + (f" · errors {_errors(s.errors)}" if s.errors else ""))
    click.echo(f"added: {summary.articles} articles, {summary.figures} figures")
    for a in articles:
        published = a.published.date().isoformat() if a.published else "?"
        count = figures.get(a.id, 0)
        click.echo(f"  article {a.id}  {a.outlet or '?'}  {published}  {a.title or '-'}  {a.url}  ({count} fig.)")
    counts = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.claims.items())) or "none"
    click.echo(f"claims entered: {counts}")
    for c in claims:
        if c.kind != "uncompared":
            click.echo(f"  claim {c.id}  {c.kind:<6} {c.subject} · {c.metric} · {c.year} · "
                       f"{money_label(c.amount, c.amount_high, c.currency)}")  # fmt: skip
    click.echo(f"alerts: {len(alerts)} ({sum(1 for a in alerts if a.sent)} sent)")
    for a in alerts:
        click.echo(f"  alert {a.id}  {a.kind:<16} {'sent' if a.sent else 'pending':<7} {a.title}")
