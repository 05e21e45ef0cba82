"""The attribution rules: who the text attributes a figure to (gold/CONVENTIONS.md, "source")."""

from __future__ import annotations

import datetime

import pytest
import spacy
from doc_builders import blank_pipeline
from doc_builders import figures as build
from spacy.language import Language
from spacy.tokens import Span

import extract.context.source.component  # noqa: F401  (registers capexwatch_attribution)
from extract.pipeline import FigureExtractor


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline("capexwatch_attribution")


def figures(nlp: Language, text: str, amounts: list[str]) -> list[Span]:
    return build(nlp, text, amounts)


def source(nlp: Language, text: str, amount: str) -> tuple[str | None, bool]:
    (span,) = figures(nlp, text, [amount])
    return span._.source, span._.anonymous


@pytest.mark.parametrize(
    ("text", "amount", "expected"),
    [
        ("ByteDance plans to spend $20 billion in 2026, the Financial Times reported.", "$20 billion", "Financial Times"),
        ("The FT reported that ByteDance will spend $20 billion.", "$20 billion", "FT"),
        ("Capex will reach $10 billion, according to Goldman Sachs.", "$10 billion", "Goldman Sachs"),
        ("According to Zheshang Securities, capex will hit Rmb150bn.", "Rmb150bn", "Zheshang Securities"),
        ("Tencent will spend $10 billion, said Martin Lau, Tencent's president.", "$10 billion", "Martin Lau"),
        ("Martin Lau, Tencent's president, said capex would reach $10 billion.", "$10 billion", "Martin Lau"),
        ("The trade minister said the plant would cost $5 billion.", "$5 billion", "trade minister"),
        ("Yotta will spend Rs 10,000 crore on GPUs, its chief executive said.", "Rs 10,000 crore", "chief executive"),
        ("It will invest 21 billion yuan in Tianjin, the city government said.", "21 billion yuan", "city government"),
        ("Alibaba said it would spend $53 billion on AI.", "$53 billion", "Alibaba"),
        ("Capex will be $8bn, analysts at Morgan Stanley wrote in a note.", "$8bn", "analysts at Morgan Stanley"),
        ("It budgeted 70 billion yuan for chips, a local outlet, LatePost, reported.", "70 billion yuan", "LatePost"),
        ("Caixin put ByteDance's AI budget at $23 billion.", "$23 billion", "Caixin"),
        ("The plan was first reported by The Information, which put it at $7 billion.", "$7 billion", "The Information"),
        ("Apple will spend $100 billion more, CEO Tim Cook said at the White House.", "$100 billion", "Tim Cook"),
        ("Baidu said on Tuesday it would invest 10 billion yuan in data centres.", "10 billion yuan", "Baidu"),
        ("ByteDance plans Rmb150bn of AI capex for 2025 per Reuters.", "Rmb150bn", "Reuters"),
        ("Home Depot (ticker: HD) reported $2.53 in per-share earnings.", "$2.53", "Home Depot"),
        ("Lau on Tuesday said Tencent would spend $10 billion.", "$10 billion", "Lau"),
        ("Huawei's revenue was 862 billion yuan, according to its annual report.", "862 billion yuan", "Huawei"),
        ('"Capex will be about $20 billion," said Alibaba\'s chief financial officer Toby Xu.', "$20 billion", "Toby Xu"),
        ("Its AI spending may exceed $20 billion, Morgan Stanley said in a research note.", "$20 billion", "Morgan Stanley"),
        ("Baidu's cloud revenue rose to 6.5 billion yuan, the search giant said.", "6.5 billion yuan", "Baidu"),
        ("Grab posted revenue of $819 million, the Singapore-based ride-hailing firm said.", "$819 million", "Grab"),
        ("Its revenue target is $186 billion, according to a memo seen by Reuters.", "$186 billion", "Reuters"),
        ("Alibaba CEO Eddie Wu said in February the company would invest 380 billion yuan.", "380 billion yuan", "Alibaba CEO Eddie Wu"),
        ("Kingsoft Cloud raised HK$3.9 billion, the company said in a filing to the Hong Kong stock exchange.",
         "HK$3.9 billion", "Kingsoft Cloud"),
        ("Tencent reported results. But the company said it would spend $10 billion.", "$10 billion", "Tencent"),
        ("It will spend 20 billion yuan this year, Baidu founder Robin Li told state media.", "20 billion yuan", "Baidu founder Robin Li"),
    ],
)
def test_named_sources(nlp: Language, text: str, amount: str, expected: str) -> None:
    assert source(nlp, text, amount) == (expected, False)


