"""Sentences written for the context rules (not taken from the gold sets), one table per kind of
error seen when the rules met text written separately: each row is a short news paragraph and,
for each figure in it, the expected year, source and subject (gold/CONVENTIONS.md).

The rows run end to end through ``FigureExtractor`` so the money stage finds the figures, and the
four context components decide the rest.
"""

from __future__ import annotations

import datetime

import pytest
from doc_builders import Expected, check_fields

from extract.pipeline import FigureExtractor

PUBLISHED = datetime.date(2025, 11, 20)

#: (text, [(amount as written, year, source, subject), ...])
Row = tuple[str, list[tuple[str, int | None, str | None, str | None]]]

DESCRIPTIVE_SOURCES: list[Row] = [
    ("Alibaba raised its AI budget on Tuesday. The spending will reach 380 billion yuan over three years, "
     "the e-commerce giant said.", [("380 billion yuan", None, "Alibaba", "Alibaba")]),
    ("Nokia signed a deal with Elisa. The contract is worth 300 million euros, the Finnish group said on Monday.",
     [("300 million euros", None, "Nokia", "Nokia")]),
    ("Apple plans to open a new research centre in Shanghai. The investment of $500 million will be completed "
     "next year, the iPhone maker said.", [("$500 million", 2026, "Apple", "Apple")]),
    ("Shares of Alibaba rose 5% on Friday. The Hangzhou-based e-commerce titan said it would spend 50 billion "
     "yuan on consumer subsidies.", [("50 billion yuan", None, "Alibaba", "Alibaba")]),
    ("Meta is expanding in Louisiana. The Facebook owner told investors its capex would be $72 billion in 2025.",
     [("$72 billion", 2025, "Meta", None)]),
    ("Infineon posted higher revenue. The German chipmaker said it expects revenue of 15 billion euros in "
     "fiscal 2026, it added.", [("15 billion euros", 2026, "Infineon", "Infineon")]),
    ("Kuaishou is betting on its Kling model. The short-video platform said it had spent 3 billion yuan on "
     "the model, adding that more was coming.", [("3 billion yuan", None, "Kuaishou", "Kuaishou")]),
    ("Samsung Electronics is building a new line in Pyeongtaek. It will cost 30 trillion won, the South "
     "Korean tech giant said.", [("30 trillion won", None, "Samsung Electronics", "Samsung Electronics")]),
    ("Baidu reported results on Tuesday. Revenue fell 7% to 31.2 billion yuan, it said.",
     [("31.2 billion yuan", None, "Baidu", "Baidu")]),
    ("Nokia reported third-quarter results. Net sales rose to 4.8 billion euros, it said, helped by AI demand.",
     [("4.8 billion euros", None, "Nokia", "Nokia")]),
    ("Micron expects record sales. The Boise, Idaho-based company forecast revenue of $12.5 billion for the "
     "current quarter.", [("$12.5 billion", 2025, "Micron", None)]),
]

#: Descriptions resolve to the nearest company named before that fits them, for source and subject.
FITTING_DESCRIPTIONS: list[Row] = [
    ("Alibaba signed a cloud deal with Nokia on Monday. The Finnish group said the contract was worth 200 "
     "million euros.", [("200 million euros", None, "Nokia", "Nokia")]),
    ("Alibaba signed a cloud deal with Nokia on Monday. The Chinese e-commerce giant said it would spend 2 "
     "billion yuan on the network.", [("2 billion yuan", None, "Alibaba", "Alibaba")]),
    ("Apple's supplier Foxconn reported record sales. The iPhone maker said it would spend $500 billion in the US.",
     [("$500 billion", None, "Apple", "Apple")]),
    ("TSMC and Intel both raised forecasts. The Taiwanese chipmaker expects capex of $42 billion this year.",
     [("$42 billion", 2025, "TSMC", "TSMC")]),
]

