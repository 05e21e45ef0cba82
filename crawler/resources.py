"""Expensive things built once per crawl process and shared by every source's crawler.

One crawler runs per source, all in one process; each would otherwise open its own database
engine (and run the migrations again) and build its own spaCy pipeline. Keyed by the value
they are built from, so two crawls with different settings in one process never mix.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.orm import sessionmaker

    from extract.pipeline import FigureExtractor
    from extract.watch import Watch


@cache
def session_maker(database_url: str) -> sessionmaker:
    """A session factory for ``database_url``, migrations applied once per process."""
    from store.database import open_database, session_factory

    return session_factory(open_database(database_url))


@cache
def requested_this_run(database_url: str) -> set[str]:
    """Page URLs (normalised) requested by any source's crawler in this process so far.

    Two sources often list the same story (a publisher feed and a search feed); the crawlers
    have separate duplicate filters, so without this set the page would be fetched twice.
    """
    return set()


@cache
def figure_extractor(watch: Watch) -> FigureExtractor:
    """The figure extractor for ``watch`` (loads the spaCy rules: seconds, so only once)."""
    from extract.pipeline import FigureExtractor

    return FigureExtractor(watch)