def test_he_said_resolves_to_the_person_named_before(nlp: Language) -> None:
    text = "Amazon CEO Andy Jassy spoke on Thursday. He said capex would reach $125 billion."
    assert source(nlp, text, "$125 billion") == ("Andy Jassy", False)


def test_chain_keeps_the_reporting_outlet_first(nlp: Language) -> None:
    text = "It will spend Rmb150bn this year, Bloomberg reported, citing the South China Morning Post."
    assert source(nlp, text, "Rmb150bn") == ("Bloomberg; South China Morning Post", False)


def test_an_unnamed_official_is_not_a_chain_link(nlp: Language) -> None:
    text = "ByteDance will invest 1 billion euros in Portugal, Reuters reported, citing a government official."
    assert source(nlp, text, "1 billion euros") == ("Reuters", False)


@pytest.mark.parametrize(
    ("text", "amount", "expected"),
    [
        ("It will spend $20 billion, two people familiar with the matter told Reuters.", "$20 billion", "Reuters"),
        ("It will spend $20 billion, Bloomberg reported, citing people familiar with the matter.", "$20 billion", "Bloomberg"),
        ("Chips cost $12,000 each, according to people cited by Bloomberg.", "$12,000", "Bloomberg"),
        ("It is preparing a $1 billion fund, according to two people who spoke to The Information.", "$1 billion", "The Information"),
        ("The Wall Street Journal, citing unnamed officials, reported that it would pay a $5 billion fee.",
         "$5 billion", "The Wall Street Journal"),
        ("It will spend $20 billion, according to a person with knowledge of the plans.", "$20 billion", None),
        ("It will spend $20 billion, Caixin reported, citing unnamed sources.", "$20 billion", "Caixin"),
    ],
)
def test_anonymous_sources_name_the_carrying_outlet(nlp: Language, text: str, amount: str, expected: str | None) -> None:
    assert source(nlp, text, amount) == (expected, True)


def test_wire_dateline_carries_anonymous_people(nlp: Language) -> None:
    text = "BEIJING, Jan 23 (Reuters) - ByteDance plans to spend $12 billion, people familiar with the matter said."
    assert source(nlp, text, "$12 billion") == ("Reuters", True)


def test_attribution_in_the_next_sentence(nlp: Language) -> None:
    text = "ByteDance plans to spend $7B on Nvidia GPUs next year. That's according to The Information."
    (span,) = figures(nlp, text, ["$7B"])
    assert (span._.source, span._.source_rule) == ("The Information", "next_sentence:according_to_outlet")


def test_a_next_sentence_with_its_own_statement_lends_no_attribution(nlp: Language) -> None:
    text = "Alibaba will spend 380 billion yuan over three years. The e-commerce giant said the budget could rise."
    assert source(nlp, text, "380 billion yuan") == (None, False)
    text = "ByteDance aims to buy 85 billion yuan of AI chips this year.\nThe Financial Times reported the plan on Wednesday."
    assert source(nlp, text, "85 billion yuan") == ("Financial Times", False)


def test_a_new_paragraph_lends_no_attribution(nlp: Language) -> None:
    text = (
        "The Financial Times reported the plan. That compares with 150 billion yuan this year."
        "\n\nHalf will go to chips, the newspaper said."
    )
    assert source(nlp, text, "150 billion yuan") == (None, False)


def test_the_newspaper_resolves_to_the_outlet_named_earlier(nlp: Language) -> None:
    text = (
        "ByteDance will spend 160bn yuan on capex in 2026, the Financial Times reported. "
        "Roughly 85bn yuan of that will go to AI processors, the newspaper said."
    )
    spans = figures(nlp, text, ["160bn yuan", "85bn yuan"])
    assert [s._.source for s in spans] == ["Financial Times", "Financial Times"]
    assert spans[1]._.source_rule == "outlet_reference"


