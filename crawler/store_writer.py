"""StoreWriter: every database write of the crawl, batched, on one thread off the reactor.

A write per page on the reactor thread (the old design: 502 commits for 500 pages) stalls every
download while the database works. Here pipelines and extensions hand their writes to this
extension and go on; the writes are committed in batches — one transaction per batch of pages —
by a single thread (SQLite wants one writer; PostgreSQL gets one connection per crawl process).

Each article is still all-or-nothing: it, and the URLs it answers to, go in a SAVEPOINT of the
batch's transaction, so one bad article is rolled back alone and the others commit. A pipeline
that needs the outcome (stored, or a duplicate) awaits it; seen-URL marks are fire-and-forget.
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

from scrapy import signals
from scrapy.exceptions import NotConfigured

from crawler.resources import session_maker
from crawler.stats import count

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

    from store.records import NewArticle

logger = logging.getLogger(__name__)

#: A batch is committed when it holds this many writes, or this long after its first one.
BATCH_SIZE = 64
BATCH_WAIT = 0.25


@dataclass(slots=True)
class ArticleWrite:
    """Store ``record``, and mark ``urls`` seen as kept, in one savepoint; ``done`` gets the result."""

    record: NewArticle
    urls: list[str]
    done: asyncio.Future[bool] = field(repr=False)


@dataclass(slots=True)
class SeenWrite:
    """Mark ``urls`` seen with ``outcome`` (no result awaited)."""

    urls: list[str]
    outcome: str
    source_name: str | None


class StoreWriter:
    """Extension: batches writes and commits them on its own thread.

    Other components find it with ``crawler.get_extension(StoreWriter)``. The last batch is
    committed when the spider closes (``spider_closed`` waits for it).
    """

    def __init__(self, crawler: Crawler, database_url: str, run_id: int | None) -> None:
        self.crawler = crawler
        self.database_url = database_url
        self.run_id = run_id
        self.pending: list[ArticleWrite | SeenWrite] = []
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="capexwatch-store")
        self.flushing: set[asyncio.Future[None]] = set()
        self.timer: asyncio.TimerHandle | None = None
        self.seconds = 0.0  # CPU time of the writer thread, for the report and the benchmark
        self.batches = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        database_url = crawler.settings.get("CAPEXWATCH_DATABASE_URL")
        if not database_url:
            raise NotConfigured("CAPEXWATCH_DATABASE_URL is not set")
        writer = cls(crawler, database_url, crawler.settings.get("CAPEXWATCH_RUN_ID"))
        crawler.signals.connect(writer.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(writer.spider_closed, signal=signals.spider_closed)
        return writer

    async def spider_opened(self, spider: Any) -> None:
        """Open (and migrate) the database on the writer thread before anything is fetched."""
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self.executor, session_maker, self.database_url)

    async def add_article(self, record: NewArticle, urls: list[str]) -> bool:
        """True once ``record`` is committed; False if the store already had it (a duplicate)."""
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._add(ArticleWrite(record, urls, done))
        return await done

    def mark_seen(self, urls: list[str], outcome: str, source_name: str | None) -> None:
        """Remember ``urls`` as fetched with ``outcome``, in the next batch."""
        if urls:
            self._add(SeenWrite(list(urls), outcome, source_name))

    def _add(self, write: ArticleWrite | SeenWrite) -> None:
        self.pending.append(write)
        if len(self.pending) >= BATCH_SIZE:
            self.flush()
        elif self.timer is None:
            self.timer = asyncio.get_running_loop().call_later(BATCH_WAIT, self.flush)

    def flush(self) -> asyncio.Future[None] | None:
        """Commit what is pending (on the writer thread); the returned future fires when done."""
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if not self.pending:
            return None
        batch, self.pending = self.pending, []
        loop = asyncio.get_running_loop()
        future = asyncio.ensure_future(self._commit_batch(loop, batch))
        self.flushing.add(future)
        future.add_done_callback(self.flushing.discard)
        return future

    async def _commit_batch(self, loop: asyncio.AbstractEventLoop, batch: list[ArticleWrite | SeenWrite]) -> None:
        try:
            results = await loop.run_in_executor(self.executor, self._commit, batch)
        except Exception as exc:  # the whole transaction failed: database gone, disk full, ...
            logger.error("could not store a batch of %d writes: %s", len(batch), exc)
            count(self.crawler, None, "errors/store_failed")
            results = [exc] * len(batch)
        for write, result in zip(batch, results, strict=True):
            if isinstance(write, ArticleWrite) and not write.done.done():
                if isinstance(result, BaseException):
                    write.done.set_exception(result)
                else:
                    write.done.set_result(bool(result))

    def _commit(self, batch: list[ArticleWrite | SeenWrite]) -> list[bool | BaseException | None]:
        """One transaction for the batch, one savepoint per article (runs on the writer thread)."""
        from store.queries import add_article, mark_seen, mark_seen_many

        started = time.thread_time()
        results: list[bool | BaseException | None] = []
        with session_maker(self.database_url).begin() as session:
            marks = []  # the dropped pages' URLs: one statement for the batch, after its articles
            for write in batch:
                if isinstance(write, SeenWrite):
                    marks.extend((url, write.outcome, write.source_name) for url in write.urls)
                    results.append(None)
                    continue
                try:
                    with session.begin_nested():
                        stored = add_article(session, write.record, [], run_id=self.run_id)
                        if stored is not None:
                            for url in write.urls:
                                mark_seen(session, url, "kept", write.record.source_name)
                    results.append(stored is not None)
                except Exception as exc:  # this article only: its savepoint is rolled back
                    logger.error("could not store %s: %s", write.record.url, exc)
                    results.append(exc)
            mark_seen_many(session, marks)
        self.seconds += time.thread_time() - started
        self.batches += 1
        return results

    async def spider_closed(self, spider: Any, reason: str) -> None:
        """Commit the last batch and wait for every batch in flight; record the write time."""
        self.flush()
        while self.flushing:
            await asyncio.gather(*self.flushing, return_exceptions=True)
        self.executor.shutdown(wait=True)
        if self.crawler.stats is not None:
            self.crawler.stats.set_value("capexwatch/store_seconds", round(self.seconds, 4))
            self.crawler.stats.set_value("capexwatch/store_batches", self.batches)
