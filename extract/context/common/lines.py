"""The lines of a doc and the lists they form: a list line opens with a short label and a colon
("Operating profit: 12.1 trillion won"); a header is the line ending in a colon just before a run of
list lines ("Samsung said it expected the following figures for the quarter:")."""

from __future__ import annotations

from spacy.tokens import Doc

from extract.context.common.clauses import CUES, is_line_break

#: Longest label of a list line ("Operating profit:", "Microsoft:", "Net income attributable:").
LABEL_WORDS = 5
BULLETS = CUES.words("bullets")


class Lines:
    """The lines of a doc (split at line breaks) and the list they may form: a *list line*
    opens with a short label and a colon ("Operating profit: 12.1 trillion won", "Microsoft:
    $80bn for fiscal 2025"); a *header* is the line ending in a colon just before a run of list
    lines ("Samsung said it expected the following figures for the quarter:"). Lines are read
    only where asked (a figure's line), so a long page costs what its figures need."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self._bounds: dict[int, tuple[int, int]] = {}

    def bounds(self, i: int) -> tuple[int, int]:
        """Token range of the line holding token ``i`` (line-break tokens excluded)."""
        doc = self.doc
        lo = i
        while lo > 0 and not is_line_break(doc[lo - 1].text):
            lo -= 1
        if lo in self._bounds:
            return self._bounds[lo]
        hi = max(i, lo)
        while hi < len(doc) and not is_line_break(doc[hi].text):
            hi += 1
        self._bounds[lo] = (lo, hi)
        return lo, hi

    def label_end(self, start: int, end: int) -> int | None:
        """The token after a list line's label colon ("Revenue: 86 trillion won" -> after
        ":"), else None. A clock time ("10:30") is no label."""
        doc = self.doc
        k = start
        while k < end and (doc[k].is_space or doc[k].text in BULLETS):
            k += 1
        first = k
        while k < end and k - first <= LABEL_WORDS:
            token = doc[k]
            if token.text == ":":
                return k + 1 if k > first else None
            if token.is_punct and token.text not in ("&", "'s", "’s", "-", "/") or token.like_num:
                return None
            k += 1
        return None

    def header(self, i: int) -> tuple[int, int] | None:
        """The header line over the list line holding token ``i``: walk back over list lines to
        the line before them; it is the header when it ends in a colon. None when ``i`` is on no
        list line or the list has no header ("Here is where each stands:" is a header too: its
        words decide what it lends). Paragraph breaks between list lines are fine: extractors
        write a list one item a paragraph."""
        start, end = self.bounds(i)
        if self.label_end(start, end) is None:
            return None
        while start > 0:
            previous = self.bounds(start - 1)
            tail = [t for t in self.doc[previous[0]:previous[1]] if not t.is_space]
            if tail and tail[-1].text == ":":
                return previous
            if self.label_end(*previous) is None:
                return None
            start = previous[0]
        return None

    def on_list_line(self, i: int) -> bool:
        """Is token ``i`` on a list line (after its label)?"""
        start, end = self.bounds(i)
        label = self.label_end(start, end)
        return label is not None and i >= label
