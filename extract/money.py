"""The "capexwatch_money" component: one span per money amount, with its value read exactly.

The ``Matcher`` patterns of ``extract/ruleset.py`` propose candidates; this module reads each
candidate's tokens into an amount (``Decimal``), a range top and an ISO currency, rejects what
only looks like money, keeps the longest non-overlapping candidates, and then annotates the
survivors: the hedge written before them (``qualifier``) and which of them say the same thing in
two currencies (``claim``).

Rejected on purpose (CONVENTIONS.md): exchange-rate footnotes ("($1 = 7.2712 Chinese yuan)",
"7.1 yuan per dollar"), a bare year before a currency word ("in 2021 won"), ranges that fall
("$60bn to $5bn" is not a range) and a dash followed by a percentage ("$5bn—20%").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from extract.currencies import (
    AMBIGUOUS_WORDS,
    CODES,
    NEEDS_NATIONALITY,
    SCALE_ONLY_MARKS,
    SYMBOLS,
    WORD_FACTORS,
    YEN_SIGN,
    word_currency,
    yen_sign_currency,
)
from extract.numbers import parse_number, parse_number_words, scale_of
from extract.ruleset import (
    EQUIVALENCE_MARKS,
    EQUIVALENCE_WORDS,
    PATTERNS,
    PENCE_MARK,
    PENCE_UNIT_WORDS,
    QUALIFIER_FORMS,
    QUALIFIERS,
    TokenPattern,
    text_kind,
)
from extract.spans import MONEY_SPANS, register_extensions

register_extensions()

#: Words before "X to Y" that make it a change between two amounts, not a range.
CHANGE_WORDS: frozenset[str] = frozenset({"from", "by", "up", "down"})

#: "lakh crore", "thousand crore": the only scales written twice in a row.
CRORE_WORDS: frozenset[str] = frozenset({"crore", "crores", "cr"})
CRORE_MULTIPLES: frozenset[Decimal] = frozenset({Decimal(10) ** 3, Decimal(10) ** 5})

#: Verbs of a currency's market price: "the dollar rose to 7.30 yuan".
RATE_VERBS: frozenset[str] = frozenset(
    {"rose", "fell", "climbed", "slipped", "slid", "dropped", "weakened", "strengthened",
     "firmed", "eased", "traded", "trades", "stood", "hit", "touched", "gained", "lost",
     "jumped", "tumbled", "rallied", "was", "is", "closed", "opened", "hovered", "bought",
     "buys", "fetched", "fetches", "changed", "surged", "sank", "plunged", "edged"}
)

#: Words after an amount that make it an exchange rate, not money: "7.1 yuan per dollar".
_RATE_LINKS: frozenset[str] = frozenset({"per", "a", "to", "against"})


@dataclass
class _Side:
    """One end of an amount as written: its number, scale and currency, each maybe missing."""

    value: Decimal
    scale: Decimal | None = None
    currency: str | None = None
    #: the currency mark written before the number, as written ("$", "RMB"), if any
    mark: str | None = None


@dataclass
class Reading:
    """What a candidate span says: ``amount`` (and ``amount_high`` for a range) in ``currency``."""

    amount: Decimal
    amount_high: Decimal | None
    currency: str
    rule: str
    #: the scale written with a single amount ("bn" -> 1e9), None when none was written
    scale: Decimal | None = None


@dataclass
class _Walk:
    """State while reading a candidate's tokens left to right."""

    sides: list[_Side] = field(default_factory=list)
    pending_currency: str | None = None
    pending_mark: str | None = None
    number_words: list[str] = field(default_factory=list)
    nation: list[str] = field(default_factory=list)
    currency_after: bool = False
    #: the currency word was one that is also an ordinary word ("won", "pounds")
    ambiguous_word: bool = False


def _words_value(words: Sequence[str]) -> Decimal | None:
    """ "seventy" -> 70, "a" -> 1 ("a billion"), "half a" -> 0.5 ("half a billion")."""
    lowered = [w.lower() for w in words]
    if lowered in (["a"], ["an"]):
        return Decimal(1)
    if lowered in (["half", "a"], ["half", "an"]):
        return Decimal("0.5")
    if lowered in (["a", "quarter", "of", "a"], ["one", "quarter", "of", "a"], ["quarter", "of", "a"]):
        return Decimal("0.25")
    if lowered in (["three", "quarters", "of", "a"], ["three", "quarter", "of", "a"]):
        return Decimal("0.75")
    return parse_number_words(words)


