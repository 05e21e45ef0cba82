"""Descriptions that refer back to a company named earlier: "the company", "the e-commerce giant",
"the Shenzhen-based chipmaker", "the Boise, Idaho-based company", "the iPhone maker".

Shared by the attribution rules ("…, the Finnish group said" -> the company named before) and the
subject rules ("The group spent…" -> the company named before). The head nouns are data
(``company_references.txt``); this module only finds where such a description starts and ends.
"""

from __future__ import annotations

from spacy.tokens import Doc

from extract.rules import words

#: Most words between "the" and the head noun ("the Singapore-based ride-hailing firm").
REFERENCE_REACH = 8
#: Joins allowed inside a description: hyphens ("Shenzhen-based", "ride-hailing").
HYPHENS = frozenset({"-", "–"})


def company_heads() -> frozenset[str]:
    """Head nouns of company descriptions ("company", "giant", "chipmaker", "maker", …)."""
    return words("company_references.txt")


def _inside(doc: Doc, k: int) -> bool:
    """Can token ``k`` sit between "the" and the head noun? Words, hyphens, and a comma between
    two capitalised words (a place: "the Boise, Idaho-based company"); not a line break."""
    token = doc[k]
    if "\n" in token.text:
        return False
    if not token.is_punct:
        return True
    if token.text in HYPHENS:
        return True
    return token.text == "," and 0 < k < len(doc) - 1 \
        and doc[k - 1].text[:1].isupper() and doc[k + 1].text[:1].isupper()


def description_start(doc: Doc, head: int, reach: int = REFERENCE_REACH) -> int | None:
    """The "the" opening a description whose last word is token ``head``, else None.

    "the e-commerce giant" (head "giant") -> index of "the"; "Alibaba, a giant" -> None.
    """
    k = head - 1
    while k >= max(0, head - reach):
        if doc[k].lower_ == "the":
            return k
        if not _inside(doc, k):
            return None
        k -= 1
    return None


def description_end(doc: Doc, the: int, heads: frozenset[str], reach: int = REFERENCE_REACH) -> int | None:
    """The end (exclusive) of a description opened by "the" at token ``the``, else None.

    "the Hangzhou-based e-commerce titan said" -> the index after "titan".
    """
    for k in range(the + 1, min(the + 1 + reach, len(doc))):
        if doc[k].lower_ in heads:
            return k + 1
        if not _inside(doc, k):
            return None
    return None
