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

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from extract.context.common.clauses import breaks_between, gap, line_bounds, money_by_sentence
from extract.lexicon import cues
from extract.spans import register_extensions
from extract.text.sentences import opens_sentence

register_extensions()

METRICS = ("capex", "revenue", "valuation", "price", "other")
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


class MetricComponent:
    """Sets ``span._.metric`` and ``span._.metric_rule`` on every money span."""

    def __call__(self, doc: Doc) -> Doc:
        for sent, spans in money_by_sentence(doc):
            previous: Span | None = None
            for span in spans:
                metric, rule = classify(doc, sent, span, previous)
                span._.metric = metric
                span._.metric_rule = rule
                previous = span
        return doc


def _binding(doc: Doc, span: Span, sent: Span) -> tuple[str, str] | None:
    """Cues that bind to the figure itself (rule 1)."""
    after = [t.lower_ for t in doc[span.end:min(span.end + 3, sent.end)]]
    if after:
        if after[0] in ("each", "apiece"):
            return "price", f"price:{after[0]}"
        if after[0] in ("per", "a", "an") and len(after) > 1:
            noun = after[1].rstrip("s")
            named = doc[span.end + 1].text[:1].isupper()  # "per Reuters" is an attribution
            if noun in UNIT_NOUNS or (after[0] == "per" and noun not in PERIOD_NOUNS and not named):
                return "price", f"price:{after[0]} {after[1]}"
    before = [t.lower_ for t in doc[max(span.start - BIND_REACH, sent.start):span.start]]
    for index in range(len(before) - 1, -1, -1):
        word = before[index]
        if word in (",", ";", ":"):
            break  # a binding cue is in the figure's own clause
        if word in ("valued", "valuing", "valuation"):
            return "valuation", f"valuation:{word}"
        if word == "worth" and index > 0 and any(w in BE_FORMS for w in before[max(0, index - 2):index]):
            return "valuation", "valuation:worth"
        if word in PRICE_VERBS and not any(w in SITE_WORDS for w in before[max(0, index - 4):index]):
            return "price", f"price:{word}"
        if word in CUES["revenue"] or word in CUES["capex"] or word in CUES["other"]:
            break
    return None


def _comparison_base(doc: Doc, span: Span, sent: Span, previous: Span | None) -> tuple[str, str] | None:
    """A figure after "from"/"than"/"compared with" measures what the figure before it does (rule 2)."""
    if previous is None or previous._.metric is None:
        return None
    words = [t.lower_ for t in doc[max(span.start - 3, sent.start):span.start]]
    if any(word in COMPARISON for word in words):
        return previous._.metric, f"{previous._.metric}:comparison"
    return None


def _is_cue_form(token: Token) -> bool:
    """Lower case, or capitalised only because it starts the sentence ("Revenue rose…");
    "Loop Capital" mid-sentence is a name."""
    text = token.text
    return text.islower() or (text[:1].isupper() and text[1:].islower() and opens_sentence(token))


def classify(doc: Doc, sent: Span, span: Span, previous: Span | None = None) -> tuple[str, str]:
    """The metric of one figure and the cue that decided it."""
    decided = _binding(doc, span, sent) or _comparison_base(doc, span, sent, previous)
    if decided is not None:
        return decided
    lo, hi = line_bounds(doc, sent, span.start, span.end)
    best: tuple[int, str, str] | None = None
    for token in doc[lo:hi]:
        if span.start <= token.i < span.end or not _is_cue_form(token):
            continue
        word = token.lower_
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
    return best[1], f"{best[1]}:{best[2]}"


@Language.factory("capexwatch_metric", assigns=["span._.metric", "span._.metric_rule"])
def make_metric_component(nlp: Language, name: str) -> MetricComponent:
    """Factory for the metric rules (no settings: the cue tables are the rules)."""
    return MetricComponent()