def read_tokens(tokens: Sequence[Token], rule: str, yen: str) -> Reading | None:
    """Read a candidate's tokens into a ``Reading``; ``None`` when they are not one amount.

    ``yen`` is what "¥" means in this text (``yen_sign_currency``).
    """
    walk = _Walk()
    words = [t for t in tokens if not t.is_space]
    for position, token in enumerate(words):
        kind = token._.cw_money_kind
        lower = token.lower_
        following = words[position + 1] if position + 1 < len(words) else None
        if kind == "num":
            value = parse_number(token.text)
            if value is None:
                return None
            walk.sides.append(_Side(value, currency=walk.pending_currency, mark=walk.pending_mark))
            walk.pending_currency = None
            walk.pending_mark = None
        elif kind == "numword" or lower in {"a", "an", "half", "quarter", "quarters"}:
            walk.number_words.append(token.text)
        elif walk.number_words and lower == "of":  # "a quarter of a trillion"
            walk.number_words.append(token.text)
        elif walk.number_words and lower in {"-", "and"}:
            walk.number_words.append(token.text)
        elif kind == "scale":
            scale = scale_of(token.text)
            if walk.number_words:
                value = _words_value(walk.number_words)
                if value is None:
                    return None
                walk.sides.append(_Side(value, scale, walk.pending_currency))
                walk.number_words = []
                walk.pending_currency = None
            elif walk.sides and walk.sides[-1].scale is None:
                walk.sides[-1].scale = scale
            elif walk.sides and lower in CRORE_WORDS and walk.sides[-1].scale in CRORE_MULTIPLES:
                walk.sides[-1].scale *= scale  # "1.2 lakh crore"
            else:
                return None
        elif kind == "sign" or (
            kind == "code" and following is not None
            and following._.cw_money_kind in {"num", "numword"}
        ):
            currency = SYMBOLS.get(token.text) or CODES.get(token.text)
            walk.pending_currency = yen if currency == YEN_SIGN else currency
            walk.pending_mark = token.text
        elif kind == "code" and walk.sides:
            # "40 billion Rmb": the code names the currency of the amount written before it
            walk.currency_after = True
            walk.sides[-1].currency = walk.sides[-1].currency or CODES[token.text]
        elif token.text == "p" and rule == "pence" and walk.sides:
            # "50p": pence, a hundredth of a pound
            walk.currency_after = True
            walk.sides[-1].currency = "GBP"
            walk.sides[-1].value *= WORD_FACTORS["pence"]
        elif kind == "nation":
            walk.nation.append(lower)
        elif kind == "word":
            currency = word_currency(" ".join(walk.nation), lower)
            if currency is None or not walk.sides:
                return None
            if lower in NEEDS_NATIONALITY and not walk.nation:
                return None  # "5 billion pesos": Mexican? Philippine? Argentine? Not guessed.
            walk.currency_after = True
            walk.ambiguous_word = lower in AMBIGUOUS_WORDS and not walk.nation
            walk.nation = []
            walk.sides[-1].currency = walk.sides[-1].currency or currency
            if lower in WORD_FACTORS:  # "50 cents"
                walk.sides[-1].value *= WORD_FACTORS[lower]
        # dashes, "to", "and", "between": joiners, nothing to read
    return _reading(walk, rule)


