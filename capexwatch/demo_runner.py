"""``capexwatch demo``: the whole pipeline on the bundled news site, offline, in well under a minute.

It is the same code path as a nightly run — configuration objects, the Scrapy crawl with every
pipeline and the private-address gate, Alembic-migrated SQLite — pointed at a site served from
this package on 127.0.0.1 instead of the internet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import Decimal
from typing import Any

from crawler.sources import Source
from extract.watch import DEFAULT_WATCH, Watch


def run_demo(
    database_url: str,
    label: str,
    *,
    watch: Watch = DEFAULT_WATCH,
    settings: Mapping[str, Any] | None = None,
    progress: Callable[[str], None] | None = None,
) -> Iterator[str]:
    """Crawl the demo site into ``database_url`` and yield the lines to print.

    ``label`` says where the figures are kept (a path, a masked URL, or that the database is
    temporary); ``watch`` and ``settings`` come from the user's configuration, the sources are
    always the demo site's.
    """
    from capexwatch.demo.site import demo_sources, serve_site
    from crawler.run import run_crawl
    from store.database import open_database, session_factory
    from store.queries import export_rows

    engine = open_database(database_url)
    with serve_site() as base_url:
        sources = [Source(name=s["name"], kind=s["kind"], url=s["url"]) for s in demo_sources(base_url)]
        yield f"demo site: {base_url} ({len(sources)} sources)"
        report = run_crawl(sources, watch, database_url, progress=progress, settings_overrides=dict(settings or {}))
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
