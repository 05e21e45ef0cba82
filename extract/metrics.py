"""What a money figure measures (``span._.metric``): capex, revenue, valuation, price or other.

The watch cares about capital spending, but every amount is kept (gold/CONVENTIONS.md), so each
one is labelled. The nearest cue word in the figure's sentence decides, clause breaks counting as
extra distance; a few cues bind so tightly that they win when adjacent ("$12,000 each",
"valued at $300bn"). No cue at all -> "other". The cue tables below are the rules; the deciding
cue is recorded in ``span._.metric_rule`` ("capex:spend").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.rules.context import breaks_between, gap, line_bounds, money_by_sentence
from extract.spans import register_extensions

register_extensions()

METRICS = ("capex", "revenue", "valuation", "price", "other")
BREAK_COST = 6
MAX_DISTANCE = 30


def cues_capex() -> frozenset[str]:
    """Spending on capacity: "capex", "capital expenditure", "plans to spend", "invest",
    "budget", "data centres", "purchases of chips", "AI infrastructure", "orders for GPUs"."""
    return frozenset(
        """capex capital expenditure expenditures spend spends spending spent invest invests
        investing invested investment investments budget budgets budgeted budgeting allocate
        allocates allocated allocation earmark earmarked earmarks outlay outlays data centre
        centres center centers datacenter datacenters datacentre infrastructure chips chip gpus
        gpu processors semiconductors purchase purchases purchasing buy buying bought procure
        procurement orders ordered servers computing compute build building construction
        capacity cluster clusters""".split()
    )


def cues_revenue() -> frozenset[str]:
    """Money earned from sales: "revenue", "sales", "turnover", "annual revenue of"."""
    return frozenset("revenue revenues sales turnover topline top-line".split())


def cues_valuation() -> frozenset[str]:
    """What a company is worth: "valued at", "valuation", "market value", "market cap",
    "valuing ByteDance at", "worth" (weak: "a deal worth $2bn" is not a valuation)."""
    return frozenset("valued valuation valuations valuing values capitalisation capitalization cap".split())


def cues_price() -> frozenset[str]:
    """Unit prices: "cost about $12,000 each", "$2 per chip", "$150 a share", "priced at"."""
    return frozenset("each apiece per priced price prices pricing retail".split())


def cues_other() -> frozenset[str]:
    """Everything the watch does not track but must label: profit, losses, loans, fines,
    funding rounds, deals, debt, pay, taxes."""
    return frozenset(
        """profit profits loss losses earnings income ebitda loan loans lend lending borrow
        borrowed debt bond bonds fine fined fines penalty penalties settlement funding fund
        raise raised raising round deal deals acquisition acquire acquired acquiring buyback
        repurchase dividend dividends salary salaries pay paid compensation bonus tax taxes
        tariff tariffs ipo cash reserves subsidy subsidies grant grants stake""".split()
    )


CUES: dict[str, frozenset[str]] = {
    "price": cues_price(),
    "valuation": cues_valuation(),
    "revenue": cues_revenue(),
    "capex": cues_capex(),
    "other": cues_other(),
}

#: Cues that decide outright when they touch the figure: "$12,000 each", "$150 a share",
#: "valued at $300bn", "a valuation of $300bn".
ADJACENT_AFTER_NOUNS = frozenset("share unit chip card piece month token server gpu".split())
ADJACENT_BEFORE = {"valued": "valuation", "valuing": "valuation", "valuation": "valuation", "worth": "valuation"}


class MetricComponent:
    """Sets ``span._.metric`` and ``span._.metric_rule`` on every money span."""

    def __call__(self, doc: Doc) -> Doc:
        for sent, spans in money_by_sentence(doc):
            for span in spans:
                metric, rule = classify(doc, sent, span)
                span._.metric = metric
                span._.metric_rule = rule
        return doc


def _adjacent(doc: Doc, span: Span, sent: Span) -> tuple[str, str] | None:
    """Cues that bind to the figure itself."""
    after = [t.lower_ for t in doc[span.end:min(span.end + 3, sent.end)]]
    if after:
        if after[0] in ("each", "apiece") or (after[0] == "per" and len(after) > 1):
            return "price", f"price:{after[0]}"
        if after[0] == "a" and len(after) > 1 and after[1].rstrip("s") in ADJACENT_AFTER_NOUNS:
            return "price", f"price:a {after[1]}"
    before = [t.lower_ for t in doc[max(span.start - 4, sent.start):span.start]]
    for word in reversed(before):
        if word in ADJACENT_BEFORE:
            return ADJACENT_BEFORE[word], f"{ADJACENT_BEFORE[word]}:{word}"
        if word in CUES["revenue"] or word in CUES["capex"] or word in CUES["other"]:
            break
    return None


def classify(doc: Doc, sent: Span, span: Span) -> tuple[str, str]:
    """The metric of one figure and the cue that decided it."""
    adjacent = _adjacent(doc, span, sent)
    if adjacent is not None:
        return adjacent
    lo, hi = line_bounds(doc, sent, span.start, span.end)
    best: tuple[int, str, str] | None = None
    for token in doc[lo:hi]:
        if span.start <= token.i < span.end:
            continue
        word = token.lower_
        for metric, words in CUES.items():
            if word not in words:
                continue
            if metric == "price" and word in ("each", "per") and token.i < span.start:
                continue  # "each year", "per cent" before the figure are not unit prices
            distance, left, right = gap(span.start, span.end, token.i, token.i + 1)
            cost = distance + BREAK_COST * breaks_between(doc, left, right)
            if cost <= MAX_DISTANCE and (best is None or cost < best[0]):
                best = (cost, metric, word)
            break
    if best is None:
        return "other", "other:default"
    return best[1], f"{best[1]}:{best[2]}"


@Language.factory("capexwatch_metric")
def make_metric_component(nlp: Language, name: str) -> MetricComponent:
    """Factory for the metric rules (no settings: the cue tables are the rules)."""
    return MetricComponent()