def _reading(walk: _Walk, rule: str) -> Reading | None:
    """Check the sides read from a candidate and turn them into one amount or one range."""
    sides = walk.sides
    if not sides or len(sides) > 2 or walk.number_words:
        return None
    # a currency written once covers both ends: "$70-72bn", "30 to 37 billion yuan"
    currencies = {side.currency for side in sides if side.currency is not None}
    if len(currencies) != 1:
        return None
    currency = currencies.pop()
    if any(side.mark in SCALE_ONLY_MARKS for side in sides) and all(
        side.scale is None for side in sides
    ):
        return None  # "R2", "R1": a rand sign only before a scaled amount ("R3bn")
    if len(sides) == 1:
        side = sides[0]
        if side.scale is None and walk.currency_after and _looks_like_year(side.value):
            return None  # "in 2021 won", "the 2024 yuan": a year, not a price
        if side.scale is None and (side.mark or "").isalpha() and _looks_like_year(side.value):
            return None  # "the Hong Kong SAR 2025 budget": a code-like word before a year
        if side.scale is None and walk.ambiguous_word and side.value < 1000:
            return None  # "aged 78 won the vote", "a 50 pounds parcel"
        return Reading(_tidy(side.value * (side.scale or 1)), None, currency, rule, side.scale)
    low, high = sides
    if low.scale is not None and high.scale is None:
        return None  # "$5bn - 20": the second number is something else
    low_scale = low.scale if low.scale is not None else high.scale
    low_amount = low.value * (low_scale or 1)
    high_amount = high.value * (high.scale or 1)
    if not low_amount < high_amount:
        return None
    return Reading(_tidy(low_amount), _tidy(high_amount), currency, rule)


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros a scale leaves behind: 55.7 * 1e9 reads "55700000000", not "...0.0"."""
    integral = value.to_integral_value()
    return integral if value == integral else value


def _looks_like_year(value: Decimal) -> bool:
    return value == value.to_integral_value() and 1900 <= value <= 2100


def _neighbour(doc: Doc, index: int, step: int) -> Token | None:
    """The nearest non-space token from ``index`` going ``step`` (-1 left, +1 right)."""
    while 0 <= index < len(doc):
        if not doc[index].is_space:
            return doc[index]
        index += step
    return None


def _is_exchange_rate(span: Span) -> bool:
    """ "($1 = 7.2712 Chinese yuan)", "(1 euro = $1.08)", "7.1 yuan per dollar"."""
    doc = span.doc
    before = _neighbour(doc, span.start - 1, -1)
    after = _neighbour(doc, span.end, 1)
    if (before is not None and before.text == "=") or (after is not None and after.text == "="):
        return True
    if before is not None and before.text == "/":
        # a currency pair quote: "USD/CNY 7.12", "GBP/USD 1.27"
        pair = _neighbour(doc, before.i - 1, -1)
        if pair is not None and pair._.cw_money_kind in {"code", "sign"}:
            return True
    if after is None or after.lower_ not in _RATE_LINKS:
        return False
    # "per dollar", "to the U.S. dollar", "against the greenback": a currency with no amount
    target = _neighbour(doc, after.i + 1, 1)
    while target is not None and (target.lower_ == "the" or target._.cw_money_kind == "nation"):
        target = _neighbour(doc, target.i + 1, 1)
    if target is None or target._.cw_money_kind not in {"word", "code"}:
        return False
    following = _neighbour(doc, target.i + 1, 1)
    return following is None or following._.cw_money_kind not in {"num", "numword", "scale"}


def _is_currency_quote(span: Span, reading: Reading) -> bool:
    """ "The dollar rose to 7.30 yuan", "the euro traded at $1.08": a currency's price, quoted
    without a scale, with the quoted currency as the subject of a market verb just before it."""
    if reading.scale is not None or reading.amount_high is not None:
        return False
    doc = span.doc
    seen = 0
    index = span.start - 1
    while index >= 1 and seen < 8:
        token = doc[index]
        index -= 1
        if token.is_space:
            continue
        seen += 1
        if token.text in {".", ";", "!", "?", ",", "(", ")"}:
            return False
        if token.lower_ in RATE_VERBS:
            # only the nearest verb counts: "H20 prices fell to 100,000 yuan" is a price
            subject = _neighbour(doc, token.i - 1, -1)
            if subject is None:
                return False
            if not (subject._.cw_money_kind in {"word", "code"} or subject.lower_ == "greenback"):
                return False
            before = _neighbour(doc, subject.i - 1, -1)
            return before is None or before._.cw_money_kind not in {"num", "scale"}
    return False


def _unit_price_follows(doc: Doc, end: int) -> bool:
    """ "50p a share", "3p per litre": a price per unit right after the amount."""
    after = _neighbour(doc, end, 1)
    return after is not None and after.lower_ in PENCE_UNIT_WORDS


def _is_measure(span: Span, reading: Reading) -> bool:
    """ "5,200 pounds of water vapour": a weight, not money. A currency word that is also a unit
    ("pounds") followed by "of" and written without a scale measures something; money keeps its
    scale ("50 million pounds of investment" stays)."""
    if reading.scale is not None or reading.amount_high is not None:
        return False
    last = span[-1]
    if last.lower_ not in AMBIGUOUS_WORDS:
        return False
    after = _neighbour(span.doc, span.end, 1)
    return after is not None and after.lower_ == "of"


#: Words that turn "yuan-" into an adjective: "2 million yuan-denominated bonds" counts bonds.
_CURRENCY_ADJECTIVE_TAILS: frozenset[str] = frozenset(
    {"denominated", "linked", "pegged", "based", "settled", "priced"}
)


def _currency_is_an_adjective(span: Span) -> bool:
    """ "2 million yuan-denominated bonds", "5 billion dollar-linked notes": the currency word
    describes the things counted, it does not price them."""
    if span[-1]._.cw_money_kind not in {"word", "code"}:
        return False
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != "-" or span[-1].whitespace_:
        return False
    return doc[span.end + 1].lower_ in _CURRENCY_ADJECTIVE_TAILS


def _followed_by_percent(span: Span) -> bool:
    after = _neighbour(span.doc, span.end, 1)
    return after is not None and after.lower_ in {"%", "percent", "pct"}


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop "between" and whitespace from the ends: the figure's text is the amount itself."""
    while start < end and (doc[start].is_space or doc[start].lower_ == "between"):
        start += 1
    while end > start and doc[end - 1].is_space:
        end -= 1
    return start, end


