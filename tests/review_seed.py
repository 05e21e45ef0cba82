"""Seed data for the review tests and screenshots: real articles and figures, stored through
``store.queries.add_article`` (the crawler's own path), and real users with argon2 hashes.

The sentences are written like the reporting the project follows; each figure's offsets are found
in its article's text, so the provenance check in ``add_article`` holds them to the words.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from store import NewArticle, NewFigure, add_article
from store.models import User
from store.users import add_user

PASSWORDS = {"ann": "ann-password-1", "bob": "bob-password-2", "root": "root-password-3"}
HOSTILE_SCRIPT = "<script>alert('owned')</script>"
HOSTILE_IMG = '<img src=x onerror="alert(1)">'


@dataclass(frozen=True)
class F:
    """A figure to find in an article: the amount as written and what it means."""

    written: str
    amount: str
    currency: str
    year: int | None
    source: str | None
    metric: str = "capex"
    subject: str | None = "ByteDance"
    amount_high: str | None = None
    anonymous: bool = False
    claim: int = 0


@dataclass(frozen=True)
class A:
    """An article: where it was published and when, its paragraphs and the figures in them."""

    slug: str
    outlet: str
    title: str
    published: datetime
    text: str
    figures: tuple[F, ...]


ARTICLES: tuple[A, ...] = (
    A("reuters-jan", "Reuters", "Exclusive: ByteDance plans $20bn AI spending spree in 2025",
      datetime(2025, 1, 23, 8, 0, tzinfo=UTC),
      "ByteDance plans to spend 150 billion yuan ($20.6 billion) on AI infrastructure in 2025, people familiar "
      "with the matter told Reuters. More than half of the money is earmarked for data centres in China.\n"
      "The TikTok owner has not commented on the plan.",
      (F("150 billion yuan", "150000000000", "CNY", 2025, "Reuters", anonymous=True, claim=1),
       F("$20.6 billion", "20600000000", "USD", 2025, "Reuters", anonymous=True, claim=1))),
    A("ft-dec", "Financial Times", "ByteDance to lift AI capital spending to Rmb160bn",
      datetime(2025, 12, 18, 6, 30, tzinfo=UTC),
      "ByteDance has earmarked Rmb160bn for capital expenditure in 2026, up from Rmb150bn this year, according "
      "to people familiar with its plans.\nThe company said the figures were inaccurate.",
      (F("Rmb160bn", "160000000000", "CNY", 2026, "Financial Times", anonymous=True),
       F("Rmb150bn", "150000000000", "CNY", 2025, "Financial Times", anonymous=True))),
    A("information-dec", "The Information", "ByteDance plans to buy $7bn of Nvidia chips abroad",
      datetime(2025, 12, 29, 15, 0, tzinfo=UTC),
      "ByteDance plans to spend $7bn on Nvidia chips for data centres outside China in 2026, The Information "
      "reported, citing two people involved.",
      (F("$7bn", "7000000000", "USD", 2026, "The Information", anonymous=True),)),
    A("scmp-jan", "South China Morning Post", "ByteDance revenue overtakes Meta's as AI budget grows",
      datetime(2026, 1, 10, 2, 0, tzinfo=UTC),
      "ByteDance's revenue rose to $155bn in 2024, analysts at Bernstein estimate.\n"
      "Its spending on servers could reach $23bn to $25bn in 2026, Morgan Stanley said in a note.",
      (F("$155bn", "155000000000", "USD", 2024, "Bernstein", metric="revenue"),
       F("$23bn to $25bn", "23000000000", "USD", 2026, "Morgan Stanley", amount_high="25000000000"))),
    A("bloomberg-feb", "Bloomberg", "ByteDance weighs Malaysia data centre",
      datetime(2026, 2, 3, 11, 0, tzinfo=UTC),
      "ByteDance is weighing a 10 billion ringgit data centre in Johor, Bloomberg News reported, as it looks "
      "for computing power outside China.",
      (F("10 billion ringgit", "10000000000", "MYR", None, "Bloomberg"),)),
    A("hostile", "Example Wire", f"Breaking {HOSTILE_SCRIPT} news",
      datetime(2026, 2, 20, 9, 0, tzinfo=UTC),
      f"A rival said it would spend $5bn {HOSTILE_IMG} on chips in 2026 {HOSTILE_SCRIPT}.",
      (F("$5bn", "5000000000", "USD", 2026, "Example Wire", subject="Rival"),)),
)


def _sentence(text: str, start: int) -> tuple[str, int]:
    """The sentence around ``start``: from the previous full stop (or line) to the next one."""
    begin = max(text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0,
                text.rfind("\n", 0, start) + 1)
    stop = text.find(".", start)
    line_end = text.find("\n", start)
    end = min(x for x in (stop + 1 if stop >= 0 else len(text), line_end if line_end >= 0 else len(text)))
    return text[begin:end], begin


def new_figure(text: str, f: F) -> NewFigure:
    start = text.index(f.written)
    sentence, sentence_start = _sentence(text, start)
    return NewFigure(
        amount=Decimal(f.amount), amount_high=Decimal(f.amount_high) if f.amount_high else None,
        currency=f.currency, year=f.year, source=f.source, subject=f.subject, text=f.written,
        sentence=sentence, start=start, end=start + len(f.written), sentence_start=sentence_start,
        metric=f.metric, claim=f.claim, anonymous=f.anonymous, rule="seed", ruleset="seed.v1",
    )  # fmt: skip


def seed_articles(session: Session, articles: tuple[A, ...] = ARTICLES) -> dict[str, list[int]]:
    """Store ``articles``; returns each slug's figure ids in text order."""
    ids: dict[str, list[int]] = {}
    for a in articles:
        stored = add_article(
            session,
            NewArticle(url=f"https://news.example/{a.slug}", canonical_url=None, title=a.title, outlet=a.outlet,
                       author=None, published=a.published, fetched=a.published, text=a.text,
                       source_name=a.outlet, language="en"),
            [new_figure(a.text, f) for f in a.figures],
        )  # fmt: skip
        assert stored is not None
        ids[a.slug] = [figure.id for figure in stored.figures]
    return ids


def seed_users(session: Session) -> dict[str, User]:
    """ann and bob (reviewers) and root (an admin), with the passwords in :data:`PASSWORDS`."""
    return {
        "ann": add_user(session, "ann", PASSWORDS["ann"]),
        "bob": add_user(session, "bob", PASSWORDS["bob"]),
        "root": add_user(session, "root", PASSWORDS["root"], role="admin"),
    }
