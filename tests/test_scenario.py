"""The scenario optimiser: exact (agrees with brute force), explains itself, deterministic."""

from __future__ import annotations

import argparse
import json
import math
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factories import data, portfolio, programme
from pmo import scenario_cmd
from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import period_range
from pmo.analysis.q1_resources import capacity
from pmo.analysis.scenario import optimise
from pmo.analysis.scenario_frontier import answer_with_frontier, frontier
from pmo.analysis.scenario_solve import LinearConstraint, solve
from pmo.model import Programme

PORTFOLIO = Path(__file__).resolve().parents[1] / "portfolio"
PERIOD = "2026-11"
MONTHS = period_range("2026-09", "2027-04")  # lines may start before the period: ignored
CRITERIA = ("strategic-fit", "statutory", "financial", "deliverability", "readiness")


def prog(
    pid: str,
    *,
    costs: dict[str, int] | None = None,
    resources: list[dict[str, Any]] | None = None,
    score: int | None = 3,
    stage: str = "business-case",
    **overrides: Any,
) -> Programme:
    """A programme with costs in £ by FY, resource lines and the same score on every criterion."""
    bc = {
        "stage": "FBC",
        "status": "approved" if stage == "delivery" else "draft",
        "costs": {fy: {"revenue": c} for fy, c in (costs or {}).items()},
    }
    scores = dict.fromkeys(CRITERIA, score) if score else {}
    res = resources or []
    return programme(pid, stage=stage, scores=scores, business_case=bc, resources=res, **overrides)


def line(role: str, fte: float, first: str, last: str) -> dict[str, Any]:
    """A resource line."""
    return {"role": role, "fte": fte, "from": first, "to": last}


def committed(p: Programme) -> bool:
    """Live work: mandatory, an approved case, or in delivery or closing."""
    approved = p.business_case is not None and p.business_case.status == "approved"
    return p.mandatory or approved or p.stage in ("delivery", "closing")


def brute_force(
    d: PortfolioData, include: set[str], exclude: set[str], reconsider: bool = False
) -> float | None:
    """The optimum by enumerating every subset (None: no feasible subset).

    Committed work is in unless reconsidered or excluded (mandatory always); a programme
    without scores is out when it is a proposal and in when it is live, unless forced.
    """
    cands = [p for p in d.programmes.values() if p.stage != "closed"]
    n = len(cands)
    rows: list[tuple[list[float], float]] = []
    for fy, limit in d.config.envelope.items():
        if fy >= "2026/27":
            coefs = []
            for p in cands:
                line_ = p.business_case.costs.get(fy) if p.business_case else None
                coefs.append(line_.capital + line_.revenue if line_ else 0.0)
            rows.append((coefs, limit))
    last = max((r.to for p in cands for r in p.resources), default=PERIOD)
    for role in d.config.capacity:
        for month in period_range(PERIOD, last):  # the period on (as Q1's capacity window)
            cap = d.config.capacity[role]
            limit = cap["2027-02"] if "2027-02" in cap and month >= "2027-02" else cap["fte"]
            coefs = [
                sum(r.fte for r in p.resources if r.role == role and r.from_ <= month <= r.to)
                for p in cands
            ]
            rows.append((coefs, limit))
    masks = (np.arange(2**n)[:, None] >> np.arange(n)[None, :]) & 1
    ok = np.ones(2**n, dtype=bool)
    fixed = np.zeros(n)
    for i, p in enumerate(cands):
        must = p.mandatory or (committed(p) and not reconsider) or (committed(p) and not p.scores)
        if p.id not in include and must and (p.mandatory or p.id not in exclude):
            fixed[i] = 1  # fixed work: where it alone breaks a row, the row is relaxed to it
        if p.id in include or fixed[i]:
            ok &= masks[:, i] == 1
        if p.id in exclude or (not p.scores and not committed(p) and p.id not in include):
            ok &= masks[:, i] == 0
    for coefs, limit in rows:
        scale = max(limit, *coefs, 1e-12)
        used = float(fixed @ np.array(coefs, dtype=float))
        if used > limit + 1e-9 * scale:
            limit = used
        ok &= masks @ np.array(coefs, dtype=float) <= limit + 1e-9 * scale
    if not ok.any():
        return None
    weights = {c.id: c.weight for c in d.config.criteria}
    values = np.array([sum(weights[k] * s for k, s in p.scores.items()) / 100 for p in cands])
    return float((masks[ok] @ values).max())