ATTRIBUTION_FORMS: list[Row] = [
    ("Alibaba said on Thursday its revenue rose to 247.7 billion yuan in the quarter to September.",
     [("247.7 billion yuan", 2025, "Alibaba", "Alibaba")]),
    ("ByteDance plans to spend $23 billion on AI in 2026, according to a memo seen by Reuters.",
     [("$23 billion", 2026, "Reuters", "ByteDance")]),
    ("A document seen by the Financial Times showed Tencent budgeted 90 billion yuan for data centres next year.",
     [("90 billion yuan", 2026, "Financial Times", "Tencent")]),
    ("Kuaishou's capex will rise to 15 billion yuan next year, according to an internal presentation "
     "reviewed by Bloomberg.", [("15 billion yuan", 2026, "Bloomberg", "Kuaishou")]),
    ("The chip budget will reach $30 billion, according to a draft plan viewed by Bloomberg News.",
     [("$30 billion", None, "Bloomberg News", None)]),
    ("Revenue from cloud will top $10 billion in 2026, Chief Financial Officer Jane Roe said on a call, "
     "adding that margins would improve.", [("$10 billion", 2026, "Jane Roe", None)]),
    ("Sundar Pichai, chief executive of Alphabet, said the company would spend $85 billion this year.",
     [("$85 billion", 2025, "Sundar Pichai", "Alphabet")]),
    ("Jensen Huang, Nvidia's founder, told CNBC that the company had orders worth $500 billion.",
     [("$500 billion", None, "Jensen Huang", "Nvidia")]),
    ("\"The investment will total $5 billion,\" Jane Roe, Baidu's finance chief, said, \"and more will follow.\"",
     [("$5 billion", None, "Jane Roe", "Baidu")]),
    ("Capex will rise to $20 billion next year, said Mark Liu, chief financial officer of Lenovo.",
     [("$20 billion", 2026, "Mark Liu", "Lenovo")]),
    ("Revenue at the cloud division will reach $10 billion, according to Kevin Scott, Microsoft's chief "
     "technology officer.", [("$10 billion", None, "Kevin Scott", "Microsoft")]),
    ("Oracle expects capex of $35 billion in fiscal 2026, Chief Executive Safra Catz said on Tuesday.",
     [("$35 billion", 2026, "Safra Catz", "Oracle")]),
    ("Jensen Huang spoke in Taipei on Monday. He said Nvidia would spend $500 billion in the US over four years.",
     [("$500 billion", None, "Jensen Huang", "Nvidia")]),
    ("Lisa Su, AMD's chief executive, was upbeat. She added that the AI chip market could be worth $1 trillion "
     "by 2030.", [("$1 trillion", None, "Lisa Su", None)]),
    ("Tencent President Martin Lau spoke to analysts. He said capex would reach 80 billion yuan next year.",
     [("80 billion yuan", 2026, "Martin Lau", "Tencent")]),
    ("Xiaomi denied a Caixin report that its EV unit would spend 20 billion yuan on a plant, saying the figure "
     "was wrong.", [("20 billion yuan", None, "Caixin", "Xiaomi")]),
    ("Dell raised its fiscal 2026 revenue forecast to $107 billion on Thursday.",
     [("$107 billion", 2026, "Dell", "Dell")]),
    ("Equinix's revenue rose to $2.3 billion; it sees full-year capex of $3.5 billion to $4 billion.",
     [("$3.5 billion to $4 billion", None, "Equinix", "Equinix")]),
    ("Amazon and Google said they would spend $125 billion and $91 billion this year, respectively.",
     [("$125 billion", 2025, "Amazon", "Amazon"), ("$91 billion", 2025, "Google", "Google")]),
    ("Tencent's revenue was 193 billion yuan in the third quarter, according to LSEG data.",
     [("193 billion yuan", 2025, "LSEG", "Tencent")]),
    ("Analysts' average estimate of Tencent's capex was 20 billion yuan, LSEG data showed.",
     [("20 billion yuan", None, "LSEG", "Tencent")]),
    ("The ride-hailing company Didi said its revenue rose to 57 billion yuan in the third quarter.",
     [("57 billion yuan", 2025, "Didi", "Didi")]),
    ("Kuaishou, the video app operator, said its Kling unit generated 300 million yuan in revenue.",
     [("300 million yuan", None, "Kuaishou", "Kuaishou")]),
    ("Tencent Holdings' quarterly revenue rose 15% to 192.9 billion yuan, topping the 188.9 billion yuan "
     "forecast by analysts polled by LSEG.", [("192.9 billion yuan", None, None, "Tencent Holdings"),
                                              ("188.9 billion yuan", None, "LSEG", "Tencent Holdings")]),
    ("Microsoft will spend $80 billion on AI data centres in fiscal 2025, Vice Chair Brad Smith wrote in a blog "
     "post. More than half of that, or about $40 billion, will be spent in the United States, he said.",
     [("$80 billion", 2025, "Brad Smith", "Microsoft"), ("$40 billion", 2025, "Brad Smith", "Microsoft")]),
    ("Tencent's revenue of 193 billion yuan beat the 188 billion yuan consensus of Visible Alpha.",
     [("193 billion yuan", None, None, "Tencent"), ("188 billion yuan", None, "Visible Alpha", "Tencent")]),
    ("ByteDance will spend $5 billion on chips, a memo seen by Reuters showed.", [("$5 billion", None, "Reuters", "ByteDance")]),
    ("ByteDance Plans $23 Billion AI Spending Spree, FT Says\n\nByteDance plans to spend $23 billion on AI next "
     "year, the FT reported.", [("$23 Billion", None, "FT", "ByteDance"), ("$23 billion", 2026, "FT", "ByteDance")]),
    ("Alibaba's capex rose to 38.7 billion yuan in the June quarter, Reuters calculations based on company filings "
     "showed.", [("38.7 billion yuan", 2025, "Reuters", "Alibaba")]),
    ("Alibaba reported revenue of 247.7 billion yuan for the quarter ended Sept. 30, beating the 242.7 "
     "billion yuan average of analysts' estimates compiled by LSEG.",
     [("247.7 billion yuan", 2025, "Alibaba", "Alibaba"), ("242.7 billion yuan", None, "LSEG", "Alibaba")]),
]

