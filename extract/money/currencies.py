"""Currency symbols, codes and words as readable tables, each mapped to an ISO 4217 code.

Newsroom money writes the currency three ways, and each way sits in a different place:

* a **symbol** glued before the number ("$7B", "HK$3.9 billion", "€1bn", "RM29.5 billion");
* a **code** before or after it ("USD 23 billion", "Rmb150bn", "40 billion Rmb");
* a **word** after it, maybe with a nationality ("160bn yuan", "23 billion U.S. dollars").

The tables are data, not regular expressions, so a reviewer can add "Swiss francs" without
reading pattern code; the tokenizer (``extract/money/tokenizer.py``) and the money rules
(``extract/money/patterns.py``) are both built from them.
"""

from __future__ import annotations

import re
from decimal import Decimal

#: Marks written before a number. "$" alone is USD unless the text says otherwise (CONVENTIONS.md).
#: "¥" is decided by context (``yen_sign_currency``), so it maps to a placeholder.
YEN_SIGN = "¥"
SYMBOLS: dict[str, str] = {
    "$": "USD",
    "＄": "USD",  # the full-width dollar sign of Chinese and Japanese text
    "US$": "USD",
    "USD$": "USD",
    "U.S.$": "USD",
    "HK$": "HKD",
    "S$": "SGD",
    "SG$": "SGD",
    "A$": "AUD",
    "AU$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "NT$": "TWD",
    "NZ$": "NZD",
    "R$": "BRL",
    "MX$": "MXN",
    "€": "EUR",
    "£": "GBP",
    "¥": YEN_SIGN,
    "CN¥": "CNY",
    "RMB¥": "CNY",
    "JP¥": "JPY",
    "￥": YEN_SIGN,
    "₹": "INR",
    "Rs": "INR",
    "Rs.": "INR",
    "₩": "KRW",
    "฿": "THB",
    "₽": "RUB",
    "₺": "TRY",
    "₫": "VND",
    "₱": "PHP",
    "RM": "MYR",
    "Rp": "IDR",
    "SFr": "CHF",
    "SFr.": "CHF",
    "Sfr": "CHF",
    "₪": "ILS",
    "₦": "NGN",
    "₴": "UAH",
    "zł": "PLN",
    # "R" alone is the South African rand only with a scale ("R3bn", "R 1.2 billion"): see
    # SCALE_ONLY_MARKS; "R2" or "R1" alone is a model, a road or a round.
    "R": "ZAR",
    # Gulf press marks ("SR75bn", "QR5bn", "Dh3bn"); like "R", only before a scaled amount,
    # so a model name ("SR2"), a QR code or a "Dh1" grade is never money.
    "SR": "SAR",
    "QR": "QAR",
    "Dh": "AED",
    "Dhs": "AED",
}

#: Marks that are money only before a scaled amount ("R3bn" yes, "R2-D2" or "R1" no).
SCALE_ONLY_MARKS: frozenset[str] = frozenset({"R", "SR", "QR", "Dh", "Dhs"})

#: Codes that may stand before or after a number ("USD 30", "40 billion Rmb"). Case matters:
#: "RM"/"Rs" are left to SYMBOLS (before only) because "rm"/"rs" are ordinary abbreviations.
CODES: dict[str, str] = {
    "RMB": "CNY",
    "Rmb": "CNY",
    "rmb": "CNY",
    "CNY": "CNY",
    "CNH": "CNY",
    "USD": "USD",
    "EUR": "EUR",
    "GBP": "GBP",
    "JPY": "JPY",
    "HKD": "HKD",
    "SGD": "SGD",
    "MYR": "MYR",
    "THB": "THB",
    "BRL": "BRL",
    "INR": "INR",
    "KRW": "KRW",
    "AUD": "AUD",
    "CAD": "CAD",
    "TWD": "TWD",
    "NTD": "TWD",
    "CHF": "CHF",
    "IDR": "IDR",
    "VND": "VND",
    "MXN": "MXN",
    "SAR": "SAR",
    "AED": "AED",
    "ZAR": "ZAR",
    "NZD": "NZD",
    "SEK": "SEK",
    "NOK": "NOK",
    "DKK": "DKK",
    "RUB": "RUB",
    # written before or after a Chinese amount: "人民币1600亿元", "1600亿元人民币"
    "人民币": "CNY",
    "CZK": "CZK",
    "PLN": "PLN",
    "HUF": "HUF",
    "ILS": "ILS",
    "NGN": "NGN",
    "EGP": "EGP",
    "PKR": "PKR",
    "KES": "KES",
    "QAR": "QAR",
    "KWD": "KWD",
    "BHD": "BHD",
    "OMR": "OMR",
    "ARS": "ARS",
    "CLP": "CLP",
    "BDT": "BDT",
    "LKR": "LKR",
    "UAH": "UAH",
}
# Left out on purpose, because they are ordinary capitalised words before a number too:
# "TRY" (a headline verb: "WILL TRY 3 TIMES"), "PHP" (the language: "PHP 8"), "COP" (the climate
# summit: "COP 28"), "NPR" (the broadcaster). Their currencies are read from symbols and words.