@st.composite
def instances(draw: st.DrawFn) -> tuple[PortfolioData, set[str], set[str], bool]:
    n = draw(st.one_of(st.integers(0, 12), st.integers(9, 12)))
    progs = []
    for k in range(n):
        costs = {fy: 1000 * draw(st.integers(0, 400)) for fy in ("2025/26", "2026/27", "2027/28")}
        res = []
        for _ in range(draw(st.integers(0, 2))):
            a, b = sorted(draw(st.lists(st.sampled_from(MONTHS), min_size=2, max_size=2)))
            role = draw(st.sampled_from(("programme-manager", "business-analyst")))
            res.append(line(role, 0.25 * draw(st.integers(1, 8)), a, b))
        stage = draw(st.sampled_from(("pipeline", "business-case", "delivery", "closed")))
        score = draw(st.one_of(st.none(), st.integers(1, 5)))
        progs.append(
            prog(
                f"p{k:02d}",
                costs=costs,
                resources=res,
                score=score,
                stage=stage,
                mandatory=draw(st.integers(0, 9)) == 0,
            )
        )
    config = portfolio(
        envelope={fy: 1000 * draw(st.integers(300, 3000)) for fy in ("2026/27", "2027/28")},
        capacity={
            "programme-manager": 0.25 * draw(st.integers(2, 24)),
            "business-analyst": {
                "fte": 0.25 * draw(st.integers(2, 24)),
                "2027-02": 0.25 * draw(st.integers(2, 24)),
            },
        },
    )
    free = [p.id for p in progs if not p.mandatory and p.stage != "closed"]
    include = set(draw(st.lists(st.sampled_from(free), max_size=2))) if free else set()
    rest = [p.id for p in progs if not p.mandatory and p.id not in include]
    exclude = set(draw(st.lists(st.sampled_from(rest), max_size=3))) if rest else set()
    return data(config, progs), include, exclude, draw(st.booleans())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_optimiser_agrees_with_brute_force(
    instance: tuple[PortfolioData, set[str], set[str], bool],
) -> None:
    d, include, exclude, reconsider = instance
    result = optimise(d, PERIOD, include=include, exclude=exclude, reconsider_committed=reconsider)
    best = brute_force(d, include, exclude, reconsider)
    if best is None:
        assert result.status == "infeasible"
        assert result.violations and result.objective is None and result.chosen == ()
        return
    assert result.status == "optimal" and result.mip_gap == 0 and result.proven
    assert result.objective is not None and abs(result.objective - best) <= 1e-9
    assert result.bound is not None and abs(result.bound - best) <= 1e-9
    chosen = set(result.chosen)
    assert include <= chosen and not (exclude & chosen)
    assert {p.id for p in d.programmes.values() if p.mandatory and p.stage != "closed"} <= chosen
    over_fy = {v.fy for v in result.over_committed}
    over_month = {(v.role, v.month) for v in result.over_committed}
    assert all(t.left >= -0.01 or t.fy in over_fy for t in result.totals)
    assert all(
        u.demand <= u.capacity + 1e-9 or (u.role, u.month) in over_month for u in result.utilisation
    )
    again = optimise(d, PERIOD, include=include, exclude=exclude, reconsider_committed=reconsider)
    assert result == again  # deterministic
    live = {p.id for p in d.programmes.values() if committed(p) and p.stage != "closed"}
    assert {s.id for s in result.stopped} == live - chosen


def test_forced_in_and_out_and_mandatory_are_honoured() -> None:
    d = data(
        portfolio(envelope={"2026/27": 1_000_000}),
        [
            prog("big", costs={"2026/27": 900_000}, score=5),
            prog("low", costs={"2026/27": 300_000}, score=1),
            prog("must", costs={"2026/27": 100_000}, score=1, mandatory=True),
            prog("mid", costs={"2026/27": 500_000}, score=3),
        ],
    )
    free = optimise(d, PERIOD)
    assert free.chosen == ("big", "must")
    forced = optimise(d, PERIOD, include=["low"], exclude=["big"])
    assert forced.chosen == ("low", "mid", "must")
    reasons = {e.id: e.reason for e in forced.excluded}
    assert reasons["big"].kind == "forced-out" and reasons["big"].text == "forced out"
    assert forced.forced_in == ("low", "must") and forced.forced_out == ("big",)


