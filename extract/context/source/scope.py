"""Which frame speaks for which figure (read on tokens: a blank pipeline has no parser).

A frame in the figure's own clause first (a document seen by someone, unnamed analysts'
estimate), else the closing frame after it (the outer reporter), else the nearest frame that
speaks for it — never across a contrast about another company ("…, while Tencent's capex
reached …") or a contrast with a speaker of its own ("…, while analysts forecast $75bn"), nor
from a company's outlook to a clause with its own subject and verb, nor to another company's
gapped item ("Amazon said it would spend $200bn, Alphabet $185bn"). See ``choose``.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from extract.context.common.clauses import Positions, breaks_between, gap, is_blank_line
from extract.context.names.finder import COMPANY, GUESS, WATCH, Name
from extract.context.source.frame import CLAUSE, LEADING, PARTICIPLE_RULE, TRAILING, Frame
from extract.context.source.words import (
    CLAUSE_VERBS,
    COMPARISONS,
    CONTINUATIONS,
    CONTRASTS,
    EXPECT_VERBS,
    GAP_WORDS,
    OUTLOOK_VERBS,
    PASSIVE_AUX,
    PREDICATE_OPENERS,
    VERB_ADVERBS,
)

#: Tokens a trailing frame may still hold before the comma that ends it ("Reuters reported on Monday,").
CONTINUATION_REACH = 6


def speaks_for(frame: Frame, span: Span) -> bool:
    """Is ``span`` within the frame's scope (see ``Frame``)?"""
    if frame.scope == LEADING:
        return frame.start < span.start
    if frame.scope == TRAILING:
        return frame.start >= span.end or continued(frame, span)
    if frame.scope == CLAUSE:
        _distance, left, right = gap(span.start, span.end, frame.start, frame.end)
        return breaks_between(span.doc, left, right) == 0
    return True




def continued(frame: Frame, span: Span) -> bool:
    """Does the sentence go on past a closing frame to ``span`` as the same statement? Either the
    frame is set off by commas inside its clause ("ByteDance, Reuters reported, will spend $12bn")
    or a continuation word follows its comma (``CONTINUATIONS``: "…, the newspaper said, or
    roughly Rmb85bn"), with no contrast or new clause break before the figure."""
    doc = span.doc
    if frame.end > span.start:
        return False
    comma = next((k for k in range(frame.end, min(span.start, frame.end + CONTINUATION_REACH))
                  if doc[k].is_punct), None)
    if comma is None or doc[comma].text != ",":
        return False
    between = doc[comma + 1:span.start]
    if any(t.lower_ in CONTRASTS or t.text in (",", ";", ":", "(", ")") or is_blank_line(t.text) for t in between):
        return False
    first = next((t for t in between if not t.is_space), None)
    if first is None:
        return False
    enclosed = frame.start > span.sent.start and doc[frame.start - 1].text == ","
    return first.lower_ in CONTINUATIONS or (enclosed and first.lower_ in PREDICATE_OPENERS)


def contrasted(
    doc: Doc, frame: Frame, span: Span, companies: Positions[Name], verbs: frozenset[str] = frozenset()
) -> bool:
    """Is ``span`` in a clause set against the frame's, that the frame does not speak for?

    - a contrasting clause (or one after ", and") about another company, after the clause of a
      company or its executive ("Tencent President Martin Lau said") speaking for itself: "Alibaba
      said it would spend 380bn yuan, while Tencent's capex reached 76.8bn yuan"
      (a contrast with no other company, "…, while profit fell to $2bn", stays in scope; an outlet
      or analyst may report both sides: "Bernstein estimates X, while Y");
    - a contrasting clause with a speaker of its own, named or not: "Meta expects $70bn, while
      analysts forecast $75bn" (a named one is a frame of its own and wins anyway);
    - a gapped item about another company after a company's statement: "Amazon said it would
      spend $200bn, Alphabet $185bn" — Amazon did not say Alphabet's figure.
    """
    if frame.end > span.start:
        return False
    markers = [t.i for t in doc[frame.end:span.start] if t.lower_ in CONTRASTS]
    if markers and own_speaker(doc, markers[-1] + 1, span.start, verbs):
        return True
    speaker = speaking_company(frame, companies)
    if speaker is None:
        return False
    markers += [t.i for t in doc[frame.end:span.start - 1] if t.text == "," and doc[t.i + 1].lower_ == "and"]
    if markers and doc[frame.end - 1].lower_ in EXPECT_VERBS and own_clause(doc, max(markers) + 1, span.start):
        # "Intel expects revenue of $13bn for the year, while its foundry unit lost $2bn": an
        # outlook speaks for its own object, not for another clause with its own subject and verb
        return True
    if markers:
        return any(n.name != speaker for n in companies.within(max(markers) + 1, span.start))
    return gapped_other(doc, frame, span, companies, speaker)


def own_clause(doc: Doc, start: int, end: int) -> bool:
    """Does the clause at ``start..end`` have a subject and a finite verb of its own?"""
    tokens = [t for t in doc[start:end] if not t.is_space]
    if tokens and tokens[0].lower_ in ("while", "whereas", "and", "but", "although", "though"):
        tokens = tokens[1:]
    for k, token in enumerate(tokens):
        if token.lower_ in CLAUSE_VERBS and token.text.islower():
            return k > 0 and tokens[k - 1].lower_ not in PASSIVE_AUX and tokens[0].lower_ not in ("it", "which", "that")
    return False


