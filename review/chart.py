"""The timeline chart's geometry: where each claim goes on a server-side SVG, and in which colour.

No charting library and no script: the page draws the SVG from these numbers with a Jinja macro
(so every label is escaped) and works without internet access. The x axis is the year a figure is
for (one band per year, every year in the range shown); the y axis is the US-dollar equivalent at
the rate of the day the claim was first reported. Each source has one colour throughout, each mark
is labelled with its first-report date, and a range is drawn as a bar from its low to its high end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from review.formatting import compact, money
from review.timeline import Claim

#: Okabe–Ito colours, distinguishable with the common colour-vision deficiencies (yellow left out:
#: too pale on white). Sources beyond these reuse them in order.
PALETTE: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
WIDTH, HEIGHT = 920, 400
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 24, 56
NICE_STEPS: tuple[int, ...] = (1, 2, 5)


@dataclass(frozen=True, slots=True)
class Mark:
    """One claim on the chart."""

    cx: float
    cy: float
    cy_high: float | None
    label_y: float  # above the mark, or above the top of its range
    colour: str
    label: str
    title: str
    figure_id: int


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    x_ticks: tuple[Tick, ...]
    bands: tuple[float, ...]  # x of each year band's left edge, and the right edge of the last
    y_ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    legend: tuple[tuple[str, str], ...]  # (source, colour)
    left_out: int  # claims with no year or no USD equivalent (listed in the table only)


def nice_step(top: Decimal, ticks: int = 5) -> Decimal:
    """A round step (1, 2 or 5 times a power of ten) giving about ``ticks`` ticks up to ``top``."""
    rough = top / ticks
    power = Decimal(10) ** (len(str(int(rough))) - 1) if rough >= 1 else Decimal("1")
    for step in NICE_STEPS:
        if power * step >= rough:
            return power * step
    return power * 10


def colours(claims: Sequence[Claim]) -> dict[str, str]:
    """A colour per source, in alphabetical order so a source keeps its colour between pages."""
    sources = sorted({claim.source for claim in claims}, key=str.casefold)
    return {source: PALETTE[index % len(PALETTE)] for index, source in enumerate(sources)}


def build_chart(claims: Sequence[Claim]) -> Chart | None:
    """The chart for ``claims``; ``None`` when none has both a year and a USD equivalent."""
    plotted = [c for c in claims if c.year is not None and c.usd is not None]
    if not plotted:
        return None
    palette = colours(plotted)
    years = range(min(c.year for c in plotted if c.year), max(c.year for c in plotted if c.year) + 1)
    top_usd = max(max(c.usd.usd, c.usd.usd_high or 0) for c in plotted if c.usd)
    step = nice_step(top_usd if top_usd > 0 else Decimal(1))
    ceiling = step * (int(top_usd / step) + 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    band = plot_w / len(years)

    def y_of(usd: Decimal) -> float:
        return round(TOP + plot_h - float(usd / ceiling) * plot_h, 1)

    marks: list[Mark] = []
    for index, year in enumerate(years):
        in_year = sorted((c for c in plotted if c.year == year), key=lambda c: (c.source.casefold(), c.first.day))
        for slot, claim in enumerate(in_year):
            assert claim.usd is not None
            cx = round(LEFT + band * index + band * (slot + 1) / (len(in_year) + 1), 1)
            reported = claim.first.day.isoformat()
            title = (
                f"{claim.source}: {money(claim.amount, claim.currency, claim.amount_high)} for {year} "
                f"(≈ ${compact(claim.usd.usd)}), first reported {reported} by {claim.first.outlet or 'unknown outlet'}"
                f"; {len(claim.reports)} report(s)"
            )
            cy = y_of(claim.usd.usd)
            cy_high = y_of(claim.usd.usd_high) if claim.usd.usd_high else None
            label_y = min(cy, cy_high if cy_high is not None else cy) - 12
            marks.append(Mark(cx, cy, cy_high, label_y, palette[claim.source], reported, title, claim.first.figure_id))
    count = int(ceiling / step)
    y_ticks = tuple(Tick(y_of(step * k), f"${compact(step * k)}") for k in range(count + 1))
    x_ticks = tuple(Tick(round(LEFT + band * (i + 0.5), 1), str(year)) for i, year in enumerate(years))
    bands = tuple(round(LEFT + band * i, 1) for i in range(len(years) + 1))
    return Chart(
        WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM, x_ticks, bands, y_ticks, tuple(marks),
        tuple(palette.items()), len(claims) - len(plotted),
    )  # fmt: skip
