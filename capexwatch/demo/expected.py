"""What a correct pipeline finds on the demo site: the answer key for end-to-end tests.

``EXPECTED`` lists the relevant articles (ByteDance and a capex topic) and every money figure
in their main text, written by the conventions in ``gold/CONVENTIONS.md`` (amount in currency
units, ISO currency, the single year or ``None``, who said it, whose money it is). It also lists
text that sits on the same page but outside the article (related-story box, reader comments,
ticker, newsletter and cookie boxes, a hidden paywall teaser): none of it may reach the text.

``IRRELEVANT`` lists the pages a watch for ByteDance capex must not keep, each with why: they
name ByteDance without a capex topic, or a capex topic without ByteDance, and all carry money
figures. Paths are relative to the served base URL.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def _figure(
    text: str,
    amount: str,
    currency: str,
    year: int | None,
    source: str | None,
    subject: str | None,
    amount_high: str | None = None,
) -> dict[str, Any]:
    """One expected figure, in the gold-record shape plus ``text``: the amount as written, without
    qualifiers ("at least", "between"), exactly as it appears in the article's main text."""
    return {
        "text": text,
        "amount": Decimal(amount),
        "amount_high": Decimal(amount_high) if amount_high is not None else None,
        "currency": currency,
        "year": year,
        "source": source,
        "subject": subject,
    }


WIRE_BYTEDANCE = "/wire/story/bytedance-ai-budget-2025.html"
LEDGER_BYTEDANCE = "/ledger/tech/bytedance-2026-ai-budget.html"
CIRCUIT_BYTEDANCE = "/circuit/posts/bytedance-overseas-nvidia-gpus.html"

EXPECTED: list[dict[str, Any]] = [
    {
        "path": WIRE_BYTEDANCE,
        "outlet": "Meridian Wire",
        "title": "ByteDance sets aside 150 billion yuan for 2025 capital spending -sources",
        "author": "Lena Okafor; Wei Chen",
        # The page has no date of its own: it comes from the news sitemap / search feed entry.
        "published": "2025-01-23",
        "canonical": None,
        "reached_by": ["Meridian Wire", "News search: ByteDance capex"],
        "figures": [
            _figure("150 billion yuan", "150000000000", "CNY", 2025, "Reuters", "ByteDance"),
            _figure("$20.6 billion", "20600000000", "USD", 2025, "Reuters", "ByteDance"),
            _figure("380 billion yuan", "380000000000", "CNY", None, "Alibaba", "Alibaba"),
            _figure("76.8 billion yuan", "76800000000", "CNY", 2024, "Tencent", "Tencent"),
        ],
        # Wire furniture that stays in the text but is not a figure.
        "in_text": ["BEIJING, Jan 23 (Meridian Wire) -", "($1 = 7.2712 Chinese yuan)"],
        "not_in_text": ["MERIDIAN WIRE", "quotes delayed"],
    },
    {
        "path": LEDGER_BYTEDANCE,
        "outlet": "The Harbour Ledger",
        "title": "ByteDance lines up Rmb160bn AI budget for 2026",
        "author": "Margaret Ellery",
        "published": "2025-12-23T06:30:00+00:00",
        # Reached as .../bytedance-2026-ai-budget.html?utm_source=... from both feeds.
        "canonical": LEDGER_BYTEDANCE,
        "reached_by": ["The Harbour Ledger", "News search: ByteDance capex"],
        "figures": [
            _figure("Rmb160bn", "160000000000", "CNY", 2026, "Financial Times", "ByteDance"),
            _figure("Rmb150bn", "150000000000", "CNY", 2025, "Financial Times", "ByteDance"),
            _figure("Rmb85bn", "85000000000", "CNY", 2026, "Financial Times", "ByteDance"),
            _figure("Rmb380bn", "380000000000", "CNY", None, "Alibaba", "Alibaba"),
            _figure("Rmb76.8bn", "76800000000", "CNY", 2024, "Tencent", "Tencent"),
        ],
        "in_text": ["ByteDance said the reports were"],
        "not_in_text": [
            "NVDA $181.20 +2.1%",  # ticker bar
            "Rmb480bn",  # related-stories box
            "$2.3bn",
            "$4.5bn",
            "$50bn",  # reader comments
            "$35bn",
            "Rmb200bn",
            "Reader comments",
            "Asia Tech Briefing",  # newsletter box
            "$60 a year",
            "$1 a week",  # hidden paywall teaser
        ],
    },
    {
        "path": CIRCUIT_BYTEDANCE,
        "outlet": "Circuit Notes",
        "title": "ByteDance\u2019s $7B bet on Nvidia GPUs outside China",
        "author": "Priya Natarajan",
        "published": "2025-12-30T14:05:00-08:00",
        "canonical": CIRCUIT_BYTEDANCE,
        "reached_by": ["Circuit Notes", "News search: ByteDance capex"],
        "figures": [
            _figure("$7 billion", "7000000000", "USD", 2026, "The Information", "ByteDance"),
            _figure(
                "$64 billion and $72 billion",
                "64000000000",
                "USD",
                2025,
                "Meta Platforms",
                "Meta Platforms",
                amount_high="72000000000",
            ),
        ],
        "in_text": ["ByteDance disputed the report"],
        "not_in_text": [
            "We use cookies",  # cookie banner
            "$120 annual membership",
            "Apple's $500B",  # sidebar widget
            "Popular this week",
        ],
    },
]

IRRELEVANT: list[dict[str, str]] = [
    {
        "path": "/wire/story/amazon-capex-outlook.html",
        "reason": "capex, data centers and chips, but not ByteDance (Amazon, Microsoft)",
    },
    {
        "path": "/ledger/business/tiktok-us-venture-valuation.html",
        "reason": "ByteDance and a $14bn valuation, but no capex topic (the boxes around it have one)",
    },
    {
        "path": "/ledger/sport/harbour-fc-striker-fee.html",
        "reason": "sport: a £45m transfer fee, neither ByteDance nor capex",
    },
    {
        "path": "/circuit/posts/hands-on-flagship-graphics-card.html",
        "reason": "a GPU priced at $1,999, but not ByteDance",
    },
]