NOT_SOURCES: list[Row] = [
    ("Nvidia's revenue rose to $57 billion in the quarter to October, beating analysts' average estimate of "
     "$55 billion.", [("$57 billion", 2025, None, "Nvidia")]),
    ("Nvidia's H20 chips sell for about 110,000 yuan each, while Huawei's Ascend chips cost about 100,000 yuan "
     "each. A ByteDance spokesperson said the reports were \"inaccurate\" but declined to give a figure.",
     [("110,000 yuan", None, None, "Nvidia"), ("100,000 yuan", None, None, "Huawei")]),
    ("Nvidia said revenue rose to $57 billion in the quarter to October, beating analysts' average estimate "
     "of $55 billion.", [("$57 billion", 2025, "Nvidia", "Nvidia"), ("$55 billion", None, None, "Nvidia")]),
    ("Nokia's operating profit rose to 435 million euros in the third quarter, the company said, beating the "
     "400 million euros expected by analysts.", [("435 million euros", 2025, "Nokia", "Nokia"),
                                               ("400 million euros", None, None, "Nokia")]),
    ("Smaller rival Baidu said it spent 11 billion yuan on AI in 2024.",
     [("11 billion yuan", 2024, "Baidu", "Baidu")]),
    ("Peer JD.com reported revenue of 299 billion yuan for the third quarter.",
     [("299 billion yuan", 2025, "JD.com", "JD.com")]),
    ("Chipmaker Nvidia said it would invest up to $100 billion in OpenAI, which will use the money to buy chips.",
     [("$100 billion", None, "Nvidia", "Nvidia")]),
    ("Competitor Tencent said it spent 13 billion yuan on capex in the third quarter.",
     [("13 billion yuan", 2025, "Tencent", "Tencent")]),
    ("ByteDance will spend 160 billion yuan in 2026. That's according to The Information.",
     [("160 billion yuan", 2026, "The Information", "ByteDance")]),
    ("ByteDance will spend 160 billion yuan in 2026, The Paper reported.",
     [("160 billion yuan", 2026, "The Paper", "ByteDance")]),
    ("Huawei's revenue rose to 862 billion yuan last year. The figures were first reported by Caixin.",
     [("862 billion yuan", 2024, "Caixin", "Huawei")]),
    ("Rival Alibaba said it would spend 380 billion yuan over three years, while Tencent's capex reached 76.8 "
     "billion yuan last year.", [("380 billion yuan", None, "Alibaba", "Alibaba"),
                                 ("76.8 billion yuan", 2024, None, "Tencent")]),
    ("Meituan said its revenue rose to 95 billion yuan, whereas Alibaba's food delivery arm lost 10 billion yuan.",
     [("95 billion yuan", None, "Meituan", "Meituan"), ("10 billion yuan", None, None, "Alibaba")]),
    ("Meta said it would spend up to $72 billion this year, but Alphabet raised its own forecast to $91 billion.",
     [("$72 billion", 2025, "Meta", "Meta"), ("$91 billion", 2025, "Alphabet", "Alphabet")]),
    ("Analysts at Bernstein estimate ByteDance's 2025 revenue at $186 billion, while Tencent's will reach $100 "
     "billion.", [("$186 billion", 2025, "Analysts at Bernstein", "ByteDance"),
                  ("$100 billion", 2025, "Analysts at Bernstein", "Tencent")]),
    ("Baidu said revenue fell to 31 billion yuan, while profit rose to 7 billion yuan.",
     [("31 billion yuan", None, "Baidu", "Baidu"), ("7 billion yuan", None, "Baidu", "Baidu")]),
    ("ByteDance plans to spend 160 billion yuan next year. The Information reported that the company had also "
     "approached Samsung.", [("160 billion yuan", 2026, None, "ByteDance")]),
    ("Xiaomi's EV unit lost 1.8 billion yuan. Sales rose, the company said.", [("1.8 billion yuan", None, None, "Xiaomi")]),
    ("ByteDance plans to spend 160 billion yuan next year. The plan was first reported by The Information on Tuesday.",
     [("160 billion yuan", 2026, "The Information", "ByteDance")]),
    ("ByteDance plans to spend 160 billion yuan next year, people familiar with the matter said. Bloomberg News first "
     "reported the details.", [("160 billion yuan", 2026, "Bloomberg News", "ByteDance")]),
    ("ByteDance will spend 85 billion yuan on chips. Alibaba said it was reviewing its own budget.",
     [("85 billion yuan", None, None, "ByteDance")]),
]

