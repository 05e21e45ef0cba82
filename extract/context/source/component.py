"""Who the text attributes a figure to (``span._.source``, ``span._.anonymous``).

Follows gold/CONVENTIONS.md: the source as named, without a leading "the"; a chain keeps the
reporting outlet first ("Bloomberg; South China Morning Post"); anonymous people mark the figure
``anonymous`` and leave the outlet that carries them ("told Reuters") as the source; no
attribution -> null.

How: attribution frames ("X said", "according to X", "citing X", …) are read once per text by
``frames.py`` (cue words of ``cues.toml`` and ``report_verbs.txt``, and the words next to them: a
blank pipeline has no parser; source phrases are read by ``phrases.py``, speakers by
``speakers.py``), which also resolves references ("the newspaper said", "the company said", "it said",
"he said") and gives each frame
a scope: what follows it ("Reuters reported that…") or what precedes it ("…, Reuters
reported."), or only its own clause ("a memo seen by Reuters showed…"). ``scope.py`` decides
which frame speaks for which figure: a frame in the figure's own clause (a document seen by someone,
unnamed analysts' estimate), else the closing frame after it (the outer reporter), else the
nearest frame that speaks for it — never across a contrast about another company ("…, while
Tencent's capex reached …") or a contrast with a speaker of its own ("…, while analysts forecast
$75bn", "…, while Baidu guided to RMB 20bn"), nor from a company's outlook ("Intel expects
$13bn for the year, while its foundry unit lost $2bn") to a clause with its own subject and
verb, nor to another company's gapped item ("Amazon said it would spend $200bn, Alphabet
$185bn"); a closing frame past such a contrast does not reach back
over the clause a leading frame speaks for ("Meta said A, while B, analysts at Jefferies said": A
is Meta's); a closing frame mid-sentence speaks for the figure its sentence goes on to ("…, the
newspaper said, or roughly Rmb85bn"; "ByteDance, Reuters reported, will spend …"); names listed
as the ones saying pair with figures under "respectively". A sentence with no frame takes one
from the next sentence only when that sentence says nothing but who reported it ("That's according
to The Information.", "The FT
first reported the figures."). The deciding frame is recorded in ``span._.source_rule``.

In whole articles: a frame on one list line never speaks for another line, and a list line with
no frame of its own takes its header's ("Samsung said it expected the following:" /
"Revenue: 86 trillion won"); a closing source does not reach back past a compared figure
("…, compared with analysts' estimate of $208bn, according to LSEG data"); a share move after a
company's statement ("…, and its shares rose 3% to $190") is not the company's to say.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.context.common.clauses import Positions, claims, is_blank_line, money_by_sentence
from extract.context.common.lines import Lines
from extract.context.names.finder import COMPANY, GUESS, OUTLET, WATCH, Name, shared_finder
from extract.context.source.frame import TRAILING, Frame
from extract.context.source.frames import FrameReader
from extract.context.source.scope import choose, contrasted, speaks_for
from extract.context.source.words import (
    ANONYMOUS_WORDS,
    ATTRIBUTION_ONLY_WORDS,
    REPORT_NOUNS,
    REPORT_VERBS,
    SHARE_MOVES,
    SHARE_WORDS,
)
from extract.lexicon import words
from extract.spans import register_extensions
from extract.watch import DEFAULT_WATCH

register_extensions()


#: A sentence right after a figure's sentence lends it its frame when it is this short and
#: holds no figure of its own ("That's according to The Information.").
FOLLOW_UP_TOKENS = 20


class AttributionComponent:
    """Sets ``span._.source``, ``span._.anonymous`` and ``span._.source_rule`` on money spans."""

    def __init__(self, subject: str = "", aliases: Sequence[str] = ()) -> None:
        # the watch's aliases are names too: "The Taobao owner … , it said" -> Alibaba
        self.finder = shared_finder(subject, tuple(aliases))
        self.verbs = words(REPORT_VERBS)
        self.anonymous_words = words(ANONYMOUS_WORDS)

    def __call__(self, doc: Doc) -> Doc:
        sentences = list(money_by_sentence(doc))
        if not sentences:
            return doc
        names = self.finder(doc)
        reader = FrameReader(doc, names, self.verbs, self.anonymous_words)
        name_positions = Positions([n for n in names if n.kind in (COMPANY, WATCH, GUESS)], lambda n: n.start)
        frames = reader.frames(_windows(doc, [sent for sent, _ in sentences]))
        frame_positions = Positions(frames, lambda f: f.start)
        money_starts = {sent.start for sent, _ in sentences}
        lines = Lines(doc)
        for sent, spans in sentences:
            chosen = self._assign(doc, sent, spans, frame_positions, money_starts, name_positions, lines)
            _respectively(sent, spans, chosen)
        return doc

    def _assign(
        self,
        doc: Doc,
        sent: Span,
        spans: list[Span],
        frame_positions: Positions[Frame],
        money_starts: set[int],
        name_positions: Positions[Name],
        lines: Lines,
    ) -> list[Frame | None]:
        """The source of each figure of one sentence; returns the frame chosen for each."""
        chosen: list[Frame | None] = []
        in_sent = frame_positions.within(sent.start, sent.end)
        prefix = ""
        if not any(speaks_for(f, span) for f in in_sent for span in spans):
            in_sent = _follow_up(doc, sent, frame_positions, money_starts)
            prefix = "next_sentence:"
        for span in spans:
            usable = [f for f in in_sent if not contrasted(doc, f, span, name_positions, self.verbs)
                      and _same_list_item(lines, f, span) and not _share_move(doc, f, span)
                      and not _denied_report(doc, f, span)]
            others = [o.start for o in spans if o is not span and (o._.claim is None or o._.claim != span._.claim)]
            frame = choose(span, usable, bool(prefix), others)
            if frame is None:
                frame = _header_frame(lines, frame_positions, span)
                if frame is not None:
                    span._.source, span._.anonymous = frame.source, frame.anonymous
                    span._.source_rule = "list_header:" + frame.rule
                    chosen.append(frame)
                    continue
            if frame is None:
                span._.source, span._.anonymous, span._.source_rule = None, False, "none"
                chosen.append(None)
                continue
            if frame.anonymous and frame.source is None and not prefix:
                # "…, the people said. The Financial Times first reported the figures."
                carriers = [f for f in _follow_up(doc, sent, frame_positions, money_starts) if f.kind == OUTLET]
                if carriers:
                    frame = replace(frame, source=carriers[0].source, rule=frame.rule + "+next_sentence_outlet")
            source = frame.source
            if frame.cited and frame.cited != source:
                source = f"{source}; {frame.cited}" if source else frame.cited
            span._.source = source
            span._.anonymous = frame.anonymous
            span._.source_rule = prefix + frame.rule
            chosen.append(frame)
        return chosen


def _share_move(doc: Doc, frame: Frame, span: Span) -> bool:
    """Is ``span`` a share price the market set after a company's own statement ("Nvidia said
    revenue rose to $57bn, and its shares rose 3% to $190")? The company did not say it."""
    if frame.kind not in (COMPANY, WATCH, GUESS) or frame.end > span.start:
        return False
    words = [t.lower_ for t in doc[frame.end:span.start]]
    for k, word in enumerate(words):
        if word in SHARE_WORDS and any(w in SHARE_MOVES for w in words[k + 1:k + 4]):
            return True
    return False


