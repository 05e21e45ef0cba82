"""Attribution when one sentence holds several speakers or several companies' figures
(gold/CONVENTIONS.md, "source"), end to end through ``FigureExtractor``.

Written for these rules, not taken from the gold sets. Each row is a sentence (or two) and, per
figure (as the money stage writes it), the expected source. Readings:

- a leading "X said [content]" covers its content clause, but stops at a contrastive clause
  ("while/whereas/but …", or after ";") that has its own speaker or its own company-outlook verb
  ("Baidu guided to …", "Alibaba forecast …", "Microsoft sees …"); a company's statement (or its
  executive's: "Tencent President Martin Lau said") does not speak for another company's figure
  in a "while/but/, and" clause ("…, while Baidu's capex reached …");
- a closing frame in a later clause does not reach back over an earlier leading frame's clause;
- a mid-sentence frame ("…, the newspaper said, or roughly X") speaks for the figure that continues
  its sentence after it;
- gapped lists ("Amazon at $200bn, Alphabet at $185bn") name subjects, not speakers, and a
  company's statement does not speak for another company's gapped item ("Amazon said it would
  spend $200bn, Alphabet $185bn": Alphabet's figure has no source);
- a contrasting clause with a speaker of its own, even an unnamed one ("…, while analysts forecast
  $75bn"), is not the earlier speaker's;
- "according to company guidance/filings/data" names nobody: the figures have no source (the
  alternative reading, each company for its own figure, is not taken).
"""

from __future__ import annotations

import datetime

import pytest

from extract.evaluation import names_match
from extract.pipeline import FigureExtractor

PUBLISHED = datetime.date(2025, 3, 20)

#: (text, [(amount as written, expected source), ...])
Row = tuple[str, list[tuple[str, str | None]]]

SEVERAL_SPEAKERS: list[Row] = [
    ("Tencent President Martin Lau said capex would be between $12 billion and $15 billion in FY25, "
     "while Baidu guided to RMB 20 billion.",
     [("$12 billion and $15 billion", "Martin Lau"), ("RMB 20 billion", "Baidu")]),
    ("Alibaba said it would spend $53 billion on AI, while Tencent forecast capex of $10 billion.",
     [("$53 billion", "Alibaba"), ("$10 billion", "Tencent")]),
    ("Meta CFO Susan Li said capex would reach $72 billion, whereas Microsoft expects $80 billion.",
     [("$72 billion", "Susan Li"), ("$80 billion", "Microsoft")]),
    ("Amazon CEO Andy Jassy said capex would top $100 billion, but Alphabet sees $75 billion.",
     [("$100 billion", "Andy Jassy"), ("$75 billion", "Alphabet")]),
    ("Baidu said it spent 11 billion yuan on AI, while Tencent's capex reached 76.8 billion yuan.",
     [("11 billion yuan", "Baidu"), ("76.8 billion yuan", None)]),
    ("Nvidia said revenue rose to $57 billion, while AMD guided to $9.7 billion.",
     [("$57 billion", "Nvidia"), ("$9.7 billion", "AMD")]),
    ("Oracle said capex would be $35 billion, while analysts at Jefferies estimated $40 billion.",
     [("$35 billion", "Oracle"), ("$40 billion", "analysts at Jefferies")]),
    ("Analysts at Bernstein estimate Alibaba will spend $20 billion, while Tencent's capex will be $12 billion.",
     [("$20 billion", "analysts at Bernstein"), ("$12 billion", "analysts at Bernstein")]),
    ("Meta expects capex of $70 billion, while analysts forecast $75 billion.",
     [("$70 billion", "Meta"), ("$75 billion", None)]),
    ("Nvidia said revenue would be $65 billion, plus or minus 2%, while analysts had expected $62 billion.",
     [("$65 billion", "Nvidia"), ("$62 billion", None)]),
    ("Meta said capex would be $70 billion, but noted that it could reach $75 billion.",
     [("$70 billion", "Meta"), ("$75 billion", "Meta")]),
    ("Meta said capex would be $70 billion, while it expects revenue of $200 billion.",
     [("$70 billion", "Meta"), ("$200 billion", "Meta")]),
    ("Meta said capex would be $70 billion, while revenue is expected to reach $200 billion.",
     [("$70 billion", "Meta"), ("$200 billion", "Meta")]),
    ("Tencent President Martin Lau said capex would be $12 billion, while Baidu's capex reached RMB 20 billion.",
     [("$12 billion", "Martin Lau"), ("RMB 20 billion", None)]),
    ("Martin Lau, Tencent's president, said capex would be $12 billion, while Baidu's capex reached RMB 20 billion.",
     [("$12 billion", "Martin Lau"), ("RMB 20 billion", None)]),
    ("Alibaba said it would spend $53 billion, and Tencent's capex reached $10 billion.",
     [("$53 billion", "Alibaba"), ("$10 billion", None)]),
    ("Apple will spend $500 billion, the company said, while Nvidia will invest $100 billion.",
     [("$500 billion", "Apple"), ("$100 billion", None)]),
    ("Alibaba forecast revenue of $140 billion, whereas Tencent expects $90 billion.",
     [("$140 billion", "Alibaba"), ("$90 billion", "Tencent")]),
    ("According to Bloomberg, Amazon will spend $200 billion, while Meta said it would spend $70 billion.",
     [("$200 billion", "Bloomberg"), ("$70 billion", "Meta")]),
    ("Reuters reported that ByteDance would spend $20 billion, but the company said the figure was $15 billion.",
     [("$20 billion", "Reuters"), ("$15 billion", "ByteDance")]),
]

