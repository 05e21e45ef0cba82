"""Matching predictions to gold figures, and comparing names (gold/CONVENTIONS.md, "Matching").

A predicted figure matches a gold figure of the same record when amount, amount_high and currency
are equal (as ``Decimal`` values, so ``1.5E9 == 1500000000``); each gold figure is matched at most
once. When the same amount appears several times, the pairing that agrees on the most of
year/source/subject is chosen, so a correct prediction is never marked wrong because of the order
in which it was written. Names compare after lowercasing, dropping a leading "the", possessive
"'s" and punctuation; one may be a whole-word part of the other; chains compare part by part.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from extract.evaluation.gold import GoldFigure
from extract.figure import Figure

#: The attributes compared by name or value, and used to pair repeated amounts.
FIELDS: tuple[str, ...] = ("year", "source", "subject")

_POSSESSIVE = re.compile(r"['\u2019]s\b|(?<=s)['\u2019](?=\s|$)")
_DROPPED = re.compile(r"[.'\u2019`]")
_PUNCT = re.compile(r"[^\w\s]|_")
_LEADING_THE = re.compile(r"^the(?:\s+|$)")


def normalize_name(name: str | None) -> str | None:
    """Lowercase, drop a leading "the", possessive "'s" and punctuation; None for empty names.

    "The Financial Times" -> "financial times"; "ByteDance's" -> "bytedance"; "U.S." -> "us".
    """
    if name is None:
        return None
    text = name.strip().lower()
    text = _POSSESSIVE.sub("", text)
    text = _DROPPED.sub("", text)
    text = _PUNCT.sub(" ", text)
    text = " ".join(text.split())
    text = _LEADING_THE.sub("", text)
    return text or None


def _contains_words(longer: list[str], shorter: list[str]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _part_matches(expected: str, got: str) -> bool:
    exp, pred = normalize_name(expected), normalize_name(got)
    if exp is None or pred is None:
        return exp is None and pred is None
    if exp == pred:
        return True
    # A whole-word part of the other ("Tencent President Martin Lau" ~ "Martin Lau"), never a
    # piece of a word ("Meta" is not part of "Metaverse Capital").
    exp_words, pred_words = exp.split(), pred.split()
    if len(exp_words) >= len(pred_words):
        return _contains_words(exp_words, pred_words)
    return _contains_words(pred_words, exp_words)


def names_match(expected: str | None, got: str | None) -> bool:
    """Source/subject agreement under gold/CONVENTIONS.md; chains ("A; B") compare part by part."""
    if normalize_name(expected) is None or normalize_name(got) is None:
        return normalize_name(expected) is None and normalize_name(got) is None
    exp_parts = [p for p in expected.split(";") if normalize_name(p)]  # type: ignore[union-attr]
    got_parts = [p for p in got.split(";") if normalize_name(p)]  # type: ignore[union-attr]
    if len(exp_parts) != len(got_parts):
        return False
    return all(_part_matches(e, g) for e, g in zip(exp_parts, got_parts, strict=True))


def field_agrees(name: str, expected: Any, got: Any) -> bool:
    if name == "year":
        return expected == got
    return names_match(expected, got)


# --------------------------------------------------------------------------- matching


def _dec(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    try:
        # str(): a float 20.64e9 must become Decimal("20640000000.0"), not its binary expansion.
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _key(amount: Any, amount_high: Any, currency: Any) -> tuple[Any, ...]:
    low, high = _dec(amount), _dec(amount_high)
    return (
        None if low is None else low.normalize(),
        None if high is None else high.normalize(),
        (currency or "").upper(),
    )


def _agreement(gold: GoldFigure, pred: Figure) -> int:
    return sum(field_agrees(f, getattr(gold, f), getattr(pred, f)) for f in FIELDS)


def _best_pairs(golds: list[int], preds: list[int], score) -> list[tuple[int, int]]:
    """Pair as many as possible, maximising total agreement; ties go to the earliest items.

    Exact search over the smaller side (bitmask DP) for the small groups real texts produce;
    greedy for absurdly repetitive groups, where any pairing is as good as another anyway.
    """
    if not golds or not preds:
        return []
    if min(len(golds), len(preds)) > 12:
        pairs, used = [], set()
        for g in golds:
            best = max((p for p in preds if p not in used), key=lambda p: score(g, p), default=None)
            if best is not None:
                used.add(best)
                pairs.append((g, best))
        return pairs
    swap = len(preds) > len(golds)
    rows, cols = (preds, golds) if swap else (golds, preds)  # cols: the smaller side (bitmask)

    def s(r: int, c: int) -> int:
        return score(c, r) if swap else score(r, c)

    target = len(cols)  # every item of the smaller side gets paired
    memo: dict[tuple[int, int], tuple[int, tuple[tuple[int, int], ...]] | None] = {}

    def best(i: int, mask: int) -> tuple[int, tuple[tuple[int, int], ...]] | None:
        used = bin(mask).count("1")
        if used == target:
            return (0, ())
        if len(rows) - i < target - used:
            return None
        key = (i, mask)
        if key in memo:
            return memo[key]
        result = best(i + 1, mask)  # row i left unpaired
        for j in range(len(cols)):
            if mask & (1 << j):
                continue
            rest = best(i + 1, mask | (1 << j))
            if rest is None:
                continue
            cand = (rest[0] + s(rows[i], cols[j]), ((rows[i], cols[j]),) + rest[1])
            if result is None or cand[0] > result[0]:
                result = cand
        memo[key] = result
        return result

    found = best(0, 0)
    pairs = list(found[1]) if found else []
    return [(c, r) for r, c in pairs] if swap else pairs


def match_figures(
    gold: Sequence[GoldFigure], predicted: Sequence[Figure]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pair gold and predicted figures of one record.

    Returns ``(pairs, unmatched_gold, unmatched_predicted)`` as indexes; ``pairs`` holds
    ``(gold_index, predicted_index)``. Amount, amount_high and currency must be equal.
    """
    gold_groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    pred_groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i, g in enumerate(gold):
        gold_groups[_key(g.amount, g.amount_high, g.currency)].append(i)
    for j, p in enumerate(predicted):
        pred_groups[_key(p.amount, p.amount_high, p.currency)].append(j)
    pairs: list[tuple[int, int]] = []
    for key, g_idx in gold_groups.items():
        pairs.extend(
            _best_pairs(g_idx, pred_groups.get(key, []), lambda g, p: _agreement(gold[g], predicted[p]))
        )
    pairs.sort()
    matched_g = {g for g, _ in pairs}
    matched_p = {p for _, p in pairs}
    return (
        pairs,
        [i for i in range(len(gold)) if i not in matched_g],
        [j for j in range(len(predicted)) if j not in matched_p],
    )


