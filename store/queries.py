"""The store's reads and writes. The caller owns the session and the transaction.

None of these functions commits: a crawler pipeline wraps one article and its figures in
``with factory.begin() as session: add_article(session, ...)`` so they are stored together or not
at all (SQLAlchemy's session_basics "wrong way" example is a helper that commits for its caller).
They may flush, so generated ids are available to the caller inside its transaction.

Duplicate articles are refused in two layers: a cheap lookup of the URL, canonical URL and text
hash first, then an ``INSERT … ON CONFLICT DO NOTHING`` on the unique ``url`` and
``content_hash`` columns, so two crawls racing on the same page cannot both store it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.decisions import CORRECTABLE_FIELDS, record_decision, review_states
from store.errors import InvalidRecord, StoreError
from store.models import FIGURE_STATUSES, Article, Figure, SeenUrl
from store.records import NewArticle, NewFigure
from store.types import utcnow

__all__ = ["CORRECTABLE_FIELDS", "EXPORT_KEYS", "record_decision"]  # the review API is re-exported here

#: Keys of every dict :func:`export_rows` yields, in order: the figure as extracted, its article,
#: then its review — the effective values (after any correction), which fields a correction changed,
#: and the decision that gives the status, who made it and when.
EXPORT_KEYS: tuple[str, ...] = (
    "id", "amount", "amount_high", "currency", "year", "source", "subject", "anonymous",
    "qualifier", "metric", "claim", "text", "sentence", "start", "end", "rule", "ruleset",
    "status", "article_url", "article_title", "outlet", "published", "article_id",
    *(f"effective_{name}" for name in CORRECTABLE_FIELDS),
    "corrected_fields", "decision", "decided_by", "decided_at", "decision_note",
)  # fmt: skip
#: Figures read per batch by :func:`export_rows` (their decisions are read in one query per batch).
EXPORT_BATCH = 500
_WHITESPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """SHA-256 hex digest of ``text`` after Unicode NFKC and whitespace normalisation.

    The same article syndicated or re-rendered differs in line breaks, non-breaking spaces and
    full-width characters; those must not make it look new. Wording changes do.
    """
    normalised = _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _insert(session: Session) -> Any:
    """The dialect's ``insert`` construct (they alone offer ``on_conflict_*``)."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert
    if name == "sqlite":
        return sqlite.insert
    raise StoreError(f"no upsert support for database dialect {name!r}")


def upsert(session: Session, model: type[Any], values: Mapping[str, Any], keys: Sequence[str]) -> None:
    """Insert ``values`` as a row of ``model``, or update the row with the same ``keys`` columns."""
    insert = _insert(session)
    statement = insert(model).values(**values)
    updates = {name: getattr(statement.excluded, name) for name in values if name not in keys}
    session.execute(statement.on_conflict_do_update(index_elements=list(keys), set_=updates))


def is_stored(session: Session, urls: Iterable[str]) -> bool:
    """True if any of ``urls`` is already stored as an article's URL or canonical URL."""
    wanted = sorted({url for url in urls if url})
    if not wanted:
        return False
    query = select(Article.id).where(
        or_(Article.url.in_(wanted), Article.canonical_url.in_(wanted))
    )
    return session.scalar(query.limit(1)) is not None


def _figure_row(article_id: int, figure: NewFigure, run_id: int | None = None) -> Figure:
    """The ORM row for ``figure`` of the article with id ``article_id``, added by run ``run_id``."""
    return Figure(
        article_id=article_id,
        run_id=run_id,
        amount=figure.amount,
        amount_high=figure.amount_high,
        currency=figure.currency,
        year=figure.year,
        source=figure.source,
        subject=figure.subject,
        anonymous=figure.anonymous,
        qualifier=figure.qualifier,
        metric=figure.metric,
        claim=figure.claim,
        text=figure.text,
        sentence=figure.sentence,
        sentence_start=figure.sentence_start,
        start=figure.start,
        end=figure.end,
        rule=figure.rule,
        ruleset=figure.ruleset,
        status="pending",
        created=utcnow(),
    )


