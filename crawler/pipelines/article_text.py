"""ArticleTextPipeline: the page's main text and metadata, or drop it ("no main text")."""

from __future__ import annotations

from crawler.items import PageItem
from crawler.pipelines.base import CrawlerPipeline
from extract.text.article import extract_article


class ArticleTextPipeline(CrawlerPipeline):
    """Runs the text extractor; the listing's date is the fallback for pages that carry none."""

    def process_item(self, item: PageItem) -> PageItem:
        article = extract_article(item.html, url=item.url, fallback_published=item.listed_published)
        if article is None or not (article.text or "").strip():
            self.drop(item, "no_text", "no main text")
        item.article = article
        item.html = ""  # the text is extracted: don't carry the page through the other pipelines
        return item
