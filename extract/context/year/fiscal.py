"""Fiscal calendars: "the current fiscal year", "next fiscal year" and "the fiscal second quarter"
read against the company's own year ("Oracle expects to spend $35bn in its current fiscal year",
published in December 2025 -> fiscal 2026, the year to May 2026).

The table of year-end months is data (``fiscal_years.txt``); a company not listed keeps a
calendar year. Which company a period belongs to: the nearest company named before it in its
sentence, else the company the article is about (``extract.context.names.article``).
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from extract.context.names.article import company_key

#: The table of fiscal year-end months.
FISCAL_YEARS = Path(__file__).resolve().with_name("fiscal_years.txt")
#: Months after a fiscal quarter ends during which its results are still news (the quarter is
#: the one reported, not next year's).
REPORTING_LAG = 4


@cache
def year_end_months(path: Path = FISCAL_YEARS) -> dict[str, int]:
    """Company key -> the month (1-12) its fiscal year ends in."""
    table: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        name, month = line.rsplit(":", 1)
        number = int(month)
        if not 1 <= number <= 12:
            raise ValueError(f"{path}: {line!r}: the month must be 1-12")
        table[company_key(name.strip())] = number
    return table


def year_end_month(company: str | None) -> int | None:
    """The month ``company``'s fiscal year ends in, when it is listed and not December."""
    if not company:
        return None
    month = year_end_months().get(company_key(company))
    return month if month != 12 else None


def fiscal_year_of(day: date, end_month: int) -> int:
    """The fiscal year ``day`` falls in, named by the calendar year it ends in."""
    return day.year if day.month <= end_month else day.year + 1


def fiscal_quarter_year(published: date, quarter: int, end_month: int) -> int:
    """The fiscal year of "the fiscal <n>th quarter" written on ``published`` with no year: the
    current fiscal year's, unless that quarter ends so long after publication that the one just
    reported (last fiscal year's) is meant."""
    current = fiscal_year_of(published, end_month)
    # the month the quarter ends in, and the calendar year of that month in the current fiscal year
    end = end_month + 3 * quarter  # months after the previous fiscal year's end
    month = (end - 1) % 12 + 1
    year = current - 1 + (end - 1) // 12
    months_ahead = (year - published.year) * 12 + (month - published.month)
    return current if months_ahead <= REPORTING_LAG else current - 1