def test_infeasible_names_each_constraint_the_included_programmes_break() -> None:
    d = data(
        portfolio(envelope={"2026/27": 1_000_000}, capacity={"programme-manager": 2}),
        [
            prog("a", costs={"2026/27": 600_000}, mandatory=True),
            prog("b", costs={"2026/27": 300_000}, mandatory=True),
            prog("c", resources=[line("programme-manager", 2.5, "2027-01", "2027-02")]),
            prog("e", costs={"2026/27": 200_000}),
            prog("d", costs={"2026/27": 1}),
        ],
    )
    result = optimise(d, PERIOD, include=["c", "e"])
    assert result.status == "infeasible" and result.objective is None
    texts = [v.text for v in result.violations]
    assert texts == [
        "mandatory and included programmes alone need £1.1m in 2026/27 against an envelope of "
        "£1.0m: £100k over",
        "included programme c alone needs 2.5 FTE of programme manager in 2027-01 against a "
        "capacity of 2 FTE: 0.5 FTE over",
        "included programme c alone needs 2.5 FTE of programme manager in 2027-02 against a "
        "capacity of 2 FTE: 0.5 FTE over",
    ]
    assert result.violations[0].over == pytest.approx(100_000)
    assert result.violations[0].programmes == ("a", "b", "e")


def test_the_no_capacity_note_names_roles_by_title_as_q1_does_and_the_json_keeps_ids() -> None:
    from pmo.analysis.scenario_explain import uncapacitated_note
    from pmo.present.words import role_title
    from pmo.tui.views_scenario import notes

    d = data(
        portfolio(envelope={"2026/27": 1_000_000}, capacity={"programme-manager": 2}),
        [
            prog("a", resources=[line("business-analyst", 1, "2027-01", "2027-02")]),
            prog("b", resources=[line("data-analyst", 0.5, "2027-01", "2027-01")]),
        ],
    )
    result = optimise(d, PERIOD)
    assert result.uncapacitated == ("business-analyst", "data-analyst")  # ids for machines
    assert result.as_dict()["uncapacitated"] == ["business-analyst", "data-analyst"]
    note = (
        "No capacity is recorded for Business analyst and Data analyst: those roles are not a "
        "constraint (pmo cannot tell whether the chosen set fits)."
    )
    assert uncapacitated_note(result) == note
    assert role_title("business-analyst") in note  # the one title lookup Q1 uses
    assert (note, "information") in notes(result)  # the TUI's scenario says the same


def test_committed_work_over_a_limit_is_reported_and_proposals_still_chosen() -> None:
    d = data(
        portfolio(envelope={"2026/27": 1_000_000}, capacity={"programme-manager": 2}),
        [
            prog("live", stage="delivery", costs={"2026/27": 1_100_000}),
            prog(
                "must",
                mandatory=True,
                resources=[line("programme-manager", 3, "2027-01", "2027-01")],
            ),
            prog("needs-money", costs={"2026/27": 10_000}, score=5),
            prog("needs-pm", resources=[line("programme-manager", 0.5, "2027-01", "2027-01")]),
            prog("fits", resources=[line("programme-manager", 0.5, "2027-02", "2027-02")], score=1),
        ],
    )
    result = optimise(d, PERIOD)
    assert result.status == "optimal" and result.chosen == ("fits", "live", "must")
    assert [v.text for v in result.over_committed] == [
        "committed programme live alone needs £1.1m in 2026/27 against an envelope of £1.0m: "
        "£100k over",
        "mandatory programme must alone needs 3 FTE of programme manager in 2027-01 against a "
        "capacity of 2 FTE: 1 FTE over",
    ]
    reasons = {e.id: e.reason.text for e in result.excluded}
    assert reasons == {
        "needs-money": "envelope 2026/27: needs £10k, £0 left",
        "needs-pm": "Programme manager in 2027-01: needs 0.5 FTE, 0 left",
    }


def test_binding_constraint_explains_each_exclusion() -> None:
    d = data(
        portfolio(
            envelope={"2026/27": 1_000_000, "2027/28": 1_000_000},
            capacity={"business-analyst": 3},
        ),
        [
            prog("costly", costs={"2026/27": 800_000}, score=5),
            prog("cheap", costs={"2026/27": 400_000}, score=2),
            prog("busy", resources=[line("business-analyst", 2.5, "2027-01", "2027-03")], score=5),
            prog(
                "helper", resources=[line("business-analyst", 1.0, "2027-01", "2027-01")], score=1
            ),
            prog("nothing", score=None),
        ],
    )
    result = optimise(d, PERIOD)
    assert result.chosen == ("busy", "costly")
    reasons = {e.id: e.reason for e in result.excluded}
    assert reasons["cheap"].text == "envelope 2026/27: needs £400k, £200k left"
    assert (reasons["cheap"].needs, reasons["cheap"].left) == (400_000, 200_000)
    assert reasons["helper"].text == "Business analyst in 2027-01: needs 1 FTE, 0.5 left"
    assert reasons["nothing"].kind == "unvalued"
    assert result.unvalued == ("nothing",)
    assert [(t.fy, t.cost, t.left) for t in result.totals] == [
        ("2026/27", 800_000, 200_000),
        ("2027/28", 0, 1_000_000),
    ]