def _check_provenance(text: str, figure: NewFigure) -> None:
    """Refuse a figure whose offsets do not select its written amount in the article text.

    A reviewer is shown ``text[start:end]``; storing offsets into some other text (a title, a
    normalised copy) would show them the wrong words, silently. Fail loudly instead.
    """
    if text[figure.start : figure.end] != figure.text:
        raise InvalidRecord(
            f"figure {figure.text!r} at {figure.start}..{figure.end} does not match the article "
            f"text there ({text[figure.start : figure.end]!r})"
        )


def _already_stored(session: Session, article: NewArticle, digest: str) -> bool:
    """The cheap first layer of duplicate detection: URL, canonical URL or text hash known.

    Canonical URLs are only checked here (they are not unique: publishers point many pages at
    one canonical), so two racing crawls could both store pages sharing only a canonical URL.
    """
    if is_stored(session, (article.url, article.canonical_url or "")):
        return True
    return session.scalar(select(Article.id).where(Article.content_hash == digest)) is not None


def add_article(
    session: Session,
    article: NewArticle,
    figures: Sequence[NewFigure],
    *,
    run_id: int | None = None,
    figures_ruleset: str | None = None,
) -> Article | None:
    """Store ``article`` and its ``figures``; ``None`` (and nothing stored) if it is a duplicate.

    ``run_id`` is the run that adds them (null when runs are not recorded). ``figures_ruleset``
    says the figures given are every figure of that rule-set (the figure stage then skips the
    article); left None, the article waits for the figure stage.

    A duplicate is an article whose URL or canonical URL is already stored (as either), or
    whose text has the same :func:`content_hash`. Flushes, does not commit. Raises
    :class:`~store.errors.InvalidRecord` if a figure's offsets do not select its ``text``.
    """
    for figure in figures:
        _check_provenance(article.text, figure)
    digest = content_hash(article.text)
    if _already_stored(session, article, digest):
        return None
    insert = _insert(session)
    statement = (
        insert(Article)
        .values(
            url=article.url,
            canonical_url=article.canonical_url,
            title=article.title,
            outlet=article.outlet,
            author=article.author,
            published=article.published,
            fetched=article.fetched,
            text=article.text,
            content_hash=digest,
            source_name=article.source_name,
            language=article.language,
            run_id=run_id,
            figures_ruleset=figures_ruleset,
        )
        .on_conflict_do_nothing()
        .returning(Article.id)
    )
    article_id = session.scalar(statement)
    if article_id is None:  # another transaction stored the same URL or text meanwhile
        return None
    session.add_all([_figure_row(article_id, figure, run_id) for figure in figures])
    session.flush()
    return session.get_one(Article, article_id)


def seen_urls(session: Session, outcomes: Iterable[str] | None = None) -> set[str]:
    """Every URL fetched before (optionally only those with one of ``outcomes``)."""
    query = select(SeenUrl.url)
    if outcomes is not None:
        query = query.where(SeenUrl.outcome.in_(list(outcomes)))
    return set(session.scalars(query))


def mark_seen(
    session: Session, url: str, outcome: str, source_name: str | None, when: datetime | None = None
) -> None:
    """Remember that ``url`` was fetched and what became of it (upsert).

    A URL seen again keeps its ``first_seen`` and first known ``source_name``; ``outcome`` and
    ``last_seen`` become the latest. ``when`` defaults to now and must be timezone-aware.
    """
    moment = utcnow() if when is None else when
    insert = _insert(session)
    statement = insert(SeenUrl).values(
        url=url, outcome=outcome, source_name=source_name, first_seen=moment, last_seen=moment
    )
    statement = statement.on_conflict_do_update(
        index_elements=[SeenUrl.url],
        set_={
            "outcome": statement.excluded.outcome,
            "last_seen": statement.excluded.last_seen,
            "source_name": func.coalesce(
                SeenUrl.__table__.c.source_name, statement.excluded.source_name
            ),
        },
    )
    session.execute(statement)


