"""What a money figure measures (``span._.metric``): capex, revenue, valuation, price or other.

The watch cares about capital spending, but every amount is kept (gold/CONVENTIONS.md), so each
one is labelled. In order:

1. cues that bind to the figure itself decide outright ("$12,000 each", "$150 a share",
   "valued at $300bn", "is worth $5tn", "chips cost $24,000", "sells … for 60m yuan");
2. a figure that is the base of a comparison ("up from $21.2bn", "down from $400bn") measures
   what the figure before it in the sentence measures;
3. otherwise the nearest cue word (lower-case: "Loop Capital" is a name, not capital spending)
   in the figure's sentence decides, clause breaks counting as extra distance;
4. no cue at all -> "other".

The cue tables (``cues.toml``) are the rules; the deciding cue is recorded in ``span._.metric_rule``
("capex:spend").
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.context.common.clauses import breaks_between, gap, is_blank_line, line_bounds, money_by_sentence
from extract.context.common.lines import Lines
from extract.context.names.finder import shared_finder
from extract.lexicon import cues
from extract.spans import MONEY_SPANS, register_extensions
from extract.text.sentences import opens_sentence
from extract.watch import DEFAULT_WATCH

register_extensions()

BREAK_COST = 6
MAX_DISTANCE = 30
#: How far before a figure a binding cue may stand ("sells its CloudMatrix 384 system for about").
BIND_REACH = 8


#: The cue tables, one per metric, and the binding words (``cues.toml``).
WORDS = cues(Path(__file__).resolve().with_name("cues.toml"))
#: The order the metrics' cue lists are tried in: a word in two lists counts for the first.
METRIC_ORDER = ("price", "valuation", "revenue", "capex", "other")
CUES: dict[str, frozenset[str]] = {metric: WORDS.words(metric) for metric in METRIC_ORDER}

UNIT_NOUNS = WORDS.words("unit_nouns")
PERIOD_NOUNS = WORDS.words("period_nouns")
PRICE_VERBS = WORDS.words("price_verbs")
SITE_WORDS = WORDS.words("site_words")
COMPARISON = WORDS.words("comparison")
BE_FORMS = WORDS.words("be_forms")


#: Nouns of a market's size ("a $250bn AI infrastructure sector", "the data centre market").
MARKET_NOUNS = WORDS.words("market_nouns")
#: Words after "market" that make it a company's own value ("market value", "market cap").
MARKET_VALUE_WORDS = frozenset({"value", "valuation", "cap", "capitalisation", "capitalization", "share", "debut"})
#: Words that end the reach of a market noun before the figure ("the market grew, and Meta spent $5bn").
CLAUSE_STOPS = frozenset({"and", "while", "but", "whereas", "which", "who"})
#: Nouns of a contract whose "valued at" is its value, not a company's ("an engagement valued at $1bn").
CONTRACT_NOUNS = WORDS.words("contract_nouns")
#: Words before "cost" that make it a noun ("at a cost of", "the estimated cost"): no unit price.
COST_NOUN_MARKERS = WORDS.words("cost_noun_markers")
#: Estimate nouns that make a figure an estimate of what the figure before it measures.
ESTIMATE_NOUNS = WORDS.words("estimate_nouns")
#: Cues written in capitals or mixed case ("ARR", "RPO", "CapEx").
ACRONYM_CUES = WORDS.words("acronym_cues")
#: Capex cues that only say money is spent; a strong "other" noun in the clause overrides them.
GENERIC_SPENDING = WORDS.words("generic_spending")
#: Nouns that make spending something other than capacity.
STRONG_OTHER = WORDS.words("strong_other")
#: Most words between a capex word and the revenue noun it modifies ("data center revenue").
REVENUE_MODIFIER_REACH = 3
#: Kinds of name whose "in X" after invested money makes it a stake (``_stake``).
STAKE_KINDS = frozenset({"company", "guess", "firm", "watch"})
#: Marks that bound a clause for ``_strong_other``.
CLAUSE_MARKS = frozenset({",", ";", ":", "(", ")", "—", "–"})


def _market_after(doc: Doc, span: Span, sent: Span) -> str | None:
    """A market noun right after the figure, lower-case adjectives allowed ("a $250bn AI
    infrastructure sector", "a $1tn market"); not "market value"/"market cap" (a company's)."""
    for k in range(span.end, min(sent.end, span.end + 4)):
        word = doc[k].lower_
        if word in MARKET_NOUNS:
            following = doc[k + 1].lower_ if k + 1 < len(doc) else ""
            return None if following in MARKET_VALUE_WORDS else word
        if not (doc[k].is_alpha and (doc[k].text.islower() or doc[k].text.isupper())) \
                or word in ("of", "for", "in", "to"):
            return None
    return None


#: Where the component leaves the watch on the doc, for the name finder it shares with the
#: source and subject rules (one finder per watch reads each doc once).
WATCH_KEY = "capexwatch_metric_watch"


class MetricComponent:
    """Sets ``span._.metric`` and ``span._.metric_rule`` on every money span."""

    def __init__(self, subject: str = "", aliases: Sequence[str] = ()) -> None:
        self.watch = (subject, tuple(aliases))

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[WATCH_KEY] = self.watch
        lines = Lines(doc)
        before: tuple[Span, list[Span]] | None = None
        for sent, spans in money_by_sentence(doc):
            self._classify_sentence(doc, sent, spans)
            for span in spans:
                if (span._.metric_rule or "").endswith(":default"):
                    span._.metric, span._.metric_rule = _undecided(doc, sent, span, spans, lines, before)
            before = (sent, spans)
        return doc

    @staticmethod
    def _classify_sentence(doc: Doc, sent: Span, spans: list[Span]) -> None:
        """The metric of each figure of one sentence, in order (the figure before may decide)."""
        previous: Span | None = None
        for span in spans:
            if previous is not None and span._.claim is not None and span._.claim == previous._.claim:
                # "160 billion yuan ($22.4 billion)": one claim in two currencies, one metric
                span._.metric, span._.metric_rule = previous._.metric, previous._.metric_rule
                previous = span
                continue
            metric, rule = classify(doc, sent, span, previous)
            span._.metric = metric
            span._.metric_rule = rule
            previous = span


def _undecided(
    doc: Doc, sent: Span, span: Span, spans: list[Span], lines: Lines, before: tuple[Span, list[Span]] | None
) -> tuple[str, str]:
    """The metric of a figure no cue of its own decided: the metric of the figures of its list
    ("Capex guidance for 2026: Meta, $115bn-$135bn; Microsoft, roughly $140bn"; "Here is what
    each company guided for capital spending:" / "Microsoft: $80bn"), else of the figure sentence
    just before it in the same paragraph ("The company is considering raising that to 480bn
    yuan"), else "other"."""
    decided = [s for s in spans if s is not span and not (s._.metric_rule or "").endswith(":default")]
    if decided:
        nearest = min(decided, key=lambda s: abs(s.start - span.start))
        return nearest._.metric, f"{nearest._.metric}:list"
    header = lines.header(span.start)
    if header is not None:
        metric = _cue_in(doc, *header)
        if metric is not None:
            return metric, f"{metric}:list_header"
    if before is not None:
        previous_sent, previous_spans = before
        between = doc[previous_sent.end - 1:sent.start]
        if previous_sent.end <= sent.start and not any(is_blank_line(t.text) for t in between):
            metrics = {s._.metric for s in previous_spans if not (s._.metric_rule or "").endswith(":default")}
            if len(metrics) == 1 and doc[previous_sent.end:sent.start].text.strip() == "":
                metric = metrics.pop()
                return metric, f"{metric}:previous_sentence"
    return "other", "other:default"


def _cue_in(doc: Doc, start: int, end: int) -> str | None:
    """The metric of the last cue word in tokens ``start..end`` (a list's header line)."""
    for token in reversed(doc[start:end]):
        if not _is_cue_form(token):
            continue
        for metric, words in CUES.items():
            if token.lower_ in words:
                return metric
    return None


def _binding(doc: Doc, span: Span, sent: Span) -> tuple[str, str] | None:
    """Cues that bind to the figure itself (rule 1)."""
    after = [t.lower_ for t in doc[span.end:min(span.end + 3, sent.end)]]
    if after:
        if after[0] in ("each", "apiece") and not (len(after) > 1 and after[1].rstrip("s") in PERIOD_NOUNS):
            return "price", f"price:{after[0]}"  # "$12,000 each"; "10bn yuan each year" is a rate
        if after[0] in ("per", "a", "an") and len(after) > 1:
            noun = after[1].rstrip("s")
            named = doc[span.end + 1].text[:1].isupper()  # "per Reuters" is an attribution
            if noun in UNIT_NOUNS or (after[0] == "per" and noun not in PERIOD_NOUNS and not named):
                return "price", f"price:{after[0]} {after[1]}"
    market = _market_after(doc, span, sent)
    if market is not None:
        return "other", f"other:{market}"  # "a $250 billion AI infrastructure sector"
    before = [t.lower_ for t in doc[max(span.start - BIND_REACH, sent.start):span.start]]
    for index in range(len(before) - 1, -1, -1):
        word = before[index]
        if word in (",", ";", ":"):
            break  # a binding cue is in the figure's own clause
        if word in MARKET_NOUNS and not any(w in CLAUSE_STOPS for w in before[index + 1:]) \
                and (index + 1 >= len(before) or before[index + 1] not in MARKET_VALUE_WORDS):
            return "other", f"other:{word}"  # "the global data centre market is projected to reach $494bn"
        if word in ("valued", "valuing", "valuation"):
            if word == "valued" and index > 0 and any(w in CONTRACT_NOUNS for w in before[max(0, index - 3):index]):
                return "other", "other:contract"  # "a four-year engagement valued at over $1bn"
            return "valuation", f"valuation:{word}"
        if word == "worth" and index > 0 and any(w in BE_FORMS for w in before[max(0, index - 2):index]):
            return "valuation", "valuation:worth"
        if word in ("cost", "costs") and (index > 0 and before[index - 1] in COST_NOUN_MARKERS
                                           or any(w in SITE_WORDS for w in before[max(0, index - 4):index])):
            return "capex", "capex:cost"  # "at a cost of RM10bn", "the estimated cost is", "project cost"
        if word in PRICE_VERBS and not any(w in SITE_WORDS for w in before[max(0, index - 4):index]) \
                and not (index > 0 and before[index - 1] in COST_NOUN_MARKERS):
            # "H100 GPUs now cost $25,000 each"; not the noun "at a cost of", "the estimated cost"
            return "price", f"price:{word}"
        if word in CUES["revenue"] or word in CUES["capex"] or word in CUES["other"]:
            break
    return None


def _comparison_base(doc: Doc, span: Span, sent: Span, previous: Span | None) -> tuple[str, str] | None:
    """A figure after "from"/"than"/"compared with" measures what the figure before it does (rule 2)."""
    if previous is None or previous._.metric is None:
        return None
    words = [t.lower_ for t in doc[max(span.start - 3, sent.start):span.start]]
    if len(words) >= 2 and words[-2:] in (["of", "which"], ["of", "that"], ["of", "this"]):
        return previous._.metric, f"{previous._.metric}:part"  # "revenue of $57bn, of which $51bn came from …"
    if any(word in COMPARISON for word in words):
        return previous._.metric, f"{previous._.metric}:comparison"
    # "revenue of $42.3bn, above analyst expectations of $41.4bn", "Wall Street's $58.8bn
    # expectation": an estimate of the same thing as the figure it is set against
    after = [t.lower_ for t in doc[span.end:min(span.end + 2, sent.end)]]
    if any(word in ESTIMATE_NOUNS for word in words) or (after and after[0] in ESTIMATE_NOUNS):
        return previous._.metric, f"{previous._.metric}:estimate"
    return None


def _is_cue_form(token: Token) -> bool:
    """Lower case, or capitalised only because it starts the sentence ("Revenue rose…");
    "Loop Capital" mid-sentence is a name."""
    text = token.text
    if token.lower_ in ACRONYM_CUES:
        return True  # "$20B ARR", "RPO sprints to $627B", "its FY26 CapEx forecast"
    return text.islower() or (text[:1].isupper() and text[1:].islower() and opens_sentence(token))


def classify(doc: Doc, sent: Span, span: Span, previous: Span | None = None) -> tuple[str, str]:
    """The metric of one figure and the cue that decided it."""
    decided = _binding(doc, span, sent) or _comparison_base(doc, span, sent, previous) \
        or _stake(doc, span, sent) or _aside_of(doc, span, sent, previous)
    if decided is not None:
        return decided
    lo, hi = line_bounds(doc, sent, span.start, span.end)
    best: tuple[int, str, str] | None = None
    for token in doc[lo:hi]:
        if span.start <= token.i < span.end or not _is_cue_form(token):
            continue
        word = token.lower_
        if word in CUES["capex"] and _modifies_revenue(doc, token, hi):
            continue  # "data center revenue", "cloud infrastructure revenue": the head is revenue
        for metric, words in CUES.items():
            if word not in words:
                continue
            distance, left, right = gap(span.start, span.end, token.i, token.i + 1)
            cost = distance + BREAK_COST * breaks_between(doc, left, right)
            if cost <= MAX_DISTANCE and (best is None or cost < best[0]):
                best = (cost, metric, word)
            break
    if best is None:
        return "other", "other:default"
    if best[1] == "capex" and best[2] in GENERIC_SPENDING:
        strong = _strong_other(doc, span, sent)
        if strong is not None:
            return "other", f"other:{strong}"  # "will spend $3bn on the share buyback"
    return best[1], f"{best[1]}:{best[2]}"


def _modifies_revenue(doc: Doc, token: Token, hi: int) -> bool:
    """Is ``token`` a modifier of a revenue noun right after it ("data center revenue", "AI chip
    sales", "cloud infrastructure revenue")?"""
    for k in range(token.i + 1, min(hi, token.i + 1 + REVENUE_MODIFIER_REACH)):
        word = doc[k].lower_
        if word in CUES["revenue"]:
            return True
        if not (doc[k].is_alpha or word == "-"):
            return False
    return False


def _stake(doc: Doc, span: Span, sent: Span) -> tuple[str, str] | None:
    """Money put into another company is a stake, not capacity: "has invested more than $3bn in
    Anthropic", "is investing $2bn in Qualcomm" (a company named right after "in"; a place, "in
    India", is where capacity is built)."""
    after = doc[span.end:min(sent.end, span.end + 2)]
    if not len(after) or after[0].lower_ != "in":
        return None
    names = shared_finder(*doc.user_data.get(WATCH_KEY, ("", ())))(doc)
    if any(n.start == after[0].i + 1 and n.kind in STAKE_KINDS for n in names):
        before = {t.lower_ for t in doc[max(sent.start, span.start - BIND_REACH):span.start]}
        if before & GENERIC_SPENDING:
            return "other", "other:stake"
    return None


def _aside_of(doc: Doc, span: Span, sent: Span, previous: Span | None) -> tuple[str, str] | None:
    """A figure in a parenthesis that follows another figure and names no cue of its own
    elaborates it ("capex came in at $30.9B (a $4.4B undershoot and a $6.6B step down)")."""
    if previous is None or previous._.metric is None:
        return None
    opening = next((k for k in range(span.start - 1, previous.end - 1, -1) if doc[k].text == "("), None)
    if opening is None or any(doc[k].text == ")" for k in range(opening, span.start)):
        return None
    inside = doc[opening + 1:span.start]
    if any(t.lower_ in words for t in inside for words in CUES.values()):
        return None
    return previous._.metric, f"{previous._.metric}:aside"


def _strong_other(doc: Doc, span: Span, sent: Span) -> str | None:
    """A noun in the figure's clause that makes generic spending something other than capacity:
    a buyback, R&D, an acquisition, a stake, funding from investors ("will spend $3bn on the share
    buyback", "research investment of 100bn yuan", "a $2bn investment from SpaceX")."""
    others = [(other.start, other.end) for other in doc.spans[MONEY_SPANS] if other.start != span.start]
    lo = span.start
    while lo > sent.start and doc[lo - 1].text not in CLAUSE_MARKS and not any(e == lo for _s, e in others):
        lo -= 1  # back to the clause start, not past another figure ("¥2.2tn on capex and ¥1.4tn on R&D")
    hi = span.end
    while hi < sent.end and doc[hi].text not in CLAUSE_MARKS and not any(b == hi for b, _e in others):
        hi += 1
    for token in doc[lo:hi]:
        if token.lower_ in STRONG_OTHER and not span.start <= token.i < span.end:
            return token.lower_
        if token.lower_ == "back" and token.i > 0 and doc[token.i - 1].lower_ in ("buy", "buys", "buying", "bought"):
            return "buyback"  # "would buy back at least HK$80bn of its shares"
    after = [t.lower_ for t in doc[span.end:min(span.end + 3, sent.end)]]
    if len(after) >= 2 and after[0] in ("investment", "investments") and after[1] == "from":
        return "funding"  # "a $2 billion investment from Musk's SpaceX": money raised
    return None


@Language.factory(
    "capexwatch_metric",
    default_config={"subject": DEFAULT_WATCH.subject, "aliases": list(DEFAULT_WATCH.aliases)},
    assigns=["span._.metric", "span._.metric_rule"],
)
def make_metric_component(nlp: Language, name: str, subject: str, aliases: list[str]) -> MetricComponent:
    """Factory for the metric rules (the cue tables are the rules); the watch only shares the
    name finder of the source and subject rules."""
    return MetricComponent(subject, aliases)
