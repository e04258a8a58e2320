"""`pmo export gmpp`: the portfolio in the UK Government Major Projects Portfolio CSV layout.

One row per programme, the columns GMPP publishes. The delivery confidence assessment (DCA)
is the PMO's assurance rating for the period where there is one, else the self-assessment;
ratings map one to one (five-point: Green, Amber/Green, Amber, Amber/Red, Red; three-point:
Green, Amber, Red). Money is in £m with two decimals, dates DD/MM/YYYY. A value the portfolio
does not hold is left blank, never invented. Text that a spreadsheet would run as a formula
(``=…``, ``+…``, ``-…``, ``@…``) is written after a ``'`` (see pmo.sheets.formula); numbers never.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pmo.index.target import ExportError, check_file_target, write_atomically
from pmo.model import Programme, Update
from pmo.model.types import fy_of_period
from pmo.sheets.csv_out import csv_bytes
from pmo.sheets.formula import escape_text
from pmo.store import LoadedPortfolio

COLUMNS: tuple[str, ...] = (
    "GMPP ID Number",
    "Project Name",
    "Department",
    "Annual Report Category",
    "Description / Aims",
    "IPA Delivery Confidence Assessment",
    "SRO Delivery Confidence Assessment",
    "Departmental commentary on the DCA",
    "Project start date",
    "Project end date",
    "Schedule narrative",
    "Financial Year Baseline (£m)",
    "Financial Year Forecast (£m)",
    "Financial Year Variance (%)",
    "Variance narrative",
    "Total Baseline Whole Life Costs (£m)",
    "WLC narrative",
    "Total Baseline Benefits (£m)",
    "Benefits narrative",
)
#: pmo's RAG ratings as GMPP writes them.
DCA: dict[str, str] = {
    "green": "Green",
    "amber-green": "Amber/Green",
    "amber": "Amber",
    "amber-red": "Amber/Red",
    "red": "Red",
}


def _money(value: float | None) -> str:
    return "" if value is None else f"{value / 1_000_000:.2f}"


def _date(value: date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def _row(office: str, pid: str, p: Programme, u: Update | None, period: str) -> list[str]:
    fy = fy_of_period(period)
    end = p.end
    end_date = (end.actual or end.forecast or end.current or end.baseline) if end else None
    bc = p.business_case
    wlc = sum(c.capital + c.revenue for c in bc.costs.values()) if bc and bc.costs else None
    benefits = sum(bc.savings.values()) if bc and bc.savings else None
    baseline = p.budget.get(fy)
    fin = u.finance if u else None
    forecast = fin.forecast_outturn if fin else None
    variance = ""
    if baseline and forecast is not None:
        variance = f"{(forecast - baseline) / baseline * 100:.1f}"
    sro = u.rag.overall if u else None
    ipa = u.assurance.rag if u and u.assurance else sro
    commentary = (u.path_to_green or u.summary) if u else None
    text = escape_text  # people's words only: the money, variance and dates stay numbers
    return [
        text(pid),
        text(p.name),
        text(office),
        text(p.service),
        text(p.summary or ""),
        DCA.get(ipa or "", ""),
        DCA.get(sro or "", ""),
        text(commentary or ""),
        _date(p.start),
        _date(end_date),
        "",
        _money(baseline),
        _money(forecast),
        variance,
        text((fin.narrative or "") if fin else ""),
        _money(wlc),
        "",
        _money(benefits),
        "",
    ]


def gmpp_rows(loaded: LoadedPortfolio, period: str) -> list[list[str]]:
    """The header and one row per valid programme, with its update for ``period`` if any."""
    cfg = loaded.config.model if loaded.config else None
    office = cfg.office if cfg else ""
    rows = [list(COLUMNS)]
    for folder, prog in sorted(loaded.programmes.items()):
        if prog.model is None:
            continue
        src = prog.updates.get(period)
        update = src.model if src is not None else None
        if update is not None and update.status == "draft":  # not the manager's yet
            update = None
        rows.append(_row(office, folder, prog.model, update, period))
    return rows


def _not_ours(path: Path) -> str | None:
    try:
        head = path.read_bytes()[:2000].decode("utf-8-sig", "replace")
    except OSError as exc:
        return f"cannot be read ({exc.strerror})"
    return None if head.startswith(",".join(COLUMNS[:3])) else "is not a pmo GMPP export"


def write_gmpp(loaded: LoadedPortfolio, target: Path, period: str, force: bool = False) -> int:
    """Write the GMPP CSV to ``target`` atomically; returns the number of programme rows."""
    check_file_target(target, _not_ours, force, "CSV file", "gmpp.csv")
    rows = gmpp_rows(loaded, period)
    try:
        write_atomically(target, csv_bytes(rows))
    except OSError as exc:
        raise ExportError(f"could not write {target}: {exc.strerror or exc}") from None
    return len(rows) - 1
