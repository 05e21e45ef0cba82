"""The database session factory, built once per process and database URL.

The crawl's writer thread, the duplicate filter's first read and the figure stage all need the
store; opening it runs the migrations, which must happen once, not per component. Keyed by the
URL, so two crawls into different databases in one process never mix.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker


@cache
def session_maker(database_url: str) -> sessionmaker:
    """A session factory for ``database_url``, migrations applied once per process."""
    from store.database import open_database, session_factory

    return session_factory(open_database(database_url))
