"""A figure's page: the whole article with every figure in it highlighted, and who decided what, when."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy import select

from review.db import db, rates
from review.formatting import paragraphs
from review.queue import figure_item, filter_choices
from store.models import Figure

bp = Blueprint("figures", __name__)


@bp.get("/figures/<int:figure_id>")
def figure(figure_id: int) -> ResponseReturnValue:
    found = db().get(Figure, figure_id)
    if found is None:
        abort(404, f"There is no figure {figure_id}.")
    item = figure_item(db(), found, rates())
    others = list(db().scalars(select(Figure).where(Figure.article_id == found.article_id).order_by(Figure.start)))
    text = paragraphs(item.article.text, [(f.start, f.end, f.id) for f in others])
    by_id = {decision.id: decision for decision in item.state.history}
    undone_by = {d.undoes_id: d for d in item.state.history if d.undoes_id is not None}
    return render_template(
        "figure.html",
        item=item,
        paragraphs=text,
        others={f.id: f for f in others},
        history=item.state.history,
        by_id=by_id,
        undone_by=undone_by,
        here=url_for("figures.figure", figure_id=figure_id),
        choices=filter_choices(db()),
    )