SPEAKER_PER_CLAUSE: list[Row] = [
    ("Capex will reach $10 billion this year, Alibaba said, and revenue will grow to $140 billion, "
     "according to Goldman Sachs.",
     [("$10 billion", "Alibaba"), ("$140 billion", "Goldman Sachs")]),
    ("Microsoft said capex would be $80 billion; Morgan Stanley put it at $85 billion.",
     [("$80 billion", "Microsoft"), ("$85 billion", "Morgan Stanley")]),
    ("Meta said it would spend $65 billion, while Alphabet's capex was $52 billion, analysts at Jefferies said.",
     [("$65 billion", "Meta"), ("$52 billion", "analysts at Jefferies")]),
    ("ByteDance will spend $20 billion, Reuters reported, and Alibaba will spend $15 billion, Bloomberg reported.",
     [("$20 billion", "Reuters"), ("$15 billion", "Bloomberg")]),
    ("Reuters reported that ByteDance would spend $20 billion; Caixin put the figure at $23 billion.",
     [("$20 billion", "Reuters"), ("$23 billion", "Caixin")]),
    ("Baidu guided capex to 20 billion yuan, the company said.",
     [("20 billion yuan", "Baidu")]),
    ("Microsoft said capex would be $80 billion; Alphabet guided to $75 billion, and Meta sees $65 billion.",
     [("$80 billion", "Microsoft"), ("$75 billion", "Alphabet"), ("$65 billion", "Meta")]),
    ("ByteDance will spend $20 billion, Reuters reported, while Alibaba will spend $15 billion, according to Bloomberg.",
     [("$20 billion", "Reuters"), ("$15 billion", "Bloomberg")]),
]

MID_SENTENCE: list[Row] = [
    ("The Financial Times reported on Monday that ByteDance had budgeted Rmb160bn for capital expenditure "
     "in 2026. About half will go to chips, the newspaper said, or roughly Rmb85bn.",
     [("Rmb160bn", "Financial Times"), ("Rmb85bn", "Financial Times")]),
    ("Most of the budget will go to data centres, Bloomberg reported, or about $12 billion.",
     [("$12 billion", "Bloomberg")]),
    ("Capex will reach $10 billion this year, CFO Jane Roe said, up from $8 billion.",
     [("$10 billion", "Jane Roe"), ("$8 billion", "Jane Roe")]),
    ("Alphabet CFO Anat Ashkenazi said capex would be $75 billion, versus $52.5 billion a year earlier.",
     [("$75 billion", "Anat Ashkenazi"), ("$52.5 billion", "Anat Ashkenazi")]),
    ("Tencent's CFO John Lo said capex was 76.8 billion yuan in 2024, compared with 23.9 billion yuan a year earlier.",
     [("76.8 billion yuan", "John Lo"), ("23.9 billion yuan", "John Lo")]),
    ("ByteDance, Reuters reported, will spend $12 billion on chips.",
     [("$12 billion", "Reuters")]),
    ("Capex, CFO Susan Li said, will reach $70 billion.",
     [("$70 billion", "Susan Li")]),
    ("ByteDance plans to spend $12 billion, the FT reported, up from $10 billion last year.",
     [("$12 billion", "FT"), ("$10 billion", "FT")]),
]

GAPPED_AND_UNNAMED: list[Row] = [
    ("Amazon set 2026 capex at about $200 billion, Alphabet at $175–$185 billion, according to company guidance.",
     [("$200 billion", None), ("$175–$185 billion", None)]),
    ("Microsoft spent $22.6 billion in the quarter, Alphabet $17.2 billion, according to company filings.",
     [("$22.6 billion", None), ("$17.2 billion", None)]),
    ("Capex reached $80 billion at Microsoft and $52 billion at Alphabet, according to company data.",
     [("$80 billion", None), ("$52 billion", None)]),
    ("Meta plans $65 billion of capex, Amazon $100 billion and Alphabet $75 billion, Reuters reported.",
     [("$65 billion", "Reuters"), ("$100 billion", "Reuters"), ("$75 billion", "Reuters")]),
    ("Amazon set capex at $200 billion, Alphabet at $185 billion, according to Bloomberg.",
     [("$200 billion", "Bloomberg"), ("$185 billion", "Bloomberg")]),
    ("Huawei's revenue was 862 billion yuan, according to the company's annual report.",
     [("862 billion yuan", "Huawei")]),
    ("Alibaba will spend 380 billion yuan, Tencent 90 billion yuan, according to the companies.",
     [("380 billion yuan", None), ("90 billion yuan", None)]),
    ("Amazon said it would spend $200 billion, Alphabet $185 billion.",
     [("$200 billion", "Amazon"), ("$185 billion", None)]),
]


def _check(extractor: FigureExtractor, text: str, expected: list[tuple[str, str | None]]) -> None:
    figures = extractor.extract(text, PUBLISHED)
    by_text = {figure.text: figure for figure in figures}
    for amount, source in expected:
        assert amount in by_text, (amount, [f.text for f in figures])
        figure = by_text[amount]
        if source is None:
            assert figure.source is None, (amount, figure.source, figure.rule)
        else:
            assert names_match(source, figure.source), (amount, source, figure.source, figure.rule)


@pytest.mark.parametrize(("text", "expected"), SEVERAL_SPEAKERS)
def test_several_speakers_in_one_sentence(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected)


@pytest.mark.parametrize(("text", "expected"), SPEAKER_PER_CLAUSE)
def test_each_clause_keeps_its_own_speaker(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected)


@pytest.mark.parametrize(("text", "expected"), MID_SENTENCE)
def test_a_speaker_mid_sentence(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected)


@pytest.mark.parametrize(("text", "expected"), GAPPED_AND_UNNAMED)
def test_gapped_lists_and_unnamed_company_sources(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected)
