"""The year a money figure is for (``span._.year``), from the words around it.

Follows gold/CONVENTIONS.md: one calendar or fiscal year, explicit ("in 2026", "FY25", "'26") or
relative to the publication date ("this year", "a year earlier"); a quarter gives its year; null
when the text names no single year (multi-year windows, "by 2030", a price with no period).

How: every period mention in the text is found once with the pattern table ``patterns.toml``
(read by ``mentions.py``: character regexes, because the tokenizer splits "'25/'26" and "FY 2024"
unevenly), then each figure takes
the mention nearest to it in its own sentence, counting clause breaks as extra distance. Lists of
years pair with lists of figures in order ("$60bn and $75bn in 2025 and 2026 respectively"). A
sentence with no period may inherit the year of a figure of the same metric in the sentence just
before (a continuation: "Of that, Rmb85bn will go to chips."). The deciding rule is recorded in
``span._.year_rule``.

Whole articles date a period once and refer back to it: "in the quarter", "over the same period",
"for the period", "over the three months", "for the full year", "the current quarter" are
back-references (the ``referent`` patterns, resolved by ``resolve.refers_back`` to the last quarter, half,
"three months to", fiscal year or "year to March" the text named, header included); with none
named they give no year, as in a lone sentence. List lines under a dated heading carry its year
(``lists.py``). Some figures have no period even beside a year: share prices
(``guards.is_share_price``), valuations and order books (``is_balance``), and a year that dates
when something was said (``dates_the_saying``). A forecast revision "to B from A for 2025" gives both
figures the period after them (``revision_words`` in ``cues.toml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.context.common.clauses import (
    Positions,
    breaks_between,
    claims,
    gap,
    line_bounds,
    money_by_sentence,
    ties_to_previous,
)
from extract.context.names.article import ARTICLE_COMPANIES, ARTICLE_KINDS
from extract.context.names.finder import shared_finder
from extract.context.year.fiscal import year_end_month
from extract.context.year.guards import (
    COMPARISON_MARKERS,
    POINT_IN_TIME,
    RELATIVE_TEXT,
    REVISION_WORDS,
    VALUATIONS,
    beyond_compared_figure,
    comparison_base,
    dates_an_event,
    dates_an_opening,
    dates_the_saying,
    is_balance,
    is_comparison_base,
    is_share_price,
    other_clause,
    owned_by_figure_before,
    owns_the_figure,
    relative_aside,
    shared_by_revision,
)
from extract.context.year.lists import (
    TIE_GAP,
    colon_heading,
    heads_list_line,
    list_heading,
    on_list_line,
    sentences_between,
)
from extract.context.year.mentions import REF_FULL_YEAR, REF_PERIOD, Mention, find_mentions, year_lists
from extract.context.year.resolve import REFERENT_REACH, Resolution, by_year, refers_back, reported_period, resolve
from extract.spans import MONEY_SPANS, register_extensions
from extract.watch import DEFAULT_WATCH

register_extensions()

#: Extra token distance for each clause break between a figure and a period mention.
BREAK_COST = 6
#: Extra distance for a year inside a full date ("Jan 23, 2026"): often when something was
#: said, not what the figure is for.
DATE_COST = 8
#: Extra distance for an "and" in between: "$7bn in 2026 and $9bn in 2027" — each figure
#: takes the year on its own side of the "and".
AND_COST = 2
#: Extra distance for a year before a comparison word ("than", "from", "compared with"): it
#: belongs to the other side of the comparison.
COMPARISON_COST = 12
#: Extra distance for a year right after another, earlier figure ("$60bn in 2025 to $75bn in
#: 2026"): it is that figure's; a year on the figure's own side wins.
OWNED_COST = 8
#: Mentions farther than this (tokens, with costs) are not about the figure.
MAX_DISTANCE = 60
#: Most tokens between two figures paired with a list of years ("$60bn and $75bn").
PAIR_JOIN = 3


def _windows(doc: Doc, sentences: Sequence[Span]) -> list[tuple[int, int]]:
    """Token ranges worth reading: each sentence with figures and the tokens before it (where
    a relative year's anchor, or the period a back-reference points to, may be: a figure-free
    header or opening sentence, "third-quarter 2025 results"), merged where they touch."""
    merged: list[tuple[int, int]] = []
    for sent in sentences:
        start = max(0, sent.start - REFERENT_REACH)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], sent.end))
        else:
            merged.append((start, sent.end))
    return merged



class PeriodComponent:
    """Sets ``span._.year`` and ``span._.year_rule`` on every money span."""

    def __init__(self, subject: str = "", aliases: Sequence[str] = ()) -> None:
        # names, for the company whose fiscal calendar a fiscal period is read on
        self.finder = shared_finder(subject, tuple(aliases))

    def _fiscal_end(self, doc: Doc, sent: Span, mention: Mention) -> int | None:
        """The fiscal year-end month of the company a fiscal period belongs to: the nearest
        company named before it in its sentence, else the company the article is about."""
        names = self.finder(doc)
        companies = [n for n in names if n.kind in ARTICLE_KINDS and sent.start <= n.start < mention.start]
        if companies:
            return year_end_month(companies[-1].name)
        article = ARTICLE_COMPANIES(doc, names)
        return year_end_month(article.name) if article is not None else None

    def __call__(self, doc: Doc) -> Doc:
        if MONEY_SPANS not in doc.spans or not len(doc.spans[MONEY_SPANS]):
            return doc
        sentences = list(money_by_sentence(doc))
        mentions = find_mentions(doc, _windows(doc, [sent for sent, _ in sentences]))
        lists = year_lists(doc, mentions)
        by_start = Positions(mentions, lambda m: m.start)
        list_positions = Positions(lists, lambda run: run[0].start)
        published: date | None = doc._.published
        previous: list[Span] = []
        previous_sent: Span | None = None
        for sent, spans in sentences:
            in_sent = [m for m in by_start.within(sent.start, sent.end) if m.end <= sent.end]
            in_lists = list_positions.within(sent.start, sent.end)
            # only the figure sentence before can be continued (a tie is needed: ``_inherit``), even
            # across a paragraph break ("…160bn yuan next year.\n\nAbout 85bn yuan of that …");
            # a figure-free sentence or two may stand between ("… 160bn yuan in 2026. The company
            # declined to comment. About 85bn yuan of that …"): the tie still points back
            adjacent = previous_sent is not None and sentences_between(doc, previous_sent.end, sent.start) <= TIE_GAP
            self._assign(doc, sent, spans, in_sent, in_lists, by_start, published, previous if adjacent else [])
            list_heading(doc, sent, spans, by_start, published, previous_sent, previous)
            previous, previous_sent = spans, sent
        return doc

    def _assign(
        self,
        doc: Doc,
        sent: Span,
        spans: list[Span],
        in_sent: list[Mention],
        lists: list[list[Mention]],
        mentions: Positions[Mention],
        published: date | None,
        previous: list[Span],
    ) -> None:
        groups = claims(spans)
        paired = self._pair(groups, lists, sent, doc)
        heading: Resolution | None = None  # the year a list line in this sentence took from its heading
        for index, group in enumerate(groups):
            if paired is not None:
                decided = Resolution(paired[index].value, "paired_list")
            else:
                decided = self._nearest(doc, sent, group, in_sent, lists, mentions, published, spans)
                if decided is None:
                    decided = colon_heading(doc, group, in_sent, published)
                if decided is None and heading is not None and on_list_line(doc, sent.start, group[0].start):
                    decided = heading  # a later line of the same list, too far from its heading
                if decided is None:
                    decided = self._inherit(group, previous)
                if decided.year is None and decided.rule == "none" and not in_sent:
                    decided = reported_period(doc, sent, group, mentions, published) or decided
            if decided.rule == "list_heading":
                heading = decided
            for span in group:
                span._.year = decided.year
                span._.year_rule = decided.rule

    @staticmethod
    def _pair(
        groups: list[list[Span]], lists: list[list[Mention]], sent: Span, doc: Doc
    ) -> list[Mention] | None:
        """Years of a list given to figures in order ("$60bn and $75bn in 2025 and 2026
        respectively", "$315bn/$367bn in '25/'26"): the counts agree, the figures sit together on
        one side of the list, and either the sentence says "respectively" or the figures are
        joined like the years (nothing but a short join between them)."""
        if len(groups) < 2:
            return None
        starts = [min(span.start for span in group) for group in groups]
        ends = [max(span.end for span in group) for group in groups]
        joined = all(starts[i + 1] - ends[i] <= PAIR_JOIN for i in range(len(groups) - 1))
        respectively = any(token.lower_ == "respectively" for token in sent)
        for run in lists:
            if not (sent.start <= run[0].start and run[-1].end <= sent.end and len(run) == len(groups)):
                continue
            one_side = ends[-1] <= run[0].start or run[-1].end <= starts[0]
            if one_side and (joined or respectively):
                return run
        return None

    def _nearest(
        self,
        doc: Doc,
        sent: Span,
        group: list[Span],
        in_sent: list[Mention],
        lists: list[list[Mention]],
        mentions: Positions[Mention],
        published: date | None,
        sent_spans: list[Span],
    ) -> Resolution | None:
        start = min(span.start for span in group)
        end = max(span.end for span in group)
        other_starts = [span.start for span in sent_spans if span not in group]
        other_ends = [span.end for span in sent_spans if span not in group and span.end <= start]
        point_in_time = group[0]._.metric in POINT_IN_TIME
        valuation = group[0]._.metric in VALUATIONS or is_balance(doc, sent, start)
        point_in_time = point_in_time or valuation
        if is_share_price(doc, sent, start):
            return Resolution(None, "share_price")
        has_relative: bool | None = None  # is there a ", which/whose/who" aside? read once, if asked
        revision: bool | None = None  # does the sentence revise a forecast? read once, if asked
        line_start, line_end = line_bounds(doc, sent, start, end)
        best: tuple[int, Mention] | None = None
        for mention in in_sent:
            if mention.start < line_start or mention.end > line_end:
                continue
            if comparison_base(doc, mention, start):
                continue
            if mention.start >= end and beyond_compared_figure(doc, end, mention.start, other_starts):
                if revision is None:  # read once, if asked
                    revision = any(token.lower_ in REVISION_WORDS for token in sent)
                partners = sum(1 for other in other_starts if end <= other < mention.start)
                if not (revision and partners == 1 and shared_by_revision(mention)):
                    continue  # only the old figure of "to B from A" stands between B and its period
            if mention.kind == "referent" and mention.value in (REF_PERIOD, REF_FULL_YEAR) and (
                refers_back(mention, mentions, published) is None
                or any(other.end <= mention.start and other.kind in ("year", "published") for other in in_sent)
            ):
                # "over the same period" with no dated period before: the tie decides; "Last
                # year, its full-year capex came to …": the year stated in the sentence decides
                continue
            distance, left, right = gap(start, end, mention.start, mention.end)
            breaks = breaks_between(doc, left, right)
            if (breaks or valuation) and point_in_time and mention.kind in ("published", "anchored") and not (
                mention.kind == "anchored" and mention.start >= end and not valuation
            ):
                # "shares have risen 80% this year, giving it a market value of $330bn"; but a
                # per-share figure's "…, or $1.43 per share, a year earlier" is its period
                continue
            if dates_the_saying(doc, mention) or dates_an_opening(doc, mention, end) or dates_an_event(doc, mention):
                continue  # "Reuters reported in 2024 that …", "set to open in 2026", "founded in July 2023"
            if other_clause(doc, sent, mention, start, end) and not owns_the_figure(doc, mention, start):
                continue  # "Revenue rose to $12bn in 2025, and the company plans to spend $3bn"
            cost = distance + BREAK_COST * breaks
            cost += AND_COST * sum(1 for token in doc[left:right] if token.lower_ == "and")
            if mention.end <= start and any(token.lower_ in COMPARISON_MARKERS for token in doc[left:right]):
                cost += COMPARISON_COST  # "…in 2026 than the 85bn yuan it budgeted for 2025"
            if mention.end <= start and owned_by_figure_before(doc, mention, other_ends):
                cost += OWNED_COST  # "from $60bn in 2025 to $75bn in 2026": 2025 is the $60bn's
            if mention.kind == "date":
                cost += DATE_COST
            if cost > MAX_DISTANCE or (best is not None and cost >= best[0]):
                continue
            if has_relative is None:  # read last, and once: most sentences have no aside
                has_relative = RELATIVE_TEXT.search(sent.text) is not None
            aside = relative_aside(doc, mention.start, sent.start) if has_relative else None
            if aside is not None and not (aside[0] <= start < aside[1]):
                continue  # "Meta, whose capex this year will reach $72bn, signed a $14bn deal"
            best = (cost, mention)
        if best is None:
            return None
        mention = best[1]
        if any(mention in run for run in lists):
            return Resolution(None, "year_list")
        if mention.kind == "target":
            return by_year(mention, group)
        fiscal_end = self._fiscal_end(doc, sent, mention) if mention.fiscal else None
        decided = resolve(mention, in_sent, mentions, published, fiscal_end)
        if decided.year is not None and heads_list_line(doc, mention.end, start):
            return Resolution(decided.year, "list_heading")  # the next list lines carry it on
        return decided

    @staticmethod
    def _inherit(group: list[Span], previous: list[Span]) -> Resolution:
        """A continuation sentence tied to the one before ("Of that, …", "over the same period")
        takes the year of its figures of the same metric, when they agree on one year; prices
        never inherit (a price has no period), nor figures whose metric no cue decided (nothing
        shows they share a topic)."""
        metric = group[0]._.metric
        if metric == "price" or (group[0]._.metric_rule or "").endswith(":default"):
            return Resolution(None, "none")  # no period for a price, no topic without a cue
        same_metric = [span for span in previous if span._.metric == metric]
        years = {span._.year for span in same_metric}
        if len(years) > 1:
            # "raise capex to 160bn yuan in 2026 from 150bn last year. About 85bn of that …":
            # "that" is the figure compared, not the base it is compared with
            years = {span._.year for span in same_metric if not is_comparison_base(span)}
        # "… 7bn yuan in chips next year. The maker spent 5bn yuan on its XRing chip." is not
        # tied to next year; "Of that, …", "over the same period" are (gold/README.md)
        if len(years) == 1 and None not in years and ties_to_previous(group[0].sent):
            return Resolution(years.pop(), "previous_sentence")
        return Resolution(None, "none")



@Language.factory(
    "capexwatch_period",
    default_config={"subject": DEFAULT_WATCH.subject, "aliases": list(DEFAULT_WATCH.aliases)},
    assigns=["span._.year", "span._.year_rule"],
)
def make_period_component(nlp: Language, name: str, subject: str, aliases: list[str]) -> PeriodComponent:
    """Factory for the period rules; the watch names a company whose fiscal calendar may matter
    ("the TikTok owner's current fiscal year"). The publication date comes on the doc."""
    return PeriodComponent(subject, aliases)
