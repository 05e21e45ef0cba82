"""``capexwatch review``: the review queue from the command line, for scripts.

``list`` shows figures with the queue's filters; ``approve``, ``reject``, ``correct`` and ``undo``
record decisions as ``--user NAME`` (an enabled user: an unknown or disabled one is a usage error,
exit 2, before anything is read). Several IDs are decided in one transaction: all of them or, if
any cannot be (unknown, already decided, changed meanwhile), none, with exit 1 and the reason.
From the command line only pending figures are approved or rejected; to change a decision, undo it
first — a script never overwrites a reviewer's decision silently.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from capexwatch.cli.app import fail, get_config, main, open_store

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from store.models import User

T = TypeVar("T")
USER_OPTION = click.option("--user", "user_name", required=True, help="The enabled user deciding (see `users list`).")


@main.group()
def review() -> None:
    """List figures waiting for review and record decisions on them."""


def _usage(message: str) -> NoReturn:
    fail(message, status=2)


def _in_transaction(ctx: click.Context, user_name: str | None, work: Callable[[Session, User | None], T]) -> T:
    """Run ``work`` in one transaction as ``user_name``; refusals exit 1 (2 for a bad user)."""
    from store.database import session_factory
    from store.errors import DecisionConflict, InvalidDecision, UserError
    from store.users import active_user

    config = get_config(ctx)
    engine = open_store(config.database_url)
    try:
        with session_factory(engine).begin() as session:
            user = None
            if user_name is not None:
                try:
                    user = active_user(session, user_name)
                except UserError as exc:
                    _usage(f"--user: {exc}")
            return work(session, user)
    except (InvalidDecision, DecisionConflict) as exc:
        fail(f"{exc}; nothing was recorded")
    finally:
        engine.dispose()


def _pending_version(session: Session, figure_id: int) -> int:
    """The version of pending figure ``figure_id``; refuses a decided one, naming who decided it."""
    from store.decisions import decisions_of, review_state
    from store.errors import InvalidDecision, UnknownFigure
    from store.models import Figure

    figure = session.get(Figure, figure_id)
    if figure is None:
        raise UnknownFigure(f"no figure with id {figure_id}")
    if figure.status != "pending":
        latest = review_state(figure, decisions_of(session, figure_id)).latest
        who = f" by {latest.reviewer} at {latest.decided_at:%Y-%m-%d %H:%M} UTC" if latest is not None else ""
        raise InvalidDecision(
            f"figure {figure_id} is already {figure.status}{who}; "
            f"`capexwatch review undo {figure_id}` first to decide it again"
        )
    return figure.version


def _decide_pending(ctx: click.Context, ids: tuple[int, ...], user_name: str, decision: str, note: str | None) -> None:
    from store.decisions import record_decision

    def work(session: Session, user: User | None) -> list[str]:
        assert user is not None
        done = []
        for figure_id in dict.fromkeys(ids):
            version = _pending_version(session, figure_id)
            record = record_decision(session, figure_id, decision, user, note=note, expected_version=version)
            done.append(f"{decision} figure {figure_id} ({record.figure.text}) as {user.name}")
        return done

    for line in _in_transaction(ctx, user_name, work):
        click.echo(line)


@review.command("approve")
@click.argument("ids", nargs=-1, required=True, type=int)
@USER_OPTION
@click.pass_context
def approve_command(ctx: click.Context, ids: tuple[int, ...], user_name: str) -> None:
    """Approve the pending figures IDS (all or none)."""
    _decide_pending(ctx, ids, user_name, "approved", None)


@review.command("reject")
@click.argument("ids", nargs=-1, required=True, type=int)
@click.option("--reason", required=True, help="Why the figures are wrong (kept with the decision).")
@USER_OPTION
@click.pass_context
def reject_command(ctx: click.Context, ids: tuple[int, ...], reason: str, user_name: str) -> None:
    """Reject the pending figures IDS with a reason (all or none)."""
    if not reason.strip():
        _usage("--reason cannot be empty")
    _decide_pending(ctx, ids, user_name, "rejected", reason)


@review.command("correct")
@click.argument("figure_id", type=int)
@click.option("--amount", help="The right amount, e.g. 160bn or 160000000000.")
@click.option("--amount-high", help="The top of a range (an empty string clears it).")
@click.option("--currency", help="ISO 4217 code, e.g. CNY.")
@click.option("--year", type=click.IntRange(1900, 2200), help="The year the figure is for.")
@click.option("--source", help="Who the figure is attributed to (an empty string: unattributed).")
@click.option("--subject", help="Whose money it is.")
@click.option("--metric", help="What it measures: capex, revenue, valuation, price, other.")
@click.option("--note", help="Why, kept with the decision.")
@USER_OPTION
@click.pass_context
def correct_command(ctx: click.Context, figure_id: int, note: str | None, user_name: str, **values: Any) -> None:
    """Correct figure FIGURE_ID (given fields only; the extraction is kept) and approve it."""
    from review.amounts import parse_amount
    from store.decisions import record_decision
    from store.errors import UnknownFigure
    from store.models import Figure

    corrected: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        if name in ("amount", "amount_high"):
            if name == "amount_high" and not value.strip():
                corrected[name] = None
                continue
            try:
                corrected[name] = parse_amount(value)
            except ValueError as exc:
                _usage(f"--{name.replace('_', '-')}: {exc}")
        elif isinstance(value, str):
            corrected[name] = value.strip() or None
        else:
            corrected[name] = value
    if not corrected:
        _usage("nothing to correct: give at least one of --amount, --amount-high, --currency, --year, "
               "--source, --subject, --metric")  # fmt: skip

    def work(session: Session, user: User | None) -> str:
        assert user is not None
        figure = session.get(Figure, figure_id)
        if figure is None:
            raise UnknownFigure(f"no figure with id {figure_id}")
        seen = figure.version
        record = record_decision(
            session, figure_id, "corrected", user, note=note, corrected=corrected, expected_version=seen
        )
        changed = ", ".join(f"{k}={v}" for k, v in (record.corrected or {}).items())
        return f"corrected figure {figure_id} ({changed}) and approved it, as {user.name}"

    click.echo(_in_transaction(ctx, user_name, work))


@review.command("undo")
@click.argument("ids", nargs=-1, required=True, type=int)
@USER_OPTION
@click.pass_context
def undo_command(ctx: click.Context, ids: tuple[int, ...], user_name: str) -> None:
    """Take back the latest decision on each figure IDS (appends an undo record; all or none)."""
    from store.decisions import undo_decision

    def work(session: Session, user: User | None) -> list[str]:
        assert user is not None
        done = []
        for figure_id in dict.fromkeys(ids):
            record = undo_decision(session, figure_id, user)
            session.refresh(record.figure)
            done.append(f"undid decision {record.undoes_id} on figure {figure_id}: now {record.figure.status}")
        return done

    for line in _in_transaction(ctx, user_name, work):
        click.echo(line)


@review.command("history")
@click.argument("figure_id", type=int)
@click.pass_context
def history_command(ctx: click.Context, figure_id: int) -> None:
    """Every decision on figure FIGURE_ID: when, who, what (tab-separated, oldest first)."""
    from store.decisions import decisions_of, standing
    from store.errors import UnknownFigure
    from store.models import Figure

    def work(session: Session, _user: User | None) -> list[str]:
        if session.get(Figure, figure_id) is None:
            raise UnknownFigure(f"no figure with id {figure_id}")
        records = decisions_of(session, figure_id)
        stand = {d.id for d in standing(records)}
        lines = []
        for d in records:
            detail = json.dumps(d.corrected, ensure_ascii=False) if d.corrected else (d.note or "")
            if d.decision == "undo":
                detail = f"takes back {d.undoes_id}"
            state = "" if d.decision == "undo" or d.id in stand else "undone"
            lines.append("\t".join([str(d.id), d.decided_at.strftime("%Y-%m-%d %H:%M:%S UTC"), d.reviewer,
                                    d.decision, detail, state]).rstrip("\t"))  # fmt: skip
        return lines

    click.echo("id\twhen\twho\twhat\tdetail\tstate")
    for line in _in_transaction(ctx, None, work):
        click.echo(line)


def _number(value: Decimal | None) -> int | float | None:
    from extract.figure import decimal_to_json

    return decimal_to_json(value)


@review.command("list")
@click.option("--status", default="pending", show_default=True, help="pending, approved, rejected or all.")
@click.option("--subject", help="Whose money (effective value; any case).")
@click.option("--metric", help="capex, revenue, valuation, price or other.")
@click.option("--source", help="Who the figure is attributed to.")
@click.option("--year", type=int, help="The year the figure is for.")
@click.option("--outlet", help="The article's outlet.")
@click.option("--user", "user_name", help="Only figures whose current decision is by this user.")
@click.option("--limit", type=click.IntRange(1, None), default=50, show_default=True, help="At most this many figures.")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@click.pass_context
def list_command(ctx: click.Context, user_name: str | None, limit: int, fmt: str, **filters: Any) -> None:
    """Figures matching the filters, newest article first, with their USD equivalent."""
    from review.formatting import day, money
    from review.queue import FilterError, QueueFilters, find_figures
    from store.rates import RateTable

    given = {**filters, "decided_by": user_name}
    try:
        chosen = QueueFilters.parse({key: "" if value is None else str(value) for key, value in given.items()})
    except FilterError as exc:
        _usage(str(exc))

    def work(session: Session, _user: User | None) -> list[tuple[dict[str, Any], str]]:
        result = find_figures(session, chosen, RateTable.load(session), page_size=limit)
        rows = []
        for item in result.items:
            v, figure, article, latest = item.effective, item.figure, item.article, item.state.latest
            rate = item.usd.rate if item.usd else None
            row = {
                "id": figure.id, "version": figure.version, "status": item.state.status, "text": figure.text,
                "amount": _number(v["amount"]), "amount_high": _number(v["amount_high"]), "currency": v["currency"],
                "shown": money(v["amount"], v["currency"], v["amount_high"]),
                "usd": _number(item.usd.usd) if item.usd else None,
                "usd_rate": str(rate.usd_per_unit) if rate else None, "usd_rate_date": day(rate.day) if rate else None,
                "year": v["year"], "source": v["source"], "subject": v["subject"], "metric": v["metric"],
                "corrected_fields": sorted(item.state.corrected_fields),
                "outlet": article.outlet, "published": day(article.published) if article.published else None,
                "article_url": article.url, "sentence": figure.sentence,
                "decided_by": latest.reviewer if latest else None,
                "decided_at": latest.decided_at.isoformat() if latest else None,
            }  # fmt: skip
            usd = f"{money(item.usd.usd, 'USD')} ({day(rate.day)})" if item.usd and rate else ""
            text = "\t".join(str(x if x is not None else "") for x in (
                figure.id, item.state.status, figure.text, row["shown"], usd, v["year"], v["source"],
                v["subject"], v["metric"], article.outlet, row["published"],
            ))  # fmt: skip
            rows.append((row, text))
        return rows

    rows = _in_transaction(ctx, None, work)
    if fmt == "jsonl":
        for row, _text in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    click.echo("id\tstatus\twritten\tamount\t≈USD\tyear\tsource\tsubject\tmetric\toutlet\tpublished")
    for _row, text in rows:
        click.echo(text)
