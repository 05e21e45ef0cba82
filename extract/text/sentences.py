"""The "capexwatch_sentences" component: sentence boundaries for news text in a blank pipeline.

spaCy's rule ``sentencizer`` splits at every "." token and ignores line structure. News text
needs three things it does not do:

* a hard line break inside a sentence is not a boundary (wire copy and e-mailed text wrap at
  ~70 characters: "...to spend 160 billion yuan\\n($22.5 billion) on AI..."), but a blank line is;
* abbreviations ("U.S.", "Inc.", "Jan.") are single tokens in spaCy's English tokenizer, so they
  never split; the few that can end a sentence ("...in the U.S. The company...") do split when
  a typical sentence opener follows;
* a dateline ("BEIJING, Jan 23 (Reuters) -") belongs to the sentence after it, and one at the
  start of a line starts a new sentence even when the headline above has no full stop.

A boundary needs terminal punctuation (optionally followed by closing quotes or brackets) and a
next token that can start a sentence (capital letter, digit, or an opening quote/bracket).
"""

from __future__ import annotations

from pathlib import Path

import numpy
from spacy.attrs import ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Token

from extract.lexicon import cues

CUES = cues(Path(__file__).resolve().with_name("sentences.toml"))
TERMINALS = CUES.words("terminals")
#: Chinese and Japanese full stops: no space follows them, and the next sentence opens with any
#: character ("...1600亿元。字节跳动..."), so they end a sentence on their own.
CJK_TERMINALS = CUES.words("cjk_terminals")
CLOSERS = CUES.words("closers")
OPENERS = CUES.words("openers")

#: Abbreviations that may also end a sentence ("...spending in the U.S. The company said").
ENDING_ABBREVIATIONS = CUES.words("ending_abbreviations")
#: Words that typically open a sentence; only they turn an ending abbreviation into a boundary
#: ("Alibaba Group Holding Ltd. said" must stay one sentence).
SENTENCE_OPENERS = CUES.words("sentence_openers")
#: Abbreviations cut from their full stop by the tokenizer ("approx" + ".") that never end a sentence.
NON_ENDING_ABBREVIATIONS = CUES.words("non_ending_abbreviations")
#: Marks that open a list item at the start of a line ("- The company plans …", "• Revenue: …").
LIST_MARKS = CUES.words("list_marks")
#: Marks that open a list item wherever they follow a space ("… demand.  • ORCL invested …").
INLINE_LIST_MARKS = CUES.words("inline_list_marks")


def _starts_sentence(token: Token) -> bool:
    """Can ``token`` open a sentence? A capital, a digit, or an opener before one."""
    text = token.text
    if not text:
        return False
    first = text[0]
    if first.isupper() or first.isdigit() or first in "$€£¥":
        return True
    if text in OPENERS and token.i + 1 < len(token.doc):
        following = token.doc[token.i + 1].text
        return bool(following) and (
            following[0].isupper() or following[0].isdigit() or following[0] in "$€£¥"
        )
    return False


def opens_sentence(token: Token) -> bool:
    """Is ``token`` the first word of its sentence, a list mark before it allowed ("• Revenue
    $82.9B"): a capital there is the sentence's, not a name's."""
    if token.is_sent_start:
        return True
    k = token.i - 1
    doc = token.doc
    while k >= 0 and doc[k].is_space:
        k -= 1
    return k >= 0 and doc[k].text in LIST_MARKS and bool(doc[k].is_sent_start)


def _is_closer(token: Token) -> bool:
    """A closing quote or bracket: glued to what precedes it (no space before it)."""
    if token.text not in CLOSERS:
        return False
    return token.i > 0 and not token.doc[token.i - 1].whitespace_


def _ends_sentence(doc: Doc, index: int, following: Token) -> bool:
    """Does the sentence end with token ``index`` (closing quotes/brackets skipped back over)?"""
    while index >= 0 and _is_closer(doc[index]):
        index -= 1
    if index < 0:
        return False
    token = doc[index]
    if token.text in TERMINALS:
        # "(approx. US$22.70 billion)": a full stop glued to an abbreviation that never ends a
        # sentence is the abbreviation's
        return not (token.text == "." and index > 0 and not doc[index - 1].whitespace_
                    and doc[index - 1].lower_ in NON_ENDING_ABBREVIATIONS)
    lower = token.lower_
    return lower in ENDING_ABBREVIATIONS and following.lower_ in SENTENCE_OPENERS


