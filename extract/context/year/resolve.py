"""From a period mention to a year: relative years against publication or a stated year,
quarters against publication, back-references ("in the quarter", "for the full year") against
the period the text dated before.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Span

from extract.context.common.clauses import Positions
from extract.context.year.fiscal import fiscal_quarter_year, fiscal_year_of
from extract.context.year.mentions import (
    REF_CURRENT_QUARTER,
    REF_FULL_YEAR,
    REF_PERIOD,
    REF_QUARTER,
    REF_SAME_QUARTER,
    Mention,
)

#: How far back (tokens) a relative year looks for the year it is relative to.
ANCHOR_REACH = 60
#: How far back (tokens) a back-reference ("in the quarter", "for the full year") looks for the
#: period it refers to: a whole news article, not a whole page of stories.
REFERENT_REACH = 400


@dataclass(slots=True)
class Resolution:
    """The year decided for one figure and the rule that decided it."""

    year: int | None
    rule: str



def resolve(
    mention: Mention,
    in_sent: list[Mention],
    mentions: Positions[Mention] | None,
    published: date | None,
    fiscal_end: int | None = None,
) -> Resolution:
    """The year a mention stands for; ``fiscal_end`` is the month the company's fiscal year ends
    in, when the mention is a fiscal period of a company with a listed calendar (``fiscal.py``)."""
    if fiscal_end is not None and mention.fiscal and published is not None and mention.value is not None:
        if mention.kind == "published":  # "the current fiscal year", "next fiscal year"
            return Resolution(fiscal_year_of(published, fiscal_end) + mention.value, mention.rule + "_fiscal")
        if mention.kind == "quarter":  # "the fiscal second quarter"
            return Resolution(fiscal_quarter_year(published, mention.value, fiscal_end), "quarter_fiscal")
    if mention.kind in ("year", "date"):
        return Resolution(mention.value, mention.rule)
    if mention.kind in ("window", "target"):
        return Resolution(None, mention.rule)  # a target year read alone: see ``by_year``
    if mention.kind == "referent":
        year = refers_back(mention, mentions, published)
        if year is not None:
            return Resolution(year, "refers_back")
        if mention.value == REF_SAME_QUARTER and published is not None:
            # the quarter just reported: last year's fourth when published in the first quarter
            return Resolution(published.year - (1 if published.month <= 3 else 0), mention.rule)
        return Resolution(None, mention.rule)
    if mention.kind == "published":
        year = published.year + mention.value if published and mention.value is not None else None
        return Resolution(year, mention.rule)
    if mention.kind == "reported_quarter":
        # the quarter just reported: last year's fourth when published in the first quarter
        if published is None:
            return Resolution(None, mention.rule)
        return Resolution(published.year - (1 if published.month <= 3 else 0), mention.rule)
    if mention.kind == "period_end":
        # "the three months to January", "the quarter ended March 31": the year the period
        # ends in — this year's unless that month is still well ahead of publication
        if published is None or mention.value is None:
            return Resolution(None, mention.rule)
        behind = 1 if mention.value > published.month + 3 else 0
        return Resolution(published.year - behind, "period_ended_published")
    if mention.kind == "quarter":
        if published is None or mention.value is None:
            return Resolution(None, mention.rule)
        starts_month = 3 * (mention.value - 1) + 1
        behind = 1 if starts_month > published.month + 3 else 0
        return Resolution(published.year - behind, "quarter_published")
    # anchored: to a year stated in the sentence, else (only for "earlier") publication
    anchor = anchor_year(mention, in_sent, mentions, published)
    offset = mention.value or 0
    if anchor is not None:
        return Resolution(anchor + offset, mention.rule + "_anchored")
    if mention.kind == "anchored" and published is not None:
        return Resolution(published.year + offset, mention.rule + "_published")
    return Resolution(None, mention.rule + "_unanchored")


def anchor_year(
    mention: Mention, in_sent: Iterable[Mention], mentions: Positions[Mention] | None, published: date | None
) -> int | None:
    """The year stated nearest ``mention`` in its sentence (a quarter counts: "the third quarter
    ... a year earlier"), else the last explicit year stated shortly before it, else the year of
    the period the article reported before it (``refers_back``)."""
    stated = [m for m in in_sent if m.kind in ("year", "quarter", "referent") and m is not mention]
    if stated:
        nearest = min(stated, key=lambda m: abs(m.start - mention.start))
        if nearest.kind == "year":
            return nearest.value
        return resolve(nearest, [], mentions, published).year
    if mentions is None:
        return None
    before = mentions.last_before(mention.start, lambda m: m.kind == "year")
    if before is not None and mention.start - before.end <= ANCHOR_REACH:
        return before.value
    # "fourth-quarter revenue … Net income rose from $26.5bn in the year-earlier period": the
    # year before the period the article reports
    return refers_back(Mention(mention.start_char, mention.end_char, "referent", REF_PERIOD, mention.rule,
                               mention.start, mention.end), mentions, published)


#: Rules whose mentions date a quarter-long (or half-year) period a later "in the quarter" refers to.
QUARTER_RULES = frozenset({"quarter", "month_quarter", "period_ended", "month_range", "year_to_date"})
#: Months into a year during which "the full year" may still mean last year's reported one.
UNREPORTED_MONTHS = 3
#: Rules whose mentions date a fiscal year a later "for the full year" refers to.
YEAR_RULES = frozenset({"fiscal_year", "year_ended"})


def refers_back(mention: Mention, mentions: Positions[Mention] | None, published: date | None) -> int | None:
    """The year of the period a back-reference points to: the last period the text dated before
    it (within ``REFERENT_REACH`` tokens), else None.

    "Alibaba reported revenue for the three months to June … Capex in the quarter reached
    38.6bn yuan" -> the June quarter's year; "Revenue rose in the third quarter … Net income over
    the same period …" -> the third quarter's; "Reliance's revenue for the year to March 2025 …
    capex for the year was …" -> 2025; "…fourth-quarter revenue … spend $125bn for the full
    year" -> the fourth quarter's year. "In the quarter" looks only for quarters and halves;
    "the same period" and "the full year" also for fiscal years.
    """
    if mentions is None or mention.kind != "referent":
        return None
    quarterly = (REF_QUARTER, REF_SAME_QUARTER, REF_CURRENT_QUARTER)
    rules = QUARTER_RULES if mention.value in quarterly else QUARTER_RULES | YEAR_RULES
    # "for the full year", "over the same period" with no quarter or fiscal year named: the year
    # last stated ("In 2024, revenue rose to $155bn. … Profit rose to $33bn over the same period.")
    fallback: Mention | None = None
    index = bisect_left(mentions.starts, mention.start) - 1
    while index >= 0 and mentions.starts[index] >= mention.start - REFERENT_REACH:
        anchor = mentions.items[index]
        index -= 1
        if anchor.end > mention.start or anchor.kind in ("window", "referent"):
            continue
        if anchor.rule in rules:
            if mention.value == REF_CURRENT_QUARTER:
                return published.year if published is not None else None
            return resolve(anchor, [], None, published).year
        if fallback is None and mention.value in (REF_PERIOD, REF_FULL_YEAR) and anchor.kind in ("year", "published"):
            fallback = anchor
    if fallback is not None:
        return resolve(fallback, [], None, published).year
    if mention.value == REF_FULL_YEAR and published is not None and published.month > UNREPORTED_MONTHS:
        # "raised its full-year forecast" with no year in the text: the year running at
        # publication (early in a year, "full-year" results are often last year's: no year)
        return published.year
    return None



#: Metrics of sums spent over time: "by 2035" makes them a window of years.
CUMULATIVE_METRICS = frozenset({"capex"})


def by_year(mention: Mention, group: list) -> Resolution:
    """ "by 2033": a level reached by then (revenue, a market's size, a valuation: "projected to
    reach $494bn by 2033", "revenue of $145bn by 2029") is that year's; a sum spent or invested by
    then ("will invest $100bn in data centres by 2035") spans the years up to it, so no single
    year."""
    if group[0]._.metric in CUMULATIVE_METRICS:
        return Resolution(None, "by_year_cumulative")
    return Resolution(mention.value, "by_year")


#: Metrics of a company's results: a figure of one, in a sentence that names no period, is of
#: the period the article reports.
RESULT_METRICS = frozenset({"revenue", "other", "capex"})
#: Capex cues of money spent in a period (not committed or planned).
SPENT_CUES = frozenset({"capex:spent", "capex:capex", "capex:expenditure", "capex:expenditures", "capex:spending"})
#: Words of a share move: a price, never a period's result.
SHARE_WORDS = frozenset({"shares", "stock", "stocks"})
#: Words of a time the sentence names for itself, that the period patterns do not date.
OTHER_TIME_WORDS = frozenset({"period", "during", "since", "decade", "years", "months", "weeks", "era"})
#: Verbs of a result that happened (a past period), not of a plan or an outlook.
RESULT_VERBS = frozenset(
    """rose fell grew climbed jumped surged soared dropped declined slipped slumped increased
    decreased reached hit totalled totaled was were came stood posted reported recorded
    generated earned spent collapsed plunged tumbled improved widened narrowed doubled""".split()
)


def reported_period(
    doc: Doc, sent: Span, group: list[Span], mentions: Positions[Mention], published: date | None
) -> Resolution | None:
    """The period an earnings story reports, for a result in a sentence that names none:
    "Meta reported third-quarter results on Wednesday. … Operating income reached $20.5bn." ->
    the third quarter's year. Only a result (a figure of revenue, profit, spending, with a verb of
    something that happened) and only when the text dated a quarter, half or fiscal year before
    (``QUARTER_RULES``, ``YEAR_RULES``, within ``REFERENT_REACH``)."""
    rule = group[0]._.metric_rule or ""
    if group[0]._.metric not in RESULT_METRICS or rule.endswith(":default"):
        return None
    if group[0]._.metric == "capex" and rule not in SPENT_CUES:
        return None  # "a further $2bn was committed": a plan, not a result of the period
    words = {token.lower_ for token in sent}
    if not words & RESULT_VERBS or words & SHARE_WORDS or words & OTHER_TIME_WORDS:
        # no result; a share move ("SK Hynix gained 1.4% to 428,000 won"); a time of its own the
        # patterns do not date ("during the period of heavy investment", "since its listing")
        return None
    anchor = mentions.last_before(sent.start, lambda m: m.rule in QUARTER_RULES | YEAR_RULES
                                  and m.start >= sent.start - REFERENT_REACH)
    if anchor is None:
        return None
    year = resolve(anchor, [], None, published).year
    return Resolution(year, "reported_period") if year is not None else None
