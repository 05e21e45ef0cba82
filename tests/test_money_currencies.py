"""Currencies beyond the dollar, yuan and euro: every mark, code and word the tables know, each
asserting amount, amount_high, currency and the span's text; and the look-alikes left alone."""

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


#: (sentence, amount as written, amount, currency)
CURRENCIES = [
    # Gulf press marks, before a scaled amount only
    ("Aramco will spend SR75bn on new fields.", "SR75bn", "75e9", "SAR"),
    ("The fund committed SR 12 billion.", "SR 12 billion", "12e9", "SAR"),
    ("QatarEnergy signed a QR5bn contract.", "QR5bn", "5e9", "QAR"),
    ("Emaar plans Dh3bn of projects.", "Dh3bn", "3e9", "AED"),
    ("The airline raised Dhs 2.5 billion in bonds.", "Dhs 2.5 billion", "2.5e9", "AED"),
    # Nordic and Czech crowns: the nationality decides, "crowns" alone is no currency
    ("Ericsson will spend 5 billion Swedish crowns on cuts.", "5 billion Swedish crowns", "5e9", "SEK"),
    ("Equinor set aside 2 billion Norwegian crowns.", "2 billion Norwegian crowns", "2e9", "NOK"),
    ("Orsted booked 3.5 billion Danish crowns of charges.", "3.5 billion Danish crowns", "3.5e9", "DKK"),
    ("CEZ plans 40 billion Czech crowns of capex.", "40 billion Czech crowns", "40e9", "CZK"),
    ("Profit rose to 12 billion kronor.", "12 billion kronor", "12e9", "SEK"),
    ("Novo raised 10 billion Danish kroner.", "10 billion Danish kroner", "10e9", "DKK"),
    ("Telenor paid 4 billion Norwegian kroner.", "4 billion Norwegian kroner", "4e9", "NOK"),
    # Swiss francs
    ("UBS will cut SFr 1bn of costs.", "SFr 1bn", "1e9", "CHF"),
    ("Nestle spent SFr2.5bn on the deal.", "SFr2.5bn", "2.5e9", "CHF"),
    ("Roche invests SFr. 700 million in Basel.", "SFr. 700 million", "700e6", "CHF"),
    ("ABB booked CHF 1.2 billion in orders.", "CHF 1.2 billion", "1.2e9", "CHF"),
    ("Novartis earned 3 billion Swiss francs.", "3 billion Swiss francs", "3e9", "CHF"),
    # pesos: only with a nationality
    ("America Movil will invest 20 billion Mexican pesos.", "20 billion Mexican pesos", "20e9", "MXN"),
    ("Ayala pledged 5 billion Philippine pesos.", "5 billion Philippine pesos", "5e9", "PHP"),
    ("The fund received ₱3bn.", "₱3bn", "3e9", "PHP"),
    ("Mercado Libre spent 600 billion Argentine pesos.", "600 billion Argentine pesos", "600e9", "ARS"),
    ("Codelco earned 900 billion Chilean pesos.", "900 billion Chilean pesos", "900e9", "CLP"),
    ("Ecopetrol invested 2 trillion Colombian pesos.", "2 trillion Colombian pesos", "2e12", "COP"),
    # lira, rand, zloty, shekels, dong, naira
    ("Turkcell will invest 30 billion Turkish lira.", "30 billion Turkish lira", "30e9", "TRY"),
    ("The project costs 12 billion lira.", "12 billion lira", "12e9", "TRY"),
    ("MTN will spend 15 billion rand.", "15 billion rand", "15e9", "ZAR"),
    ("Naspers wrote down R3bn.", "R3bn", "3e9", "ZAR"),
    ("Vodacom set capex at R 12.5 billion.", "R 12.5 billion", "12.5e9", "ZAR"),
    ("Orlen plans 120 billion zlotys of spending.", "120 billion zlotys", "120e9", "PLN"),
    ("Allegro earned 1 billion zloty.", "1 billion zloty", "1e9", "PLN"),
    ("Intel will invest 90 billion shekels in Israel.", "90 billion shekels", "90e9", "ILS"),
    ("Wix reported ₪2bn in revenue.", "₪2bn", "2e9", "ILS"),
    ("Viettel spent 20 trillion dong.", "20 trillion dong", "20e12", "VND"),
    ("FPT will invest VND 5 trillion.", "VND 5 trillion", "5e12", "VND"),
    ("Dangote raised 500 billion naira.", "500 billion naira", "500e9", "NGN"),
    ("MTN Nigeria earned ₦1.2tn.", "₦1.2tn", "1.2e12", "NGN"),
    # dollars of other countries, rupees, rupiah, real
    ("Telstra will spend A$2bn.", "A$2bn", "2e9", "AUD"),
    ("Shopify raised C$1.5 billion.", "C$1.5 billion", "1.5e9", "CAD"),
    ("Spark earned NZ$300m.", "NZ$300m", "300e6", "NZD"),
    ("TSMC plans NT$1 trillion of capex.", "NT$1 trillion", "1e12", "TWD"),
    ("Infosys won a Rs. 500 crore contract.", "Rs. 500 crore", "5e9", "INR"),
    ("Adani spent Rs 1.2 lakh crore.", "Rs 1.2 lakh crore", "1.2e12", "INR"),
    ("Telkom Indonesia will spend Rp 6 trillion.", "Rp 6 trillion", "6e12", "IDR"),
    ("GoTo booked IDR 10 trillion.", "IDR 10 trillion", "10e12", "IDR"),
    ("Petrobras will spend R$5 billion.", "R$5 billion", "5e9", "BRL"),
    ("Samsung will spend KRW 5 trillion.", "KRW 5 trillion", "5e12", "KRW"),
    ("YTL Power will invest MYR 2 billion.", "MYR 2 billion", "2e9", "MYR"),
    ("True Corp set THB 10 billion for capex.", "THB 10 billion", "10e9", "THB"),
    # Gulf currencies
    ("Aramco will spend SAR 5 billion.", "SAR 5 billion", "5e9", "SAR"),
    ("G42 raised AED 2 billion.", "AED 2 billion", "2e9", "AED"),
    ("Ooredoo will invest QAR 3 billion.", "QAR 3 billion", "3e9", "QAR"),
    ("STC paid 4 billion Saudi riyals.", "4 billion Saudi riyals", "4e9", "SAR"),
    ("QIA set aside 2 billion Qatari riyals.", "2 billion Qatari riyals", "2e9", "QAR"),
    # the yen
    ("SoftBank will spend ¥3tn.", "¥3tn", "3e12", "JPY"),
    ("Sony booked JPY 500 billion.", "JPY 500 billion", "500e9", "JPY"),
    # fractions of the unit
    ("It pays a dividend of 50 cents a share.", "50 cents", "0.50", "USD"),
    ("Costs rose 30 US cents per unit.", "30 US cents", "0.30", "USD"),
    ("Tariffs add 20 euro cents a litre.", "20 euro cents", "0.20", "EUR"),
    ("BT raised its dividend to 8 pence a share.", "8 pence", "0.08", "GBP"),
    ("Vodafone pays 4.5p a share.", "4.5p", "0.045", "GBP"),
    ("Shares are priced at 120p each.", "120p", "1.20", "GBP"),
]