def test_the_company_said_resolves_to_the_sentences_company(nlp: Language) -> None:
    text = "Mistral AI raised €1.7 billion in a round led by ASML, the French startup said."
    assert source(nlp, text, "€1.7 billion") == ("Mistral AI", False)


def test_a_new_statement_after_the_figure_does_not_speak_for_it(nlp: Language) -> None:
    text = "Nvidia became the first company to be worth $5 trillion, and analysts at Loop Capital said it could reach $5.3 trillion."
    spans = figures(nlp, text, ["$5 trillion", "$5.3 trillion"])
    assert [s._.source for s in spans] == [None, "analysts at Loop Capital"]


def test_the_closing_reporter_wins_over_an_inner_statement(nlp: Language) -> None:
    text = "ByteDance has told suppliers it will buy around $55.7bn of AI hardware, The Information reported."
    assert source(nlp, text, "$55.7bn") == ("The Information", False)


@pytest.mark.parametrize(
    "text",
    [
        "ByteDance plans to spend $20 billion on AI infrastructure this year.",
        "ByteDance is expected to spend $20 billion on AI infrastructure this year.",
        "An estimated $20 billion will go to AI infrastructure.",
        "The United States gave $20 billion in subsidies.",
        "The $20 billion service carries TV shows from Pixar.",
        "Spot gold XAU= added 0.1% to $20 billion.",
        "ByteDance will spend $20 billion on AI, analysts said.",
        "The Ascend 910C sells for about $20 billion per lot, two distributors said.",
    ],
)
def test_no_attribution_is_null(nlp: Language, text: str) -> None:
    assert source(nlp, text, "$20 billion") == (None, False)


def test_the_watchs_aliases_can_be_the_source() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("capexwatch_attribution", config={"subject": "Alibaba", "aliases": ["Taobao owner"]})
    text = "The Taobao owner will invest 380 billion yuan over three years, it said."
    assert source(nlp, text, "380 billion yuan") == ("Alibaba", False)


def test_attribution_end_to_end() -> None:
    text = (
        "ByteDance plans to spend Rmb150bn on capital expenditure in 2025, Reuters reported on "
        "Wednesday, citing people familiar with the matter."
    )
    (figure,) = FigureExtractor().extract(text, datetime.date(2025, 1, 22))
    assert (figure.source, figure.anonymous) == ("Reuters", True)
    assert "source=outlet_said+citing_anonymous" in figure.rule


def test_an_outlook_verb_before_its_figure_speaks_for_it(nlp: Language) -> None:
    text = "Tencent President Martin Lau said capex would be $12 billion, while Baidu guided to RMB 20 billion."
    spans = figures(nlp, text, ["$12 billion", "RMB 20 billion"])
    assert [s._.source for s in spans] == ["Tencent President Martin Lau", "Baidu"]


def test_company_documents_name_nobody(nlp: Language) -> None:
    text = "Amazon set 2026 capex at about $200 billion, Alphabet at $185 billion, according to company guidance."
    spans = figures(nlp, text, ["$200 billion", "$185 billion"])
    assert [s._.source for s in spans] == [None, None]
    text = "Amazon set 2026 capex at about $200 billion, according to the company's guidance."
    assert source(nlp, text, "$200 billion") == ("Amazon", False)


def test_a_closing_frame_mid_sentence_speaks_for_what_continues(nlp: Language) -> None:
    text = "About half will go to chips, Bloomberg reported, or roughly $12 billion."
    assert source(nlp, text, "$12 billion") == ("Bloomberg", False)
    text = "About half will go to chips, Bloomberg reported. Alibaba spent $12 billion."
    assert source(nlp, text, "$12 billion") == (None, False)


def test_a_closing_frame_does_not_reach_back_past_a_contrast(nlp: Language) -> None:
    text = "Meta said it would spend $65 billion, while Alphabet's capex was $52 billion, analysts at Jefferies said."
    spans = figures(nlp, text, ["$65 billion", "$52 billion"])
    assert [s._.source for s in spans] == ["Meta", "analysts at Jefferies"]