def qualifier_before(doc: Doc, start: int) -> str | None:
    """The hedge written just before token ``start`` ("more than", "about"), lower-cased."""
    previous: list[str] = []
    index = start - 1
    while index >= 0 and len(previous) < 4:
        if not doc[index].is_space:
            previous.insert(0, doc[index].lower_)
        index -= 1
    if previous and previous[-1] == "between":
        previous.pop()
    for words in QUALIFIERS:
        if len(words) <= len(previous) and tuple(previous[len(previous) - len(words):]) == words:
            return QUALIFIER_FORMS[words]
    return None


def qualifier_after(doc: Doc, end: int) -> str | None:
    """ "$600bn+", "$20-billion-plus", "$20bn plus." : a plus written after the amount means
    "more than" (reported like the hedge written before it). A bare "plus" before more words is
    an addition ("$5bn plus interest", "$5bn plus $2bn of debt"), not a hedge."""
    after = _neighbour(doc, end, 1)
    if after is None:
        return None
    if after.text == "+":
        return "more than"
    hyphenated = after.text == "-" and not after.whitespace_
    if hyphenated:
        after = _neighbour(doc, after.i + 1, 1)
    if after is None or after.lower_ != "plus":
        return None
    following = _neighbour(doc, after.i + 1, 1)
    if hyphenated or following is None or following.is_punct:
        return "more than"
    return None


def _equivalent(doc: Doc, left: Span, right: Span) -> bool:
    """True when ``right`` restates ``left`` in another currency, written side by side."""
    if left._.currency == right._.currency:
        return False
    between = [t.lower_ for t in doc[left.end:right.start] if not t.is_space]
    if not between or len(between) > 4:
        return False
    if not set(between) <= EQUIVALENCE_WORDS | {")"}:
        return False
    return bool(set(between) & EQUIVALENCE_MARKS)


def _share_scales(doc: Doc, spans: list[tuple[Span, Reading]]) -> None:
    """ "$20 and $25 billion": a scale written once after a pair applies to both amounts.

    Only across "and"/"or" ("to" and dashes are ranges, read by the range rules), only when the
    first amount has no scale and a currency mark of its own, and the second the same currency.
    """
    for (left, first), (right, second) in zip(spans, spans[1:]):
        between = [t.lower_ for t in doc[left.end:right.start] if not t.is_space]
        if (
            between in (["and"], ["or"])
            and first.scale is None
            and first.amount_high is None
            and second.scale is not None
            and second.currency == first.currency
            and left[0]._.cw_money_kind in {"sign", "code"}
        ):
            first.amount = _tidy(first.amount * second.scale)
            first.scale = second.scale


def _change_start(doc: Doc, start: int, end: int, yen: _YenReader) -> list[tuple[Span, Reading]]:
    """ "from 40 to 45 billion yuan", "rose from 40 billion to 45 billion yuan": the first
    amount of a change, written without its currency, takes the currency (and, when it has none,
    the scale) of the second. Nothing when the first amount has a currency of its own ("from
    $60bn to $75bn": both ends are found by their own rules) or is a year."""
    joiner = next((i for i in range(start, end) if doc[i].lower_ == "to"), None)
    if joiner is None:
        return []
    left_start, left_end = _trim(doc, start, joiner)
    left = [t for t in doc[left_start:left_end] if not t.is_space]
    if not left or left[0]._.cw_money_kind != "num":
        return []
    if len(left) > 2 or (len(left) == 2 and left[1]._.cw_money_kind != "scale"):
        return []
    right_start, right_end = _trim(doc, joiner + 1, end)
    right_tokens = list(doc[right_start:right_end])
    uses_yen = any(SYMBOLS.get(t.text) == YEN_SIGN for t in right_tokens)
    second = read_tokens(right_tokens, "range_to", yen.at(right_start) if uses_yen else "CNY")
    if second is None or second.amount_high is not None:
        return []
    value = parse_number(left[0].text)
    if value is None:
        return []
    scale = scale_of(left[1].text) if len(left) == 2 else second.scale
    if scale is None and "," not in left[0].text and _looks_like_year(value):
        return []  # "from 2025 to ...": a year
    span = Span(doc, left_start, left_end, label="MONEY")
    return [(span, Reading(_tidy(value * (scale or 1)), None, second.currency, "range_to", scale))]