#: A whole story: figures continued across paragraphs, a unit speaking, a product's price.
STORY: list[Row] = [
    ("HONG KONG, Dec 3 (Reuters) - ByteDance plans to spend 160 billion yuan ($22.6 billion) on capital "
     "expenditure next year, the Financial Times reported on Wednesday, citing people familiar with the matter."
     "\n\nAbout 85 billion yuan of that will go to AI processors, the newspaper said."
     "\n\nThe company has agreed to spend $5 billion on Nvidia's H20 chips, which cost about $12,000 each."
     "\n\nSeparately, ByteDance's Volcano Engine cloud unit said on Tuesday its revenue would exceed 25 billion "
     "yuan in 2025.",
     [("160 billion yuan", 2026, "Financial Times", "ByteDance"), ("85 billion yuan", 2026, "Financial Times", "ByteDance"),
      # "the company" in its own paragraph is the company named before it (CONVENTIONS revised 2026-12:
      # references resolve across paragraphs)
      ("$5 billion", None, None, "ByteDance"), ("$12,000", None, None, "Nvidia"),
      ("25 billion yuan", 2025, "Volcano Engine", "Volcano Engine")]),
]

SUBJECTS: list[Row] = [
    ("ByteDance will buy $7 billion of Nvidia GPUs next year.", [("$7 billion", 2026, None, "ByteDance")]),
    ("Tencent plans to purchase $2 billion of Huawei chips.", [("$2 billion", None, None, "Tencent")]),
    ("Alibaba has ordered $4 billion worth of servers from Inspur.", [("$4 billion", None, None, "Alibaba")]),
    ("Infosys announced new data centres. $3 billion was earmarked by the group for India.",
     [("$3 billion", None, None, "Infosys")]),
    ("\"We will invest $10 billion in cloud,\" said Alibaba CEO Eddie Wu.", [("$10 billion", None, "Eddie Wu", "Alibaba")]),
    ("Meta is expanding in Louisiana. The Facebook owner told investors its capex would be $72 billion in 2025.",
     [("$72 billion", 2025, "Meta", "Meta")]),
    ("Micron expects record sales. The Boise, Idaho-based company forecast revenue of $12.5 billion.",
     [("$12.5 billion", None, "Micron", "Micron")]),
    ("Vodacom has won a contract worth 2 billion rand, analysts at Investec International said.",
     [("2 billion rand", None, "analysts at Investec International", "Vodacom")]),
    ("Pinduoduo's net income fell to 29 billion yuan, while Vipshop's losses widened to 1 billion yuan.",
     [("29 billion yuan", None, None, "Pinduoduo"), ("1 billion yuan", None, None, "Vipshop")]),
    ("Maxis Berhad will spend RM1 billion on 5G this year, the operator's finance director said.",
     [("RM1 billion", 2025, "finance director", "Maxis Berhad")]),
    ("Analysts put Tencent's and Baidu's AI budgets at 90 billion yuan and 20 billion yuan respectively.",
     [("90 billion yuan", None, None, "Tencent"), ("20 billion yuan", None, None, "Baidu")]),
    ("\"The company will spend more than 20 billion yuan on chips,\" a Baidu spokesperson said.",
     [("20 billion yuan", None, "Baidu spokesperson", "Baidu")]),
    ("Tencent President Martin Lau spoke to analysts. He said capex would reach 80 billion yuan next year.",
     [("80 billion yuan", 2026, "Martin Lau", "Tencent")]),
    ("Lisa Su, AMD's chief executive, was upbeat. She added that the AI chip market could be worth $1 trillion "
     "by 2030.", [("$1 trillion", None, "Lisa Su", None)]),
    ("SoftBank Group will invest $22.5 billion in OpenAI, according to a person familiar with the matter. The "
     "Japanese conglomerate had already invested $10 billion earlier this year, the person said.",
     [("$22.5 billion", None, None, "SoftBank Group"), ("$10 billion", 2025, None, "SoftBank Group")]),
    ("This year has been tough for Xiaomi. Its EV unit lost 300 million yuan in the third quarter.",
     [("300 million yuan", 2025, None, "Xiaomi")]),
    ("Thailand's Board of Investment approved projects worth 126.8 billion baht, including one by Grab, it said.",
     [("126.8 billion baht", None, None, None)]),
    ("ByteDance ordered 100,000 Huawei Ascend chips worth 10 billion yuan.", [("10 billion yuan", None, None, "ByteDance")]),
    ("Nvidia's H20 chips cost about $12,000 each, and ByteDance bought 200,000 of them.",
     [("$12,000", None, None, "Nvidia")]),
    ("OpenAI agreed to pay Oracle $30 billion a year for data centre capacity.", [("$30 billion", None, None, "OpenAI")]),
    ("Samsung will supply Tesla with chips worth $16.5 billion, the South Korean company said.",
     [("$16.5 billion", None, "Samsung", "Samsung")]),
    ("SoftBank sold its Nvidia stake for $5.8 billion.", [("$5.8 billion", None, None, "SoftBank")]),
    ("Alibaba, Tencent and Baidu spent 30 billion yuan, 20 billion yuan and 5 billion yuan, respectively, in the "
     "quarter to September.", [("30 billion yuan", 2025, None, "Alibaba"), ("20 billion yuan", 2025, None, "Tencent"),
                               ("5 billion yuan", 2025, None, "Baidu")]),
    ("Capex reached 120 billion yuan ($16.5 billion) at Alibaba last year.",
     [("120 billion yuan", 2024, None, "Alibaba"), ("$16.5 billion", 2024, None, "Alibaba")]),
    ("A total of 50 billion yuan (about $7 billion) was committed by Xiaomi to the project.",
     [("50 billion yuan", None, None, "Xiaomi"), ("$7 billion", None, None, "Xiaomi")]),
    ("Microsoft and Meta spent $34.9 billion and $19.4 billion, respectively, in the third quarter.",
     [("$34.9 billion", 2025, None, "Microsoft"), ("$19.4 billion", 2025, None, "Meta")]),
]


