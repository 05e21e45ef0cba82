"""How the review app reads typed amounts and shows amounts, links and highlighted text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from review.amounts import parse_amount
from review.chart import nice_step
from review.formatting import compact, editable_amount, money, paragraphs, sentence_segments, web_url


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("160bn", "160000000000"), ("1.6 billion", "1600000000"), ("160,000,000,000", "160000000000"),
     ("2.5tn", "2500000000000"), ("750m", "750000000"), ("1.6E11", "160000000000"), ("0.01", "0.01")],
)  # fmt: skip
def test_amounts_are_read_as_news_writes_them(typed: str, expected: str) -> None:
    assert parse_amount(typed) == Decimal(expected)


@pytest.mark.parametrize("typed", ["lots", "12 parsecs", "-5bn", "NaN", "1,2,3bn x"])
def test_anything_else_is_refused_with_what_is_expected(typed: str) -> None:
    with pytest.raises(ValueError, match="is not an amount|is not a scale"):
        parse_amount(typed)


def test_amounts_are_shown_compact_with_their_currency() -> None:
    assert money(Decimal("150000000000"), "CNY") == "CNY 150bn"
    assert money(Decimal("20640000000"), "USD") == "$20.64bn"
    assert money(Decimal("23000000000"), "USD", Decimal("25000000000")) == "$23bn–25bn"
    assert compact(Decimal("12000")) == "12k" and compact(Decimal("5")) == "5"
    assert editable_amount(Decimal("150000000000")) == "150bn"
    assert editable_amount(Decimal("123456789012")) == "123456789012"  # compact would round it


def test_only_http_links_are_links() -> None:
    assert web_url("https://news.example/a") == "https://news.example/a"
    for url in ("javascript:alert(1)", "data:text/html,x", "//evil.example", "", None, "http://[::1"):
        assert web_url(url) is None


def test_highlighting_cuts_text_without_changing_it() -> None:
    sentence = "It will spend <b>Rmb150bn</b> in 2025."
    parts = sentence_segments(sentence, "Rmb150bn", 17, figure_id=3)
    assert "".join(p.text for p in parts) == sentence
    assert [p.text for p in parts if p.figure_id] == ["Rmb150bn"]
    moved = sentence_segments(sentence, "Rmb150bn", 0, figure_id=3)  # stale offset: found by text
    assert [p.text for p in moved if p.figure_id] == ["Rmb150bn"]
    text = "First $1bn here.\n\nThen $2bn there."
    one, two = text.index("$1bn"), text.index("$2bn")
    blocks = paragraphs(text, [(one, one + 4, 1), (two, two + 4, 2)])
    assert [[(p.text, p.figure_id) for p in block] for block in blocks] == [
        [("First ", None), ("$1bn", 1), (" here.", None)], [("Then ", None), ("$2bn", 2), (" there.", None)]]


def test_chart_steps_are_round() -> None:
    assert nice_step(Decimal("25000000000")) == Decimal("5000000000")
    assert nice_step(Decimal("7000000000")) == Decimal("2000000000")
    assert nice_step(Decimal("3")) == Decimal("1")
