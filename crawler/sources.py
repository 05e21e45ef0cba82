"""A configured news source: what the configuration loader produces and the spiders consume."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SourceKind = Literal["feed", "sitemap"]
SOURCE_KINDS: tuple[str, ...] = ("feed", "sitemap")


@dataclass(frozen=True, slots=True)
class Source:
    """One feed (RSS 2.0 / Atom) or sitemap (index or news sitemap) to crawl."""

    name: str
    kind: SourceKind
    url: str
