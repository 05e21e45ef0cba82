"""``capexwatch demo``: the whole pipeline on the bundled news site, offline, in well under a minute.

It is the same code path as a nightly run — configuration objects, the Scrapy crawl with every
pipeline and the private-address gate, Alembic-migrated SQLite — pointed at a site served from
this package on 127.0.0.1 instead of the internet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

from crawler.sources import Source
from extract.watch import DEFAULT_WATCH


def run_demo(
    db_path: Path, progress: Callable[[str], None] | None = None, log_level: str = "WARNING"
) -> Iterator[str]:
    """Crawl the demo site into ``db_path`` (a new SQLite file) and yield the lines to print."""
    from capexwatch.demo.site import demo_sources, serve_site
    from crawler.figure_stage import extract_figures
    from crawler.run import run_crawl
    from crawler.workers import WorkerPool, all_cores
    from store.database import open_database, session_factory
    from store.queries import export_rows

    url = f"sqlite:///{db_path}"
    engine = open_database(url)
    with serve_site() as base_url:
        sources = [Source(name=s["name"], kind=s["kind"], url=s["url"]) for s in demo_sources(base_url)]
        yield f"demo site: {base_url} ({len(sources)} sources)"
        with WorkerPool(all_cores(), DEFAULT_WATCH, rules=False) as pool:
            report = run_crawl(
                sources, DEFAULT_WATCH, url, progress=progress, pool=pool, settings_overrides={"LOG_LEVEL": log_level}
            )
        figures = extract_figures(url, DEFAULT_WATCH, workers=all_cores(), progress=progress)
        report.add_figures(figures)
    yield from report.summary_lines()
    yield ""
    yield f"figures stored in {db_path}:"
    with session_factory(engine)() as session:
        for row in export_rows(session):
            yield "  " + format_figure_row(row)
    engine.dispose()


def format_figure_row(row: dict) -> str:
    """One line per figure: amount, year, whose money, who said so, and where it was read."""
    amount = _money(row["amount"], row["currency"])
    if row["amount_high"] is not None:
        amount += "–" + _money(row["amount_high"], row["currency"])
    parts = [
        amount,
        f"year={row['year'] or '?'}",
        f"subject={row['subject'] or '?'}",
        f"source={row['source'] or '?'}" + (" (anonymous)" if row.get("anonymous") else ""),
        f"[{row['metric']}]",
        f"{row['outlet'] or '?'}: {row['article_title'] or row['article_url']}",
    ]
    return "  ".join(parts)


def _money(value: Decimal, currency: str) -> str:
    for scale, suffix in ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m")):
        if abs(value) >= scale:
            return f"{currency} {(value / scale).normalize():f}{suffix}"
    return f"{currency} {value.normalize():f}"
