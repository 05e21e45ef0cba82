"""Where the money ``Matcher`` needs to look: short runs of tokens that can hold an amount.

An article has thousands of words and a handful of amounts. Every money pattern is a sequence of
tokens from a small vocabulary (numbers, scales, currency marks and words, joiners like "to" and
"between"), and every pattern holds a number or scale *and* a currency. So the ``Matcher`` only
needs the maximal runs of vocabulary tokens that hold both; running it there finds exactly the
matches it finds on the whole text, in a fraction of the time (it tries hundreds of patterns at
every token it is given). The vocabulary is read off the patterns, so it cannot drift from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import ORTH
from spacy.tokens import Doc

from extract.money.patterns import PENCE_MARK, TokenPattern, text_kind

#: Token kinds one of which every amount holds: a number, a written-out number or a scale.
_AMOUNT_KINDS: frozenset[str] = frozenset({"num", "numword", "scale"})
#: Token kinds that say which currency: every pattern holds one (checked when patterns load).
_CURRENCY_KINDS: frozenset[str] = frozenset({"sign", "code", "word"})


def _says_currency(text: str) -> bool:
    return text_kind(text) in _CURRENCY_KINDS or text == PENCE_MARK


@dataclass(frozen=True)
class Vocabulary:
    """Every token the patterns can match, read off the patterns themselves (so it cannot drift
    from them): a token outside it can never be inside a match. Each pattern must also hold a
    required token that says the currency, so a run of tokens without one cannot match either.
    """

    kinds: frozenset[str]
    lowers: frozenset[str]
    orths: frozenset[str]

    @classmethod
    def of(cls, patterns: Sequence[TokenPattern]) -> Vocabulary:
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


def windows(doc: Doc, vocabulary: Vocabulary) -> list[tuple[int, int]]:
    """Runs of tokens the patterns can match that hold an amount piece and a currency.

    Running the ``Matcher`` on these short runs instead of the whole text finds exactly the
    same matches (no match can cross a token outside the patterns' vocabulary, and every
    match holds a number or scale and a currency), but it no longer tries hundreds of
    patterns at every word of an article: most of the money component's time went there.
    Tokens are read as ids from one array, without building a ``Token`` for each.
    """
    classify = vocabulary.classify
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
