"""The figure stage: the money figures of every stored article that has none of the current rules.

The crawl stores a kept article and moves on; this stage, run after it by ``capexwatch crawl`` (and
reusable by a re-extraction), reads those articles back in batches and runs the spaCy rules with
``nlp.pipe`` in the crawl's process pool — every core, and nothing on the reactor. Results are
written one transaction per batch with a savepoint per article, so each article gets all its
figures or none, and an article already read under this rule-set (by another process, or a
re-extraction running at the same time) is never given the same figures twice
(:func:`store.extraction.store_figures`).

An article whose rules fail is counted (``rules_failed``) and left unmarked: the next run tries it
again. Stopping half way (``should_stop``) loses nothing either: what is written is whole.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from crawler.resources import session_maker
from crawler.workers import ArticleFigures, WorkerPool, all_cores
from extract.watch import Watch
from store.extraction import PendingArticle, pending_article_ids, pending_articles, store_figures
from store.records import NewFigure

logger = logging.getLogger(__name__)

_FIGURE_FIELDS = tuple(f.name for f in fields(NewFigure))
#: Articles per task sent to a worker (and per ``nlp.pipe`` batch there).
BATCH_SIZE = 32
#: Tasks queued per worker, so a worker never waits while the main process writes.
TASKS_PER_WORKER = 2

#: A progress line each time this many more articles are read.
PROGRESS_EVERY = 200

#: Picks, from article ids, those this process should read; the others are someone else's.
Claim = Callable[[list[int]], list[int]]


@dataclass(slots=True)
class FigureReport:
    """What one figure stage did: articles read, figures stored, per source and in total.

    ``skipped`` counts articles that were read under this rule-set by someone else meanwhile (or
    claimed by another process of a distributed crawl). ``errors`` by kind: ``rules_failed`` (the
    rules raised on the article), ``store_failed`` (its figures could not be written).
    """

    ruleset: str = ""
    articles: int = 0
    figures: int = 0
    skipped: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    per_source: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: float = 0.0  # wall time of the stage
    store_seconds: float = 0.0  # CPU time spent reading articles and writing figures

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FigureReport:
        return cls(**data)

    def source(self, name: str) -> dict[str, Any]:
        return self.per_source.setdefault(name, {"articles": 0, "figures": 0, "errors": {}})

    def error(self, source_name: str, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1
        errors = self.source(source_name)["errors"]
        errors[kind] = errors.get(kind, 0) + 1

    def summary_line(self) -> str:
        line = f"figures: read {self.articles} articles · stored {self.figures} figures ({self.ruleset})"
        if self.skipped:
            line += f" · skipped {self.skipped} (read elsewhere)"
        if self.errors:
            line += " · errors " + ", ".join(f"{kind} {n}" for kind, n in sorted(self.errors.items()))
        return line


def extract_figures(
    database_url: str,
    watch: Watch,
    *,
    run_id: int | None = None,
    workers: int | None = None,
    pool: WorkerPool | None = None,
    batch_size: int = BATCH_SIZE,
    claim: Claim | None = None,
    progress: Callable[[str], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> FigureReport:
    """Extract and store the figures of every article without figures of the current rule-set.

    Figures are stored with ``run_id``. ``pool`` is the crawl's process pool; without one, a pool
    of ``workers`` processes (default: every core) is started and stopped here. ``claim`` splits
    the work between the processes of a distributed crawl. ``should_stop`` is asked between
    batches (a signal handler's flag): the stage then writes what it has and returns.
    """
    from extract.pipeline import FigureExtractor

    started = time.perf_counter()
    report = FigureReport(ruleset=FigureExtractor.ruleset)
    sessions = session_maker(database_url)
    with sessions() as session:
        ids = pending_article_ids(session, report.ruleset)
    if not ids:
        return report
    own_pool = pool is None
    if pool is None:
        pool = WorkerPool(workers or all_cores(), watch)
    try:
        _run(database_url, pool, ids, report, run_id, batch_size, claim, progress, should_stop)
    finally:
        if own_pool:
            pool.close()
    report.seconds = round(time.perf_counter() - started, 3)
    report.store_seconds = round(report.store_seconds, 4)
    if progress is not None:
        progress(report.summary_line())
    return report


def _run(
    database_url: str,
    pool: WorkerPool,
    ids: list[int],
    report: FigureReport,
    run_id: int | None,
    batch_size: int,
    claim: Claim | None,
    progress: Callable[[str], None] | None,
    should_stop: Callable[[], bool] | None,
) -> None:
    """Keep every worker busy with batches; write each batch as it comes back, in order."""
    sessions = session_maker(database_url)
    in_flight: deque[tuple[list[PendingArticle], Future[list[ArticleFigures]]]] = deque()
    limit = max(1, pool.workers * TASKS_PER_WORKER)
    for start in range(0, len(ids), batch_size):
        if should_stop is not None and should_stop():
            break
        chunk = ids[start : start + batch_size]
        mine = claim(chunk) if claim is not None else chunk
        report.skipped += len(chunk) - len(mine)
        if not mine:
            continue
        clock = time.thread_time()
        with sessions() as session:
            articles = pending_articles(session, mine)
        report.store_seconds += time.thread_time() - clock
        records = [(a.id, a.text, a.published.date() if a.published else None) for a in articles]
        in_flight.append((articles, pool.article_figures(records, batch_size)))
        while len(in_flight) >= limit:
            _write(database_url, *in_flight.popleft(), report, run_id, progress)
    while in_flight:
        _write(database_url, *in_flight.popleft(), report, run_id, progress)


def _write(
    database_url: str,
    articles: Sequence[PendingArticle],
    future: Future[list[ArticleFigures]],
    report: FigureReport,
    run_id: int | None,
    progress: Callable[[str], None] | None,
) -> None:
    """One transaction for the batch, one savepoint per article: each article all or nothing."""
    try:
        results = future.result()
    except Exception as exc:  # the worker itself died (killed, out of memory): the batch is retried next run
        logger.error("figure extraction of %d articles failed: %s", len(articles), exc)
        for article in articles:
            report.error(article.source_name, "rules_failed")
        return
    clock = time.thread_time()
    try:
        _commit(database_url, articles, results, report, run_id)
    finally:
        report.store_seconds += time.thread_time() - clock
    if progress is not None and report.articles // PROGRESS_EVERY > (report.articles - len(articles)) // PROGRESS_EVERY:
        progress(f"figures: read {report.articles} articles · {report.figures} figures")


def _commit(
    database_url: str,
    articles: Sequence[PendingArticle],
    results: list[ArticleFigures],
    report: FigureReport,
    run_id: int | None,
) -> None:
    by_id = {result.article_id: result for result in results}
    written: list[tuple[PendingArticle, int]] = []  # counted once the transaction commits
    try:
        with session_maker(database_url).begin() as session:
            for article in articles:
                result = by_id[article.id]
                if result.error is not None:
                    logger.error("rules failed on article %d: %s", article.id, result.error)
                    report.error(article.source_name, "rules_failed")
                    continue
                figures = [NewFigure(**{name: getattr(f, name) for name in _FIGURE_FIELDS}) for f in result.figures]
                try:
                    with session.begin_nested():
                        stored = store_figures(
                            session, article.id, report.ruleset, figures, text=article.text, run_id=run_id
                        )
                except Exception as exc:  # this article only: its savepoint is rolled back
                    logger.error("could not store the figures of article %d: %s", article.id, exc)
                    report.error(article.source_name, "store_failed")
                    continue
                if stored:
                    written.append((article, len(figures)))
                else:
                    report.skipped += 1
    except Exception as exc:  # the batch's transaction failed (database gone): nothing of it is kept
        logger.error("could not store the figures of %d articles: %s", len(articles), exc)
        for article in articles:
            if by_id[article.id].error is None:
                report.error(article.source_name, "store_failed")
        return
    for article, n in written:
        entry = report.source(article.source_name)
        entry["articles"] += 1
        entry["figures"] += n
        report.articles += 1
        report.figures += n
