"""The queue page (``/``): pending figures, newest article first, filterable, cleared by keyboard."""

from __future__ import annotations

from flask import Blueprint, render_template, request, url_for
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import BadRequest

from review.auth import current_user
from review.db import db, rates, services
from review.queue import STATUS_CHOICES, QueueFilters, decided_today, filter_choices, find_figures
from store.decisions import last_undoable

bp = Blueprint("queue", __name__)

#: The keys the queue answers to, as shown on the page (``static/review.js`` implements them).
KEYS: tuple[tuple[str, str], ...] = (
    ("j ↓", "next"),
    ("k ↑", "previous"),
    ("a", "approve"),
    ("x", "reject (type a reason, Enter)"),
    ("c", "correct"),
    ("o", "open the article"),
    ("f", "figure page and history"),
    ("u ⌫", "undo your last decision"),
    ("?", "more keys"),
    ("space", "select"),
    ("A", "approve selected"),
    ("X", "reject selected"),
)


def _page(value: str | None) -> int:
    try:
        page = int(value or "1")
    except ValueError:
        raise BadRequest(f"page {value!r} is not a page number") from None
    if page < 1:
        raise BadRequest("page numbers start at 1")
    return page


@bp.get("/")
def queue() -> ResponseReturnValue:
    filters = QueueFilters.parse(request.args)
    result = find_figures(
        db(), filters, rates(), page=_page(request.args.get("page")), page_size=services().settings.page_size
    )
    user = current_user()
    ids = [item.figure.id for item in result.items]
    # After a decision the figure usually leaves the list: focus the one after it (or before it, at the end).
    next_urls = [
        url_for("queue.queue", **filters.as_args(page=result.page),
                focus=ids[i + 1] if i + 1 < len(ids) else (ids[i - 1] if i else None))
        for i in range(len(ids))
    ]  # fmt: skip
    decided = result.total if filters.status == "all" else sum(
        n for status, n in result.by_status.items() if status != "pending"
    )
    everything = sum(result.by_status.values())
    return render_template(
        "queue.html",
        result=result,
        filters=filters,
        choices=filter_choices(db()),
        statuses=STATUS_CHOICES,
        next_urls=next_urls,
        here=url_for("queue.queue", **filters.as_args(page=result.page)),
        undo=last_undoable(db(), user),
        today=decided_today(db(), user),
        decided=decided,
        everything=everything,
        keys=KEYS,
        focus=request.args.get("focus", ""),
    )
