"""``capexwatch demo``: the whole pipeline on the bundled news site, offline, in well under a minute.

It is the same code path as a nightly run — configuration objects, the Scrapy crawl with every
pipeline and the private-address gate, Alembic-migrated SQLite — pointed at a site served from
this package on 127.0.0.1 instead of the internet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal

from capexwatch.config import Config
from crawler.sources import Source


def run_demo(
    config: Config,
    database_url: str,
    label: str,
    *,
    log_level: str = "WARNING",
    progress: Callable[[str], None] | None = None,
) -> Iterator[str]:
    """Crawl the demo site into ``database_url`` and yield the lines to print.

    ``label`` says where the figures are kept (a path, a masked URL, or that the database is
    temporary); the watch and crawl limits come from ``config``, the sources are always the demo
    site's, and its dated pages are crawled whatever ``max_age_days`` says.
    """
    from capexwatch.demo.site import demo_sources, serve_site
    from capexwatch.nightly import crawl_and_extract
    from store.database import open_database, session_factory
    from store.queries import export_rows

    engine = open_database(database_url)
    with serve_site() as base_url:
        sources = [Source(name=s["name"], kind=s["kind"], url=s["url"]) for s in demo_sources(base_url)]
        yield f"demo site: {base_url} ({len(sources)} sources)"
        crawl = replace(config.crawl, max_age_days=0.0, redis_url=None)
        demo = replace(config, sources=tuple(sources), database_url=database_url, crawl=crawl)
        report, _figures = crawl_and_extract(demo, sources, progress=progress, log_level=log_level)
    yield from report.summary_lines()
    yield ""
    yield f"figures stored in {label}:"
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