#: Currency words written after a number, singular and plural, lower-cased, with the currency
#: they mean when no nationality is written before them.
WORDS: dict[str, str] = {
    "dollar": "USD",
    "dollars": "USD",
    "yuan": "CNY",
    "renminbi": "CNY",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "won": "KRW",
    "rupee": "INR",
    "rupees": "INR",
    "ringgit": "MYR",
    "baht": "THB",
    "reais": "BRL",
    "reals": "BRL",
    "rupiah": "IDR",
    "peso": "MXN",
    "pesos": "MXN",
    "franc": "CHF",
    "francs": "CHF",
    "rand": "ZAR",
    "dirham": "AED",
    "dirhams": "AED",
    "riyal": "SAR",
    "riyals": "SAR",
    "lira": "TRY",
    "liras": "TRY",
    "rouble": "RUB",
    "roubles": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "dong": "VND",
    "cent": "USD",
    "cents": "USD",
    "pence": "GBP",
    "penny": "GBP",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "NOK",
    "kroner": "NOK",
    # "crowns" is how Reuters writes every Nordic and the Czech currency: the family is SEK
    # and the nationality decides (NEEDS_NATIONALITY: "crowns" alone is no currency).
    "crown": "SEK",
    "crowns": "SEK",
    "koruna": "CZK",
    "zloty": "PLN",
    "zlotys": "PLN",
    "zlotych": "PLN",
    "shekel": "ILS",
    "shekels": "ILS",
    "naira": "NGN",
    "forint": "HUF",
    "forints": "HUF",
    "hryvnia": "UAH",
    "hryvnias": "UAH",
    "shilling": "KES",
    "shillings": "KES",
    "dinar": "KWD",
    "dinars": "KWD",
    "rial": "OMR",
    "rials": "OMR",
    "taka": "BDT",
}

#: Chinese, Japanese and Korean currency words written right after an amount ("1500亿元", "70亿美元",
#: "3兆円", "20조원"). Kept apart so the tokenizer can cut them off the scale before them.
CJK_WORDS: dict[str, str] = {
    "元": "CNY",
    "人民币元": "CNY",
    "美元": "USD",
    "美金": "USD",
    "港元": "HKD",
    "港币": "HKD",
    "港幣": "HKD",
    "日元": "JPY",
    "日圆": "JPY",
    "円": "JPY",
    "欧元": "EUR",
    "歐元": "EUR",
    "英镑": "GBP",
    "英鎊": "GBP",
    "韩元": "KRW",
    "韓元": "KRW",
    "新台币": "TWD",
    "新台幣": "TWD",
    "台币": "TWD",
    "新加坡元": "SGD",
    "新元": "SGD",
    "澳元": "AUD",
    "加元": "CAD",
    "令吉": "MYR",
    # Korean
    "원": "KRW",
    "달러": "USD",
    "엔": "JPY",
    "위안": "CNY",
}
WORDS.update(CJK_WORDS)

#: Currency words that several countries use, with no default that is right often enough:
#: "pesos" (Mexico, the Philippines, Argentina, Chile, Colombia), "crowns" (Sweden, Norway,
#: Denmark, the Czech Republic), "shillings", "dinars", "rials". They are money only with
#: their nationality written before them ("Swedish crowns", "Philippine pesos") or, for pesos
#: and crowns, when the text names exactly one of their countries (``regional_currency``).
NEEDS_NATIONALITY: frozenset[str] = frozenset(
    {"peso", "pesos", "crown", "crowns", "shilling", "shillings", "dinar", "dinars", "rial",
     "rials"}
)

#: Currency words that are also ordinary words ("in 2021 won", "aged 78 won", "50 pounds" of
#: weight): after a bare number they are money only with a scale or a large written number.
AMBIGUOUS_WORDS: frozenset[str] = frozenset(
    {"won", "pound", "pounds", "rand", "dong", "lira", "liras", "real", "franc", "francs", "crown",
     "crowns"}
)

#: Currency words that name a fraction of the unit: "50 cents" is USD 0.50.
WORD_FACTORS: dict[str, Decimal] = {
    "cent": Decimal("0.01"),
    "cents": Decimal("0.01"),
    "pence": Decimal("0.01"),
    "penny": Decimal("0.01"),
}

