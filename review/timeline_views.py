"""``/timeline``: the subjects with approved figures, and one subject's chart and table."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue

from review.chart import build_chart, colours
from review.db import db, rates
from review.timeline import claims, metrics, subjects

bp = Blueprint("timeline", __name__)


@bp.get("/timeline")
def timeline() -> ResponseReturnValue:
    subject = (request.args.get("subject") or "").strip()
    if not subject:
        return render_template("timeline_index.html", subjects=subjects(db()))
    known = metrics(db(), subject)
    metric = (request.args.get("metric") or "").strip() or (known[0] if known else "capex")
    found = claims(db(), subject, metric, rates())
    return render_template(
        "timeline.html",
        subject=subject,
        metric=metric,
        metrics=known,
        claims=found,
        chart=build_chart(found),
        palette=colours(found),
    )
