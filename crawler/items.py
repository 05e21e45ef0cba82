"""The item a fetched page travels through the pipelines as.

A dataclass (Scrapy's itemadapter supports them) filled in stages: the spider sets what the
fetch and the feed/sitemap told; ArticleTextPipeline sets ``article`` and ``about`` (worked out
in a worker process); ``outcome`` says why an item stopped, for the seen-URL record. Figures are
not part of the crawl: the figure stage reads them from stored articles afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from crawler.urls import usable_canonical


@dataclass(slots=True, repr=False)
class PageItem:
    """One fetched page and its provenance.

    ``requested_url`` is what the feed linked to (a search engine's redirecting link, say) and
    ``url`` where the page was finally served from; ``redirect_urls`` every hop in between.
    All of them are remembered as seen once the page is judged, so none is fetched again.
    """

    source_name: str
    requested_url: str
    url: str
    html: str
    fetched: datetime
    redirect_urls: list[str] = field(default_factory=list)
    listed_title: str | None = None
    listed_published: datetime | None = None
    listed_outlet: str | None = None
    listed_author: str | None = None
    listed_language: str | None = None
    article: Any = None  # extract.text.article.ArticleContent once ArticleTextPipeline ran
    about: bool = False  # the relevance verdict, made with the text
    outcome: str | None = None

    def __repr__(self) -> str:
        """Short: Scrapy logs dropped and scraped items, and the page text would flood the log."""
        return f"<PageItem {self.source_name!r} {self.url} outcome={self.outcome}>"

    def seen_urls(self) -> list[str]:
        """Every URL this page answers to: requested, each redirect hop, final and canonical."""
        urls = [self.requested_url, *self.redirect_urls, self.url]
        canonical = usable_canonical(getattr(self.article, "canonical_url", None))
        if canonical:
            urls.append(canonical)
        return list(dict.fromkeys(urls))
