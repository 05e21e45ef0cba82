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


class RunLedger:
    """What this process's crawl has requested and judged so far, across every source.

    Two sources often list the same story (a publisher feed, and a search feed whose link
    redirects to it); the crawlers have separate duplicate filters, so without this ledger the
    page would be fetched twice. A redirect link skipped because its target is already on its
    way waits in ``aliases`` and is remembered as seen with the target's outcome once it is
    judged, so it is not requested next run either; if the target fails, neither is remembered.
    """

    def __init__(self) -> None:
        self.seen_before: set[str] | None = None  # the seen-URL table as the run started
        self.requested: set[str] = set()
        self.judged: dict[str, str] = {}
        self.aliases: dict[str, set[str]] = {}

    def judge(self, urls: list[str], outcome: str) -> list[str]:
        """Record ``outcome`` for ``urls``; return them plus the links waiting on any of them."""
        waiting: set[str] = set()
        for url in urls:
            self.judged[url] = outcome
            waiting |= self.aliases.pop(url, set())
        return list(dict.fromkeys([*urls, *sorted(waiting)]))

    def wait_for(self, target: str, links: list[str]) -> None:
        """Remember ``links`` (redirect hops) as seen once ``target`` is judged."""
        self.aliases.setdefault(target, set()).update(links)


@cache
def run_ledger(database_url: str) -> RunLedger:
    """The ledger shared by every crawler of this process writing to ``database_url``."""
    return RunLedger()


@cache
def figure_extractor(watch: Watch) -> FigureExtractor:
    """The figure extractor for ``watch`` (loads the spaCy rules: seconds, so only once)."""
    from extract.pipeline import FigureExtractor

    return FigureExtractor(watch)
