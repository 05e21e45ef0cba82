"""Tokenizer rules that cut newsroom money into currency, number and scale tokens.

spaCy's English tokenizer keeps "Rmb150bn", "HK$3.9", "RM29.5", "$315bn/$367bn" and "66–72" as
single tokens, and a token pattern cannot look inside a token. These rules make every money
amount come out as separate pieces so the money patterns can stay simple token sequences:

==========================  ==========================================
text                        tokens
==========================  ==========================================
``Rmb150bn``                ``Rmb`` ``150`` ``bn``
``$7B``                     ``$`` ``7`` ``B``
``US$600m``                 ``US$`` ``600`` ``m``
``CN¥76.8``                 ``CN¥`` ``76.8``
``HK$3.9``                  ``HK$`` ``3.9``
``RM29.5``                  ``RM`` ``29.5``
``$1.5-billion``            ``$`` ``1.5`` ``-`` ``billion``
``$66–72``                  ``$`` ``66`` ``–`` ``72``
``$175–$185``               ``$`` ``175`` ``–`` ``$`` ``185``
``RMB80-``                  ``RMB`` ``80`` ``-``
``$2.5bn-$3bn``             ``$`` ``2.5`` ``bn`` ``-`` ``$`` ``3`` ``bn``
``$315bn/$367bn``           ``$`` ``315`` ``bn`` ``/`` ``$`` ``367`` ``bn``
``Rmb90bn/Rmb110bn``        ``Rmb`` ``90`` ``bn`` ``/`` ``Rmb`` ``110`` ``bn``
``billion-$25``             ``billion`` ``-`` ``$`` ``25``
==========================  ==========================================

Check a new case with ``nlp.tokenizer.explain(text)``. spaCy strips prefixes and suffixes first
and then splits the rest at infixes, but never strips prefixes from an infix piece again; so the
cuts *inside* a token ("bn" before "/", "$" after "–") are zero-width infixes, which the
tokenizer supports (an empty infix match only marks a boundary).
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from extract.money.currencies import CJK_WORDS, CODES, SYMBOLS
from extract.money.numbers import CJK_SCALE_CHARS, GLUED_SCALES
from extract.money.patterns import CJK_HEDGES

_DASHES = "-–—"
#: Symbols that can start the second half of a range glued to a dash ("$175–$185").
_SIGN_CHARS = "$＄€£¥￥₹₩฿₽"
#: Invisible characters that scraped text leaves glued to words ("billion\u200b").
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"


#: Numbers that may carry a glued "p" for pence: up to three digits, up to two decimals.
_PENCE_SHAPES: tuple[str, ...] = (
    r"\d", r"\d\d", r"\d\d\d", r"\d\.\d", r"\d\d\.\d", r"\d\.\d\d", r"\d\d\.\d\d", r"\d\d\d\.\d",
)


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first so "bn" is tried before "b"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def money_prefixes() -> list[str]:
    """Currency marks glued before a digit: "HK$3.9", "Rmb150bn", "USD30", "RM29.5"; and a
    hedge glued before an amount: "~$23bn", "c.$23bn".

    Only cut when a digit (or a decimal point and a digit) follows, so "RMBS" or "USDC" stay
    words and "Rs." stays whole before a space.
    """
    marks = [s for s in SYMBOLS if s not in {"$"}] + list(CODES)
    signs = re.escape(_SIGN_CHARS)
    return [
        rf"[{_INVISIBLE}]",
        rf"(?:{_alternation(marks)})(?=\d|\.\d)",
        # hedges glued before an amount: "~$23bn", "≈160bn yuan", "c.$23bn" (circa)
        rf"[~≈](?=[\d{signs}]|[A-Z]{{1,3}}[{signs}])",
        rf"c\.(?=[\d{signs}])",
    ]


def money_suffixes() -> list[str]:
    """Scale words glued after a digit ("150bn", "7B", "3tn"), a dash left open by a range
    written across a space ("RMB80- 100bn"), and a plus after a scale ("$600bn+")."""
    scales = _alternation(GLUED_SCALES)
    after_scale = "|".join(rf"(?<=\d{re.escape(s)})" for s in GLUED_SCALES)
    return [
        # zero-width spaces and joiners glued to the end of a word: "billion\u200b"
        rf"[{_INVISIBLE}]",
        # the full stop after a symbol written after its amount: "costs 500€."
        rf"(?<=\d[{re.escape(_SIGN_CHARS)}])\.",
        rf"(?<=\d)(?i:{scales})",
        rf"(?<=\d)[{_DASHES}]",
        # "$600bn+": the plus after a glued scale (the default rule only cuts it after a digit)
        rf"(?=\+)(?i:{after_scale})\+",
        # "$7B." / "$450m." at the end of a sentence: the full stop after a glued scale (the
        # default rule keeps "7B." whole, and "m."/"k."/"b." are abbreviation exceptions)
        rf"(?=\.)(?i:{after_scale})\.",
        # "50p", "3.5p": pence glued to a short number that is the whole token ("1080p", a
        # screen resolution, has four digits and stays whole; "720p" is split but read as
        # pence only before "a share"-like words, see pattern_pence)
        "(?=p)(?:" + "|".join(f"(?<=^{shape})" for shape in _PENCE_SHAPES) + ")p",
        # ... and its full stop at the end of a sentence ("rose to 50p.")
        r"(?=\.)(?:" + "|".join(f"(?<=^{shape}p)" for shape in _PENCE_SHAPES) + r")\.",
    ]


def _multi_char_marks() -> list[str]:
    """Currency marks longer than one character ("HK$", "Rmb", "USD"), which a character class
    cannot express."""
    return [m for m in (*SYMBOLS, *CODES) if len(m) > 1]


def money_infixes() -> list[str]:
    """Cuts inside a token, for ranges and slash pairs written without spaces."""
    scales = _alternation(GLUED_SCALES)
    signs = re.escape(_SIGN_CHARS)
    marks = _alternation(_multi_char_marks())
    # Python look-behinds are fixed-width: one per scale word / currency mark. Each run of them
    # sits behind a one-character look-ahead ("(?=\d)", "(?=[-/])") so the regex engine, which
    # tries every position of every token, rejects almost all positions at once (the tokenizer
    # took twice the default tokenizer's time without it).
    after_scale = "|".join(rf"(?<=\d{re.escape(s)})" for s in GLUED_SCALES)
    after_dash_mark = "|".join(rf"(?<=[{_DASHES}/]{re.escape(m)})" for m in _multi_char_marks())
    return [
        # boundary between a number and a glued scale that a dash or slash follows: "2.5|bn-"
        rf"(?<=\d)(?=(?i:{scales})[{_DASHES}/])",
        # the dash or slash after such a scale: "bn|-|$3"
        rf"(?=[{_DASHES}/])(?i:{after_scale})[{_DASHES}/]",
        # en/em dash between numbers: "66–72" (the plain hyphen is already a default infix)
        r"(?<=\d)[–—](?=\d)",
        # a dash or slash before a currency mark and its number: "175–$185", "billion-$25",
        # "90bn/Rmb110bn"
        rf"(?<=[\da-zA-Z])[{_DASHES}/](?=(?:[{signs}]|{marks})\d)",
        # boundary between a sign and its number inside a token: "$|185"
        rf"(?<=[{signs}])(?=\d)",
        # boundary between a longer mark and its number after a dash or slash: "/Rmb|110"
        rf"(?=\d)(?:{after_dash_mark})",
        # a slash between a word and a number: "120bn yuan/150bn yuan" (the default infixes only
        # cut a slash that a letter follows)
        r"(?<=[a-zA-Z])/(?=\d)",
    ]


#: Chinese characters, kana, Hangul and compatibility ideographs: text written without spaces
#: (Korean has spaces between words, but its numbers are glued to their units: "20조원").
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
#: Chinese and Japanese punctuation, each its own token ("亿元。字节" -> "亿", "元", "。", ...).
_CJK_PUNCT = "，。、；：！？（）「」『』《》【】"
#: Currency words written before a Chinese amount ("投入人民币1600亿元").
_CJK_MARKS_BEFORE: tuple[str, ...] = ("人民币",)


def cjk_infixes() -> list[str]:
    """Cuts inside Chinese and Japanese text, which has no spaces, so that an amount comes out as
    number, scale and currency: "开支1500亿元用于" -> "开支" "1500" "亿" "元" "用于";
    "人民币1600亿元" -> "人民币" "1600" "亿" "元"; "3兆円" -> "3" "兆" "円"."""
    scale = re.escape(CJK_SCALE_CHARS)
    words = _alternation(list(CJK_WORDS) + list(_CJK_MARKS_BEFORE))
    return [
        # a run of scale characters after a digit: "1500|亿", "1.5|万亿"
        rf"(?<=\d)[{scale}]+",
        # a currency word after a digit or a scale: "亿|元", "亿|美元", "兆|円", "人民币" after
        rf"(?<=[\d{scale}])(?:{words})",
        # a currency word before digits: "投入|人民币|1600"
        rf"(?:{_alternation(_CJK_MARKS_BEFORE)})(?=\d)",
        # a hedge before digits or "人民币": "投入|约|1600", "超过|人民币|1600"
        rf"(?:{_alternation(CJK_HEDGES)})(?=\d|{_alternation(_CJK_MARKS_BEFORE)})",
        # punctuation, which is glued to the characters around it; curly quotes only beside
        # a character (English text keeps its own quote rules)
        rf"[{_CJK_PUNCT}]",
        rf"(?<=[{_CJK}{_CJK_PUNCT}])[“”‘’]|[“”‘’](?=[{_CJK}])",
        # the boundary between characters and digits, both ways: "计划|2026|年"
        rf"(?<=[{_CJK}])(?=\d)",
        rf"(?<=\d)(?=[{_CJK}])",
    ]


def customize_tokenizer(nlp: Language) -> None:
    """Add the money prefixes, suffixes and infixes to ``nlp``'s tokenizer, in place.

    Ours go first: a regex alternation stops at the first branch that matches, and the default
    rules would otherwise keep "HK$3.9" whole.
    """
    defaults = nlp.Defaults
    nlp.tokenizer.prefix_search = compile_prefix_regex(
        [*money_prefixes(), *(defaults.prefixes or ())]
    ).search
    nlp.tokenizer.suffix_search = compile_suffix_regex(
        [*money_suffixes(), *(defaults.suffixes or ())]
    ).search
    nlp.tokenizer.infix_finditer = compile_infix_regex(
        [*money_infixes(), *cjk_infixes(), *(defaults.infixes or ())]
    ).finditer
    # English keeps "m.", "k.", "b." as abbreviations, which swallows the full stop of "US$450 m."
    # and hides the scale from the patterns; in news copy those letters are scales, not initials.
    # "p." goes too: "rose to 50p." ends with pence, and news copy has no page references.
    scale_abbreviations = {f"{scale}." for scale in GLUED_SCALES if len(scale) == 1} | {"p."}
    nlp.tokenizer.rules = {
        text: tokens for text, tokens in nlp.tokenizer.rules.items() if text not in scale_abbreviations
    }
    # Marks that end in a full stop ("Rs. 500 crore", "SFr. 2bn") stay one token before a space;
    # the default suffix rule would cut the stop off and hide the mark.
    for mark in SYMBOLS:
        if mark.endswith(".") and mark[:-1].isalpha():
            nlp.tokenizer.add_special_case(mark, [{"ORTH": mark}])


#: A capital scale letter written apart from its number, with the sentence's full stop glued to
#: it: "$7 B." English keeps "B." whole (an initial, as in "George B. Smith"), and a tokenizer
#: rule cannot see the number in the token before it, so a component splits it after the fact.
_SCALE_STOPS: tuple[str, ...] = ("B.", "M.", "K.", "T.")
_SCALE_STOP_IDS = numpy.array([hash_string(text) for text in _SCALE_STOPS], dtype="uint64")


@Language.component("capexwatch_scale_stops")
def split_scale_stops(doc: Doc) -> Doc:
    """Split "B." into "B" and "." when a number stands right before it ("$7 B." -> "$" "7" "B"
    "."), so the money rules see the scale and the sentence splitter sees the full stop. Runs
    right after the tokenizer: ``nlp.add_pipe("capexwatch_scale_stops", first=True)``."""
    # the common case, nothing to split, is decided on the token ids alone (no Token objects)
    candidates = numpy.flatnonzero(numpy.isin(doc.to_array(ORTH), _SCALE_STOP_IDS))
    targets = []
    for index in candidates.tolist():
        before = doc[index - 1] if index > 0 else None
        if (
            before is not None
            and before.whitespace_
            and before.text.replace(",", "").replace(".", "").isdigit()
        ):
            targets.append(doc[index])
    if targets:
        with doc.retokenize() as retokenizer:
            for token in targets:
                retokenizer.split(token, [token.text[0], "."], heads=[(token, 0), (token, 0)])
    return doc
