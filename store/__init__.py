"""capexwatch's store: articles, the money figures found in them, seen URLs and review decisions.

Typical use (the caller owns the transaction; one per article and its figures)::

    engine = open_database("sqlite:///capexwatch.db")      # creates/upgrades the schema
    sessions = session_factory(engine)
    with sessions.begin() as session:
        if add_article(session, new_article, new_figures) is None:
            ...  # already stored (same URL, canonical URL or text)
        mark_seen(session, new_article.url, "kept", new_article.source_name)

Nothing here imports the rest of capexwatch.
"""

from store.database import open_database, session_factory, upgrade_database
from store.decisions import ReviewState, review_state, review_states, undo_decision
from store.errors import (
    DatabaseUnreachable,
    DecisionConflict,
    InvalidDecision,
    InvalidRecord,
    SchemaMismatch,
    StoreError,
    UnknownFigure,
    UnsupportedDatabase,
    UserError,
)
from store.models import Article, Figure, ReviewDecision, SeenUrl, User
from store.queries import (
    add_article,
    content_hash,
    counts,
    export_rows,
    is_stored,
    mark_seen,
    record_decision,
    seen_urls,
)
from store.records import NewArticle, NewFigure

__all__ = [
    "Article",
    "DatabaseUnreachable",
    "DecisionConflict",
    "Figure",
    "InvalidDecision",
    "InvalidRecord",
    "NewArticle",
    "NewFigure",
    "ReviewDecision",
    "ReviewState",
    "SchemaMismatch",
    "SeenUrl",
    "StoreError",
    "UnknownFigure",
    "UnsupportedDatabase",
    "User",
    "UserError",
    "add_article",
    "content_hash",
    "counts",
    "export_rows",
    "is_stored",
    "mark_seen",
    "open_database",
    "record_decision",
    "review_state",
    "review_states",
    "seen_urls",
    "session_factory",
    "undo_decision",
    "upgrade_database",
]
