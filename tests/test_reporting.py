"""Monthly and quarterly reporting: when a programme is due, missing or stale."""

from __future__ import annotations

import factories as f
from pmo.analysis.q2_status import status_in
from pmo.validate.quality import reporting

QUARTERLY = f.programme("alpha", reporting="quarterly")


def test_a_quarterly_programme_is_not_due_between_quarters_before_its_first_update() -> None:
    assert reporting(QUARTERLY, {}, "2026-11", 35).status == "not-due"


def test_last_quarters_update_is_current_between_quarters() -> None:
    rep = reporting(QUARTERLY, {"2026-09": f.update("2026-09", "amber")}, "2026-11", 35)
    assert (rep.status, rep.latest, rep.age_days) == ("ok", "2026-09", 71)


def test_a_quarterly_programme_is_due_at_the_quarters_end() -> None:
    updates = {"2026-09": f.update("2026-09")}
    assert reporting(QUARTERLY, updates, "2026-12", 35).status == "stale"
    assert reporting(QUARTERLY, {}, "2026-12", 35).status == "missing"


def test_a_monthly_programme_is_due_every_month() -> None:
    monthly = f.programme("alpha")
    assert reporting(monthly, {"2026-09": f.update("2026-09")}, "2026-11", 35).status == "stale"


def test_status_between_quarters_is_the_last_quarters_rating() -> None:
    data = f.data(programmes=[QUARTERLY], updates={"alpha": [f.update("2026-09", "amber")]})
    assert status_in(data, "alpha", "2026-11") == "amber"
    assert status_in(data, "alpha", "2026-12") == "stale"