def test_least_slack_constraint_is_the_one_named() -> None:
    d = data(
        portfolio(envelope={"2026/27": 1_000_000, "2027/28": 1_000_000}),
        [
            prog("a", costs={"2026/27": 700_000, "2027/28": 900_000}, score=5),
            prog("b", costs={"2026/27": 400_000, "2027/28": 300_000}, score=1),
        ],
    )
    reason = optimise(d, PERIOD).excluded[0].reason
    assert reason.text == "envelope 2027/28: needs £300k, £100k left" and reason.others == 1


def test_past_years_closed_programmes_and_past_months_are_not_constrained() -> None:
    d = data(
        portfolio(envelope={"2025/26": 1, "2026/27": 1_000_000}, capacity={"data-analyst": 1}),
        [
            prog("a", costs={"2025/26": 5_000_000, "2026/27": 100_000}),
            prog("b", resources=[line("data-analyst", 5, "2026-01", "2026-10")]),
            prog("gone", stage="closed", costs={"2026/27": 5_000_000}),
        ],
    )
    result = optimise(d, PERIOD)
    assert result.chosen == ("a", "b") and result.years == ("2026/27",)
    assert [c.id for c in result.candidates] == ["a", "b"]
    assert result.horizon == ()


def test_equal_value_ties_are_broken_by_cost_then_id() -> None:
    progs = [
        prog("x", costs={"2026/27": 600_000}),
        prog("y", costs={"2026/27": 500_000}),
        prog("z", costs={"2026/27": 500_000}),
    ]
    d = data(portfolio(envelope={"2026/27": 700_000}), progs)
    assert optimise(d, PERIOD).chosen == ("y",)
    assert {optimise(d, PERIOD).chosen for _ in range(5)} == {("y",)}
    reordered = data(portfolio(envelope={"2026/27": 700_000}), progs[::-1])
    assert optimise(reordered, PERIOD).chosen == ("y",)


def test_unknown_ids_are_a_value_error_with_close_matches() -> None:
    d = data(programmes=[prog("edge-of-care"), prog("must", mandatory=True)])
    with pytest.raises(ValueError, match=r"--include edge-of-car: .*'edge-of-care'"):
        optimise(d, PERIOD, include=["edge-of-car"])
    with pytest.raises(ValueError, match="mandatory"):
        optimise(d, PERIOD, exclude=["must"])
    with pytest.raises(ValueError, match="both included and excluded"):
        optimise(d, PERIOD, include=["edge-of-care"], exclude=["edge-of-care"])


def test_frontier_is_non_decreasing_in_value() -> None:
    rng = np.random.default_rng(7)
    progs = [
        prog(
            f"p{k:02d}",
            costs={"2026/27": int(rng.integers(1, 400)) * 1000, "2027/28": 1000},
            resources=[line("programme-manager", 0.5, "2026-12", "2027-06")],
            score=int(rng.integers(1, 6)),
            mandatory=k == 0,
        )
        for k in range(12)
    ]
    d = data(portfolio(envelope={"2026/27": 1_500_000, "2027/28": 1_000_000}), progs)
    points = frontier(d, PERIOD, scales=(0.0, 0.3, 0.6, 0.9, 1.0, 1.3, 2.0))
    assert points[0].status == "optimal" and points[0].chosen_count == 1  # the mandatory one
    values = [p.value for p in points if p.value is not None]
    assert values == sorted(values) and len(values) == 7 and values[0] < values[-1]
    included = frontier(d, PERIOD, scales=(0.0, 1.0), include=["p01"])
    assert included[0].status == "infeasible" and included[0].value is None
    assert [p.envelope_total for p in points][-1] == 5_000_000
    assert points[4].value == optimise(d, PERIOD).objective