def _denied_report(doc: Doc, frame: Frame, span: Span) -> bool:
    """Is ``span`` inside unnamed "reports that …" a company comments on ("Reports that
    ByteDance would spend Rmb150bn were "not accurate", the company said")? The company is not
    the figure's source (gold/README.md); a named report keeps its outlet (another frame)."""
    if frame.kind not in (COMPANY, WATCH, GUESS) or frame.start < span.end:
        return False
    sent = span.sent
    words = doc[sent.start:span.start]
    for k, token in enumerate(words):
        if token.lower_ in REPORT_NOUNS and k + 1 < len(words) and words[k + 1].lower_ == "that":
            return k == 0 or words[k - 1].lower_ in ("the", "media", "press", "news", "recent", "earlier")
    return False


def _same_list_item(lines: Lines, frame: Frame, span: Span) -> bool:
    """May ``frame`` speak for ``span`` as far as list lines go? Not across lines when either
    is a list line ("Alphabet: $75bn, the CFO said" does not speak for "Microsoft: $80bn" on
    the line before), except the list's header for its items (see ``_header_frame``)."""
    span_line = lines.bounds(span.start)
    frame_line = lines.bounds(frame.start)
    if span_line == frame_line:
        return True
    if not (lines.on_list_line(span.start) or lines.label_end(*frame_line) is not None):
        return True
    return lines.header(span.start) == frame_line


