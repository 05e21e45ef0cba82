"""Namespaced crawl counters: one place that spells the stats keys the report is built from.

Every count is kept twice, under ``capexwatch/<key>`` and ``capexwatch/source/<name>/<key>``,
so a run's total and each source's share read from the same stats without recomputation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

PREFIX = "capexwatch/"
SOURCE_PREFIX = "capexwatch/source/"


def count(crawler: Crawler, source_name: str | None, key: str, n: int = 1) -> None:
    """Add ``n`` to ``capexwatch/<key>`` and, if known, to the source's own counter."""
    stats = crawler.stats
    if stats is None:
        return
    stats.inc_value(f"{PREFIX}{key}", n)
    if source_name:
        stats.inc_value(f"{SOURCE_PREFIX}{source_name}/{key}", n)


def count_error(crawler: Crawler, source_name: str | None, kind: str) -> None:
    """Count one error of ``kind`` (``http_500``, ``timeout``, ``not_xml``, …)."""
    count(crawler, source_name, f"errors/{kind}")


def count_drop(crawler: Crawler, source_name: str | None, outcome: str) -> None:
    """Count one page dropped by a pipeline, by outcome (``irrelevant``, ``duplicate``, …)."""
    count(crawler, source_name, f"dropped/{outcome}")
