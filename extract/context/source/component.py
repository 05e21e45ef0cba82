"""Who the text attributes a figure to (``span._.source``, ``span._.anonymous``).

Follows gold/CONVENTIONS.md: the source as named, without a leading "the"; a chain keeps the
reporting outlet first ("Bloomberg; South China Morning Post"); anonymous people mark the figure
``anonymous`` and leave the outlet that carries them ("told Reuters") as the source; no
attribution -> null.

How: attribution frames ("X said", "according to X", "citing X", …) are read once per text by
``extract.context.source.frames`` (word patterns: a blank pipeline has no parser), which also resolves
references ("the newspaper said", "the company said", "it said", "he said") and gives each frame
a scope: what follows it ("Reuters reported that…") or what precedes it ("…, Reuters
reported."), or only its own clause ("a memo seen by Reuters showed…"). This module decides which
frame speaks for which figure: a frame in the figure's own clause (a document seen by someone,
unnamed analysts' estimate), else the closing frame after it (the outer reporter), else the
nearest frame that speaks for it — never across a contrast about another company ("…, while
Tencent's capex reached …") or a contrast with a speaker of its own ("…, while analysts forecast
$75bn", "…, while Baidu guided to RMB 20bn"), nor from a company's outlook ("Intel expects
$13bn for the year, while its foundry unit lost $2bn") to a clause with its own subject and
verb, nor to another company's gapped item ("Amazon said it
would spend $200bn, Alphabet $185bn"); a closing frame past such a contrast does not reach back
over the clause a leading frame speaks for ("Meta said A, while B, analysts at Jefferies said": A
is Meta's); a closing frame mid-sentence speaks for the figure its sentence goes on to ("…, the
newspaper said, or roughly Rmb85bn"; "ByteDance, Reuters reported, will spend …"); names listed
as the ones saying pair with figures under "respectively". A sentence with no frame takes one from the next sentence only when that
sentence says nothing but who reported it ("That's according to The Information.", "The FT
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
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.context.common.clauses import (
    Lines,
    Positions,
    breaks_between,
    claims,
    gap,
    is_blank_line,
    money_by_sentence,
)
from extract.context.names.finder import COMPANY, GUESS, OUTLET, WATCH, Name, shared_finder
from extract.context.source.frames import (
    CLAUSE,
    LEADING,
    OUTLOOK_VERBS,
    PARTICIPLE_RULE,
    PASSIVE_AUX,
    TRAILING,
    VERB_ADVERBS,
    Frame,
    FrameReader,
)
from extract.lexicon import words
from extract.spans import register_extensions
from extract.watch import DEFAULT_WATCH

register_extensions()

#: The folder of the source rules' word lists.
HERE = Path(__file__).resolve().parent
#: Verbs of saying and reporting, shared with the subject rules ("Alibaba said" is a speaker).
REPORT_VERBS = HERE / "report_verbs.txt"

#: A sentence right after a figure's sentence lends it its frame when it is this short and
#: holds no figure of its own ("That's according to The Information.").
FOLLOW_UP_TOKENS = 20


class AttributionComponent:
    """Sets ``span._.source``, ``span._.anonymous`` and ``span._.source_rule`` on money spans."""

    def __init__(self, subject: str = "", aliases: Sequence[str] = ()) -> None:
        # the watch's aliases are names too: "The Taobao owner … , it said" -> Alibaba
        self.finder = shared_finder(subject, tuple(aliases))
        self.verbs = words(HERE / "report_verbs.txt")
        self.anonymous_words = words(HERE / "anonymous.txt")

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
        if not any(_speaks_for(f, span) for f in in_sent for span in spans):
            in_sent = _follow_up(doc, sent, frame_positions, money_starts)
            prefix = "next_sentence:"
        for span in spans:
            usable = [f for f in in_sent if not _contrasted(doc, f, span, name_positions, self.verbs)
                      and _same_list_item(lines, f, span) and not _share_move(doc, f, span)
                      and not _denied_report(doc, f, span)]
            others = [o.start for o in spans if o is not span and (o._.claim is None or o._.claim != span._.claim)]
            frame = _choose(span, usable, bool(prefix), others)
            if frame is None:
                frame = _header_frame(lines, frame_positions, span)
                if frame is not None:
                    span._.source, span._.anonymous, span._.source_rule = frame.source, frame.anonymous, "list_header:" + frame.rule
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


#: Words of a share move after a company's statement ("…, and its shares rose 3% to $190").
SHARE_WORDS = frozenset({"shares", "stock", "stocks"})
SHARE_MOVES = frozenset(
    """rose fell gained added jumped slipped dropped climbed surged slumped tumbled rallied sank
    soared edged declined advanced plunged closed traded""".split()
)


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


#: Nouns of unnamed reports a company may deny ("Reports that ByteDance would spend … were not
#: accurate, the company said").
REPORT_NOUNS = frozenset({"reports", "report", "rumours", "rumors", "speculation"})


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
        mine = [span for span, f in zip(spans, chosen) if f is frame]
        groups = claims(mine)
        if len(groups) != len(frame.listed):
            continue
        for name, group in zip(frame.listed, groups):
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


def _speaks_for(frame: Frame, span: Span) -> bool:
    """Is ``span`` within the frame's scope (see ``Frame``)?"""
    if frame.scope == LEADING:
        return frame.start < span.start
    if frame.scope == TRAILING:
        return frame.start >= span.end or _continued(frame, span)
    if frame.scope == CLAUSE:
        _distance, left, right = gap(span.start, span.end, frame.start, frame.end)
        return breaks_between(span.doc, left, right) == 0
    return True


