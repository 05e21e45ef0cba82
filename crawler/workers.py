"""The process pool that does the crawl's CPU work: page text during the crawl, figures after it.

trafilatura and the spaCy rules are pure Python-and-C CPU work; run on the reactor thread they
stop every download while they run, and they use one core whatever the machine has. Here they run
in ``[crawl] workers`` processes (default: every core this process may use). One pool serves both
stages of a ``capexwatch crawl``, so its start-up cost (imports, building the rule pipeline) is
paid once per process, lazily: a worker builds the rule pipeline only when first asked for figures.

Made before the crawl starts (while this process has a single thread), the pool loads trafilatura,
builds and warms the rule pipeline once here and then forks its workers, which start as copies of
a ready process: the seconds of imports and spaCy set-up are paid once, not once per worker. Made
later (``scrapy crawl``'s own pool, once the reactor runs threads), the workers are fresh
interpreters ("spawn") that build what they need themselves: forking a process with threads is
unsafe. Workers are children of the process that owns the pool (their CPU time counts as its
children's); they ignore SIGINT — a Ctrl-C is the main process's to handle (it stops the crawl and
shuts the pool down), not a traceback in every worker — and end by themselves if that process dies.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

from extract.watch import Watch

if TYPE_CHECKING:
    from extract.text.article import ArticleContent
    from extract.figure import Figure
    from extract.pipeline import FigureExtractor

_watch: Watch | None = None
_extractor: FigureExtractor | None = None


@dataclass(frozen=True, slots=True)
class PageText:
    """A page's main text and metadata (None: no main text) and whether it is about the watch."""

    article: ArticleContent | None
    about: bool


@dataclass(frozen=True, slots=True)
class ArticleFigures:
    """The figures of one article, or why the rules failed on it (``error``)."""

    article_id: int
    figures: list[Figure]
    error: str | None = None


def all_cores() -> int:
    """The cores this process may run on (its CPU affinity, not the machine's count): the default
    pool size, so ``taskset -c 0 capexwatch crawl`` really uses one."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _prepare(watch: Watch, rules: bool) -> None:
    """Load what the workers need in this process, so forked workers inherit it ready to use."""
    global _watch
    import extract.text.article  # noqa: F401 - trafilatura and lxml, loaded once for every worker
    import extract.text.relevance  # noqa: F401

    _watch = watch
    if rules:
        _rule_pipeline().extract("Warm-up: ByteDance spent $1bn on chips in 2025.", None)


def _ready() -> int:
    return os.getpid()


def _start_worker(watch: Watch, owner: int) -> None:
    global _watch
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch = watch
    threading.Thread(target=_exit_with, args=(owner,), name="owner-watch", daemon=True).start()


def _exit_with(owner: int) -> None:
    """End this worker when the process that owns the pool is gone (killed, crashed): an orphan
    would otherwise wait for tasks for ever."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(owner, 0)
        except ProcessLookupError:
            os._exit(0)
        except PermissionError:  # a pid reused by someone else's process: ours is gone
            os._exit(0)


def page_text(html: str, url: str, fallback_published: datetime | None, listed_title: str | None) -> PageText:
    """Main text of ``html`` (run in a worker) and the relevance verdict on it."""
    from extract.text.article import extract_article
    from extract.text.relevance import is_about

    article = extract_article(html, url=url, fallback_published=fallback_published)
    if article is None or not (article.text or "").strip():
        return PageText(None, False)
    assert _watch is not None, "worker started without a watch"
    return PageText(article, is_about(_watch, article.text, article.title or listed_title or ""))


def article_figures(records: Sequence[tuple[int, str, date | None]], batch_size: int) -> list[ArticleFigures]:
    """Figures of each ``(article id, text, published)`` (run in a worker), with ``nlp.pipe``.

    If the batch fails, each article is retried alone so one text that breaks a rule costs only
    its own figures (reported as an error), not its batch's.
    """
    extractor = _rule_pipeline()
    try:
        batches = list(extractor.extract_many(((text, day) for _, text, day in records), batch_size=batch_size))
        return [ArticleFigures(record[0], figures) for record, figures in zip(records, batches, strict=True)]
    except Exception:  # noqa: BLE001 - isolated below, article by article
        results = []
        for article_id, text, day in records:
            try:
                results.append(ArticleFigures(article_id, extractor.extract(text, day)))
            except Exception as exc:  # noqa: BLE001 - one article's failure is reported, not raised
                results.append(ArticleFigures(article_id, [], error=f"{type(exc).__name__}: {exc}"))
        return results


def _rule_pipeline() -> FigureExtractor:
    global _extractor
    if _extractor is None:
        from extract.pipeline import FigureExtractor

        assert _watch is not None, "worker started without a watch"
        _extractor = FigureExtractor(_watch)
    return _extractor


class WorkerPool:
    """``workers`` processes for :func:`page_text` and :func:`article_figures`; a context manager.

    The pool stays in the process that made it; the crawl is handed it through the
    ``CAPEXWATCH_POOL`` setting, which Scrapy copies — so a copy is the pool itself.
    """

    def __init__(self, workers: int, watch: Watch, *, rules: bool = True) -> None:
        """``rules``: the pool will extract figures (build the rule pipeline before forking)."""
        if workers < 1:
            raise ValueError(f"workers must be at least 1, not {workers}")
        self.workers = workers
        self.watch = watch
        forking = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
        if forking:
            _prepare(watch, rules)
        context = multiprocessing.get_context("fork" if forking else "spawn")
        self.executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_start_worker, initargs=(watch, os.getpid())
        )
        if forking:  # fork every worker now, while this process still has one thread
            self.executor.submit(_ready).result()

    def page_text(
        self, html: str, url: str, fallback_published: datetime | None, listed_title: str | None
    ) -> Future[PageText]:
        return self.executor.submit(page_text, html, url, fallback_published, listed_title)

    def article_figures(
        self, records: Sequence[tuple[int, str, date | None]], batch_size: int = 32
    ) -> Future[list[ArticleFigures]]:
        return self.executor.submit(article_figures, list(records), batch_size)

    def close(self, *, cancel: bool = False) -> None:
        """Stop the workers (waiting for the tasks they run; ``cancel`` drops the queued ones)."""
        self.executor.shutdown(wait=True, cancel_futures=cancel)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        self.close(cancel=kind is not None)

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return self