class _YenReader:
    """What "¥" means at a given token, decided once per sentence and only when "¥" is used.

    ``Span.sent`` and ``Doc.has_annotation`` walk the whole document; asking them for every
    candidate made long articles quadratic.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._sentences: list[tuple[int, int]] | None = None
        self._cache: dict[int, str] = {}

    def _bounds(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            if self.doc.has_annotation("SENT_START"):
                self._sentences = [(s.start, s.end) for s in self.doc.sents]
            else:
                self._sentences = [(0, len(self.doc))]
        return self._sentences

    def at(self, index: int) -> str:
        bounds = self._bounds()
        position = max(bisect_right([start for start, _ in bounds], index) - 1, 0)
        if position not in self._cache:
            start, end = bounds[position]
            self._cache[position] = yen_sign_currency(self.doc[start:end].text, self.doc.text)
        return self._cache[position]


#: Token kinds one of which every amount holds: a number, a written-out number or a scale.
_AMOUNT_KINDS: frozenset[str] = frozenset({"num", "numword", "scale"})
#: Token kinds that say which currency: every pattern holds one (checked when patterns load).
_CURRENCY_KINDS: frozenset[str] = frozenset({"sign", "code", "word"})


def _says_currency(text: str) -> bool:
    return text_kind(text) in _CURRENCY_KINDS or text == PENCE_MARK


@dataclass(frozen=True)
class _Vocabulary:
    """Every token the patterns can match, read off the patterns themselves (so it cannot drift
    from them): a token outside it can never be inside a match. Each pattern must also hold a
    required token that says the currency, so a run of tokens without one cannot match either.
    """

    kinds: frozenset[str]
    lowers: frozenset[str]
    orths: frozenset[str]

    @classmethod
    def of(cls, patterns: Sequence[TokenPattern]) -> _Vocabulary:
        kinds: set[str] = set()
        lowers: set[str] = set()
        orths: set[str] = set()
        for pattern in patterns:
            anchored = False
            for token in pattern:
                attributes = set(token) - {"OP"}
                required = "OP" not in token
                if attributes == {"IS_SPACE"}:
                    continue
                if attributes == {"_"}:
                    accepted = token["_"]["cw_money_kind"]["IN"]
                    kinds.update(accepted)
                    anchored = anchored or (required and set(accepted) <= _CURRENCY_KINDS)
                elif attributes == {"LOWER"}:
                    lowers.update(token["LOWER"]["IN"])
                    anchored = anchored or (
                        required and all(_says_currency(w) for w in token["LOWER"]["IN"])
                    )
                elif attributes == {"ORTH"}:
                    orths.add(token["ORTH"])
                    anchored = anchored or (required and _says_currency(token["ORTH"]))
                else:
                    # not an assert: must hold under python -O, or windows would hide matches
                    raise ValueError(f"money pattern token the window filter cannot read: {token}")
            if not anchored:
                raise ValueError(f"money pattern with no required currency token: {pattern}")
        return cls(frozenset(kinds), frozenset(lowers), frozenset(orths))

    @lru_cache(maxsize=65536)  # noqa: B019  (one instance per pipeline, kept for its lifetime)
    def classify(self, text: str) -> tuple[bool, bool, bool]:
        """(may be inside a match, is an amount piece, says the currency) for a token's text."""
        kind = text_kind(text)
        eligible = (
            text.isspace()
            or kind in self.kinds
            or text in self.orths
            or text.lower() in self.lowers
        )
        return eligible, kind in _AMOUNT_KINDS, _says_currency(text)