@pytest.mark.parametrize(("text", "written", "amount", "currency"), CURRENCIES)
def test_currency(nlp: Language, text: str, written: str, amount: str, currency: str) -> None:
    assert spans(nlp, text) == [(written, Decimal(amount), None, currency)]


#: Bare "pesos"/"crowns": the one country the sentence (or else the text) names decides.
REGIONAL = [
    ("Mexico's America Movil will spend 20 billion pesos this year.", "20 billion pesos", "20e9", "MXN"),
    ("The Philippine unit of Ayala will spend 5 billion pesos.", "5 billion pesos", "5e9", "PHP"),
    ("Ericsson will cut 5 billion crowns of costs.", "5 billion crowns", "5e9", "SEK"),
    ("OSLO (Reuters) - Equinor will spend 60 billion crowns.", "60 billion crowns", "60e9", "NOK"),
    ("Codelco, Chile's copper miner, will invest 1.2 trillion pesos.", "1.2 trillion pesos", "1.2e12", "CLP"),
]


@pytest.mark.parametrize(("text", "written", "amount", "currency"), REGIONAL)
def test_regional_currency(nlp: Language, text: str, written: str, amount: str, currency: str) -> None:
    assert spans(nlp, text) == [(written, Decimal(amount), None, currency)]


def test_regional_currency_from_an_earlier_sentence(nlp: Language) -> None:
    text = "MEXICO CITY (Reuters) - Banorte reported results.\nIt will invest 3 billion pesos."
    assert spans(nlp, text) == [("3 billion pesos", Decimal("3e9"), None, "MXN")]


NOT_MONEY = [
    "The SR2 model and the QR code scanner shipped in 2025.",  # marks without a scale: names
    "Telenor in Oslo and Telia in Sweden cut 5 billion crowns.",  # two countries: not guessed
    "Sweden's champion has won 4 crowns.",  # titles, not money

    "The company sold 5 billion crowns of shares.",  # crowns, but whose?
    "The peso fell and 10 billion pesos left the country.",  # pesos without a nationality
    "R2-D2 and the R1 road",  # "R" is the rand only before a scaled amount
    "PHP 8 was released, and COP 28 was held in Dubai.",  # codes left out on purpose
    "The video streams at 720p and 1080p.",  # screen resolutions, not pence
    "Rand Paul said 12 senators agreed.",  # "rand" is a name
]


@pytest.mark.parametrize("text", NOT_MONEY)
def test_not_money(nlp: Language, text: str) -> None:
    assert spans(nlp, text) == []