def _frontier_data() -> Any:
    rng = np.random.default_rng(11)
    progs = [
        prog(
            f"p{k:02d}",
            costs={"2026/27": int(rng.integers(1, 400)) * 1000},
            resources=[line("programme-manager", 0.5, "2026-12", "2027-06")],
            score=int(rng.integers(1, 6)),
        )
        for k in range(12)
    ]
    return data(portfolio(envelope={"2026/27": 1_200_000}), progs)


def test_answer_with_frontier_is_the_answer_and_the_frontier_solved_apart() -> None:
    d = _frontier_data()
    result, points = answer_with_frontier(d, PERIOD, scales=(0.5, 1.0, 1.5), envelope_scale=0.8)
    assert result == optimise(d, PERIOD, envelope_scale=0.8)
    assert [p.scale for p in points] == [0.5, 0.8, 1.0, 1.5]
    assert points == frontier(d, PERIOD, scales=(0.5, 0.8, 1.0, 1.5))
    assert points[1].value == result.objective and points[1].status == result.status


def test_answer_with_frontier_stops_the_frontier_when_the_answer_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from pmo.analysis import scenario_frontier

    real = scenario_frontier._solve_at
    stops: list[Any] = []

    def failing(problem: Any, scale: float, limit: Any, stop: Any = None) -> Any:
        if stop is None:  # the answer (the frontier's points are given a stop)
            raise RuntimeError("solver gave up")
        stops.append(stop)
        return real(problem, scale, limit, stop)

    monkeypatch.setattr(scenario_frontier, "_solve_at", failing)
    with pytest.raises(RuntimeError, match="gave up"):
        answer_with_frontier(_frontier_data(), PERIOD, scales=(0.5, 1.5))
    assert stops and all(stop() for stop in stops)  # the frontier was told it is not wanted
    with pytest.raises(ValueError, match="time limit"):
        answer_with_frontier(_frontier_data(), PERIOD, time_limit=-1.0)


def test_result_as_dict_is_plain_json_without_timing() -> None:
    d = data(programmes=[prog("a", costs={"2026/27": 10})])
    doc = optimise(d, PERIOD).as_dict()
    assert "solve_seconds" not in doc and doc["chosen"] == ["a"]
    assert json.loads(json.dumps(doc)) == doc


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="pmo")
    scenario_cmd.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["scenario", *argv])
    code: int = args.func(args)
    return code