def _header_frame(lines: Lines, frames: Positions[Frame], span: Span) -> Frame | None:
    """The frame of a list's header for a figure on a list line with none of its own
    ("Samsung said it expected the following figures:" / "Revenue: 86 trillion won"): the
    header's last named frame that goes on to say something."""
    header = lines.header(span.start)
    if header is None:
        return None
    said = [f for f in frames.within(*header) if f.source is not None and f.scope != TRAILING]
    return said[-1] if said else None


def _respectively(sent: Span, spans: list[Span], chosen: list[Frame | None]) -> None:
    """Names listed as the ones saying, paired in order with as many figures by
    "respectively": "Microsoft and Alphabet reported cloud revenue of $29.9bn and $13.6bn,
    respectively" -> Microsoft, Alphabet."""
    frames = {id(f): f for f in chosen if f is not None and f.listed and not f.cited}
    if not frames or not any(t.lower_ == "respectively" for t in sent):
        return
    for frame in frames.values():
        mine = [span for span, f in zip(spans, chosen, strict=True) if f is frame]
        groups = claims(mine)
        if len(groups) != len(frame.listed):
            continue
        for name, group in zip(frame.listed, groups, strict=True):
            for span in group:
                span._.source = name
                span._.source_rule += "+respectively"


def _windows(doc: Doc, sentences: Sequence[Span]) -> list[tuple[int, int]]:
    """Token ranges whose frames can matter: each sentence with figures, the sentence before it
    (people named there are "he"/"she" later) and the one after it (a follow-up attribution),
    merged where they touch — a long page with three figures is not read whole."""
    merged: list[tuple[int, int]] = []
    for sent in sentences:
        start = doc[sent.start - 1].sent.start if sent.start > 0 else 0
        end = doc[sent.end].sent.end if sent.end < len(doc) else len(doc)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _follow_up(doc: Doc, sent: Span, frames: Positions[Frame], money_starts: set[int]) -> list[Frame]:
    """Frames of a short, figure-free sentence right after ``sent``."""
    if sent.end >= len(doc):
        return []
    following = doc[sent.end].sent
    if len(following) > FOLLOW_UP_TOKENS or following.start in money_starts:
        return []
    if any(is_blank_line(token.text) for token in doc[sent.end - 1:following.start + 2]):
        return []  # a new paragraph is a new statement
    # "That's according to X", "X first reported the plan" speak of what came before; "X said
    # the budget could rise", "Sales rose, X said." are statements of their own
    found = frames.within(following.start, following.end)
    return found if found and _attribution_only(following, found) else []


def _attribution_only(sent: Span, frames: Sequence[Frame]) -> bool:
    """Does ``sent`` say nothing but who reported what came before? Every word outside its
    frames is one of ``ATTRIBUTION_ONLY_WORDS`` (names of the ones reporting are inside)."""
    covered = {i for f in frames for i in range(f.start, f.end)}
    for token in sent:
        if token.i in covered or token.is_punct or token.is_space:
            continue
        if token.lower_ not in ATTRIBUTION_ONLY_WORDS and not token.text[:1].isupper():
            return False
    return True

@Language.factory(
    "capexwatch_attribution",
    default_config={"subject": DEFAULT_WATCH.subject, "aliases": list(DEFAULT_WATCH.aliases)},
    assigns=["span._.source", "span._.anonymous", "span._.source_rule"],
)
def make_attribution_component(nlp: Language, name: str, subject: str, aliases: list[str]) -> AttributionComponent:
    """Factory for the attribution rules; the watch names a company that may be the source
    ("the TikTok owner said"). Outlet and verb lists are data, not settings."""
    return AttributionComponent(subject, aliases)
