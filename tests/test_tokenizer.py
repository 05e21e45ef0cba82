"""The money tokenizer rules cut amounts into currency, number and scale, and nothing else."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from extract.money.tokenizer import customize_tokenizer


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.blank("en")
    customize_tokenizer(pipeline)
    return pipeline


SPLITS = [
    ("Rmb150bn", ["Rmb", "150", "bn"]),
    ("$7B", ["$", "7", "B"]),
    ("£500m", ["£", "500", "m"]),
    ("US$600m", ["US$", "600", "m"]),
    ("CN¥76.8", ["CN¥", "76.8"]),
    ("HK$3.9", ["HK$", "3.9"]),
    ("S$2.5bn", ["S$", "2.5", "bn"]),
    ("NT$10bn", ["NT$", "10", "bn"]),
    ("RM29.5", ["RM", "29.5"]),
    ("USD30", ["USD", "30"]),
    ("$1.5-billion", ["$", "1.5", "-", "billion"]),
    ("$70-72", ["$", "70", "-", "72"]),
    ("$66–72", ["$", "66", "–", "72"]),
    ("$175–$185", ["$", "175", "–", "$", "185"]),
    ("RMB80-", ["RMB", "80", "-"]),
    ("$2.5bn-$3bn", ["$", "2.5", "bn", "-", "$", "3", "bn"]),
    ("$315bn/$367bn", ["$", "315", "bn", "/", "$", "367", "bn"]),
    ("(HK$3.9bn),", ["(", "HK$", "3.9", "bn", ")", ","]),
    ("$3bn.", ["$", "3", "bn", "."]),
    ("₩500bn", ["₩", "500", "bn"]),
    ("$12,000", ["$", "12,000"]),
    ("$600bn+", ["$", "600", "bn", "+"]),
    ("Rmb90bn/Rmb110bn", ["Rmb", "90", "bn", "/", "Rmb", "110", "bn"]),
    ("billion-$25", ["billion", "-", "$", "25"]),
    ("RM1.2bil", ["RM", "1.2", "bil"]),
]


@pytest.mark.parametrize(("text", "tokens"), SPLITS)
def test_money_is_split(nlp: Language, text: str, tokens: list[str]) -> None:
    assert [t.text for t in nlp(text)] == tokens


KEPT_WHOLE = ["H20", "B200", "GB200", "RTX4090", "Q3", "FY25", "USDC", "RMBS", "COVID-19",
              "1,234.5", "7.2712", "U.S.", "Inc."]


@pytest.mark.parametrize("text", KEPT_WHOLE)
def test_look_alikes_stay_whole(nlp: Language, text: str) -> None:
    assert [t.text for t in nlp(text)] == [text]


def test_explain_agrees_with_the_tokenizer(nlp: Language) -> None:
    """``nlp.tokenizer.explain`` is how a rule writer checks a case; it must tell the truth."""
    text = (
        "Rmb150bn $175–$185 billion $315bn/$367bn RMB80- 100bn ~$23bn c.$5bn 50p a share "
        "Rs. 500 字节跳动计划投入约人民币1600亿元（约220亿美元），报道称。1兆5000億円 20조원을"
    )
    assert [t for _rule, t in nlp.tokenizer.explain(text)] == [t.text for t in nlp(text)]


def test_offsets_are_preserved(nlp: Language) -> None:
    text = "spend Rmb150bn ($20.6bn) on chips"
    doc = nlp(text)
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
    assert doc.text == text


CJK_SPLITS = [
    ("开支1500亿元用于", ["开支", "1500", "亿", "元", "用于"]),
    ("投入人民币1600亿元", ["投入", "人民币", "1600", "亿", "元"]),
    ("人民币1600亿元", ["人民币", "1600", "亿", "元"]),
    ("70亿美元", ["70", "亿", "美元"]),
    ("1.5万亿元", ["1.5", "万亿", "元"]),
    ("2000万元", ["2000", "万", "元"]),
    ("3兆円", ["3", "兆", "円"]),
    ("计划2026年", ["计划", "2026", "年"]),
    ("1600亿元。字节", ["1600", "亿", "元", "。", "字节"]),
    ("据报道，字节", ["据报道", "，", "字节"]),
]


@pytest.mark.parametrize(("text", "tokens"), CJK_SPLITS)
def test_chinese_and_japanese_amounts_are_split(nlp: Language, text: str, tokens: list[str]) -> None:
    """Chinese has no spaces: number, scale and currency are cut apart by infixes."""
    assert [t.text for t in nlp(text)] == tokens


PENCE_SPLITS = [("50p", ["50", "p"]), ("3.5p.", ["3.5", "p", "."]), ("1080p", ["1080p"]),
                ("Rs. 500", ["Rs.", "500"]), ("SFr2bn", ["SFr", "2", "bn"]), ("R3bn", ["R", "3", "bn"]),
                ("~$23bn", ["~", "$", "23", "bn"]), ("c.$23bn", ["c.", "$", "23", "bn"]),
                ("~9x", ["~", "9x"]), ("c.1990", ["c.", "1990"])]


@pytest.mark.parametrize(("text", "tokens"), PENCE_SPLITS)
def test_pence_and_dotted_marks(nlp: Language, text: str, tokens: list[str]) -> None:
    assert [t.text for t in nlp(text)] == tokens