#: Words that may stand between the number and a currency word and change what it means
#: ("Hong Kong dollars", "U.S. dollars", "Chinese yuan"), lower-cased, joined by one space.
#: A pair (nationality, currency word family) maps to an ISO code; the family is the first
#: ISO code the bare word means, so "Hong Kong" + "dollars" looks up ("hong kong", "USD").
NATIONALITIES: dict[tuple[str, str], str] = {
    ("u.s.", "USD"): "USD",
    ("us", "USD"): "USD",
    ("american", "USD"): "USD",
    ("hong kong", "USD"): "HKD",
    ("singapore", "USD"): "SGD",
    ("singaporean", "USD"): "SGD",
    ("australian", "USD"): "AUD",
    ("canadian", "USD"): "CAD",
    ("taiwan", "USD"): "TWD",
    ("taiwanese", "USD"): "TWD",
    ("new taiwan", "USD"): "TWD",
    ("new zealand", "USD"): "NZD",
    ("chinese", "CNY"): "CNY",
    ("offshore", "CNY"): "CNY",
    ("onshore", "CNY"): "CNY",
    ("japanese", "JPY"): "JPY",
    ("south korean", "KRW"): "KRW",
    ("korean", "KRW"): "KRW",
    ("indian", "INR"): "INR",
    ("pakistani", "INR"): "PKR",
    ("malaysian", "MYR"): "MYR",
    ("thai", "THB"): "THB",
    ("brazilian", "BRL"): "BRL",
    ("british", "GBP"): "GBP",
    ("egyptian", "GBP"): "EGP",
    ("swiss", "CHF"): "CHF",
    ("mexican", "MXN"): "MXN",
    ("philippine", "MXN"): "PHP",
    ("indonesian", "IDR"): "IDR",
    ("south african", "ZAR"): "ZAR",
    ("saudi", "SAR"): "SAR",
    ("turkish", "TRY"): "TRY",
    ("russian", "RUB"): "RUB",
    ("swedish", "SEK"): "SEK",
    ("norwegian", "NOK"): "NOK",
    ("danish", "NOK"): "DKK",
    # "crowns" (family SEK, see WORDS)
    ("norwegian", "SEK"): "NOK",
    ("danish", "SEK"): "DKK",
    ("czech", "SEK"): "CZK",
    ("icelandic", "SEK"): "ISK",
    ("czech", "CZK"): "CZK",
    # pesos (family MXN)
    ("argentine", "MXN"): "ARS",
    ("argentinian", "MXN"): "ARS",
    ("chilean", "MXN"): "CLP",
    ("colombian", "MXN"): "COP",
    ("uruguayan", "MXN"): "UYU",
    ("dominican", "MXN"): "DOP",
    ("polish", "PLN"): "PLN",
    ("israeli", "ILS"): "ILS",
    ("new israeli", "ILS"): "ILS",
    ("new", "ILS"): "ILS",
    ("nigerian", "NGN"): "NGN",
    ("hungarian", "HUF"): "HUF",
    ("ukrainian", "UAH"): "UAH",
    ("kenyan", "KES"): "KES",
    ("ugandan", "KES"): "UGX",
    ("tanzanian", "KES"): "TZS",
    ("kuwaiti", "KWD"): "KWD",
    ("bahraini", "KWD"): "BHD",
    ("jordanian", "KWD"): "JOD",
    ("iraqi", "KWD"): "IQD",
    ("omani", "OMR"): "OMR",
    ("iranian", "OMR"): "IRR",
    ("qatari", "SAR"): "QAR",
    ("emirati", "AED"): "AED",
    ("uae", "AED"): "AED",
    ("vietnamese", "VND"): "VND",
    ("sri lankan", "INR"): "LKR",
    ("nepalese", "INR"): "NPR",
    ("bangladeshi", "BDT"): "BDT",
}

#: Every single word that can appear in a nationality ("hong", "kong", "u.s.", "new", ...).
NATIONALITY_WORDS: frozenset[str] = frozenset(
    word for (phrase, _family) in NATIONALITIES for word in phrase.split()
)

#: Words a text uses for the yen or for Japanese companies: "¥" then means JPY, not CNY.
#: Kept short and specific: a wrong JPY turns a Chinese figure into a tiny Japanese one.
JAPAN_CUES: tuple[str, ...] = (
    "yen",
    "japan",
    "japanese",
    "tokyo",
    "softbank",
    "toyota",
    "sony",
    "nintendo",
    "honda",
    "nissan",
    "panasonic",
    "hitachi",
    "mitsubishi",
    "mitsui",
    "sumitomo",
    "rakuten",
    "fujitsu",
    "toshiba",
    "kddi",
    "ntt",
    "keyence",
    "renesas",
    "kioxia",
    "tokyo electron",
    "nikkei",
)

