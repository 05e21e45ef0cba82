"""The "capexwatch_money" component: one span per money amount, with its value read exactly.

The ``Matcher`` patterns of ``extract/money/patterns.py`` propose candidates (only where
``extract/money/windows.py`` says an amount can be); ``extract/money/reading.py`` reads each
candidate's tokens into an amount (``Decimal``), a range top and an ISO currency; this module
rejects what only looks like money from the words around it, keeps the longest non-overlapping
candidates, and then annotates the survivors: the hedge written before or after them
(``qualifier``: "about $5bn", "$600bn+") and which of them say the same thing in two currencies
(``claim``).

Rejected on purpose (CONVENTIONS.md): exchange-rate footnotes and rates ("($1 = 7.2712 Chinese
yuan)", "7.1 yuan per dollar", "1 USD to 7.1 CNY", "the dollar rose to 7.30 yuan"), a bare year
before a currency word ("in 2021 won"), ranges that fall ("$60bn to $5bn" is not a range), a dash
followed by a percentage ("$5bn—20%"), weights ("5,200 pounds of water"), currency adjectives
("2 million yuan-denominated bonds") and a glued "p" that is no unit price ("720p").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from extract.money.currencies import (
    AMBIGUOUS_WORDS,
    SYMBOLS,
    YEN_SIGN,
    regional_currency,
    word_currency,
    yen_sign_currency,
)
from extract.money.numbers import parse_number, scale_of
from extract.money.patterns import (
    EQUIVALENCE_MARKS,
    EQUIVALENCE_WORDS,
    PATTERNS,
    PENCE_UNIT_WORDS,
    QUALIFIER_FORMS,
    QUALIFIERS,
    TokenPattern,
)
from extract.money.reading import Reading, looks_like_year, read_tokens, tidy
from extract.money.windows import Vocabulary, windows
from extract.spans import MONEY_SPANS, register_extensions

register_extensions()

#: Words before "X to Y" that make it a change between two amounts, not a range.
CHANGE_WORDS: frozenset[str] = frozenset({"from", "by", "up", "down"})

#: Verbs of a currency's market price: "the dollar rose to 7.30 yuan".
RATE_VERBS: frozenset[str] = frozenset(
    {"rose", "fell", "climbed", "slipped", "slid", "dropped", "weakened", "strengthened",
     "firmed", "eased", "traded", "trades", "stood", "hit", "touched", "gained", "lost",
     "jumped", "tumbled", "rallied", "was", "is", "closed", "opened", "hovered", "bought",
     "buys", "fetched", "fetches", "changed", "surged", "sank", "plunged", "edged"}
)

#: Words after an amount that make it an exchange rate, not money: "7.1 yuan per dollar".
_RATE_LINKS: frozenset[str] = frozenset({"per", "a", "to", "against"})


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


def _number_follows(doc: Doc, end: int) -> bool:
    after = _neighbour(doc, end, 1)
    return after is not None and after._.cw_money_kind in {"num", "numword"}


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


def _high_end_in_other_currency(span: Span, reading: Reading) -> bool:
    """ "$1 to 7.2 yuan": the second number belongs to the currency written after it, so the
    sign-first range "$1 to 7.2" is no range (the same currency after it is fine: "$5 to 6
    billion dollars")."""
    if reading.amount_high is None:
        return False
    doc = span.doc
    after = _neighbour(doc, span.end, 1)
    nation: list[str] = []
    while after is not None and after._.cw_money_kind == "nation":
        nation.append(after.lower_)
        after = _neighbour(doc, after.i + 1, 1)
    if after is None or after._.cw_money_kind not in {"word", "code"}:
        return False
    currency = word_currency(" ".join(nation), after.text) or word_currency("", after.text)
    return currency is not None and currency != reading.currency


#: Words between "one unit" and its price in another currency: "$1 equals 7.2 yuan",
#: "1 USD to 7.1 CNY", "1 euro buys $1.08".
_RATE_VERBS_BETWEEN: frozenset[str] = frozenset(
    {"to", "=", "equals", "equal", "equalled", "buys", "bought", "fetches", "fetched", "is",
     "was", "worth", ":", "against", "per", "for",
     "兑", "兑换"}  # Chinese "exchanges for": "1美元兑7.1元"
)


def _drop_unit_rates(doc: Doc, spans: list[tuple[Span, Reading]]) -> list[tuple[Span, Reading]]:
    """Drop both sides of an exchange rate written as one unit and its price in another
    currency ("1 USD to 7.1 CNY", "$1 equals 7.2 yuan"): a footnote without its brackets."""
    dropped: set[int] = set()
    for position, ((left, first), (right, second)) in enumerate(zip(spans, spans[1:], strict=False)):
        if first.amount != 1 or first.scale is not None or first.amount_high is not None:
            continue
        if second.scale is not None or second.currency == first.currency:
            continue
        between = [t.lower_ for t in doc[left.end:right.start] if not t.is_space]
        if between and len(between) <= 2 and set(between) <= _RATE_VERBS_BETWEEN:
            dropped |= {position, position + 1}
    return [pair for position, pair in enumerate(spans) if position not in dropped]


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
    if not set(between) <= EQUIVALENCE_WORDS | {")", "）"}:
        return False
    return bool(set(between) & EQUIVALENCE_MARKS)


def _share_scales(doc: Doc, spans: list[tuple[Span, Reading]]) -> None:
    """ "$20 and $25 billion": a scale written once after a pair applies to both amounts.

    Only across "and"/"or" ("to" and dashes are ranges, read by the range rules), only when the
    first amount has no scale and a currency mark of its own, and the second the same currency.
    """
    for (left, first), (right, second) in zip(spans, spans[1:], strict=False):
        between = [t.lower_ for t in doc[left.end:right.start] if not t.is_space]
        if (
            between in (["and"], ["or"])
            and first.scale is None
            and first.amount_high is None
            and second.scale is not None
            and second.currency == first.currency
            and left[0]._.cw_money_kind in {"sign", "code"}
        ):
            first.amount = tidy(first.amount * second.scale)
            first.scale = second.scale


def _change_start(
    doc: Doc, start: int, end: int, context: _SentenceContext
) -> list[tuple[Span, Reading]]:
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
    yen = context.yen(right_start) if uses_yen else "CNY"
    second = read_tokens(right_tokens, "range_to", yen, context.region(right_start))
    if second is None or second.amount_high is not None:
        return []
    value = parse_number(left[0].text)
    if value is None:
        return []
    scale = scale_of(left[1].text) if len(left) == 2 else second.scale
    if scale is None and "," not in left[0].text and looks_like_year(value):
        return []  # "from 2025 to ...": a year
    span = Span(doc, left_start, left_end, label="MONEY")
    return [(span, Reading(tidy(value * (scale or 1)), None, second.currency, "range_to", scale))]


class _SentenceContext:
    """What the sentence around a token says about ambiguous currencies: what "¥" means, whose
    bare "pesos"/"crowns" they are. Decided once per sentence, and only when asked.

    ``Span.sent`` and ``Doc.has_annotation`` walk the whole document; asking them for every
    candidate made long articles quadratic.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._sentences: list[tuple[int, int]] | None = None
        self._starts: list[int] = []
        self._texts: dict[int, str] = {}
        self._yen: dict[int, str] = {}

    def _sentence(self, index: int) -> tuple[int, str]:
        """The position of the sentence holding token ``index``, and its text."""
        if self._sentences is None:
            if self.doc.has_annotation("SENT_START"):
                self._sentences = [(s.start, s.end) for s in self.doc.sents]
            else:
                self._sentences = [(0, len(self.doc))]
            self._starts = [start for start, _ in self._sentences]
        position = max(bisect_right(self._starts, index) - 1, 0)
        if position not in self._texts:
            start, end = self._sentences[position]
            self._texts[position] = self.doc[start:end].text
        return position, self._texts[position]

    def yen(self, index: int) -> str:
        position, sentence = self._sentence(index)
        if position not in self._yen:
            self._yen[position] = yen_sign_currency(sentence, self.doc.text)
        return self._yen[position]

    def region(self, index: int) -> Callable[[str], str | None]:
        """``read_tokens``' ``region`` for a candidate at token ``index``."""
        return lambda family: regional_currency(family, self._sentence(index)[1], self.doc.text)


class MoneyFinder:
    """Finds money amounts in a ``Doc`` and stores them in ``doc.spans[MONEY_SPANS]``."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab, validate=True)
        every_pattern: list[TokenPattern] = []
        for name, build in PATTERNS.items():
            patterns = build()
            every_pattern.extend(patterns)
            self.matcher.add(name, patterns, greedy="LONGEST")
        self.vocabulary = Vocabulary.of(every_pattern)

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The ``Matcher``'s matches on the whole ``doc``, found window by window."""
        found: list[tuple[int, int, int]] = []
        for start, end in windows(doc, self.vocabulary):
            found.extend(
                (match_id, start + low, start + high)
                for match_id, low, high in self.matcher(doc[start:end])
            )
        return found

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[tuple[Span, Reading]] = []
        context = _SentenceContext(doc)
        for match_id, start, end in self.matches(doc):
            rule = doc.vocab.strings[match_id]
            start, end = _trim(doc, start, end)
            span = Span(doc, start, end, label="MONEY")
            if rule == "range_to" and self._reports_a_change(doc, start):
                # two amounts, not a range; each end is its own figure. The end that carries
                # its currency is found by its own rule; the other may lend it ("from 40 to")
                candidates.extend(_change_start(doc, start, end, context))
                continue
            if rule == "pence" and not _unit_price_follows(doc, end):
                continue  # "720p", "step 5p": only "50p a share" is surely pence
            if rule == "symbol_after" and _number_follows(doc, end):
                continue  # "5bn $2bn": the "$" belongs to the amount after it
            tokens = list(span)
            uses_yen = any(SYMBOLS.get(t.text) == YEN_SIGN for t in tokens)
            yen = context.yen(span.start) if uses_yen else "CNY"
            reading = read_tokens(tokens, rule, yen, context.region(span.start))
            if reading is None or _is_exchange_rate(span) or _followed_by_percent(span):
                continue
            if _is_currency_quote(span, reading) or _is_measure(span, reading):
                continue
            if _currency_is_an_adjective(span) or _high_end_in_other_currency(span, reading):
                continue
            candidates.append((span, reading))
        spans = _drop_unit_rates(doc, self._longest_first(candidates))
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