#: The last token of a sentence that a Chinese/Japanese full stop ends (checked before the
#: fuller test, which walks back over closing quotes).
_CJK_ENDINGS: frozenset[str] = CJK_TERMINALS | CLOSERS


def _after_cjk_terminal(doc: Doc, index: int, following: Token) -> bool:
    """Does a Chinese/Japanese full stop (closing quotes skipped back over) end the sentence
    before ``following``? A closer is never the start of the next sentence."""
    if following.text in CLOSERS:
        return False
    while index >= 0 and doc[index].text in CLOSERS:
        index -= 1
    return index >= 0 and doc[index].text in CJK_TERMINALS


def _blank_line(token: Token) -> bool:
    return token.is_space and token.text.count("\n") >= 2


def _starts_dateline(token: Token) -> bool:
    """ "BEIJING, Jan 23 (Reuters) -", "HONG KONG (Reuters) —": a new story starts here.

    Capitalised place words, then "," or "(", then a dash within the next few tokens. Used only
    at the start of a line, where a headline above it may lack a full stop.
    """
    doc = token.doc
    index = token.i
    while index < len(doc) and doc[index].is_alpha and doc[index].is_upper and len(doc[index]) > 1:
        index += 1
    if index == token.i or index >= len(doc) or doc[index].text not in {",", "("}:
        return False
    return any(t.text in {"-", "–", "—", "--"} for t in doc[index:index + 10])


def after_any_space(spaces: list[int], texts: list[str], i: int) -> bool:
    """Is token ``i`` written after whitespace (a space or a whitespace token)?"""
    return bool(spaces[i - 1]) or texts[i - 1].isspace()


def _may_end_sentence(text: str) -> bool:
    """A cheap first test of ``_ends_sentence`` on the last token's text alone."""
    return text in TERMINALS or text in CLOSERS or text.lower() in ENDING_ABBREVIATIONS


def set_sentence_starts(doc: Doc) -> Doc:
    """Set the sentence starts of ``doc`` (whitespace tokens never start one).

    Written in one ``Doc.from_array`` call: assigning ``token.is_sent_start`` token by token
    re-checks the whole document's annotation each time, which is quadratic on long articles.
    Tokens are read as texts from the ORTH array; a ``Token`` is built only where a boundary is
    possible (after a full stop, a closer or a line break), which is what keeps this cheap.
    """
    strings = doc.vocab.strings
    texts = [strings[orth] for orth in doc.to_array(ORTH).tolist()]
    spaces = doc.to_array(SPACY).tolist()
    starts = numpy.full(len(doc), -1, dtype="int64")  # -1: not a start, 1: a start
    previous: int | None = None  # index of the last non-space token
    blank_line_seen = False
    for i, text in enumerate(texts):
        is_space = text.isspace()
        if i == 0:
            starts[0] = 1
            if not is_space:
                previous = 0
            continue
        if is_space:
            blank_line_seen = blank_line_seen or text.count("\n") >= 2
            continue
        boundary = previous is None or blank_line_seen
        before = texts[i - 1]
        if not boundary and "\n" in before:
            boundary = _starts_dateline(doc[i])
        if not boundary and (text in INLINE_LIST_MARKS and after_any_space(spaces, texts, i)
                             or text in LIST_MARKS and "\n" in before):
            # "- The company plans …" on a line of its own, "… demand.  • ORCL invested …": each
            # item of a list is a sentence, with or without a full stop before the next one
            boundary = True
        after_space = bool(spaces[i - 1]) or before.isspace()
        if (
            not boundary
            and after_space
            and previous is not None
            and _may_end_sentence(texts[previous])
        ):
            boundary = _starts_sentence(doc[i]) and _ends_sentence(doc, previous, doc[i])
        if not boundary and previous is not None and texts[previous] in _CJK_ENDINGS:
            boundary = _after_cjk_terminal(doc, previous, doc[i])
        if boundary:
            starts[i] = 1
        previous = i
        blank_line_seen = False
    if len(doc):
        # spaCy stores attributes as uint64; -1 wraps the same way Doc.to_array writes it
        doc.from_array([SENT_START], starts.astype("uint64").reshape(-1, 1))
    return doc


@Language.component("capexwatch_sentences")
def sentence_splitter(doc: Doc) -> Doc:
    """Component form of ``set_sentence_starts``: ``nlp.add_pipe("capexwatch_sentences")``."""
    return set_sentence_starts(doc)