def _check(extractor: FigureExtractor, text: str, expected: Expected,
           fields: tuple[str, ...] = ("year", "source", "subject")) -> None:
    check_fields(extractor.extract(text, PUBLISHED), expected, fields)


@pytest.mark.parametrize(("text", "expected"), DESCRIPTIVE_SOURCES)
def test_descriptions_of_a_company_resolve_as_the_source(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected, ("source",))


@pytest.mark.parametrize(("text", "expected"), FITTING_DESCRIPTIONS)
def test_descriptions_resolve_to_the_nearest_fitting_company(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected, ("source", "subject"))


@pytest.mark.parametrize(("text", "expected"), ATTRIBUTION_FORMS)
def test_attribution_forms(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected, ("source",))


@pytest.mark.parametrize(("text", "expected"), [row for row in ATTRIBUTION_FORMS if row[1][0][3] is not None])
def test_a_speakers_company_is_the_subject(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected, ("subject",))


@pytest.mark.parametrize(("text", "expected"), NOT_SOURCES)
def test_what_is_not_the_source(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected, ("source", "subject"))


@pytest.mark.parametrize(("text", "expected"), SUBJECTS)
def test_subjects_in_written_structures(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected, ("subject",))


@pytest.mark.parametrize(("text", "expected"), STORY)
def test_a_whole_story(extractor: FigureExtractor, text: str, expected) -> None:
    _check(extractor, text, expected)