#: Words that carry a sentence on past a closing frame to a figure of the same statement: "About
#: half will go to chips, the newspaper said, or roughly Rmb85bn", "…, CFO Jane Roe said, up from $8bn".
CONTINUATIONS = frozenset(
    """or roughly about around some nearly almost approximately equivalent equal worth up down from
    versus compared""".split()
)
#: Words that resume a clause a frame interrupted ("ByteDance, Reuters reported, will spend $12bn").
PREDICATE_OPENERS = frozenset(
    """will would could may might can should is was are were has had have plans planned intends
    aims expects spent spends invested""".split()
)
#: Tokens a trailing frame may still hold before the comma that ends it ("Reuters reported on Monday,").
CONTINUATION_REACH = 6


def _continued(frame: Frame, span: Span) -> bool:
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


#: Words that open a clause set against the one before ("…, while Tencent's capex reached …").
CONTRASTS = frozenset({"while", "whereas", "but", "although", "though", ";"})


def _contrasted(doc: Doc, frame: Frame, span: Span, companies: Positions[Name], verbs: frozenset[str] = frozenset()) -> bool:
    """Is ``span`` in a clause set against the frame's, that the frame does not speak for?

    - a contrasting clause (or one after ", and") about another company, after the clause of a
      company or its executive ("Tencent President Martin Lau said") speaking for itself: "Alibaba said it would spend 380bn yuan, while Tencent's capex reached 76.8bn yuan"
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
    if markers and _own_speaker(doc, markers[-1] + 1, span.start, verbs):
        return True
    speaker = _speaking_company(frame, companies)
    if speaker is None:
        return False
    markers += [t.i for t in doc[frame.end:span.start - 1] if t.text == "," and doc[t.i + 1].lower_ == "and"]
    if markers and doc[frame.end - 1].lower_ in EXPECT_VERBS and _own_clause(doc, max(markers) + 1, span.start):
        # "Intel expects revenue of $13bn for the year, while its foundry unit lost $2bn": an
        # outlook speaks for its own object, not for another clause with its own subject and verb
        return True
    if markers:
        return any(n.name != speaker for n in companies.within(max(markers) + 1, span.start))
    return _gapped_other(doc, frame, span, companies, speaker)


#: Verbs of a company's own outlook, which speak only for the clause they govern.
EXPECT_VERBS = frozenset({"expects", "expected", "forecasts", "forecast", "projects", "projected", "sees", "guided",
                          "anticipates", "predicts", "targets"})
#: Finite verbs that give a clause a statement of its own ("…, while its unit lost $2bn").
CLAUSE_VERBS = frozenset(
    """lost fell rose reached was were is are hit totalled totaled came jumped climbed dropped declined
    grew posted reported spent raised cut booked earned made generated slumped surged gained""".split()
)


def _own_clause(doc: Doc, start: int, end: int) -> bool:
    """Does the clause at ``start..end`` have a subject and a finite verb of its own?"""
    tokens = [t for t in doc[start:end] if not t.is_space]
    if tokens and tokens[0].lower_ in ("while", "whereas", "and", "but", "although", "though"):
        tokens = tokens[1:]
    for k, token in enumerate(tokens):
        if token.lower_ in CLAUSE_VERBS and token.text.islower():
            return k > 0 and tokens[k - 1].lower_ not in PASSIVE_AUX and tokens[0].lower_ not in ("it", "which", "that")
    return False


def _speaking_company(frame: Frame, companies: Positions[Name]) -> str | None:
    """The company a frame speaks as: the company itself, or the one in an executive's title
    ("Tencent President Martin Lau said" -> Tencent); None for outlets, analysts, unnamed."""
    if frame.kind in (COMPANY, WATCH, GUESS):
        return frame.source
    if frame.kind == "person":
        inside = [n for n in companies.within(frame.start, frame.end) if n.end <= frame.end]
        return inside[0].name if inside else None
    return None


#: Words that may stand between a gapped item's company and its figure ("Alphabet at $185bn").
GAP_WORDS = frozenset({"at", "with", "of", "to", "about", "around", "roughly", "some", "nearly", "almost", "over", "under"})


def _gapped_other(doc: Doc, frame: Frame, span: Span, companies: Positions[Name], speaker: str) -> bool:
    """Is ``span`` a gapped item naming a company other than ``speaker`` ("…, Alphabet at $185bn")?"""
    for name in reversed(companies.within(frame.end, span.start)):
        if name.end > span.start or name.name == speaker:
            continue
        if doc[name.start - 1].text != ",":
            return False
        return all(t.lower_ in GAP_WORDS or t.is_space for t in doc[name.end:span.start])
    return False


def _own_speaker(doc: Doc, start: int, end: int, verbs: frozenset[str]) -> bool:
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


def _choose(span: Span, frames: list[Frame], follow_up: bool, others: Sequence[int] = ()) -> Frame | None:
    """The closing frame after the figure (the outer reporter: "…, Reuters reported",
    "…, according to LatePost"; a closing participle only when no reporting frame before the
    figure holds it: "X reported that …, saying …" is X's), else the nearest that speaks for it, else the nearest that is
    not a new statement after it ("…, Evercore analysts wrote, from $72bn last year"). Frames of
    a follow-up sentence all speak for the sentence before."""
    # a clause-only frame speaks for the figure next to it, not past another figure ("revenue of
    # 193bn yuan beat the 188bn yuan consensus of Visible Alpha": only the 188bn)
    clause = [f for f in frames if f.scope == CLAUSE and _speaks_for(f, span)
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
        usable = [f for f in frames if f.scope != CLAUSE and _speaks_for(f, span)]  # clause frames: above
        closing = [f for f in usable if f.scope != LEADING and f.start >= span.end]
        said = [f for f in closing if not f.rule.startswith(PARTICIPLE_RULE)]
        reporting = [f for f in usable if f.scope == LEADING and f.end <= span.start]
        if reporting:
            # "Amazon expects sales of $206bn, compared with analysts' estimate of $208.1bn,
            # according to LSEG data": the closing source is the compared figure's, not Amazon's
            said = [f for f in said if not _past_comparison(span, f, others)]
            # "Meta said it would spend $65bn, while Alphabet's capex was $52bn, analysts at
            # Jefferies said": the closing frame of the contrasting clause is not Meta's figure's
            said = [f for f in said if not _past_contrast(span, f)]
            closing = [f for f in closing if not _past_contrast(span, f)]
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


#: Words that set a figure against another one: an estimate, a year-earlier value.
COMPARISONS = frozenset({"compared", "comparing", "versus", "vs", "vs.", "against", "beating", "missing", "topping"})


def _past_comparison(span: Span, frame: Frame, others: Sequence[int]) -> bool:
    """Does a figure set against ``span`` ("…, compared with analysts' estimate of $208.1bn")
    stand between ``span`` and the closing ``frame``? Then the frame closes that figure's clause."""
    doc = span.doc
    between = [o for o in others if span.end <= o < frame.start]
    if not between:
        return False
    return any(t.lower_ in COMPARISONS for t in doc[span.end:min(between)])


def _past_contrast(span: Span, frame: Frame) -> bool:
    """Does a contrasting clause ("…, while …", "…; …") open between ``span`` and the closing
    ``frame``? Then the frame closes that clause, not the one a leading frame already speaks for."""
    return any(t.lower_ in CONTRASTS for t in span.doc[span.end:frame.start])


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


#: Words a sentence that only attributes what came before may hold besides its frames ("That's
#: according to X", "X first reported the figures on Tuesday", "The figure was first reported
#: by X, citing people familiar with the matter").
ATTRIBUTION_ONLY_WORDS = frozenset(
    """that that's 's is was were has had have been be the a an this these those it them its
    according to first earlier also previously initially originally exclusively separately
    reported reports report disclosed revealed confirmed published by on in at of with who
    which figures figure plan plans numbers number news details budget amount story
    people person persons sources source familiar matter knowledge spoke cited citing told
    two three several week month year last earlier this monday tuesday wednesday thursday
    friday saturday sunday memo memos document documents filing filings statement presentation
    email emails letter data internal regulatory seen reviewed obtained""".split()
)


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
