"""Whole articles written for the source and subject rules (not taken from the gold sets): each
row is a multi-paragraph story, one paragraph a line as text extractors return it, and for each
figure in it the expected source and subject (gold/CONVENTIONS.md, gold/README.md).

They cover the errors seen when the rules met whole articles: lists under a company's header,
runs of share prices, combined totals and consortia, a supplier or investee named near a buyer's
or investor's money, units and parents, anonymous people and the outlet that carries them,
datelines, "the newspaper said" far from the outlet's name, titled analysts, figures with no
attribution after attributed ones.

The rows run end to end through ``FigureExtractor``; the year is left to the period tests.
"""

from __future__ import annotations

import datetime

import pytest

from extract.evaluation import names_match, normalize_name
from extract.pipeline import FigureExtractor

PUBLISHED = datetime.date(2025, 11, 20)

#: (name, text, [(amount as written, source, subject), ...]) in text order.
Article = tuple[str, str, list[tuple[str, str | None, str | None]]]

ARTICLES: list[Article] = [
    ("list_under_company_header",
     "Samsung Electronics: fourth-quarter 2025 preliminary results\n"
     "SEOUL, Jan 8 - Samsung Electronics said on Thursday it expected the following figures for the quarter:\n"
     "Operating profit: 20 trillion won, up 208% from a year earlier.\n"
     "Revenue: 93 trillion won, a record.\n"
     "Capital expenditure: 15 trillion won.\n"
     "The company did not give a breakdown by division.",
     [("20 trillion won", "Samsung Electronics", "Samsung Electronics"),
      ("93 trillion won", "Samsung Electronics", "Samsung Electronics"),
      ("15 trillion won", "Samsung Electronics", "Samsung Electronics")]),
    ("list_lines_keep_their_own_sources",
     "Where the big spenders stand\n"
     "Technology groups have set out record budgets for next year. Here is where each stands:\n"
     "Microsoft: more than $120 billion for fiscal 2026, chief financial officer Amy Hood said.\n"
     "Alphabet: $91 billion to $93 billion this year.\n"
     "Meta: $70 billion to $72 billion, the company said.\n"
     "Amazon: about $125 billion in 2025.\n"
     "Together, the four will spend more than $400 billion this year.",
     [("$120 billion", "Amy Hood", "Microsoft"), ("$91 billion to $93 billion", None, "Alphabet"),
      ("$70 billion to $72 billion", "Meta", "Meta"), ("$125 billion", None, "Amazon"),
      ("$400 billion", None, None)]),
    ("run_of_share_prices",
     "Chip stocks rally after upbeat forecast\n"
     "Nvidia shares rose 3% to $182.50 on Monday. AMD gained 2% to $160, and Broadcom added 1% to $340.\n"
     "Intel, which reported results last week, fell 1% to $24.10.\n"
     "In Seoul, shares in memory maker SK Hynix rose 4% to 560,000 won.",
     [("$182.50", None, "Nvidia"), ("$160", None, "AMD"), ("$340", None, "Broadcom"),
      ("$24.10", None, "Intel"), ("560,000 won", None, "SK Hynix")]),
    ("anonymous_people_and_their_carrier",
     "BEIJING, Jan 14 (Reuters) - ByteDance plans to raise its capital expenditure to 160 billion yuan in 2026, "
     "two people familiar with the matter told Reuters.\n"
     "About 85 billion yuan of that will be spent on AI processors, one of the people said, although the "
     "company's access to Nvidia chips remains limited.\n"
     "The Financial Times reported last month that ByteDance planned to spend $7 billion on Nvidia graphics "
     "processors outside China.\n"
     "ByteDance declined to comment.",
     [("160 billion yuan", "Reuters", "ByteDance"), ("85 billion yuan", "Reuters", "ByteDance"),
      ("$7 billion", "Financial Times", "ByteDance")]),
    ("new_anonymous_people_are_not_an_earlier_outlets",
     "ByteDance lifts its AI budget\n"
     "ByteDance plans to spend $23 billion on AI next year, the Financial Times reported, citing people "
     "familiar with the plans.\n"
     "Its revenue this year will reach $186 billion, the newspaper said.\n"
     "ByteDance declined to comment. Last year the company spent about 80 billion yuan on capital expenditure, "
     "according to people briefed on its accounts.",
     [("$23 billion", "Financial Times", "ByteDance"), ("$186 billion", "Financial Times", "ByteDance"),
      ("80 billion yuan", None, "ByteDance")]),
    ("supplier_price_and_titled_analyst",
     "ByteDance plans AI chip push\n"
     "ByteDance has set aside $8 billion for chips next year, The Information reported on Tuesday.\n"
     "Most of the money will go on processors from Nvidia, whose H20 chips sell for about $12,000 each.\n"
     "Huawei, which is also supplying ByteDance, expects sales of its Ascend chips to reach 40 billion yuan this year.\n"
     "\"Demand is enormous,\" said Edison Lee, an analyst at Jefferies, who estimates ByteDance's revenue at "
     "$150 billion this year.",
     [("$8 billion", "The Information", "ByteDance"), ("$12,000", None, "Nvidia"),
      ("40 billion yuan", "Huawei", "Huawei"), ("$150 billion", "Jefferies analyst Edison Lee", "ByteDance")]),
    ("buyer_not_supplier_for_a_chip_budget",
     "The Information reported this month that the Douyin owner planned to spend $7 billion on Nvidia graphics "
     "processors in 2026, while Bloomberg put the group's overseas chip budget closer to $5 billion.\n"
     "Nvidia's data-centre revenue rose to $51 billion in the quarter.",
     [("$7 billion", "The Information", "ByteDance"), ("$5 billion", "Bloomberg", "ByteDance"),
      ("$51 billion", None, "Nvidia")]),
    ("the_newspaper_said_far_from_the_outlet",
     "Oracle seeks record loan\n"
     "The Wall Street Journal reported on Monday that Oracle was in talks to raise $38 billion in debt to fund "
     "data centres for OpenAI.\n"
     "Oracle has already signed contracts worth more than $300 billion with the ChatGPT maker. Its shares have "
     "doubled this year.\n"
     "The financing would be among the largest of its kind, the newspaper said, adding that Vantage Data "
     "Centers would build the sites at a cost of $15 billion.",
     [("$38 billion", "Wall Street Journal", "Oracle"), ("$300 billion", None, "Oracle"),
      ("$15 billion", "Wall Street Journal", "Vantage Data Centers")]),
    ("outlook_against_consensus_and_investee",
     "Amazon beats forecasts as AWS accelerates\n"
     "SEATTLE, Oct 30 - Amazon expects net sales of between $206 billion and $213 billion in the current quarter, "
     "compared with analysts' average estimate of $208 billion, according to LSEG data.\n"
     "AWS revenue rose 20% to $33 billion in the third quarter.\n"
     "Amazon's result included a $9.5 billion gain on its stake in AI startup Anthropic.\n"
     "Amazon's shares rose 10% to $244 after the bell.",
     [("$206 billion and $213 billion", "Amazon", "Amazon"), ("$208 billion", "LSEG", "Amazon"),
      ("$33 billion", None, "AWS"), ("$9.5 billion", None, "Amazon"), ("$244", None, "Amazon")]),
    ("dateline_city_is_no_source",
     "MUMBAI, Oct 9 (Reuters) - Tata Consultancy Services reported a net profit of 127 billion rupees for the "
     "quarter ended September, and said it would build a 1-gigawatt AI data centre in India.\n"
     "The data centre will cost about $6.5 billion, Chief Executive K. Krithivasan told reporters.",
     [("127 billion rupees", "Tata Consultancy Services", "Tata Consultancy Services"),
      ("$6.5 billion", "K. Krithivasan", "Tata Consultancy Services")]),
    ("units_vehicles_and_whole_markets",
     "Gulf AI ambitions\n"
     "Kunlunxin, Baidu's chip unit, was valued at about 21 billion yuan in a funding round, the Chinese outlet "
     "Jiemian said.\n"
     "MGX, Abu Dhabi's AI investment vehicle, plans to deploy about $25 billion in the US this year.\n"
     "Overall, global data centre spending will reach $600 billion next year, Gartner said.\n"
     "State-backed lenders have pledged 200 billion yuan to chip projects, official media reported.",
     [("21 billion yuan", "Jiemian", "Kunlunxin"), ("$25 billion", None, "MGX"),
      ("$600 billion", "Gartner", None), ("200 billion yuan", None, None)]),
    ("price_target_and_joint_spending",
     "Big Tech spending binge\n"
     "Meta shares fell 11% to $666 on Thursday after the social media group warned that capital spending would "
     "grow next year.\n"
     "Morgan Stanley analyst Brian Nowak said his price target of $875 on the stock still stood, arguing that "
     "Meta's AI advertising tools were paying off.\n"
     "OpenAI, Oracle and SoftBank plan to invest $500 billion in data centres over four years.\n"
     "Tencent and Alibaba together spent about 60 billion yuan on capex in the third quarter, according to "
     "Counterpoint.",
     [("$666", None, "Meta"), ("$875", "Morgan Stanley analyst Brian Nowak", "Meta"),
      ("$500 billion", None, None), ("60 billion yuan", "Counterpoint", None)]),
    ("unit_and_parent_keep_the_clauses_name",
     "Cloud wars heat up in Asia\n"
     "SK Group and Amazon Web Services will invest 7 trillion won in an AI data centre in Ulsan.\n"
     "Amazon Web Services, Amazon's cloud unit, separately plans to invest $5 billion in Taiwan by 2030, the "
     "unit said.\n"
     "Google's parent Alphabet said it would spend $15 billion on an AI hub in India over five years.\n"
     "Alibaba Cloud, a unit of Alibaba Group, will spend 4 billion yuan on new data centres in Southeast Asia.",
     [("7 trillion won", None, None), ("$5 billion", "Amazon Web Services", "Amazon Web Services"),
      ("$15 billion", "Alphabet", "Alphabet"), ("4 billion yuan", None, "Alibaba Cloud")]),
    ("descriptions_in_one_paragraph",
     "Huawei doubles down on chips\n"
     "SHENZHEN, China, Dec 2 - Huawei said on Tuesday it would spend 30 billion yuan on a new chip plant in "
     "Shanghai. The Shenzhen-based company's revenue last year was 860 billion yuan, it said.\n"
     "Separately, Cambricon said its revenue rose to 4.6 billion yuan in the first nine months. Shares of the "
     "chip designer have tripled this year to 1,400 yuan.",
     [("30 billion yuan", "Huawei", "Huawei"), ("860 billion yuan", "Huawei", "Huawei"),
      ("4.6 billion yuan", "Cambricon", "Cambricon"), ("1,400 yuan", None, "Cambricon")]),
    ("consensus_unit_source_and_investment_loss",
     "Microsoft posts record cloud sales\n"
     "Microsoft reported revenue of $77.7 billion in the quarter, beating the $75.3 billion expected by "
     "analysts polled by LSEG.\n"
     "GitHub's annual revenue run rate topped $2 billion, the unit said.\n"
     "Microsoft recorded a $3.1 billion loss on its investment in OpenAI.",
     [("$77.7 billion", "Microsoft", "Microsoft"), ("$75.3 billion", "LSEG", "Microsoft"),
      ("$2 billion", "GitHub", "GitHub"), ("$3.1 billion", None, "Microsoft")]),
    ("stake_sale_and_unattributed_share_price",
     "SoftBank sells Nvidia stake\n"
     "TOKYO, Nov 11 - Japanese telecoms group SoftBank said on Tuesday it had sold its entire stake in Nvidia "
     "for $5.8 billion.\n"
     "SoftBank plans to invest a further $22.5 billion in OpenAI by December, according to people familiar "
     "with the matter.\n"
     "Shares in SoftBank fell 10% to 22,000 yen in Tokyo.",
     [("$5.8 billion", "SoftBank", "SoftBank"), ("$22.5 billion", None, "SoftBank"),
      ("22,000 yen", None, "SoftBank")]),
    ("payer_not_payee_and_outlets_report",
     "Apple steps up AI investment\n"
     "Apple plans to spend $500 billion in the US over four years, the iPhone maker said on Monday. The company "
     "will also pay Google about $1 billion a year for a custom version of its Gemini model, Bloomberg News "
     "reported.\n"
     "Apple's services revenue hit $28.8 billion in the September quarter.",
     [("$500 billion", "Apple", "Apple"), ("$1 billion", "Bloomberg News", "Apple"),
      ("$28.8 billion", None, "Apple")]),
    ("results_paragraphs_and_a_rivals_price",
     "Xiaomi results\n"
     "BEIJING, March 25 (Reuters) - Xiaomi said on Wednesday its adjusted net profit doubled last year to 41.6 "
     "billion yuan.\n"
     "Revenue for 2025 rose 38% to 505 billion yuan.\n"
     "Xiaomi's Hong Kong-listed shares rose 3% to HK$52, while those of rival BYD fell 2% to HK$98.",
     [("41.6 billion yuan", "Xiaomi", "Xiaomi"), ("505 billion yuan", None, "Xiaomi"),
      ("HK$52", None, "Xiaomi"), ("HK$98", None, "BYD")]),
    ("consortia_and_named_ventures",
     "Data centre deals\n"
     "SoftBank's joint venture with OpenAI will invest $3 billion a year in Japan.\n"
     "A consortium led by BlackRock and Nvidia agreed to buy Aligned Data Centers for $40 billion.\n"
     "Stargate, the venture backed by OpenAI, Oracle and SoftBank, has committed $400 billion so far.\n"
     "Microsoft and OpenAI have a combined $13 billion at stake.",
     [("$3 billion", None, None), ("$40 billion", None, None), ("$400 billion", None, "Stargate"),
      ("$13 billion", None, None)]),
    ("unnamed_groups_are_no_source",
     "Alibaba reported results on Thursday. Its cloud revenue rose 34% to 39.8 billion yuan.\n"
     "Chinese regulators said last month that data centre investment would top 1 trillion yuan by 2027.\n"
     "Domestic chipmakers expect sales of 300 billion yuan this year, an industry group said.\n"
     "Analysts said Alibaba's capex could reach 120 billion yuan next year.",
     [("39.8 billion yuan", None, "Alibaba"), ("1 trillion yuan", None, None), ("300 billion yuan", None, None),
      ("120 billion yuan", None, "Alibaba")]),
    ("the_newspaper_is_no_wire",
     "The Financial Times reported on Sunday that ByteDance would spend $23 billion on AI next year. Reuters "
     "could not immediately verify the report.\n"
     "ByteDance did not respond to a request for comment from Reuters.\n"
     "The newspaper said ByteDance had also set aside $12 billion for chips.\n"
     "Bloomberg News separately reported that Alibaba was weighing a $5 billion bond. The news agency said "
     "Alibaba might also sell $1 billion of convertible notes.",
     [("$23 billion", "Financial Times", "ByteDance"), ("$12 billion", "Financial Times", "ByteDance"),
      ("$5 billion", "Bloomberg News", "Alibaba"), ("$1 billion", "Bloomberg News", "Alibaba")]),
    ("share_price_run_with_unknown_names",
     "Asian chip stocks\n"
     "Shares of Alibaba rose 3% to HK$120, while Tencent's fell 1% to HK$500 and those of Baidu slipped to HK$90.\n"
     "In Tokyo, SoftBank Group closed up 5% at 18,000 yen; Advantest rose 2% to 11,000 yen and Tokyo Electron "
     "gained 1% to 25,000 yen.",
     [("HK$120", None, "Alibaba"), ("HK$500", None, "Tencent"), ("HK$90", None, "Baidu"),
      ("18,000 yen", None, "SoftBank Group"), ("11,000 yen", None, "Advantest"), ("25,000 yen", None, "Tokyo Electron")]),
    ("market_figures_after_a_companys_statement",
     "Nvidia results\n"
     "Nvidia said revenue rose to $57 billion in the quarter, and its shares rose 3% to $190 in late trading.\n"
     "Meta said it expects capex of $70 billion to $72 billion this year. Wall Street had forecast $68 billion.",
     [("$57 billion", "Nvidia", "Nvidia"), ("$190", None, "Nvidia"), ("$70 billion to $72 billion", "Meta", "Meta"),
      ("$68 billion", None, "Meta")]),
    ("parents_units_and_backers",
     "Who spends what\n"
     "Alphabet's Google will invest $15 billion in an AI hub in India over five years.\n"
     "Amazon's cloud unit AWS plans to spend $50 billion on government data centres.\n"
     "Microsoft-backed OpenAI expects revenue of $13 billion this year.\n"
     "Tencent Cloud, the cloud arm of Tencent Holdings, will spend $500 million in Saudi Arabia.",
     [("$15 billion", None, "Google"), ("$50 billion", None, "AWS"), ("$13 billion", "OpenAI", "OpenAI"),
      ("$500 million", None, "Tencent Cloud")]),
    ("fitting_description_and_own_report_across_paragraphs",
     "Tencent bets big on AI\n"
     "Tencent will increase its capital spending next year, according to people familiar with the group's plans.\n"
     "The Shenzhen-based group spent Rmb76.8bn on capex last year, its annual report shows.\n"
     "Morgan Stanley expects Tencent's capex to reach Rmb110bn in 2026.",
     [("Rmb76.8bn", "Tencent", "Tencent"), ("Rmb110bn", "Morgan Stanley", "Tencent")]),
    ("market_sizes_and_sector_totals",
     "AI spending tally\n"
     "Alibaba chairman Joe Tsai told Bloomberg Television that the company could spend more than 380 billion yuan.\n"
     "The four hyperscalers will spend $400 billion this year, according to a Reuters tally of company filings.\n"
     "In an interview with CNBC, Nvidia CEO Jensen Huang said sovereign AI could be a $1 trillion market.\n"
     "Nvidia now has a $4.4 trillion market value.",
     [("380 billion yuan", "Joe Tsai", "Alibaba"), ("$400 billion", "Reuters", None),
      ("$1 trillion", "Jensen Huang", None), ("$4.4 trillion", None, "Nvidia")]),
    ("list_lines_without_full_stops",
     "Capex plans\n"
     "Microsoft: $80bn for fiscal 2025\n"
     "Alphabet: $75bn, CFO Anat Ashkenazi said\n"
     "Amazon: $100bn\n"
     "Meta: $65bn, according to Jefferies\n"
     "Oracle: $16bn\n",
     [("$80bn", None, "Microsoft"), ("$75bn", "Anat Ashkenazi", "Alphabet"), ("$100bn", None, "Amazon"),
      ("$65bn", "Jefferies", "Meta"), ("$16bn", None, "Oracle")]),
    ("a_company_denying_unnamed_reports",
     "Baidu responds\n"
     "Media reports that Baidu would cut its AI budget to 5 billion yuan were inaccurate, the company said on "
     "Friday. It said capex this year would be about 12 billion yuan.",
     [("5 billion yuan", None, "Baidu"), ("12 billion yuan", "Baidu", "Baidu")]),
    ("a_document_leaked_to_an_outlet",
     "Kuaishou's plans\n"
     "Kuaishou's internal budget of 12 billion yuan for its Kling model was leaked to LatePost, which published "
     "it on Monday.\n"
     "Kuaishou said it would keep investing.",
     [("12 billion yuan", "LatePost", "Kuaishou")]),
    ("pronouns_after_a_resolved_description",
     "SoftBank doubles down\n"
     "Masayoshi Son is betting the future of SoftBank on OpenAI.\n"
     "The Japanese conglomerate said on Tuesday it had invested a further $22.5bn in the ChatGPT maker, bringing "
     "its total commitment to more than $30bn. It sold its Nvidia stake for $5.8bn to help fund the deal.",
     [("$22.5bn", "SoftBank", "SoftBank"), ("$30bn", "SoftBank", "SoftBank"), ("$5.8bn", None, "SoftBank")]),
    ("he_said_a_paragraph_after_the_name",
     "SoftBank's Son goes all in\n"
     "Masayoshi Son is betting the future of SoftBank on artificial intelligence, and on one company in particular.\n"
     "The group has sold assets, borrowed heavily and cut costs across its portfolio to raise money for the push, "
     "and it has told its banks that more sales are coming.\n"
     "\"I'm all in,\" Son told investors on Tuesday. He said SoftBank could invest up to $100bn more over the "
     "next decade.",
     [("$100bn", "Masayoshi Son", "SoftBank")]),
    ("the_sources_are_the_ones_cited_before",
     "Chinese tech groups borrow\n"
     "The Financial Times reported last week that Alibaba would raise its AI budget.\n"
     "Alibaba plans to spend 480 billion yuan, according to people cited by Bloomberg.\n"
     "JD.com is weighing a 20 billion yuan bond sale, sources said.\n"
     "Baidu will spend 15 billion yuan on chips, the sources added.",
     [("480 billion yuan", "Bloomberg", "Alibaba"), ("20 billion yuan", None, "JD.com"),
      ("15 billion yuan", None, "Baidu")]),
]


@pytest.mark.parametrize("name,text,expected", ARTICLES, ids=[row[0] for row in ARTICLES])
def test_sources_and_subjects_in_articles(extractor: FigureExtractor, name: str, text: str, expected) -> None:
    figures = extractor.extract(text, PUBLISHED)
    assert [figure.text for figure in figures] == [amount for amount, _source, _subject in expected], name
    for figure, (amount, source, subject) in zip(figures, expected):
        # a source as the evaluation matches it ("Chief Executive K. Krithivasan" ~ "K.
        # Krithivasan"); the subject exactly, but for a leading "the"
        assert names_match(source, figure.source), (amount, figure.source, figure.rule)
        assert normalize_name(figure.subject) == normalize_name(subject), (amount, figure.subject, figure.rule)


def test_articles_cover_at_least_fifteen_stories() -> None:
    assert len(ARTICLES) >= 15
    assert all(text.count("\n") >= 1 for _name, text, _expected in ARTICLES)
