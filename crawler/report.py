"""CrawlReport: what one crawl did, per source and in total, read from the crawl's stats."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

from crawler.sources import Source

if TYPE_CHECKING:
    from crawler.figure_stage import FigureReport

_ERRORS = "capexwatch/errors/"
_SOURCE = "capexwatch/source/"


def _prefixed(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    return {key[len(prefix) :]: int(value) for key, value in stats.items() if key.startswith(prefix)}


@dataclass(slots=True)
class CrawlReport:
    """Totals of a crawl run and, under ``per_source[name]``, each source's own counts.

    Plain data (``to_json``) so a run record can keep it. Each source has ``listed``,
    ``pages_fetched``, ``articles`` (kept), ``figures`` (after the figure stage), ``skipped_*``,
    ``dropped`` and ``errors`` by kind (``http_500``, ``timeout``, ``dns``, ``not_xml``,
    ``too_large``, ``refused_private``, ``decode``, …); ``errors`` at the top counts every kind
    over the whole run, including errors of no source (a refused robots.txt, a failed write).
    A source whose feed or sitemap itself could not be read is in ``sources_failed``.
    """

    sources: int = 0
    sources_failed: int = 0
    pages_fetched: int = 0
    articles_kept: int = 0
    figures_found: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    per_source: dict[str, dict[str, Any]] = field(default_factory=dict)
    finish_reason: str | None = None
    store_seconds: float = 0.0

    @classmethod
    def from_stats(cls, sources: Iterable[Source], stats: Mapping[str, Any]) -> CrawlReport:
        """Built from the crawl's stats (one crawler for every source)."""
        report = cls(
            finish_reason=stats.get("finish_reason"), store_seconds=float(stats.get("capexwatch/store_seconds", 0))
        )
        for source in sources:
            own = _prefixed(stats, f"{_SOURCE}{source.name}/")
            # No finish_reason: the crawl never ran (a component failed to open).
            failed = own.get("listing_failed", 0) > 0 or not stats.get("finish_reason")
            entry = {
                "kind": source.kind,
                "url": source.url,
                "failed": failed,
                "listed": own.get("listed", 0),
                "skipped_seen": own.get("skipped_seen", 0),
                "skipped_listed_twice": own.get("skipped_listed_twice", 0),
                "skipped_old": own.get("skipped_old", 0),
                "pages_fetched": own.get("pages_fetched", 0),
                "articles": own.get("articles_kept", 0),
                "figures": 0,
                "dropped": _prefixed(own, "dropped/"),
                "errors": _prefixed(own, "errors/"),
            }
            report.per_source[source.name] = entry
            report.sources += 1
            report.sources_failed += int(failed)
            report.pages_fetched += entry["pages_fetched"]
            report.articles_kept += entry["articles"]
        report.errors = dict(sorted(_prefixed(stats, _ERRORS).items()))
        return report

    def add_figures(self, stage: FigureReport) -> None:
        """Count the figure stage's figures and errors into this report, per source and in total."""
        for name, counts in stage.per_source.items():
            entry = self.per_source.get(name)
            if entry is not None:
                entry["figures"] += counts["figures"]
                for kind, n in counts["errors"].items():
                    entry["errors"][kind] = entry["errors"].get(kind, 0) + n
        self.figures_found += stage.figures
        for kind, n in stage.errors.items():
            self.errors[kind] = self.errors.get(kind, 0) + n
        self.errors = dict(sorted(self.errors.items()))

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict (for ``python -m crawler.run`` and the tests that run it)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CrawlReport:
        """The report back from :meth:`to_json` (keys it does not know, e.g. a stage's, are left out)."""
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})

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
