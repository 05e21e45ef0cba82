"""A small news site written to a directory and served on 127.0.0.1, which a test can change between
crawls: add an article (it appears in its feed), take a feed away, bring it back.

Served by the demo site's server (``capexwatch.demo.site.serve_site``), which fills ``{base}`` in
every file with the address it listens on.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from pathlib import Path

from capexwatch.demo.site import serve_site

FILLER = (
    "The company has been buying computing power at a rapid pace as demand for its AI services grows, "
    "and analysts expect the spending race among Chinese internet groups to continue into next year.",
    "ByteDance did not respond to a request for comment. The company has previously said that reports "
    "about its spending plans were inaccurate and declined to give its own figures.",
)


@dataclass(frozen=True)
class Story:
    slug: str
    outlet: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"/news/{self.slug}.html"

    def page(self) -> str:
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in (*self.paragraphs, *FILLER))
        title = html.escape(self.title)
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | {html.escape(self.outlet)}</title>
<meta property="og:site_name" content="{html.escape(self.outlet)}">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="{self.published.isoformat()}">
</head><body><main><article><h1>{title}</h1>
{body}
</article></main></body></html>
"""


@dataclass
class NewsSite:
    """Stories by feed; :meth:`publish` writes the pages and feeds as they stand."""

    root: Path
    feeds: dict[str, list[Story]] = field(default_factory=dict)
    down: set[str] = field(default_factory=set)

    def add(self, feed: str, story: Story) -> Story:
        self.feeds.setdefault(feed, []).append(story)
        self.publish()
        return story

    def publish(self) -> None:
        for feed, stories in self.feeds.items():
            if feed in self.down:
                continue
            (self.root / "news").mkdir(parents=True, exist_ok=True)
            for story in stories:
                (self.root / story.path.lstrip("/")).write_text(story.page(), encoding="utf-8")
            items = "\n".join(
                f"<item><title>{html.escape(s.title)}</title><link>{{base}}{s.path}</link>"
                f"<guid>{s.slug}</guid><pubDate>{format_datetime(s.published)}</pubDate></item>"
                for s in stories
            )
            feed_file = self.root / feed / "rss.xml"
            feed_file.parent.mkdir(parents=True, exist_ok=True)
            feed_file.write_text(
                '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                f"<title>{feed}</title><link>{{base}}/</link><description>{feed}</description>\n{items}\n"
                "</channel></rss>\n",
                encoding="utf-8",
            )

    def take_down(self, feed: str) -> None:
        """The feed answers 404 until :meth:`bring_up` (its pages stay)."""
        self.down.add(feed)
        (self.root / feed / "rss.xml").unlink(missing_ok=True)

    def bring_up(self, feed: str) -> None:
        self.down.discard(feed)
        self.publish()


@contextmanager
def news_site(root: Path) -> Iterator[tuple[NewsSite, str]]:
    """An empty site under ``root`` and the base URL it is served at."""
    root.mkdir(parents=True, exist_ok=True)
    site = NewsSite(root)
    with serve_site(root=root) as base_url:
        yield site, base_url
