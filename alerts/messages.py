"""What an alert says: the facts of a claim (or a source), rendered with the templates in templates.toml.

Templates are data (``alerts/templates.toml``), filled with ``str.format_map``: scraped values are
substituted as plain text and never parsed as a template themselves. Facts are kept with the alert
(JSON), so ``capexwatch alerts list --format json`` and any later re-rendering see the same data.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import Article, Claim, ClaimFigure, Figure

_SCALES = ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))


@cache
def templates() -> dict[str, dict[str, str]]:
    """The message templates, by alert kind."""
    text = resources.files("alerts").joinpath("templates.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def render(kind: str, fields: Mapping[str, Any]) -> tuple[str, str]:
    """The title and body of a ``kind`` message (a missing field is a bug in the caller: KeyError)."""
    template = templates()[kind]
    return template.get("title", "").format_map(fields), template["body"].format_map(fields)


def money_label(amount: Decimal, high: Decimal | None, currency: str) -> str:
    """``CNY 160bn``, ``USD 7bn–8bn``: the normalised amount, for readers comparing currencies."""

    def one(value: Decimal) -> str:
        for scale, suffix in _SCALES:
            if abs(value) >= scale:
                return f"{(value / scale).normalize():f}{suffix}"
        return f"{value.normalize():f}"

    return f"{currency} {one(amount)}" + (f"–{one(high)}" if high is not None else "")


def _day(article: Article) -> str:
    moment = article.published
    return moment.date().isoformat() if moment else "date unknown"


def _attribution(figure: Figure, article: Article) -> str:
    if figure.source:
        return figure.source
    if figure.anonymous:
        return "unnamed sources"
    return article.outlet or "no named source"


def claim_members(session: Session, claim_id: int) -> list[tuple[ClaimFigure, Figure, Article]]:
    """A claim's figures with their articles, in the order they were reported."""
    query = (
        select(ClaimFigure, Figure, Article)
        .join(Figure, ClaimFigure.figure_id == Figure.id)
        .join(Article, Figure.article_id == Article.id)
        .where(ClaimFigure.claim_id == claim_id)
        .order_by(Article.published.is_(None), Article.published, Article.id, Figure.start)
    )
    return [(link, figure, article) for link, figure, article in session.execute(query)]


def _first(members: Sequence[tuple[ClaimFigure, Figure, Article]]) -> tuple[Figure, Article]:
    for link, figure, article in members:
        if link.relation == "first":
            return figure, article
    _, figure, article = members[0]
    return figure, article


def claim_facts(session: Session, claim: Claim, review: str, run_id: int | None) -> dict[str, Any]:
    """Everything an alert about ``claim`` says: the figure as written and normalised, its year,
    attribution, subject, metric, sentence, article (title, outlet, date, link), what was known before
    (for a change) and its review state."""
    members = claim_members(session, claim.id)
    figure, article = _first(members)
    equivalents = [f.text for link, f, a in members if link.relation == "equivalent" and a.id == article.id]
    before: list[dict[str, Any]] = []
    if claim.previous_claim_id is not None:
        previous = session.get_one(Claim, claim.previous_claim_id)
        old_figure, old_article = _first(claim_members(session, previous.id))
        before.append(
            {
                "claim_id": previous.id,
                "amount": old_figure.text,
                "value": money_label(previous.amount, previous.amount_high, previous.currency),
                "attribution": _attribution(old_figure, old_article),
                "outlet": old_article.outlet,
                "reported": _day(old_article),
                "url": old_article.url,
            }
        )
    return {
        "kind": claim.kind,
        "claim_id": claim.id,
        "figure_id": figure.id,
        "run_id": run_id,
        "amount": figure.text,
        "value": money_label(claim.amount, claim.amount_high, claim.currency),
        "equivalents": equivalents,
        "year": claim.year,
        "subject": claim.subject,
        "metric": claim.metric,
        "attribution": _attribution(figure, article),
        "sentence": figure.sentence,
        "title": article.title or article.url,
        "url": article.url,
        "outlet": article.outlet or "unknown outlet",
        "published": _day(article),
        "before": before,
        "review": review,
    }


def claim_fields(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The template fields of a claim alert, from its facts."""
    before = facts["before"]
    previous = before[0] if before else None
    return {
        **facts,
        "equivalents": "".join(f" ({text})" for text in facts["equivalents"]),
        "before": (
            f"{previous['amount']}, {previous['attribution']}, {previous['reported']}"
            if previous
            else f"nothing known for {facts['subject']} {facts['metric']} {facts['year']}"
        ),
        "before_amount": previous["amount"] if previous else "nothing",
        "change_note": (
            f"; before: {previous['amount']}, {previous['attribution']}, {previous['reported']}"
            if previous
            else " (new)"
        ),
    }


def render_claim(facts: Mapping[str, Any]) -> tuple[str, str]:
    """Title and body of a ``new`` or ``change`` alert."""
    return render(facts["kind"], claim_fields(facts))


def render_digest(items: Sequence[Mapping[str, Any]], run_id: int | None) -> tuple[str, str]:
    """Title and body of one message listing every new or changed claim of a run."""
    rendered = [render("digest_item", claim_fields(item))[1] for item in items]
    return render("digest", {"count": len(items), "run_id": run_id, "items": "\n\n".join(rendered)})
