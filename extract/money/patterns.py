"""The money rules as data: one ``pattern_*()`` function per way of writing an amount.

Each function returns spaCy ``Matcher`` token patterns and is registered under its own name; that
name is what a figure reports as its ``money_rule`` ("money=symbol_number_scale;..."), so a
reviewer can trace any figure back to the pattern and the examples below. Patterns only *find*
candidates; ``extract/money/component.py`` reads the amount, checks it (ranges must rise, a year is not a
price) and drops what is not money.

Patterns are built on one token attribute, ``token._.cw_money_kind`` (see ``money_kind``), so they
read like the examples: ``[SIGN, NUMBER, SCALE]`` is "$7B". Whitespace tokens may stand between any
two pieces: hard line breaks inside a sentence ("160 billion\\nyuan") must not hide an amount.

Every figure stores the rule-set version (``extract.version.RULESET``), derived from the content of
these patterns and the other rule files, so it changes whenever they do.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from extract.money.currencies import CJK_WORDS, CODES, NATIONALITY_WORDS, SYMBOLS, WORDS
from extract.money.numbers import NUMBER_WORDS, SCALES, is_number

TokenPattern = list[dict[str, Any]]

#: Dashes that join the two ends of a range ("$70-72bn", "$66–72bn", "RMB80- 100bn").
DASHES: frozenset[str] = frozenset({"-", "–", "—", "~"})


def money_kind(token: Token) -> str | None:
    """What a token is to the money rules, or ``None``.

    ``sign`` a mark written before the number ($, HK$, €, RM); ``code`` an ISO-like code written
    on either side (USD, RMB, Rmb); ``word`` a currency word written after (dollars, yuan);
    ``nation`` a word that qualifies it (U.S., Hong, Kong); ``num`` digits; ``numword`` a
    written-out number (seventy, hundred); ``scale`` a multiplier (bn, m, billion, crore);
    ``dash`` a range dash; ``and`` the word that joins written-out numbers.
    """
    return text_kind(token.text)


@lru_cache(maxsize=65536)
def text_kind(text: str) -> str | None:
    """``money_kind`` by the token's text alone, which is all it depends on. Cached: the Matcher
    asks for every token of every article, and news text repeats its words."""
    if text in SYMBOLS:
        return "sign"
    if text in CODES:
        return "code"
    lower = text.lower()
    if lower in WORDS:
        return "word"
    if is_number(text):
        return "num"
    if lower in SCALES:
        return "scale"
    if lower in NUMBER_WORDS:
        return "numword"
    if lower in NATIONALITY_WORDS:
        return "nation"
    if text in DASHES:
        return "dash"
    if lower == "and":
        return "and"  # joins written-out numbers: "one hundred and twenty-five"
    return None


if not Token.has_extension("cw_money_kind"):
    Token.set_extension("cw_money_kind", getter=money_kind)


def _kind(*kinds: str, op: str | None = None) -> dict[str, Any]:
    token: dict[str, Any] = {"_": {"cw_money_kind": {"IN": list(kinds)}}}
    if op:
        token["OP"] = op
    return token


#: The pieces patterns are made of.
SPACE: dict[str, Any] = {"IS_SPACE": True, "OP": "*"}
SIGN = _kind("sign", "code")  # before the number
NUMBER = _kind("num")
SCALE = _kind("scale")
HYPHEN: dict[str, Any] = {"ORTH": "-"}
#: "a 10-billion-dollar deal": a hyphen may join the amount to its currency word.
HYPHEN_OPT: dict[str, Any] = {"ORTH": "-", "OP": "?"}
NATION_ANY = _kind("nation", op="*")
CURRENCY_AFTER = _kind("word", "code")
NUMBER_WORD = _kind("numword")
#: The rest of a written-out number: "hundred and twenty-five" after "one".
NUMBER_WORD_TAIL: dict[str, Any] = {
    "_": {"cw_money_kind": {"IN": ["numword", "dash", "and"]}},
    "OP": "*",
}
DASH = _kind("dash")


def seq(*parts: dict[str, Any] | list[dict[str, Any]]) -> TokenPattern:
    """A token pattern from pieces, with optional whitespace tokens allowed between them.

    A piece may itself be a list (a sub-sequence spliced in place).
    """
    flat: list[dict[str, Any]] = []
    for part in parts:
        flat.extend(part if isinstance(part, list) else [part])
    pattern: TokenPattern = []
    for i, token in enumerate(flat):
        if i:
            pattern.append(SPACE)
        pattern.append(token)
    return pattern


def _lower(*words: str) -> dict[str, Any]:
    return {"LOWER": {"IN": list(words)}}


#: Indian compound scales: "Rs 1.2 lakh crore" (1.2e12), "Rs 10 thousand crore".
CRORE: dict[str, Any] = {"LOWER": {"IN": ["crore", "crores", "cr"]}}

#: A number and its scale as written: "150", "150 bn", "1.5-billion", "7 B", "1.2 lakh crore".
_AMOUNTS: list[list[dict[str, Any]]] = [
    [NUMBER],
    [NUMBER, SCALE],
    [NUMBER, HYPHEN, SCALE],
    [NUMBER, SCALE, CRORE],
]


def pattern_symbol_number_scale() -> list[TokenPattern]:
    """A currency mark or code, then a number, then maybe a scale.

    Examples: "$7B", "$55.7bn", "US$20 billion", "USD 23 billion", "Rmb150bn", "RMB 160 billion",
    "CNY160 billion", "CN¥76.8 billion", "¥200bn", "€1bn", "£8bn", "HK$3.9 billion",
    "S$2.5 billion", "RM29.5 billion", "$12,000", "US$600m", "$1.5-billion", "$5.3 trillion",
    "INR 5,000 crore", "₹500 crore".
    """
    return [seq(SIGN, *amount) for amount in _AMOUNTS]


def pattern_number_scale_currency_word() -> list[TokenPattern]:
    """A number, maybe a scale, then a currency word or code (maybe with a nationality).

    Examples: "160bn yuan", "23 billion U.S. dollars", "70 billion dollars", "40 billion Rmb",
    "40 billion renminbi", "1 billion euros", "10 billion ringgit", "126.8 billion baht",
    "50 billion reais", "124m yuan", "23 billion USD", "300 billion won", "50 cents",
    "10-billion-dollar", "5 billion Swedish crowns", "30 pence", "20 euro cents", "1500亿元",
    "70亿美元", "3兆円".
    """
    # "euro cents": the currency word "euro" names whose cents they are
    euro_cents = [NUMBER, _lower("euro"), _lower("cent", "cents")]
    return [seq(*amount, HYPHEN_OPT, NATION_ANY, CURRENCY_AFTER) for amount in _AMOUNTS] + [
        seq(*euro_cents)
    ]


#: One-character currency symbols that may also be written after the amount ("500€").
SYMBOLS_AFTER: tuple[str, ...] = ("€", "£", "$", "¥", "￥", "₹", "₩", "₽", "₺", "₪", "₦", "₫",
                                  "₱", "฿", "zł")


def pattern_symbol_after() -> list[TokenPattern]:
    """A number, maybe a scale, then a currency symbol: European and Polish style.

    Examples: "500€", "1,200 €", "20bn €", "350 zł", "1.5 million €".
    """
    symbol = _lower(*SYMBOLS_AFTER)
    return [seq(*amount, symbol) for amount in _AMOUNTS]


def pattern_cjk_amount() -> list[TokenPattern]:
    """A Chinese or Japanese amount with "人民币" (renminbi) written before or after it, or
    written as a compound of two scales; the plain forms ("1500亿元", "70亿美元", "3兆円",
    "20조원") are already read by the currency-word rule.

    Examples: "人民币1600亿元", "人民币 500万元", "1600亿元人民币", "1兆5000億円", "1조5000억원".
    """
    renminbi = _lower("人民币")
    cjk_word = _lower(*CJK_WORDS)
    return [
        # a compound, larger unit first: "1兆5000億円" (1.5 trillion yen), "1조5000억원"
        seq(NUMBER, SCALE, NUMBER, SCALE, cjk_word),
        seq(renminbi, NUMBER, SCALE, cjk_word),
        seq(renminbi, NUMBER, cjk_word),
        seq(NUMBER, SCALE, cjk_word, renminbi),
        seq(NUMBER, cjk_word, renminbi),
    ]


def pattern_pence() -> list[TokenPattern]:
    """A short number with a glued "p": British pence, read only as a unit price ("50p a share",
    "3.5p per share", "99p each"); the word after it is checked by the money component, because
    "720p" is a screen resolution and "5p" a list item.

    Examples ("[...]" is context, not part of the amount): "50p [a share]", "3.5p [per share]",
    "12.25p [each]".
    """
    return [seq(NUMBER, {"ORTH": PENCE_MARK})]


def pattern_words_scale_currency_word() -> list[TokenPattern]:
    """A written-out number and a scale, then a currency word.

    Examples: "seventy billion yuan", "two hundred million dollars", "a billion dollars",
    "half a billion dollars", "one hundred and twenty-five million euros",
    "a quarter of a trillion dollars", "three quarters of a billion euros",
    "a half-billion dollars", "one and a half billion dollars", "two-and-a-half billion euros".
    """
    words = [NUMBER_WORD, NUMBER_WORD_TAIL]
    return [
        seq(*words, SCALE, HYPHEN_OPT, NATION_ANY, CURRENCY_AFTER),
        seq(_lower("a", "an", "one"), SCALE, HYPHEN_OPT, NATION_ANY, CURRENCY_AFTER),
        seq(_lower("half"), _lower("a", "an"), SCALE, HYPHEN_OPT, NATION_ANY, CURRENCY_AFTER),
        # "a quarter of a trillion dollars", "three quarters of a billion euros"
        seq(_lower("a", "one", "three"), _lower("quarter", "quarters"), _lower("of"), _lower("a"),
            SCALE, HYPHEN_OPT, NATION_ANY, CURRENCY_AFTER),
        # "a half-billion dollars"
        seq(_lower("a"), _lower("half"), HYPHEN_OPT, SCALE, HYPHEN_OPT, NATION_ANY, CURRENCY_AFTER),
        # "one and a half billion dollars", "two-and-a-half billion euros"
        seq(*words, _lower("a"), HYPHEN_OPT, _lower("half"), SCALE, HYPHEN_OPT, NATION_ANY,
            CURRENCY_AFTER),
    ]


def _range_patterns(lead: list[dict[str, Any]], joiners: list[dict[str, Any]]) -> list[TokenPattern]:
    """Both ends of a range, sign-first ("$60bn to $65bn") or word-last ("30 to 37bn yuan")."""
    patterns: list[TokenPattern] = []
    for joiner in joiners:
        for low in _AMOUNTS:
            for high in _AMOUNTS:
                patterns.append(seq(*lead, SIGN, *low, joiner, SIGN, *high))
                patterns.append(seq(*lead, SIGN, *low, joiner, *high))
                # the currency written on both sides: "$5 to 6 billion dollars"
                patterns.append(seq(*lead, SIGN, *low, joiner, *high, NATION_ANY, CURRENCY_AFTER))
                patterns.append(seq(*lead, *low, joiner, *high, NATION_ANY, CURRENCY_AFTER))
                patterns.append(seq(*lead, *low, NATION_ANY, CURRENCY_AFTER,
                                    joiner, *high, NATION_ANY, CURRENCY_AFTER))
    return patterns


def pattern_range_dash() -> list[TokenPattern]:
    """Two amounts joined by a dash; a scale written once applies to both ends.

    Examples: "$70-72 billion", "$66–72 billion", "$175–$185 billion", "RMB80- 100bn",
    "$2.5bn-$3bn", "30-37 billion yuan".
    """
    return _range_patterns([], [DASH])


def pattern_range_to() -> list[TokenPattern]:
    """Two amounts joined by "to" (not after "from", which reports a change, not a range).

    Examples: "$60 billion to $65 billion", "USD 30 to USD 37 billion", "30 to 37 billion yuan",
    "$5 to 6 billion dollars".
    """
    return _range_patterns([], [_lower("to")])


def pattern_range_between_and() -> list[TokenPattern]:
    """ "between" and two amounts joined by "and" (or, loosely, "to" or a dash). The word
    "between" is not kept in the figure's text.

    Examples: "between $60 billion and $65 billion", "between $115 billion to $135 billion",
    "between 30 and 37 billion yuan", "between 100,000 yuan and 110,000 yuan".
    """
    return _range_patterns([_lower("between")], [_lower("and"), _lower("to"), DASH])


#: Every rule, by the name a figure reports. Order does not matter: the longest match wins.
PATTERNS: dict[str, Callable[[], list[TokenPattern]]] = {
    "symbol_number_scale": pattern_symbol_number_scale,
    "number_scale_currency_word": pattern_number_scale_currency_word,
    "words_scale_currency_word": pattern_words_scale_currency_word,
    "pence": pattern_pence,
    "symbol_after": pattern_symbol_after,
    "cjk_amount": pattern_cjk_amount,
    "range_dash": pattern_range_dash,
    "range_to": pattern_range_to,
    "range_between_and": pattern_range_between_and,
}

#: The pence mark as the tokenizer cuts it off "50p".
PENCE_MARK = "p"

#: Words after a glued "p" that make it pence: a price per unit ("50p a share", "3p per litre").
PENCE_UNIT_WORDS: frozenset[str] = frozenset({"a", "an", "per", "each"})

#: Hedges written before an amount (lower-cased), and the qualifier reported for each. Verbs
#: that bound an amount are reported in their base form ("topped $5bn" -> "top").
QUALIFIER_FORMS: dict[tuple[str, ...], str] = {
    ("more", "than"): "more than",
    ("less", "than"): "less than",
    ("fewer", "than"): "fewer than",
    ("up", "to"): "up to",
    ("as", "much", "as"): "as much as",
    ("as", "little", "as"): "as little as",
    ("as", "high", "as"): "as high as",
    ("as", "low", "as"): "as low as",
    ("at", "least"): "at least",
    ("at", "most"): "at most",
    ("an", "estimated"): "an estimated",
    ("estimated",): "estimated",
    ("close", "to"): "close to",
    ("in", "excess", "of"): "in excess of",
    ("upwards", "of"): "upwards of",
    ("upward", "of"): "upwards of",
    ("north", "of"): "north of",
    ("in", "the", "region", "of"): "in the region of",
    ("just", "over"): "just over",
    ("just", "under"): "just under",
    ("well", "over"): "well over",
    ("well", "above"): "well above",
    ("about",): "about",
    ("around",): "around",
    ("roughly",): "roughly",
    ("approximately",): "approximately",
    ("approx.",): "approximately",
    ("circa",): "circa",
    ("nearly",): "nearly",
    ("almost",): "almost",
    ("over",): "over",
    ("under",): "under",
    ("some",): "some",
    ("below",): "below",
    ("above",): "above",
    ("beyond",): "beyond",
    ("past",): "past",
    ("~",): "about",
    ("≈",): "about",
    ("c.",): "circa",
    ("ca.",): "circa",
    ("exceed",): "exceed",
    ("exceeds",): "exceed",
    ("exceeded",): "exceed",
    ("exceeding",): "exceed",
    ("top",): "top",
    ("tops",): "top",
    ("topped",): "top",
    ("topping",): "top",
    ("surpass",): "surpass",
    ("surpasses",): "surpass",
    ("surpassed",): "surpass",
    ("surpassing",): "surpass",
    # Chinese hedges, cut off the characters before them by the tokenizer ("投入约1600亿元")
    ("约",): "about",
    ("大约",): "about",
    ("近",): "nearly",
    ("将近",): "nearly",
    ("超过",): "more than",
    ("逾",): "more than",
    ("至少",): "at least",
    ("高达",): "as much as",
    ("最多",): "up to",
}

#: The Chinese hedges above, for the tokenizer (they are glued to the words before them).
CJK_HEDGES: tuple[str, ...] = ("大约", "将近", "超过", "至少", "高达", "最多", "约", "近", "逾")
#: Longest first, so "more than" is tried before a one-word hedge.
QUALIFIERS: tuple[tuple[str, ...], ...] = tuple(sorted(QUALIFIER_FORMS, key=len, reverse=True))

#: Words that, between two amounts in different currencies, make them one claim written twice:
#: "150 billion yuan (US$20.64 billion or RM91.46 billion)", "Rmb150bn, or about $21bn".
EQUIVALENCE_WORDS: frozenset[str] = frozenset(
    {"(", "[", ",", ";", "or", "/", "about", "around", "roughly", "approximately", "approx.",
     "some", "nearly", "almost", "equivalent", "equal", "to", "worth", "~", "i.e.", "ie",
     # Chinese: "，约合530亿美元" (", about"), "折合" (converted), "（" full-width bracket
     "，", "约合", "合", "折合", "约", "（"}
)
#: At least one of these must stand between two amounts for them to be equivalents: a bare
#: comma or "to" is not enough ("Rmb5bn, $2bn and €1bn" lists; "Rmb5bn to $2bn" is a change).
EQUIVALENCE_MARKS: frozenset[str] = EQUIVALENCE_WORDS - {",", "to", "，"}