def speaking_company(frame: Frame, companies: Positions[Name]) -> str | None:
    """The company a frame speaks as: the company itself, or the one in an executive's title
    ("Tencent President Martin Lau said" -> Tencent); None for outlets, analysts, unnamed."""
    if frame.kind in (COMPANY, WATCH, GUESS):
        return frame.source
    if frame.kind == "person":
        inside = [n for n in companies.within(frame.start, frame.end) if n.end <= frame.end]
        return inside[0].name if inside else None
    return None


def gapped_other(doc: Doc, frame: Frame, span: Span, companies: Positions[Name], speaker: str) -> bool:
    """Is ``span`` a gapped item naming a company other than ``speaker`` ("…, Alphabet at $185bn")?"""
    for name in reversed(companies.within(frame.end, span.start)):
        if name.end > span.start or name.name == speaker:
            continue
        if doc[name.start - 1].text != ",":
            return False
        return all(t.lower_ in GAP_WORDS or t.is_space for t in doc[name.end:span.start])
    return False


def own_speaker(doc: Doc, start: int, end: int, verbs: frozenset[str]) -> bool:
    """Does the clause at ``start..end`` hold a verb of saying or estimating with a subject of its
    own ("while analysts forecast", "but analysts had expected")? Not a passive ("is expected
    to"), nor the first speaker going on with no subject ("…, but noted that …")."""
    for token in doc[start:end]:
        word = token.lower_
        if not (token.text.islower() and (word in verbs or word in OUTLOOK_VERBS)):
            continue
        if token.i > 0 and doc[token.i - 1].lower_ in PASSIVE_AUX:
            continue
        subject = [t for t in doc[start:token.i] if not t.is_space and t.lower_ not in VERB_ADVERBS]
        if subject:
            return True
    return False


def choose(span: Span, frames: list[Frame], follow_up: bool, others: Sequence[int] = ()) -> Frame | None:
    """The closing frame after the figure (the outer reporter: "…, Reuters reported",
    "…, according to LatePost"; a closing participle only when no reporting frame before the
    figure holds it: "X reported that …, saying …" is X's), else the nearest that speaks for it,
    else the nearest that is
    not a new statement after it ("…, Evercore analysts wrote, from $72bn last year"). Frames of
    a follow-up sentence all speak for the sentence before."""
    # a clause-only frame speaks for the figure next to it, not past another figure ("revenue of
    # 193bn yuan beat the 188bn yuan consensus of Visible Alpha": only the 188bn)
    clause = [f for f in frames if f.scope == CLAUSE and speaks_for(f, span)
              and not any(min(f.start, span.start) < o < max(f.start, span.start) for o in others)]
    named = [f for f in clause if f.source is not None]
    if named and not follow_up:
        # "a memo seen by Reuters showed …": a document in the figure's own clause
        return min(named, key=lambda f: abs(f.start - span.start))
    compiler = [f for f in frames if f.scope not in (LEADING, CLAUSE) and f.start >= span.end and f.source is not None
                and not f.rule.startswith(PARTICIPLE_RULE)]
    if clause and not follow_up and not compiler:
        # "Nvidia said revenue rose to $57bn, beating analysts' estimate of $55bn": unnamed
        # analysts' figure, not Nvidia's — unless who compiled it closes the sentence ("…,
        # LSEG data showed")
        return clause[0]
    if follow_up:
        usable = frames
    else:
        usable = [f for f in frames if f.scope != CLAUSE and speaks_for(f, span)]  # clause frames: above
        closing = [f for f in usable if f.scope != LEADING and f.start >= span.end]
        said = [f for f in closing if not f.rule.startswith(PARTICIPLE_RULE)]
        reporting = [f for f in usable if f.scope == LEADING and f.end <= span.start]
        if reporting:
            # "Amazon expects sales of $206bn, compared with analysts' estimate of $208.1bn,
            # according to LSEG data": the closing source is the compared figure's, not Amazon's
            said = [f for f in said if not past_comparison(span, f, others)]
            # "Meta said it would spend $65bn, while Alphabet's capex was $52bn, analysts at
            # Jefferies said": the closing frame of the contrasting clause is not Meta's figure's
            said = [f for f in said if not past_contrast(span, f)]
            closing = [f for f in closing if not past_contrast(span, f)]
        if said:
            return min(said, key=lambda f: f.start)
        if closing and not reporting:
            return min(closing, key=lambda f: f.start)
        if reporting:
            # "ByteDance denied a Financial Times report that … 160bn yuan, saying …": the
            # report the figure sits in speaks for it, not the participle's new statement
            return max(reporting, key=lambda f: f.end)
        if not usable:
            usable = [f for f in frames if not (f.scope == LEADING and f.start >= span.end) and f.scope != CLAUSE]
    best: tuple[int, Frame] | None = None
    for frame in usable:
        if frame.end <= span.start:
            distance = span.start - frame.end
        elif frame.start >= span.end:
            distance = frame.start - span.end
        else:
            distance = 0
        if best is None or distance < best[0]:
            best = (distance, frame)
    return best[1] if best else None


def past_comparison(span: Span, frame: Frame, others: Sequence[int]) -> bool:
    """Does a figure set against ``span`` ("…, compared with analysts' estimate of $208.1bn")
    stand between ``span`` and the closing ``frame``? Then the frame closes that figure's clause."""
    doc = span.doc
    between = [o for o in others if span.end <= o < frame.start]
    if not between:
        return False
    return any(t.lower_ in COMPARISONS for t in doc[span.end:min(between)])


def past_contrast(span: Span, frame: Frame) -> bool:
    """Does a contrasting clause ("…, while …", "…; …") open between ``span`` and the closing
    ``frame``? Then the frame closes that clause, not the one a leading frame already speaks for."""
    return any(t.lower_ in CONTRASTS for t in span.doc[span.end:frame.start])

