"""The record of one attribution (``Frame``) and the small readers of the words in it: a
source's name as written (``text_of``), a person's name without its title (``person_name``), the
chains "X reported, citing Y" and "according to Y … cited by X" (``chain``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from extract.context.names.finder import PERSON_TITLES
from extract.context.source.words import DATA_NOUNS, DESCRIPTORS, TITLE_ADJECTIVES

LEADING, TRAILING, BOTH, CLAUSE = "leading", "trailing", "both", "clause"
PARTICIPLE_RULE = "participle"


@dataclass(frozen=True, slots=True)
class Frame:
    """An attribution in the text: the tokens it covers, who is named, and how it was read.

    ``scope`` says which figures it speaks for: ``leading`` (after it: "Reuters reported that
    …"), ``trailing`` (before it: "…, Reuters reported."), ``both`` ("according to X"),
    ``clause`` (only figures in its own clause: "a memo seen by Reuters showed …").
    """

    start: int
    end: int
    source: str | None
    anonymous: bool
    rule: str
    kind: str = ""  # OUTLET, COMPANY… for a known name; "person"; "" otherwise
    cited: str | None = None
    scope: str = BOTH
    #: names listed together as the ones saying ("Microsoft and Alphabet reported"): with
    #: "respectively" each speaks for its own figure
    listed: tuple[str, ...] = ()

def text_of(span: Span) -> str:
    """A phrase as written, on one line, without a leading article."""
    text = " ".join(span.text.split())
    return text[4:] if text.lower().startswith("the ") else text



def is_markup(token: Token) -> bool:
    """Punctuation, brackets, tickers ("(HD)", "XAU="): never part of a source's name."""
    text = token.text
    return (token.is_punct and text not in ("&", "-", ".")) or any(c in text for c in "()=[]\"“”")


def person_name(phrase: Span) -> str:
    """A person's name without the title before it ("CEO Tim Cook" -> "Tim Cook", "Chief
    Financial Officer Jane Roe" -> "Jane Roe"); a company before the title stays ("Tencent
    President Martin Lau")."""
    start = 0
    while start < len(phrase) - 2 and (
        phrase[start].lower_ in PERSON_TITLES or phrase[start].lower_ in ("'s", "’s") or phrase[start].text.islower()
        or phrase[start].lower_ in DESCRIPTORS
        or (phrase[start].lower_ in TITLE_ADJECTIVES and phrase[start + 1].lower_ in PERSON_TITLES | TITLE_ADJECTIVES)
    ):
        start += 1
    return text_of(phrase[start:])


#: Nouns for what a source published, dropped from the end of its name ("LSEG data" -> LSEG,


def without_data_nouns(phrase: Span) -> Span:
    """``phrase`` without the data nouns it ends in, when a capitalised name remains."""
    end = len(phrase)
    while end > 1 and phrase[end - 1].lower_ in DATA_NOUNS:
        end -= 1
    if end < len(phrase) and any(t.text[:1].isupper() for t in phrase[:end]):
        return phrase[:end]
    return phrase


def looks_like_person(phrase: Span) -> bool:
    """Ends in two capitalised words that are not a known name: "Martin Lau", "CEO Tim Cook"."""
    tail = [t for t in phrase[-2:] if t.text[:1].isupper() and t.is_alpha]
    return len(tail) == 2 and not any(t.text.isupper() for t in tail)


def chain(frames: list[Frame]) -> list[Frame]:
    """Attach each "citing X" to the reporting frame just before it ("Bloomberg reported,
    citing the South China Morning Post"), and "according to X … cited by Y" into Y citing X;
    a lone citing frame stays as it is."""
    out: list[Frame] = []
    for frame in frames:
        if frame.rule.startswith("cited_by") and frame.source and not frame.anonymous and out \
                and out[-1].rule.startswith("according_to") and out[-1].source \
                and 0 <= frame.start - out[-1].end <= 4:
            # "according to IDC data cited by Securities Times": the outlet carries IDC's figure
            owner = out[-1]
            out[-1] = replace(frame, start=owner.start, cited=owner.source, rule=frame.rule + "+according_to")
            continue
        if frame.rule.startswith("citing") and out and frame.start - out[-1].end <= 4:
            reporter = out[-1]
            if frame.anonymous:
                out[-1] = replace(reporter, anonymous=True, rule=reporter.rule + "+citing_anonymous")
            elif frame.source:
                out[-1] = replace(reporter, cited=frame.source, end=frame.end, rule=reporter.rule + "+citing")
            continue
        out.append(frame)
    return out