#: Words that place a text in China: they outweigh a Japan cue in the same sentence.
CHINA_CUES: tuple[str, ...] = (
    "yuan",
    "renminbi",
    "rmb",
    "china",
    "chinese",
    "beijing",
    "shanghai",
    "shenzhen",
    "bytedance",
    "alibaba",
    "tencent",
    "baidu",
    "huawei",
)

_CUE_RE: dict[tuple[str, ...], re.Pattern[str]] = {
    cues: re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.IGNORECASE)
    for cues in (JAPAN_CUES, CHINA_CUES)
}


def yen_sign_currency(sentence: str, document: str) -> str:
    """Decide what "¥" means: JPY when the text talks about yen or Japan, else CNY.

    The sentence is asked first and the whole text only when the sentence is silent, because one
    article can quote both ("SoftBank's ¥1tn ... ByteDance's ¥200bn"). China wins a tie inside a
    sentence: the watched companies are Chinese, and CNY is the safer reading of a bare "¥".
    """
    for text in (sentence, document):
        china = bool(_CUE_RE[CHINA_CUES].search(text))
        japan = bool(_CUE_RE[JAPAN_CUES].search(text))
        if china and not japan:
            return "CNY"
        if japan and not china:
            return "JPY"
        if japan and china:
            # "yen" itself is decisive even beside Chinese names; a company name is not.
            return "JPY" if re.search(r"\byen\b", text, re.IGNORECASE) else "CNY"
    return "CNY"


#: Places (and a few companies) that say whose pesos or crowns a text means when the currency
#: word has no nationality ("Mexico's America Movil will spend 20 billion pesos"), by the family
#: the bare word belongs to (WORDS). Only a text that names exactly one of the countries decides.
COUNTRY_CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "MXN": {
        "MXN": ("mexico", "mexican", "mexico city", "america movil", "banorte", "cemex", "pemex"),
        "PHP": ("philippines", "philippine", "filipino", "manila", "ayala", "jollibee", "pldt"),
        "ARS": ("argentina", "argentine", "argentinian", "buenos aires", "mercado libre", "ypf"),
        "CLP": ("chile", "chilean", "santiago", "codelco", "falabella"),
        "COP": ("colombia", "colombian", "bogota", "ecopetrol"),
    },
    "SEK": {
        "SEK": ("sweden", "swedish", "stockholm", "ericsson", "volvo", "h&m", "spotify"),
        "NOK": ("norway", "norwegian", "oslo", "equinor", "telenor", "norsk hydro"),
        "DKK": ("denmark", "danish", "copenhagen", "novo nordisk", "orsted", "maersk"),
        "CZK": ("czech", "prague", "cez"),
    },
}

_COUNTRY_RE: dict[tuple[str, str], re.Pattern[str]] = {
    (family, code): re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")\b", re.IGNORECASE)
    for family, countries in COUNTRY_CUES.items()
    for code, cues in countries.items()
}


def regional_currency(family: str, sentence: str, document: str) -> str | None:
    """Whose pesos or crowns: the one country the sentence names, else the one the whole text
    names; ``None`` when neither names exactly one (then the amount is not guessed).

    >>> regional_currency("MXN", "Mexico's America Movil will spend 20 billion pesos", "")
    'MXN'
    >>> regional_currency("SEK", "It cut 5 billion crowns", "Oslo-based Telenor ... Sweden's Telia") is None
    True
    """
    countries = COUNTRY_CUES.get(family)
    if not countries:
        return None
    for text in (sentence, document):
        named = [code for code in countries if _COUNTRY_RE[(family, code)].search(text)]
        if len(named) == 1:
            return named[0]
        if named:
            return None  # two countries in one place: do not guess
    return None


def word_currency(nationality: str, word: str) -> str | None:
    """The ISO code of a currency word with the nationality written before it, if any.

    >>> word_currency("hong kong", "dollars")
    'HKD'
    >>> word_currency("", "yuan")
    'CNY'
    >>> word_currency("hong kong", "yuan") is None  # not a currency anyone writes
    True
    """
    family = WORDS.get(word.lower())
    if family is None:
        family = CODES.get(word)
    if family is None:
        return None
    nationality = " ".join(nationality.lower().split())
    if not nationality:
        return family
    return NATIONALITIES.get((nationality, family))
