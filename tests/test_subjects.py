"""The subject rules: whose money a figure is (gold/CONVENTIONS.md, "subject")."""

from __future__ import annotations

import datetime

import pytest
from doc_builders import blank_pipeline
from doc_builders import figures as build
from spacy.language import Language
from spacy.tokens import Span

import extract.context.subject.component  # noqa: F401  (registers capexwatch_subject)
from extract.pipeline import FigureExtractor
from extract.watch import Watch

WATCH = {"subject": "ByteDance", "aliases": ["TikTok owner", "TikTok parent", "Douyin owner", "字节跳动"]}


def make_nlp(config: dict[str, object]) -> Language:
    return blank_pipeline("capexwatch_subject", config=config)


@pytest.fixture(scope="module")
def nlp() -> Language:
    return make_nlp(WATCH)


def figures(nlp: Language, text: str, amounts: list[str]) -> list[Span]:
    return build(nlp, text, amounts)


def subjects(nlp: Language, text: str, amounts: list[str]) -> list[str | None]:
    return [span._.subject for span in figures(nlp, text, amounts)]


@pytest.mark.parametrize(
    "text",
    [
        "The TikTok owner will spend $20 billion.",
        "TikTok's parent company will spend $20 billion.",
        "The owner of TikTok will spend $20 billion.",
        "The Douyin owner will spend $20 billion.",
        "字节跳动 will spend $20 billion.",
        "ByteDance Ltd will spend $20 billion.",
    ],
)
def test_watch_aliases_resolve_to_the_watch_subject(nlp: Language, text: str) -> None:
    assert subjects(nlp, text, ["$20 billion"]) == ["ByteDance"]


def test_the_watch_comes_from_the_factory_config() -> None:
    nlp = make_nlp({"subject": "Alibaba", "aliases": ["Taobao owner"]})
    assert subjects(nlp, "The Taobao owner will spend $50 billion.", ["$50 billion"]) == ["Alibaba"]


@pytest.mark.parametrize(
    ("text", "amounts", "expected"),
    [
        ("Amazon set 2026 capex at about $200 billion, Alphabet at $175–$185 billion.",
         ["$200 billion", "$175–$185 billion"], ["Amazon", "Alphabet"]),
        ("ByteDance will spend $20 billion, compared with Alibaba's $10 billion.",
         ["$20 billion", "$10 billion"], ["ByteDance", "Alibaba"]),
        ("Its budget of 160 billion yuan compares with 120 billion yuan at Alibaba.",
         ["160 billion yuan", "120 billion yuan"], [None, "Alibaba"]),
        ("In 2025, ByteDance will spend $12 billion on AI, rival Tencent roughly $13 billion.",
         ["$12 billion", "$13 billion"], ["ByteDance", "Tencent"]),
        ("SMIC's revenue rose to $2.38 billion, the chipmaker said, while Hua Hong reported $635 million.",
         ["$2.38 billion", "$635 million"], ["SMIC", "Hua Hong"]),
    ],
)
def test_each_company_keeps_its_own_figures(nlp: Language, text: str, amounts: list[str], expected: list[str | None]) -> None:
    assert subjects(nlp, text, amounts) == expected


@pytest.mark.parametrize(
    ("text", "amount", "expected"),
    [
        ("Nvidia's H20 chips cost about $12,000 each.", "$12,000", "Nvidia"),
        ("ByteDance has ordered chips from Huawei this year, worth roughly 12 billion yuan.", "12 billion yuan", "ByteDance"),
        ("ByteDance plans to buy $7B of Nvidia GPUs outside China.", "$7B", "ByteDance"),
        ("Volcano Engine, ByteDance's cloud arm, cut the price of its model to 0.8 yuan.", "0.8 yuan", "Volcano Engine"),
        ("ByteDance's Volcano Engine expects revenue of 25 billion yuan.", "25 billion yuan", "Volcano Engine"),
        ("Kuaishou plans to raise capex to 15 billion yuan.", "15 billion yuan", "Kuaishou"),
        ("NextDC raised A$2.2 billion to fund data centres.", "A$2.2 billion", "NextDC"),
        ("Zhongke Cloud Technologies will spend 3 billion yuan on servers.", "3 billion yuan", "Zhongke Cloud Technologies"),
    ],
)
def test_the_spender_seller_or_earner(nlp: Language, text: str, amount: str, expected: str) -> None:
    assert subjects(nlp, text, [amount]) == [expected]


@pytest.mark.parametrize(
    ("text", "amount", "expected"),
    [
        ("Alibaba said it would spend $53 billion on AI.", "$53 billion", "Alibaba"),
        ("Jefferies estimates that Tencent will spend $10 billion.", "$10 billion", "Tencent"),
        ("Capex will reach $10 billion, according to Goldman Sachs.", "$10 billion", None),
        ("Capex will reach $10 billion, Reuters reported.", "$10 billion", None),
        ("Meta's spending will rise to $125bn, Evercore ISI analysts wrote, from $72bn.", "$72bn", "Meta"),
        ("Amazon CEO Andy Jassy said the company's capex would be $26 billion.", "$26 billion", "Amazon"),
        ('"Capex will be about $20 billion," said Alibaba\'s chief financial officer.', "$20 billion", "Alibaba"),
    ],
)
def test_sources_are_not_subjects_unless_they_spend(nlp: Language, text: str, amount: str, expected: str | None) -> None:
    assert subjects(nlp, text, [amount]) == [expected]


