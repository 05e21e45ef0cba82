"""is_about / matched_terms: names and topics, word boundaries, inflections, CJK."""

from __future__ import annotations

import pytest

from extract.text.relevance import Matches, is_about, matched_terms, term_pattern
from extract.watch import DEFAULT_WATCH, Watch


@pytest.mark.parametrize(
    "text",
    [
        "ByteDance's capex will rise next year.",
        "BYTEDANCE plans more capital expenditure.",
        "Bytedance is building data centres in Malaysia.",
        "ByteDance is building data-centers in Thailand.",
        "The TikTok owner will buy Nvidia GPUs.",
        "TikTok's owner will buy more chips.",
        "The Douyin owner orders a chip from Huawei.",
        "字节跳动计划增加GPU采购。",
        "ByteDance raised its capital spending on AI infrastructure.",
        "ByteDance\u2019s GPU purchases rose.",
    ],
)
def test_relevant(text: str) -> None:
    assert is_about(DEFAULT_WATCH, text)


@pytest.mark.parametrize(
    "text",
    [
        "ByteDance sells control of TikTok's US business at a $14bn valuation.",  # no topic
        "Amazon expects capex of about $100 billion in 2025.",  # no subject
        "Harbour FC agree a £45m fee for a striker.",  # neither
        "ByteDance launched a microchipset emulator.",  # "chip" only inside a longer word
        "ByteDancer Inc. raised capex.",  # the name only inside a longer word
        "ByteDance unveils eGPUbox accessory.",
        "TikTok owners of small shops complain about data.",  # "owners" is not the alias "owner"+topic
    ],
)
def test_not_relevant(text: str) -> None:
    assert not is_about(DEFAULT_WATCH, text)


def test_title_counts_with_the_text() -> None:
    assert is_about(DEFAULT_WATCH, "The company plans to spend more on chips.", title="ByteDance budget")
    assert not is_about(DEFAULT_WATCH, "The company plans to spend more on chips.")


def test_title_and_text_do_not_join_into_one_term() -> None:
    watch = Watch(subject="ByteDance", topics=("capital spending",))
    assert not is_about(watch, "spending rose at ByteDance", title="Capital")


def test_matched_terms_names_what_matched_in_the_watch_spelling() -> None:
    matches = matched_terms(DEFAULT_WATCH, "The TikTok owner's data centres and GPUs", title="ByteDance capex")
    assert matches == Matches(names=("ByteDance", "TikTok owner"), topics=("capex", "data centre", "GPU"))
    assert matches.relevant


def test_matched_terms_without_a_topic_is_not_relevant() -> None:
    matches = matched_terms(DEFAULT_WATCH, "ByteDance and TikTok sign a deal")
    assert matches.names == ("ByteDance",)
    assert matches.topics == ()
    assert not matches.relevant


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("chips", "a chip", True),
        ("chips", "chips", True),
        ("chips", "chip's", True),
        ("GPU", "GPUs", True),
        ("GPU", "GPU-based", True),
        ("data centre", "data centres", True),
        ("data centre", "data\ncentre", True),
        ("capex", "opcapex", False),
        ("capex", "capex2025", False),
        ("字节跳动", "中国字节跳动公司", True),
        ("capital expenditure", "capital expenditures", True),
    ],
)
def test_term_pattern(term: str, text: str, found: bool) -> None:
    import re

    assert bool(re.search(term_pattern(term), text, re.IGNORECASE)) is found


def test_a_watch_without_topics_matches_nothing() -> None:
    assert not is_about(Watch(subject="ByteDance"), "ByteDance capex")


def test_other_watches_get_their_own_patterns() -> None:
    amazon = Watch(subject="Amazon", aliases=("AWS",), topics=("capex",))
    assert is_about(amazon, "AWS capex rose")
    assert not is_about(DEFAULT_WATCH, "AWS capex rose")