class MoneyFinder:
    """Finds money amounts in a ``Doc`` and stores them in ``doc.spans[MONEY_SPANS]``."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab, validate=True)
        every_pattern: list[TokenPattern] = []
        for name, build in PATTERNS.items():
            patterns = build()
            every_pattern.extend(patterns)
            self.matcher.add(name, patterns, greedy="LONGEST")
        self.vocabulary = _Vocabulary.of(every_pattern)

    def windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Runs of tokens the patterns can match that hold an amount piece and a currency.

        Running the ``Matcher`` on these short runs instead of the whole text finds exactly the
        same matches (no match can cross a token outside the patterns' vocabulary, and every
        match holds a number or scale and a currency), but it no longer tries hundreds of
        patterns at every word of an article: most of the money component's time went there.
        Tokens are read as ids from one array, without building a ``Token`` for each.
        """
        classify = self.vocabulary.classify
        strings = doc.vocab.strings
        runs: list[tuple[int, int]] = []
        start = -1
        has_amount = has_currency = False
        for i, orth in enumerate(doc.to_array(ORTH).tolist()):
            eligible, amount, currency = classify(strings[orth])
            if eligible:
                if start < 0:
                    start = i
                has_amount = has_amount or amount
                has_currency = has_currency or currency
                continue
            if start >= 0 and has_amount and has_currency:
                runs.append((start, i))
            start, has_amount, has_currency = -1, False, False
        if start >= 0 and has_amount and has_currency:
            runs.append((start, len(doc)))
        return runs

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The ``Matcher``'s matches on the whole ``doc``, found window by window."""
        found: list[tuple[int, int, int]] = []
        for start, end in self.windows(doc):
            found.extend(
                (match_id, start + low, start + high)
                for match_id, low, high in self.matcher(doc[start:end])
            )
        return found

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[tuple[Span, Reading]] = []
        yen = _YenReader(doc)
        for match_id, start, end in self.matches(doc):
            rule = doc.vocab.strings[match_id]
            start, end = _trim(doc, start, end)
            span = Span(doc, start, end, label="MONEY")
            if rule == "range_to" and self._reports_a_change(doc, start):
                # two amounts, not a range; each end is its own figure. The end that carries
                # its currency is found by its own rule; the other may lend it ("from 40 to")
                candidates.extend(_change_start(doc, start, end, yen))
                continue
            if rule == "pence" and not _unit_price_follows(doc, end):
                continue  # "720p", "step 5p": only "50p a share" is surely pence
            tokens = list(span)
            uses_yen = any(SYMBOLS.get(t.text) == YEN_SIGN for t in tokens)
            reading = read_tokens(tokens, rule, yen.at(span.start) if uses_yen else "CNY")
            if reading is None or _is_exchange_rate(span) or _followed_by_percent(span):
                continue
            if _is_currency_quote(span, reading) or _is_measure(span, reading):
                continue
            if _currency_is_an_adjective(span):
                continue
            candidates.append((span, reading))
        spans = self._longest_first(candidates)
        _share_scales(doc, spans)
        self._annotate(doc, spans)
        doc.spans[MONEY_SPANS] = [span for span, _ in spans]
        return doc

    @staticmethod
    def _reports_a_change(doc: Doc, start: int) -> bool:
        """ "from $60bn to $75bn", "by $5bn to $60bn", "up $5bn to $60bn": two amounts, a change."""
        before = _neighbour(doc, start - 1, -1)
        return before is not None and before.lower_ in CHANGE_WORDS

    @staticmethod
    def _longest_first(candidates: list[tuple[Span, Reading]]) -> list[tuple[Span, Reading]]:
        """Keep the longest candidates that do not overlap, returned in text order."""
        taken: set[int] = set()
        kept: list[tuple[Span, Reading]] = []
        for span, reading in sorted(candidates, key=lambda c: (-(c[0].end - c[0].start), c[0].start)):
            tokens = set(range(span.start, span.end))
            if tokens & taken:
                continue
            taken |= tokens
            kept.append((span, reading))
        return sorted(kept, key=lambda c: c[0].start)

    @staticmethod
    def _annotate(doc: Doc, spans: list[tuple[Span, Reading]]) -> None:
        claim = 0
        previous: Span | None = None
        for span, reading in spans:
            span._.amount = reading.amount
            span._.amount_high = reading.amount_high
            span._.currency = reading.currency
            span._.money_rule = reading.rule
            span._.qualifier = qualifier_before(doc, span.start) or qualifier_after(doc, span.end)
            if previous is None or not _equivalent(doc, previous, span):
                claim += 1
            span._.claim = claim
            previous = span


@Language.factory("capexwatch_money")
def make_money_finder(nlp: Language, name: str) -> MoneyFinder:
    """Factory for the money component: ``nlp.add_pipe("capexwatch_money")``."""
    return MoneyFinder(nlp)
