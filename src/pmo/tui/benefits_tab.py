"""A programme's Benefits tab: its benefits fitted to the width, then a chart for each."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from pmo.analysis.q3_benefits import BenefitStatus, benefit_position, forecast_cell
from pmo.model import Programme
from pmo.present.numbers import DASH, realisation
from pmo.tui.benefit_chart import benefit_chart, measurements, tick
from pmo.tui.cells import opt, user
from pmo.tui.loading import Loaded
from pmo.tui.tables import fitted_table

BENEFIT_HEADERS = (
    "Benefit",
    "Kind",
    "Unit",
    "Baseline",
    "Planned",
    "Actual",
    "Realisation",
    "Forecast at target date",
    "Status",
)
BENEFIT_DROPS = (1, 2, 3, 6, 4)
"""A narrow terminal drops kind, unit, baseline, realisation, planned (the line under each
chart says the position and the forecast in words)."""


def benefits_tab(loaded: Loaded, prog: Programme, width: int) -> RenderableType:
    """The programme's benefits in ``width`` cells: the table, then each chart and its line."""
    if not prog.benefits:
        return Text("No benefits.", style="dim")
    ups = loaded.data.updates_of(prog.id)
    measured = {b.id: measurements(ups, b.id, loaded.period) for b in prog.benefits}
    assessed = {b.benefit_id: b for b in loaded.answers.q3.benefits if b.programme_id == prog.id}
    rows = []
    for b in prog.benefits:
        values = list(measured[b.id].values())
        q3 = assessed.get(b.id)
        actual = q3.actual.value if q3 and q3.actual else (values[-1] if values else None)
        rows.append(
            [
                user(b.title),
                user(b.kind),
                opt(b.unit),
                Text(_value(b.baseline.value if b.baseline else None)),
                Text(_value(q3.compared_with if q3 else None)),
                Text(_value(actual)),
                Text(realisation(q3.realisation) if q3 else DASH),
                user(_forecast(q3)),
                Text(q3.status if q3 else DASH),
            ]
        )
    parts: list[RenderableType] = [fitted_table(width, BENEFIT_HEADERS, rows, BENEFIT_DROPS)]
    for b in prog.benefits:
        parts += [Text(""), benefit_chart(b, measured[b.id], total=width)]
        q3 = assessed.get(b.id)
        if q3 is not None and q3.actual is not None and q3.planned_then is not None:
            # the one status and forecast, in the words pmo status and the report use
            parts.append(user(f"{q3.status}: {benefit_position(q3)}"))
    return Group(*parts)


def _forecast(b: BenefitStatus | None) -> str:
    """Q3's forecast of a benefit for a cell (the one definition; a dash without one)."""
    if b is None or b.forecast is None:
        return DASH
    f = b.forecast
    return forecast_cell(f.value, f.meets_target, f.method, b.unit)


def _value(value: float | None) -> str:
    """A benefit measure as the charts label it (38.5m, 350k, 43)."""
    return DASH if value is None else tick(value)