def test_command_on_the_sample_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(str(PORTFOLIO), "--period", PERIOD, "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "optimal" and doc["mip_gap"] == 0 and doc["proven"] is True
    assert doc["bound"] == doc["objective"] and not doc["reconsider_committed"]
    assert set(doc["timing"]) == {"solve_seconds", "time_limit"} and len(doc["frontier"]) == 7
    assert all(e["reason"]["text"] for e in doc["excluded"])


def test_command_text_names_roles_in_words_as_q1_does(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(str(PORTFOLIO), "--period", PERIOD, "--reconsider-committed") == 0
    out = capsys.readouterr().out
    assert "Business analyst " in out and "FTE of business analyst" in out  # table, stop line
    assert not any(slug in out for slug in ("business-analyst", "project-manager"))


def test_piped_text_keeps_each_sentence_on_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(str(PORTFOLIO), "--period", PERIOD, "--reconsider-committed") == 0
    lines = capsys.readouterr().out.splitlines()
    stop = [line for line in lines if line.startswith("  - elective-home-education (")]
    stop = [line for line in stop if ": frees " in line]  # not its why-out line
    assert len(stop) == 1 and stop[0].endswith("FTE of project manager")
    why = [line for line in lines if line.startswith("  - social-care-ai-recording (")]
    assert len(why) == 1 and why[0].endswith(" more)")  # the reason whole, on its line


def test_command_text_and_infeasible_are_answers(capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(str(PORTFOLIO), "--period", PERIOD) == 0
    out = capsys.readouterr().out
    assert "OPTIMAL" in out and "Efficient frontier" in out
    assert _run(str(PORTFOLIO), "--period", PERIOD, "--envelope-scale", "0.2") == 0
    out = capsys.readouterr().out
    assert "Committed work alone already exceeds" in out
    assert "funds none of the 4 valued proposals; committed work alone already exceeds" in out
    args = ("--envelope-scale", "0.2", "--include", "edge-of-care-service")
    assert _run(str(PORTFOLIO), "--period", PERIOD, *args) == 0
    out = capsys.readouterr().out
    assert "INFEASIBLE" in out and "over" in out


def test_command_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(str(PORTFOLIO), "--include", "edge-of-car") == 2
    assert "did you mean 'edge-of-care-service'" in capsys.readouterr().err
    assert _run(str(tmp_path)) == 2
    (tmp_path / "portfolio.yaml").write_text("name: x\n", encoding="utf-8")
    assert _run(str(tmp_path)) == 2
    assert "pmo validate" in capsys.readouterr().err


def test_command_warns_about_invalid_programmes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "portfolio"
    shutil.copytree(PORTFOLIO, root)
    (root / "programmes" / "care-leavers-offer" / "programme.yaml").write_text(
        "id: care-leavers-offer\n", encoding="utf-8"
    )
    assert _run(str(root), "--period", PERIOD, "--format", "json") == 0
    captured = capsys.readouterr()
    assert "1 programme cannot be read: counted as unreadable" in captured.err
    assert "programmes/care-leavers-offer/programme.yaml" in captured.err
    assert "care-leavers-offer" not in json.loads(captured.out)["chosen"]


@st.composite
def raw_problems(
    draw: st.DrawFn, on_grid: bool
) -> tuple[list[float], list[LinearConstraint], list[int]]:
    n = draw(st.integers(1, 10))
    if on_grid:  # few distinct values: many ties for the rank sum to settle
        values = [0.05 * draw(st.integers(0, 4)) for _ in range(n)]
    else:
        values = [draw(st.floats(0.1, 5.0)) * math.sqrt(2) for _ in range(n)]
    rows = []
    for _ in range(draw(st.integers(1, 3))):
        coefs = {i: float(draw(st.integers(1, 9))) for i in range(n) if draw(st.booleans())}
        rows.append(LinearConstraint(float(draw(st.integers(0, 20))), coefs))
    ranks = draw(st.permutations(list(range(1, n + 1))))
    return values, rows, list(ranks)


def _best_by_brute_force(
    values: list[float], rows: list[LinearConstraint], ranks: list[int]
) -> tuple[float, int]:
    best: tuple[float, int] = (-1.0, 0)
    for mask in range(2 ** len(values)):
        chosen = frozenset(i for i in range(len(values)) if mask >> i & 1)
        if all(r.fits(r.activity(chosen)) for r in rows):
            value = math.fsum(values[i] for i in sorted(chosen))
            key = (value, -sum(ranks[i] for i in chosen))
            if key[0] > best[0] + 1e-9 or (abs(key[0] - best[0]) <= 1e-9 and key[1] > best[1]):
                best = key
    return best[0], -best[1]


@settings(max_examples=120, deadline=None)
@given(st.booleans().flatmap(raw_problems))
def test_solve_maximises_value_then_minimises_rank_sum(
    problem: tuple[list[float], list[LinearConstraint], list[int]],
) -> None:
    values, rows, ranks = problem
    n = len(values)
    solved = solve(values, rows, [0] * n, [1] * n, ranks)
    assert solved.chosen is not None and solved.mip_gap == 0
    value, rank_sum = _best_by_brute_force(values, rows, ranks)
    assert abs(math.fsum(values[i] for i in sorted(solved.chosen)) - value) <= 1e-9
    assert sum(ranks[i] for i in solved.chosen) == rank_sum


def test_by_default_live_work_is_fixed_and_the_choice_is_among_proposals() -> None:
    d = data(
        portfolio(envelope={"2026/27": 1_000_000}),
        [
            prog("live", stage="delivery", costs={"2026/27": 600_000}, score=1),
            prog("closing", stage="closing", costs={"2026/27": 100_000}, score=1),
            prog("better", stage="pipeline", costs={"2026/27": 600_000}, score=5),
            prog("small", stage="feasibility", costs={"2026/27": 300_000}, score=2),
        ],
    )
    result = optimise(d, PERIOD)
    assert result.chosen == ("closing", "live", "small")
    assert result.fixed == ("closing", "live") and result.stopped == ()
    reconsidered = optimise(d, PERIOD, reconsider_committed=True)
    assert reconsidered.chosen == ("better", "closing", "small")
    assert [(s.id, s.costs) for s in reconsidered.stopped] == [("live", {"2026/27": 600_000})]
    assert [(t.fy, t.cost) for t in reconsidered.freed] == [("2026/27", 600_000)]


def test_the_period_month_is_constrained_as_in_q1s_capacity_window() -> None:
    d = data(
        portfolio(envelope={"2026/27": 1_000_000}, capacity={"data-analyst": 1}),
        [prog("p", resources=[line("data-analyst", 2, "2026-11", "2026-11")], score=4)],
    )
    result = optimise(d, PERIOD)
    assert result.chosen == () and result.horizon == ("2026-11",)
    assert capacity(d, PERIOD).months[0] == result.horizon[0] == PERIOD


def test_proposals_that_cannot_be_valued_are_named_not_ranked() -> None:
    d = data(
        portfolio(envelope={"2026/27": 1_000_000}),
        [
            prog("scored", stage="pipeline", costs={"2026/27": 1_000}),
            programme(
                "half",
                stage="pipeline",
                scores={"strategic-fit": 5},
                business_case={"stage": "SOC", "status": "draft"},
            ),
            prog("live-unscored", stage="delivery", score=None, costs={"2026/27": 1_000}),
        ],
    )
    result = optimise(d, PERIOD, reconsider_committed=True)
    assert result.unvalued == ("half",)
    assert "live-unscored" in result.chosen and "half" not in result.chosen
    reason = {e.id: e.reason for e in result.excluded}["half"]
    assert reason.kind == "unvalued"
    assert reason.text == (
        "cannot be valued: no score for statutory, financial, deliverability, readiness"
    )


def test_reconsider_says_which_live_programmes_it_stops(
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ("--period", PERIOD, "--envelope-scale", "0.8", "--reconsider-committed")
    assert _run(str(PORTFOLIO), *args) == 0
    out = capsys.readouterr().out
    assert "It would stop these live programmes:" in out and "Together they free £" in out
    assert _run(str(PORTFOLIO), *args, "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["reconsider_committed"] and doc["stopped"] and doc["freed"]
    stopped = {s["id"] for s in doc["stopped"]}
    assert stopped and not stopped & set(doc["chosen"])


def test_a_time_limit_never_claims_optimal_without_proof() -> None:
    rng = np.random.default_rng(3)
    values = [float(rng.integers(1, 100)) * 0.05 for _ in range(120)]
    rows = [
        LinearConstraint(
            3000.0, {i: float(rng.integers(50, 800)) for i in range(120) if rng.random() < 0.5}
        )
        for _ in range(30)
    ]
    solved = solve(values, rows, [0] * 120, [1] * 120, list(range(1, 121)), time_limit=0.05)
    assert solved.chosen is not None and solved.bound is not None
    value = math.fsum(values[i] for i in sorted(solved.chosen))
    assert solved.bound >= value - 1e-9
    if solved.proven:
        assert solved.mip_gap == 0 and abs(solved.bound - value) <= 1e-9
    elif math.isfinite(solved.bound):
        assert solved.mip_gap == pytest.approx((solved.bound - value) / solved.bound)
        assert solved.mip_gap > 0
    else:  # stopped before HiGHS had a bound (a loaded machine): unknown, never 0
        assert solved.mip_gap == math.inf


def test_a_stop_request_ends_the_search_without_claiming_optimal() -> None:
    rng = np.random.default_rng(3)
    values = [float(rng.integers(1, 100)) * 0.05 for _ in range(120)]
    rows = [
        LinearConstraint(
            3000.0, {i: float(rng.integers(50, 800)) for i in range(120) if rng.random() < 0.5}
        )
        for _ in range(30)
    ]
    asked: list[bool] = []

    def stop() -> bool:
        asked.append(True)
        return True

    solved = solve(values, rows, [0] * 120, [1] * 120, list(range(1, 121)), stop=stop)
    assert asked and not solved.proven and solved.chosen is not None
    value = math.fsum(values[i] for i in sorted(solved.chosen))
    assert solved.bound is not None and solved.bound >= value
    if math.isfinite(solved.bound):
        assert solved.mip_gap == pytest.approx((solved.bound - value) / solved.bound)
    else:  # stopped before HiGHS had a bound: the gap is unknown, never 0
        assert solved.mip_gap == math.inf


def test_json_of_a_search_stopped_before_any_bound_is_strict_and_says_unknown(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from pmo.analysis import scenario as scenario_module
    from pmo.analysis.scenario_solve import Solved

    real = scenario_module.solve

    def unbounded(values: Any, rows: Any, lower: Any, upper: Any, ranks: Any, **kw: Any) -> Any:
        found = real(values, rows, lower, upper, ranks, **kw)
        return Solved(found.chosen, math.inf, 0.5, math.inf, proven=False)

    monkeypatch.setattr(scenario_module, "solve", unbounded)
    assert _run(str(PORTFOLIO), "--period", PERIOD, "--format", "json") == 0
    doc = json.loads(capsys.readouterr().out, parse_constant=pytest.fail)
    assert doc["status"] == "best-found" and doc["proven"] is False
    assert doc["bound"] is None and doc["mip_gap"] is None
    assert all(p["mip_gap"] is None and p["status"] == "best-found" for p in doc["frontier"])
    assert _run(str(PORTFOLIO), "--period", PERIOD) == 0
    out = capsys.readouterr().out
    assert "BEST FOUND" in out and "within an unknown share of the best possible" in out
    assert "OPTIMAL" not in out


@st.composite
def forced_problems(draw: st.DrawFn) -> tuple[Any, ...]:
    """Portfolio-like rows (money in £1k steps, FTE in quarters, some identical or implied,
    some never binding), programmes forced in or out, many equal values."""
    n = draw(st.integers(1, 9))
    values = [0.05 * draw(st.integers(0, 3)) for _ in range(n)]
    lower = [int(draw(st.integers(0, 5)) == 0) for _ in range(n)]
    upper = [1 if lower[i] else int(draw(st.integers(0, 5)) > 0) for i in range(n)]
    rows = []
    for _ in range(draw(st.integers(1, 5))):
        unit = draw(st.sampled_from((1000.0, 0.25, 0.1)))
        coefs = {i: unit * draw(st.integers(1, 6)) for i in range(n) if draw(st.booleans())}
        forced = sum(v for i, v in coefs.items() if lower[i])
        limit = forced + unit * draw(st.integers(0, 12)) + draw(st.sampled_from((0.0, 0.01)))
        rows.append(LinearConstraint(limit, coefs))
        if draw(st.booleans()):  # an identical or implied row, as capacity months give
            rows.append(LinearConstraint(limit + unit * draw(st.integers(0, 2)), dict(coefs)))
    ranks = draw(st.permutations(list(range(1, n + 1))))
    return values, rows, lower, upper, list(ranks)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(forced_problems())
def test_the_reduced_model_keeps_the_exact_optimum(problem: tuple[Any, ...]) -> None:
    values, rows, lower, upper, ranks = problem
    solved = solve(values, rows, lower, upper, ranks)
    best: tuple[float, int] | None = None
    for mask in range(2 ** len(values)):
        chosen = frozenset(i for i in range(len(values)) if mask >> i & 1)
        if any(not lower[i] <= (i in chosen) <= upper[i] for i in range(len(values))):
            continue
        if all(r.fits(r.activity(chosen)) for r in rows):
            key = (math.fsum(values[i] for i in sorted(chosen)), -sum(ranks[i] for i in chosen))
            if (
                best is None
                or key[0] > best[0] + 1e-9
                or (abs(key[0] - best[0]) <= 1e-9 and key[1] > best[1])
            ):
                best = key
    assert best is not None and solved.chosen is not None and solved.proven
    assert abs(math.fsum(values[i] for i in sorted(solved.chosen)) - best[0]) <= 1e-9
    assert -sum(ranks[i] for i in solved.chosen) == best[1]


def test_reduction_drops_implied_and_slack_rows_and_orders_dominated_programmes() -> None:
    from pmo.analysis.scenario_model import reduce

    rows = [
        LinearConstraint(1.0, {0: 0.5, 1: 0.75, 2: 0.5}),  # month 1
        LinearConstraint(1.0, {0: 0.5, 1: 0.75}),  # month 2: implied by month 1
        LinearConstraint(1.0, {0: 0.5, 1: 0.75, 2: 0.5}),  # month 3: identical to month 1
        LinearConstraint(9.0, {0: 0.5, 1: 0.75, 2: 0.5}),  # never binds
        LinearConstraint(1.5, {0: 0.5, 1: 0.75, 3: 0.5}),  # 3 is forced in: as month 2
    ]
    values, ranks = [0.2, 0.1, 0.2, 0.3], [1, 2, 3, 4]
    reduced = reduce(values, rows, [0, 0, 0, 1], [1, 1, 1, 1], ranks, 1e-9)
    assert reduced.columns == [0, 1, 2] and reduced.forced_in == frozenset({3})
    assert reduced.dropped == 4
    # in quarters of an FTE over their common factor: 0.5, 0.75, 0.5 <= 1.0 is 2, 3, 2 <= 4
    assert reduced.matrix.tolist() == [[2.0, 3.0, 2.0]] and reduced.rhs.tolist() == [4.0]
    # 0 and 2 need no more than 1 and are worth more; 0 ties with 2 in value, ranks first
    assert sorted(reduced.pairs) == [(1, 0), (1, 2), (2, 0)]
