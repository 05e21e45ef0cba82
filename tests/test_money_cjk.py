"""Chinese and Japanese amounts: Arabic digits with 万/亿/兆 scales and 元/美元/円 currencies, as
Chinese-language reports about the watched company (字节跳动) write them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from spacy.language import Language

from extract.pipeline import build_money_nlp
from extract.spans import MONEY_SPANS


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The money stage alone, as the pipeline assembles it (no context components)."""
    return build_money_nlp()


def spans(nlp: Language, text: str) -> list[tuple[str, Decimal, Decimal | None, str]]:
    doc = nlp(text)
    return [(s.text, s._.amount, s._.amount_high, s._.currency) for s in doc.spans[MONEY_SPANS]]


def D(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


CJK = [
    ("字节跳动计划2026年资本开支1500亿元。", [("1500亿元", "150e9", None, "CNY")]),
    ("据报道，字节跳动计划投入人民币1600亿元用于AI。", [("人民币1600亿元", "160e9", None, "CNY")]),
    ("其中约70亿美元用于采购芯片。", [("70亿美元", "7e9", None, "USD")]),
    ("资本开支为160 亿元", [("160 亿元", "16e9", None, "CNY")]),
    ("该项目获得2000万元融资。", [("2000万元", "20e6", None, "CNY")]),
    ("中国AI投资将达1.5万亿元。", [("1.5万亿元", "1.5e12", None, "CNY")]),
    ("ソフトバンクは3兆円を投じる。", [("3兆円", "3e12", None, "JPY")]),
    ("阿里巴巴宣布未来三年投入3800亿元人民币。", [("3800亿元人民币", "380e9", None, "CNY")]),
    ("腾讯本季度资本开支为191亿元，同比增长。", [("191亿元", "19.1e9", None, "CNY")]),
    ("市场预计规模在1500-1600亿元之间。", [("1500-1600亿元", "150e9", "160e9", "CNY")]),
    ("估值超过3000亿美元，营收约1.2万亿日元。",
     [("3000亿美元", "300e9", None, "USD"), ("1.2万亿日元", "1.2e12", None, "JPY")]),
    ("公司在香港投资50亿港元。", [("50亿港元", "5e9", None, "HKD")]),
    ("ソフトバンクは1兆5000億円を投資する。", [("1兆5000億円", "1.5e12", None, "JPY")]),
    ("楽天は5000億円の損失を計上した。", [("5000億円", "500e9", None, "JPY")]),
    # Korean: Hangul scales and 원 (won)
    ("삼성전자는 20조원을 투자한다.", [("20조원", "20e12", None, "KRW")]),
    ("SK하이닉스는 5000억원 규모의 투자를 발표했다.", [("5000억원", "500e9", None, "KRW")]),
    ("총 1조5000억원이 투입된다.", [("1조5000억원", "1.5e12", None, "KRW")]),
    # mixed: an English wire story quoting the Chinese figure
    ("ByteDance plans to spend 160 billion yuan (1600亿元) on AI in 2026.",
     [("160 billion yuan", "160e9", None, "CNY"), ("1600亿元", "160e9", None, "CNY")]),
]


@pytest.mark.parametrize(("text", "expected"), CJK)
def test_cjk_amount(nlp: Language, text: str, expected: list[tuple[str, str, str | None, str]]) -> None:
    assert spans(nlp, text) == [(w, Decimal(a), D(h), c) for w, a, h, c in expected]


CJK_NOT_MONEY = [
    "2026年字节跳动员工超过15万人。",  # people, not money
    "模型参数达到1万亿。",  # parameters: a scale but no currency
    "（1美元 = 7.1元）",  # an exchange-rate footnote
    "元旦期间，用户增长了20%。",  # 元 in 元旦 (New Year's Day) after no number
]


@pytest.mark.parametrize("text", CJK_NOT_MONEY)
def test_cjk_not_money(nlp: Language, text: str) -> None:
    assert spans(nlp, text) == []


def test_chinese_equivalents_share_a_claim_and_hedges_are_read(nlp: Language) -> None:
    doc = nlp("字节跳动计划投入约1600亿元（约220亿美元），腾讯投入超过900亿元。")
    assert [(s.text, s._.qualifier, s._.claim) for s in doc.spans[MONEY_SPANS]] == [
        ("1600亿元", "about", 1),
        ("220亿美元", "about", 1),
        ("900亿元", "more than", 2),
    ]


@pytest.mark.parametrize("text", ["（1美元兑7.1元人民币）", "按1美元兑7.2元计算", "1美元兑换7.1元"])
def test_chinese_exchange_rates_are_not_money(nlp: Language, text: str) -> None:
    assert spans(nlp, text) == []
