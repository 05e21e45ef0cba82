"""ArticleTextPipeline: the page's main text, metadata and relevance, worked out in a worker process.

trafilatura costs milliseconds of CPU per page; on the reactor thread that would stall every
download for as long. The page goes to the crawl's process pool (:mod:`crawler.workers`) and the
pipeline awaits the answer while the reactor goes on fetching.
"""

from __future__ import annotations

import asyncio

from crawler.items import PageItem
from crawler.pipelines.base import CrawlerPipeline
from crawler.workers import WorkerPool, all_cores
from extract.watch import DEFAULT_WATCH


class ArticleTextPipeline(CrawlerPipeline):
    """Drops a page without main text ("no main text"); the listing's date is the fallback for
    pages that carry none. Uses the pool in ``CAPEXWATCH_POOL``, or starts its own."""

    pool: WorkerPool
    own_pool: WorkerPool | None = None

    def open_spider(self) -> None:
        settings = self.crawler.settings
        pool = settings.get("CAPEXWATCH_POOL")
        if pool is None:
            workers = settings.getint("CAPEXWATCH_WORKERS") or all_cores()
            watch = settings.get("CAPEXWATCH_WATCH") or DEFAULT_WATCH
            pool = self.own_pool = WorkerPool(workers, watch, rules=False)
        self.pool = pool

    def close_spider(self) -> None:
        if self.own_pool is not None:
            self.own_pool.close()

    async def process_item(self, item: PageItem) -> PageItem:
        future = self.pool.page_text(item.html, item.url, item.listed_published, item.listed_title)
        result = await asyncio.wrap_future(future)
        item.html = ""  # the text is extracted: don't carry the page through the other pipelines
        if result.article is None:
            self.drop(item, "no_text", "no main text")
        item.article = result.article
        item.about = result.about
        return item
