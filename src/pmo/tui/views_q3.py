"""Q3 portfolio view: benefits (worst first) and savings by financial year with a bar chart."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from pmo.analysis.q3_benefits import BenefitStatus, benefit_position, forecast_cell
from pmo.analysis.q3_savings import SavingsYear, savings_basis, savings_sentences
from pmo.present.columns import SAVINGS_HEADERS
from pmo.present.numbers import (
    DASH,
    money,
    quantity,
    realisation,
    savings_forecast_cell,
    signed_money,
)
from pmo.present.rag import RAG_STYLE
from pmo.present.words import NO_FORECAST, NO_TARGET, NOT_SET
from pmo.tui.cells import TEXT_STYLE, user
from pmo.tui.footer import QuietFooter
from pmo.tui.view_base import Legend, ViewScreen, new_table

STATUS_ORDER = {
    "off track": 0,
    "at risk": 1,
    "no data": 2,
    "not started": 3,
    "no baseline": 4,
    "qualitative": 5,
    "on track": 6,
}
STATUS_STYLE = {
    "off track": RAG_STYLE["red"],
    "at risk": RAG_STYLE["amber"],
    "on track": RAG_STYLE["green"],
}
BAR_WIDTH = 60
BLOCKS = " ▏▎▍▌▋▊▉█"


def worst_first(benefits: tuple[BenefitStatus, ...]) -> list[BenefitStatus]:
    """Benefits by status (off track first), then lowest realisation, then id."""
    return sorted(
        benefits,
        key=lambda b: (
            STATUS_ORDER.get(b.status, 9),
            b.realisation if b.realisation is not None else float("inf"),
            b.programme_id,
            b.benefit_id,
        ),
    )


def bar(value: float, scale: float, width: int = BAR_WIDTH) -> str:
    """``value`` as a bar of Unicode blocks, ``width`` cells for ``scale``."""
    if scale <= 0 or value <= 0:
        return ""
    eighths = round(min(value / scale, 1.0) * width * 8)
    full, part = divmod(eighths, 8)
    return "█" * full + (BLOCKS[part] if part else "")


#: What the savings chart says where a figure is unknown (never a £0 bar).
NOT_GIVEN = {"target": "not set", "planned": "none", "forecast": "no forecast"}


def savings_chart(years: tuple[SavingsYear, ...]) -> Table:
    """Target, planned and forecast savings per FY as horizontal bars."""
    scale = max([max(y.target or 0.0, y.planned, y.forecast or 0.0) for y in years] or [0.0])
    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("FY", style="bold")
    table.add_column("What")
    table.add_column("Bar")
    table.add_column("Amount", justify="right")
    for y in years:
        for label, value, style in (
            ("target", y.target, "grey62"),
            ("planned", y.planned, "cyan"),
            ("forecast", y.forecast, "green"),
        ):
            table.add_row(
                Text(y.fy if label == "target" else ""),
                Text(label),
                Text(bar(value or 0.0, scale), style=style),
                Text(money(value) if value is not None else NOT_GIVEN[label]),
            )
    return table


class Q3Screen(ViewScreen):
    """Q3: are we realising the benefits? Enter on a benefit opens its programme's Benefits."""

    TAB_FOR: ClassVar[dict[str, str]] = {"benefits": "benefits"}
    LEGEND: ClassVar[Legend] = (
        ("Planned", "the planned value the latest measurement is compared with, with its unit"),
        ("Realisation", "share of the planned movement from the baseline achieved so far"),
        (
            "Forecast",
            "the value at the target date at the pace so far along the benefit's own plan "
            "(straight line: the plan has no profile); reaches = at least 100% less the "
            "tolerance of the change the target asks for",
        ),
        (
            "on track / at risk / off track",
            "within tolerance of the plan now and forecast to reach the target / only one of "
            "the two / neither, or moved away from the baseline",
        ),
        ("█ bars", "savings by financial year: target (grey), planned (cyan), forecast (green)"),
    )

    def compose(self) -> ComposeResult:
        q3 = self.loaded.answers.q3
        yield Header()
        yield Static(
            Text(f"Q3 — realising the benefits? ({q3.period})", style="bold"), id="view-title"
        )
        with TabbedContent(initial="q3-benefits", id="q3-tabs"):
            with TabPane("Benefits", id="q3-benefits"):
                yield new_table(
                    "benefits",
                    "Programme",
                    "Benefit",
                    "Status",
                    "Planned",
                    "Actual",
                    "Realisation",
                    "Forecast at target date",
                    free=1,
                )
                yield Static("", id="detail-benefits", classes="detail")
            with TabPane("Savings", id="q3-savings"), VerticalScroll():
                yield Static(
                    Text("\n".join(savings_sentences(q3.savings)) or "No savings."),
                    id="savings-sentences",
                )
                yield new_table("savings", *SAVINGS_HEADERS)
                yield Static(savings_chart(q3.savings), id="savings-chart")
        yield QuietFooter()

    def on_mount(self) -> None:
        q3 = self.loaded.answers.q3
        table = self.query_one("#benefits", DataTable)
        for b in worst_first(q3.benefits):
            key = f"{b.programme_id}/{b.benefit_id}"
            table.add_row(
                user(b.programme_name, cut=True),
                user(b.title, cut=True),
                Text(f" {b.status} ", style=STATUS_STYLE.get(b.status, "dim")),
                user(quantity(b.compared_with, b.unit)),
                user(quantity(b.actual.value, b.unit) if b.actual else DASH),
                Text(realisation(b.realisation)),
                user(
                    forecast_cell(
                        b.forecast.value if b.forecast else None,
                        b.forecast.meets_target if b.forecast else None,
                        b.forecast.method if b.forecast else None,
                        b.unit,
                    )
                ),
                key=key,
            )
            self.details[key] = user(
                f"{b.programme_name} — {b.title}: {b.status}; {benefit_position(b)}"
            )
        savings = self.query_one("#savings", DataTable)
        for y in q3.savings:
            savings.add_row(  # the cells of the report's savings table, word for word
                Text(y.fy),
                Text(money(y.target) if y.target is not None else NOT_SET),
                Text(money(y.planned)),
                Text(
                    signed_money(y.unidentified) if y.unidentified is not None else NO_TARGET,
                    style=TEXT_STYLE["red"] if (y.unidentified or 0) > 0 else "",
                ),
                Text(savings_forecast_cell(y.forecast)),
                Text(
                    signed_money(y.at_risk) if y.at_risk is not None else NO_FORECAST,
                    style=TEXT_STYLE["red"] if (y.at_risk or 0) > 0 else "",
                ),
                Text(savings_basis(y)),
                key=y.fy,
            )
        table.focus()
