"""CrawlReport: what one run did, per source and in total, read from the crawlers' stats."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from crawler.sources import Source

_ERRORS = "capexwatch/errors/"
_DROPPED = "capexwatch/dropped/"


def _int(stats: Mapping[str, Any], key: str) -> int:
    return int(stats.get(key, 0) or 0)


def _prefixed(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {key[len(prefix) :]: int(value) for key, value in stats.items() if key.startswith(prefix)}


@dataclass(slots=True)
class CrawlReport:
    """Totals of a crawl run and, under ``per_source[name]``, each source's own counts.

    ``errors`` counts by kind (``http_500``, ``timeout``, ``dns``, ``not_xml``, ``too_large``,
    ``refused_private``, ``decode``, …), summed over sources; a source whose feed or sitemap
    itself could not be read is in ``sources_failed``.
    """

    sources: int = 0
    sources_failed: int = 0
    pages_fetched: int = 0
    articles_kept: int = 0
    figures_found: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    per_source: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def from_stats(cls, runs: Iterable[tuple[Source, Mapping[str, Any]]]) -> CrawlReport:
        """Built from each source's crawler stats (one crawler per source)."""
        report = cls()
        errors: Counter[str] = Counter()
        for source, stats in runs:
            source_errors = _prefixed(stats, _ERRORS)
            # No finish_reason: the crawler never ran (a component failed to open).
            failed = _int(stats, "capexwatch/listing_failed") > 0 or not stats.get("finish_reason")
            entry = {
                "kind": source.kind,
                "url": source.url,
                "failed": failed,
                "listed": _int(stats, "capexwatch/listed"),
                "skipped_seen": _int(stats, "capexwatch/skipped_seen"),
                "skipped_listed_twice": _int(stats, "capexwatch/skipped_listed_twice"),
                "skipped_old": _int(stats, "capexwatch/skipped_old"),
                "pages_requested": _int(stats, "capexwatch/pages_requested"),
                "pages_fetched": _int(stats, "capexwatch/pages_fetched"),
                "articles": _int(stats, "capexwatch/articles_kept"),
                "figures": _int(stats, "capexwatch/figures"),
                "dropped": _prefixed(stats, _DROPPED),
                "errors": source_errors,
                "finish_reason": stats.get("finish_reason"),
            }
            report.per_source[source.name] = entry
            report.sources += 1
            report.sources_failed += int(failed)
            report.pages_fetched += entry["pages_fetched"]
            report.articles_kept += entry["articles"]
            report.figures_found += entry["figures"]
            errors.update(source_errors)
        report.errors = dict(sorted(errors.items()))
        return report

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (for ``python -m crawler.run`` and the tests that run it)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CrawlReport:
        return cls(**data)

    def summary_lines(self) -> list[str]:
        """Human-readable lines for the CLI: the totals, then one line per source."""
        lines = [
            f"{self.sources} sources ({self.sources_failed} failed) · fetched {self.pages_fetched} pages"
            f" · kept {self.articles_kept} articles · {self.figures_found} figures"
        ]
        if self.errors:
            lines.append("errors: " + ", ".join(f"{kind} {n}" for kind, n in self.errors.items()))
        for name, entry in self.per_source.items():
            status = "FAILED" if entry["failed"] else "ok"
            line = (
                f"[{name}] {status} · listed {entry['listed']} · skipped (seen) {entry['skipped_seen']}"
                f" · skipped (listed twice) {entry['skipped_listed_twice']}"
                + (f" · skipped (too old) {entry['skipped_old']}" if entry.get("skipped_old") else "")
                + f" · fetched {entry['pages_fetched']} · kept {entry['articles']}"
                f" · figures {entry['figures']}"
            )
            if entry["dropped"]:
                line += " · dropped " + ", ".join(f"{k} {n}" for k, n in sorted(entry["dropped"].items()))
            if entry["errors"]:
                line += " · errors " + ", ".join(f"{k} {n}" for k, n in sorted(entry["errors"].items()))
            lines.append(line)
        return lines