def mark_seen_many(session: Session, marks: Iterable[tuple[str, str, str | None]]) -> None:
    """:func:`mark_seen` for many ``(url, outcome, source_name)`` at once, in one statement.

    A URL given twice keeps its last outcome (one statement may not touch a row twice).
    """
    moment = utcnow()
    rows = {url: {"url": url, "outcome": outcome, "source_name": source, "first_seen": moment, "last_seen": moment}
            for url, outcome, source in marks}  # fmt: skip
    if not rows:
        return
    statement = _insert(session)(SeenUrl).values(list(rows.values()))
    statement = statement.on_conflict_do_update(
        index_elements=[SeenUrl.url],
        set_={
            "outcome": statement.excluded.outcome,
            "last_seen": statement.excluded.last_seen,
            "source_name": func.coalesce(SeenUrl.__table__.c.source_name, statement.excluded.source_name),
        },
    )
    session.execute(statement)


def export_rows(session: Session, status: str | None = None) -> Iterator[dict[str, Any]]:
    """One dict per figure (keys :data:`EXPORT_KEYS`), optionally only those with ``status``.

    Ordered by the article's publication time (undated articles last), then by article, then by
    position in the text, so a reader sees figures in the order they were reported. Amounts are
    ``Decimal``; ``published`` and ``decided_at`` are ISO 8601 UTC strings or ``None``. The
    extracted values stay in the plain fields; ``effective_*`` are what a reviewer's corrections
    made of them (equal to the extracted ones when nothing was corrected).
    """
    if status is not None and status not in FIGURE_STATUSES:
        raise StoreError(
            f"unknown figure status {status!r}; expected one of {', '.join(FIGURE_STATUSES)}"
        )
    query = (
        select(
            Figure,
            Article.url.label("article_url"),
            Article.title.label("article_title"),
            Article.outlet,
            Article.published,
        )
        .join(Figure.article)
        .order_by(
            Article.published.is_(None), Article.published, Article.id, Figure.start, Figure.id
        )
    )
    if status is not None:
        query = query.where(Figure.status == status)
    rows = session.execute(query)
    while batch := rows.fetchmany(EXPORT_BATCH):
        states = review_states(session, [row[0] for row in batch])
        for figure, article_url, article_title, outlet, published in batch:
            state = states[figure.id]
            latest = state.latest
            yield {
                "id": figure.id,
                "amount": figure.amount,
                "amount_high": figure.amount_high,
                "currency": figure.currency,
                "year": figure.year,
                "source": figure.source,
                "subject": figure.subject,
                "anonymous": figure.anonymous,
                "qualifier": figure.qualifier,
                "metric": figure.metric,
                "claim": figure.claim,
                "text": figure.text,
                "sentence": figure.sentence,
                "start": figure.start,
                "end": figure.end,
                "rule": figure.rule,
                "ruleset": figure.ruleset,
                "status": figure.status,
                "article_url": article_url,
                "article_title": article_title,
                "outlet": outlet,
                "published": published.isoformat() if published is not None else None,
                "article_id": figure.article_id,
                **{f"effective_{name}": state.effective[name] for name in CORRECTABLE_FIELDS},
                "corrected_fields": [name for name in CORRECTABLE_FIELDS if name in state.corrected_fields],
                "decision": latest.decision if latest is not None else None,
                "decided_by": latest.reviewer if latest is not None else None,
                "decided_at": latest.decided_at.isoformat() if latest is not None else None,
                "decision_note": latest.note if latest is not None else None,
            }


def counts(session: Session) -> dict[str, Any]:
    """How much is stored: ``{"articles": n, "figures": n, "figures_by_status": {status: n}}``.

    Every known status is present (0 when none), so a report never has to guess a missing key.
    """
    by_status = dict.fromkeys(FIGURE_STATUSES, 0)
    for status, number in session.execute(
        select(Figure.status, func.count()).group_by(Figure.status)
    ):
        by_status[status] = number
    return {
        "articles": session.scalar(select(func.count()).select_from(Article)) or 0,
        "figures": sum(by_status.values()),
        "figures_by_status": by_status,
    }
