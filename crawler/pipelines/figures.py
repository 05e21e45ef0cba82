"""FigurePipeline: every money figure in the article, with its provenance offsets."""

from __future__ import annotations

from crawler.items import PageItem
from crawler.pipelines.base import CrawlerPipeline
from crawler.resources import figure_extractor


class FigurePipeline(CrawlerPipeline):
    """The extractor is built once per process (spaCy load), not per page or per source."""

    def open_spider(self) -> None:
        self.extractor = figure_extractor(self.crawler.settings["CAPEXWATCH_WATCH"])

    def process_item(self, item: PageItem) -> PageItem:
        published = item.article.published
        item.figures = list(
            self.extractor.extract(item.article.text, published.date() if published else None)
        )
        return item
