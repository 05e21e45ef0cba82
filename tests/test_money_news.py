"""Realistic news copy written for these tests (not taken from any gold file): wire stories with
datelines, hard line breaks, brackets, lists and footnotes, each with every money figure it holds,
in text order, as (text as written, amount, amount_high, currency)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.pipeline import FigureExtractor

Expected = tuple[str, str, str | None, str]


NEWS: list[tuple[str, list[Expected]]] = [
    (
        "STOCKHOLM, March 4 (Reuters) - Ericsson will cut costs by 5 billion Swedish crowns\n"
        "($480 million) this year, the telecoms equipment maker said on Tuesday.",
        [("5 billion Swedish crowns", "5e9", None, "SEK"), ("$480 million", "480e6", None, "USD")],
    ),
    (
        "OSLO (Reuters) - Equinor plans to invest around 60 billion Norwegian crowns a year in "
        "renewables. Its shares fell 2%.",
        [("60 billion Norwegian crowns", "60e9", None, "NOK")],
    ),
    (
        "ZURICH, June 2 (Reuters) - UBS expects to book SFr 1.2bn of restructuring charges in "
        "2025, on top of the CHF 3 billion it took last year.",
        [("SFr 1.2bn", "1.2e9", None, "CHF"), ("CHF 3 billion", "3e9", None, "CHF")],
    ),
    (
        "MEXICO CITY (Reuters) - America Movil will spend 45 billion Mexican pesos on its "
        "network, while the peso traded at 18.2 per dollar.",
        [("45 billion Mexican pesos", "45e9", None, "MXN")],
    ),
    (
        "MANILA - Ayala Land set aside 100 billion Philippine pesos ($1.8 billion) for capital "
        "expenditure in 2025.\n($1 = 56.10 Philippine pesos)",
        [("100 billion Philippine pesos", "100e9", None, "PHP"), ("$1.8 billion", "1.8e9", None, "USD")],
    ),
    (
        "ISTANBUL, Jan 9 (Reuters) - Turkcell will invest 30 billion lira in data centres, "
        "the operator said.\n($1 = 35.3 liras)",
        [("30 billion lira", "30e9", None, "TRY")],
    ),
    (
        "JOHANNESBURG (Reuters) - MTN Group plans capex of R20bn to R22bn in South Africa over "
        "the year, its chief executive told reporters.",
        [("R20bn to R22bn", "20e9", "22e9", "ZAR")],
    ),
    (
        "WARSAW - Orlen will spend 38 billion zlotys in 2025, up from 35.6 billion zlotys a "
        "year earlier.",
        [("38 billion zlotys", "38e9", None, "PLN"), ("35.6 billion zlotys", "35.6e9", None, "PLN")],
    ),
    (
        "JERUSALEM (Reuters) - Intel will invest 90 billion shekels ($25 billion) in a new "
        "plant in Israel, the finance ministry said.",
        [("90 billion shekels", "90e9", None, "ILS"), ("$25 billion", "25e9", None, "USD")],
    ),
    (
        "HANOI, Feb 3 (Reuters) - Viettel will spend 20 trillion dong (about $790 million) on "
        "a data centre near the capital.",
        [("20 trillion dong", "20e12", None, "VND"), ("$790 million", "790e6", None, "USD")],
    ),
    (
        "LAGOS - MTN Nigeria said it would invest 1.5 trillion naira in its network.",
        [("1.5 trillion naira", "1.5e12", None, "NGN")],
    ),
    (
        "TAIPEI, April 17 (Reuters) - TSMC set its 2025 capital budget at $38 billion to $42 "
        "billion. Its revenue rose to NT$839.25 billion in the first quarter.",
        [("$38 billion to $42 billion", "38e9", "42e9", "USD"), ("NT$839.25 billion", "839.25e9", None, "TWD")],
    ),
    (
        "SYDNEY - Microsoft will spend A$5 billion in Australia and NZ$1 billion in New Zealand, "
        "and C$19 billion in Canada.",
        [("A$5 billion", "5e9", None, "AUD"), ("NZ$1 billion", "1e9", None, "NZD"), ("C$19 billion", "19e9", None, "CAD")],
    ),
    (
        "MUMBAI, Oct 10 (Reuters) - Reliance Jio will invest Rs. 75,000 crore in 5G, and "
        "Bharti Airtel Rs 30,000 crore, analysts said.",
        [("Rs. 75,000 crore", "75e10", None, "INR"), ("Rs 30,000 crore", "30e10", None, "INR")],
    ),
    (
        "JAKARTA - Telkom Indonesia will spend Rp 6 trillion on data centres; GoTo lost "
        "IDR 1.2 trillion in the quarter.",
        [("Rp 6 trillion", "6e12", None, "IDR"), ("IDR 1.2 trillion", "1.2e12", None, "IDR")],
    ),
    (
        "SAO PAULO (Reuters) - Petrobras will invest R$ 5 billion in digital projects, or "
        "about $900 million.",
        [("R$ 5 billion", "5e9", None, "BRL"), ("$900 million", "900e6", None, "USD")],
    ),
    (
        "SEOUL, Jan 30 (Reuters) - SK Hynix plans to spend KRW 20 trillion on a new fab, the "
        "company said, after Samsung pledged 450 trillion won.",
        [("KRW 20 trillion", "20e12", None, "KRW"), ("450 trillion won", "450e12", None, "KRW")],
    ),
    (
        "RIYADH - Saudi Aramco will spend SAR 5 billion on AI, while Qatar's Ooredoo plans "
        "QAR 3 billion and G42 raised AED 2 billion.",
        [("SAR 5 billion", "5e9", None, "SAR"), ("QAR 3 billion", "3e9", None, "QAR"), ("AED 2 billion", "2e9", None, "AED")],
    ),
    (
        "TOKYO, Nov 12 (Reuters) - SoftBank Group posted a net profit of ¥2.5tn for the half, "
        "and said it would invest a further JPY 500 billion in OpenAI.",
        [("¥2.5tn", "2.5e12", None, "JPY"), ("JPY 500 billion", "500e9", None, "JPY")],
    ),
    (
        "LONDON - BT raised its final dividend to 8 pence a share. Vodafone pays 4.5p a share, "
        "and its shares rose 3% to 72p.",
        [("8 pence", "0.08", None, "GBP"), ("4.5p", "0.045", None, "GBP")],
    ),
    (
        "FRANKFURT - Deutsche Telekom will raise prices by 20 euro cents a month and invest "
        "€1 billion in an AI factory with Nvidia.",
        [("20 euro cents", "0.20", None, "EUR"), ("€1 billion", "1e9", None, "EUR")],
    ),
    (
        "字节跳动计划2026年资本开支1600亿元，其中850亿元用于采购AI芯片。",
        [("1600亿元", "160e9", None, "CNY"), ("850亿元", "85e9", None, "CNY")],
    ),
    (
        "BEIJING, Jan 23 (Reuters) - ByteDance plans capex of 160 billion yuan (人民币1600亿元) "
        "in 2026, the newspaper said.\n($1 = 7.2712 Chinese yuan)",
        [("160 billion yuan", "160e9", None, "CNY"), ("人民币1600亿元", "160e9", None, "CNY")],
    ),
    (
        "据报道，阿里巴巴未来三年将投入3800亿元人民币，约合530亿美元。",
        [("3800亿元人民币", "380e9", None, "CNY"), ("530亿美元", "53e9", None, "USD")],
    ),
    (
        "The budget is $7 B. The board approved it on Monday.",
        [("$7 B", "7e9", None, "USD")],
    ),
    (
        "Hyperscalers will spend $600bn+ in 2026, up from more than $400bn, Morgan Stanley "
        "estimates.",
        [("$600bn", "600e9", None, "USD"), ("$400bn", "400e9", None, "USD")],
    ),
    (
        "OpenAI's Stargate is a $500-billion-plus project; SoftBank committed a quarter of a "
        "trillion dollars, a person familiar said.",
        [("$500-billion", "500e9", None, "USD"), ("a quarter of a trillion dollars", "250e9", None, "USD")],
    ),
    (
        "Analysts expect Alibaba to spend between $5 and 6 billion a quarter, and Tencent "
        "$2-3bn.",
        [("$5 and 6 billion", "5e9", "6e9", "USD"), ("$2-3bn", "2e9", "3e9", "USD")],
    ),
    (
        "Baidu guided for capex of 2-3 billion yuan; it raised the target from 40 to 45 billion "
        "yuan for the group.",
        [("2-3 billion yuan", "2e9", "3e9", "CNY"), ("40", "40e9", None, "CNY"), ("45 billion yuan", "45e9", None, "CNY")],
    ),
    (
        "The chip unit is valued at $900m-1.2bn, while the cloud arm could fetch "
        "$900 million to $1.2 billion.",
        [("$900m-1.2bn", "900e6", "1.2e9", "USD"), ("$900 million to $1.2 billion", "900e6", "1.2e9", "USD")],
    ),
    (
        "Nvidia's H20 chips cost about $12,000 each, and the B200 sells for $30,000 to $40,000 "
        "a piece.",
        [("$12,000", "12000", None, "USD"), ("$30,000 to $40,000", "30000", "40000", "USD")],
    ),
    (
        "HONG KONG (Reuters) - Tencent (0700.HK) will buy back up to HK$80 billion of shares "
        "at about HK$400 a share; Alibaba (9988.HK) bought back US$ 4.8bn.",
        [("HK$80 billion", "80e9", None, "HKD"), ("HK$400", "400", None, "HKD"), ("US$ 4.8bn", "4.8e9", None, "USD")],
    ),
    (
        "The data centre will draw 2 GW, house 5 million GPUs, employ 300,000 people over the "
        "2025-2027 period and cost a billion dollars.",
        [("a billion dollars", "1e9", None, "USD")],
    ),
    (
        "Capex for the year:\n- Microsoft: $80bn\n- Alphabet: $75bn\n- Meta: $60-65bn\n"
        "- Amazon: $100bn+",
        [("$80bn", "80e9", None, "USD"), ("$75bn", "75e9", None, "USD"), ("$60-65bn", "60e9", "65e9", "USD"), ("$100bn", "100e9", None, "USD")],
    ),
    (
        "Meta raised its 2025 capex outlook to $66 billion-$72 billion (from $64 billion-$72 "
        "billion), CFO Susan Li said.",
        [("$66 billion-$72 billion", "66e9", "72e9", "USD"), ("$64 billion-$72 billion", "64e9", "72e9", "USD")],
    ),
    (
        "The yuan weakened to 7.31 per dollar, and USD/CNY traded at 7.3; the firm raised "
        "Rmb5bn in bonds.",
        [("Rmb5bn", "5e9", None, "CNY")],
    ),
    (
        "Oracle expects fiscal 2026 revenue of $67bn, and cloud infrastructure revenue of "
        "$18 billion rising to $144 billion in four years.\n\n(Reporting by Jane Doe; "
        "Editing by John Smith)",
        [("$67bn", "67e9", None, "USD"), ("$18 billion", "18e9", None, "USD"), ("$144 billion", "144e9", None, "USD")],
    ),
    (
        "Shopee's adjusted EBITDA was $263 million; Sea Ltd (SE.N) shares rose 5% to $120.50.",
        [("$263 million", "263e6", None, "USD"), ("$120.50", "120.50", None, "USD")],
    ),
    (
        "Temasek put S$2.5 billion into the fund and GIC another S$1bn, sources said. "
        "($1 = 1.35 Singapore dollars)",
        [("S$2.5 billion", "2.5e9", None, "SGD"), ("S$1bn", "1e9", None, "SGD")],
    ),
    (
        "KUALA LUMPUR (Reuters) - ByteDance will invest RM10 billion ($2.13 billion) in "
        "Malaysia, on top of 8.8 billion ringgit pledged earlier.",
        [("RM10 billion", "10e9", None, "MYR"), ("$2.13 billion", "2.13e9", None, "USD"), ("8.8 billion ringgit", "8.8e9", None, "MYR")],
    ),
    (
        "BANGKOK - The Board of Investment approved data centre projects worth 126.8 billion "
        "baht, and True Corp set THB 10 billion for capex.",
        [("126.8 billion baht", "126.8e9", None, "THB"), ("THB 10 billion", "10e9", None, "THB")],
    ),
    (
        "Apple will spend half a billion dollars on a Texas plant and three quarters of a "
        "billion euros in Ireland.",
        [("half a billion dollars", "0.5e9", None, "USD"), ("three quarters of a billion euros", "750e6", None, "EUR")],
    ),
    (
        "The EU fined Google €2.42 billion (£2.1bn). Alphabet has $95bn in cash.",
        [("€2.42 billion", "2.42e9", None, "EUR"), ("£2.1bn", "2.1e9", None, "GBP"), ("$95bn", "95e9", None, "USD")],
    ),
    (
        "CEZ plans 40 billion Czech crowns of capex, Novo Nordisk 10 billion Danish kroner, "
        "and Volvo 12 billion kronor.",
        [("40 billion Czech crowns", "40e9", None, "CZK"), ("10 billion Danish kroner", "10e9", None, "DKK"), ("12 billion kronor", "12e9", None, "SEK")],
    ),
]


@pytest.mark.parametrize(("text", "expected"), NEWS)
def test_news_copy(extractor: FigureExtractor, text: str, expected: list[Expected]) -> None:
    figures = extractor.extract(text)
    assert [(f.text, f.amount, f.amount_high, f.currency) for f in figures] == [
        (w, Decimal(a), None if h is None else Decimal(h), c) for w, a, h, c in expected
    ]
    assert all(text[f.start:f.end] == f.text for f in figures)


def test_news_table_is_large_enough() -> None:
    assert len(NEWS) >= 40
