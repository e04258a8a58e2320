"""Draft updates (`status: draft`): shown, never counted, until the manager removes the mark."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from pmo.analysis.answers import answer
from pmo.analysis.data import PortfolioData
from pmo.analysis.q2_status import ProgrammeStatus
from pmo.opening import open_portfolio
from test_catalogue import BASE, NOV, apply_edits


def _opened(tmp_path: Path, draft: bool) -> tuple[PortfolioData, ProgrammeStatus]:
    root = tmp_path / "portfolio"
    shutil.copytree(BASE, root)
    if draft:
        apply_edits(root, {NOV: ("period: 2026-11\n", "period: 2026-11\nstatus: draft\n")})
    opened = open_portfolio(root, "2026-11", today=date(2026, 11, 23))
    data = opened.data
    assert data is not None
    status = {s.programme: s for s in answer(data, "2026-11").q2.statuses}["alpha"]
    return data, status


def test_a_draft_is_left_out_of_the_figures_and_kept_apart(tmp_path: Path) -> None:
    data, status = _opened(tmp_path, draft=True)
    assert data.update("alpha", "2026-11") is None
    assert set(data.drafts["alpha"]) == {"2026-11"}
    assert status.status != "amber" and status.latest == "2026-10"


def test_without_the_mark_the_same_update_counts(tmp_path: Path) -> None:
    data, status = _opened(tmp_path, draft=False)
    assert data.update("alpha", "2026-11") is not None
    assert status.status == "amber"


def test_a_draft_never_moves_the_default_reporting_period(tmp_path: Path) -> None:
    root = tmp_path / "portfolio"
    shutil.copytree(BASE, root)
    november = (root / NOV).read_text(encoding="utf-8")
    december = root / NOV.replace("2026-11", "2026-12")
    december.write_text(
        november.replace("2026-11", "2026-12").replace(
            "period: 2026-12\n", "period: 2026-12\nstatus: draft\n"
        ),
        encoding="utf-8",
    )
    later = date(2026, 12, 10)
    assert open_portfolio(root, today=later).period == "2026-11"
    december.write_text(november.replace("2026-11", "2026-12"), encoding="utf-8")
    assert open_portfolio(root, today=later).period == "2026-12"  # once it is the manager's