def test_the_company_resolves_across_paragraphs(nlp: Language) -> None:
    text = "Tencent reported strong results. The company will spend $10 billion on AI.\nThe group will also spend $2 billion."
    # a line break after a full stop ends the paragraph, but "The group" is still the company named
    # before it (gold/CONVENTIONS.md, revised 2026-12: references resolve across paragraphs)
    assert subjects(nlp, text, ["$10 billion", "$2 billion"]) == ["Tencent", "Tencent"]


def test_a_long_reference_resolves(nlp: Language) -> None:
    text = "Grab reported results. The Singapore-based ride-hailing firm will spend $500 million on AI."
    assert subjects(nlp, text, ["$500 million"]) == ["Grab"]


def test_references_skip_names_in_an_aside(nlp: Language) -> None:
    text = "Meta, the owner of Facebook, said it would spend up to $72 billion this year."
    assert subjects(nlp, text, ["$72 billion"]) == ["Meta"]


def test_a_company_telling_its_own_figure_after_it(nlp: Language) -> None:
    text = "Revenue for the first half was $70 billion, the TikTok parent told investors."
    assert subjects(nlp, text, ["$70 billion"]) == ["ByteDance"]


def test_references_skip_names_after_prepositions(nlp: Language) -> None:
    text = "Mistral AI raised money in a round led by ASML, valuing it at €11.7 billion."
    assert subjects(nlp, text, ["€11.7 billion"]) == ["Mistral AI"]


def test_respectively_pairs_names_in_order(nlp: Language) -> None:
    text = "Tencent and Alibaba spent 13 billion yuan and 31.4 billion yuan on capex, respectively."
    spans = figures(nlp, text, ["13 billion yuan", "31.4 billion yuan"])
    assert [s._.subject for s in spans] == ["Tencent", "Alibaba"]
    assert {s._.subject_rule for s in spans} == {"respectively"}


def test_listed_names_pair_with_listed_figures(nlp: Language) -> None:
    text = "Alibaba and Tencent spent 30 billion yuan and 20 billion yuan on capex."
    assert subjects(nlp, text, ["30 billion yuan", "20 billion yuan"]) == ["Alibaba", "Tencent"]


def test_a_joint_subject_is_no_single_company(nlp: Language) -> None:
    text = "OpenAI, SoftBank and Oracle will invest up to $500 billion in the Stargate project."
    spans = figures(nlp, text, ["$500 billion"])
    assert [(s._.subject, s._.subject_rule) for s in spans] == [(None, "joint")]


@pytest.mark.parametrize(
    "text",
    [
        "In March, China said it would spend $20 billion on chips.",
        "Beijing will spend $20 billion on chips, the Financial Times reported.",
        "A server costs more than $20 billion in China, distributors say, and ByteDance has bought thousands.",
        "The company, which owns TikTok, has earmarked $20 billion for chips.",
    ],
)
def test_places_months_outlets_and_asides_are_not_subjects(nlp: Language, text: str) -> None:
    assert subjects(nlp, text, ["$20 billion"]) == [None]


def test_a_continuation_sentence_keeps_the_subject(nlp: Language) -> None:
    text = "ByteDance will spend Rmb160bn on capex in 2026. Of that, Rmb85bn will go to AI processors."
    spans = figures(nlp, text, ["Rmb160bn", "Rmb85bn"])
    assert [s._.subject for s in spans] == ["ByteDance", "ByteDance"]
    assert spans[1]._.subject_rule == "previous_sentence"


def test_a_continuation_on_the_next_line_keeps_the_subject_but_not_past_a_blank_line(nlp: Language) -> None:
    text = "ByteDance will spend Rmb160bn in 2026.\nRoughly Rmb85bn of it will go to AI processors."
    assert subjects(nlp, text, ["Rmb160bn", "Rmb85bn"]) == ["ByteDance", "ByteDance"]
    text = "ByteDance will spend Rmb160bn in 2026.\n\nRoughly Rmb85bn will go to AI processors."
    # past a blank line the sentence continues nothing, but the passage is about ByteDance: a bare
    # figure about its spending is its (the article's company, gold/CONVENTIONS.md revised 2026-12)
    assert subjects(nlp, text, ["Rmb160bn", "Rmb85bn"]) == ["ByteDance", "ByteDance"]
    # a passage about two companies alike has no company of its own: the bare figure is no one's
    text = "ByteDance and Tencent plan big budgets: Rmb160bn and Rmb90bn.\n\nRoughly Rmb85bn will go to AI processors."
    assert subjects(nlp, text, ["Rmb85bn"]) == [None]


def test_subject_end_to_end_with_a_custom_watch() -> None:
    extractor = FigureExtractor(Watch(subject="Alibaba", aliases=("Taobao owner",)))
    text = "The Taobao owner will invest 380 billion yuan over three years."
    (figure,) = extractor.extract(text, datetime.date(2025, 2, 24))
    assert figure.subject == "Alibaba"
