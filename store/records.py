"""Plain input records the crawler fills and hands to :func:`store.queries.add_article`.

They are deliberately not ORM objects: a pipeline can build them without a session, and the store
decides how they become rows (and whether they do at all — duplicates are skipped). ``NewFigure``
mirrors ``extract.figure.Figure`` field for field so a caller can write
``NewFigure(**dataclasses.asdict(figure))``; the store does not import the extractor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


def _require_aware(name: str, value: datetime | None) -> None:
    """Refuse naive datetimes here, where the crawler can still see which field was wrong."""
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be timezone-aware, got naive {value.isoformat()}")


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article about to be stored. ``url`` is the normalised final URL (after redirects);
    ``published`` and ``fetched`` must be timezone-aware (they are stored in UTC)."""

    url: str
    canonical_url: str | None
    title: str | None
    outlet: str | None
    author: str | None
    published: datetime | None
    fetched: datetime
    text: str
    source_name: str
    language: str | None = None

    def __post_init__(self) -> None:
        _require_aware("published", self.published)
        _require_aware("fetched", self.fetched)


@dataclass(frozen=True, slots=True)
class NewFigure:
    """A money figure about to be stored with its article; offsets index ``NewArticle.text``.

    Field names and defaults follow ``extract.figure.Figure``. Amounts must be ``Decimal`` (or
    ``int``): a float has already lost the exactness the store promises to keep.
    """

    amount: Decimal
    amount_high: Decimal | None
    currency: str
    year: int | None
    source: str | None
    subject: str | None
    text: str
    sentence: str
    start: int
    end: int
    sentence_start: int = 0
    qualifier: str | None = None
    metric: str = "other"
    claim: int = 0
    anonymous: bool = False
    rule: str = ""
    ruleset: str = ""

    def __post_init__(self) -> None:
        for name in ("amount", "amount_high"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, (Decimal, int))
            ):
                raise TypeError(
                    f"{name} must be Decimal or int, not {type(value).__name__}: {value!r}"
                )
        if not 0 <= self.start <= self.end:
            raise ValueError(
                f"offsets must satisfy 0 <= start <= end, got {self.start}..{self.end}"
            )
