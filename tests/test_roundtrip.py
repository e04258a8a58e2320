"""Model -> YAML -> model is lossless (hypothesis), through pmo's own safe reader."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo.model import Portfolio, Programme, Update
from pmo.store.dump import dump_model
from pmo.store.model_errors import validate_doc
from pmo.store.yamlread import YamlDoc, parse_into

slugs = st.from_regex(r"\A[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}\Z")
text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufeff"),
    min_size=1,
    max_size=40,
)
dates = st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31))
periods = st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2020, 2035), st.integers(1, 12))
fys = st.integers(2020, 2035).map(lambda y: f"{y}/{(y + 1) % 100:02d}")
money = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
numbers = st.floats(min_value=-1e13, max_value=1e13, allow_nan=False, allow_infinity=False)
levels = st.integers(1, 5)
rags = st.sampled_from(["red", "amber", "green", "amber-red", "amber-green"])


def _opt(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


milestones = st.fixed_dictionaries(
    {"id": slugs, "title": text, "baseline": dates},
    optional={"current": dates, "forecast": dates, "actual": dates, "key": st.booleans()},
)
risks = st.fixed_dictionaries(
    {
        "id": slugs,
        "title": text,
        "category": slugs,
        "likelihood": levels,
        "impact": levels,
    },
    optional={
        "cause": text,
        "owner": text,
        "proximity": dates,
        "target": st.fixed_dictionaries({"likelihood": levels, "impact": levels}),
        "response": st.sampled_from(["treat", "tolerate", "transfer", "terminate"]),
        "status": st.sampled_from(["open", "closed"]),
    },
)
benefits = st.fixed_dictionaries(
    {
        "id": slugs,
        "title": text,
        "kind": st.sampled_from(["cashable", "non-cashable", "cost-avoidance", "qualitative"]),
    },
    optional={
        "owner": text,
        "measure": text,
        "direction": st.sampled_from(["up", "down"]),
        "baseline": st.fixed_dictionaries({"value": numbers, "date": dates}),
        "target": st.fixed_dictionaries({"value": numbers, "by": dates}),
        "profile": st.dictionaries(periods, numbers, max_size=4),
    },
)
resources = st.fixed_dictionaries(
    {
        "role": slugs,
        "fte": st.floats(min_value=0.1, max_value=10, allow_nan=False),
        "from": periods,
        "to": periods,
    },
    optional={"confirmed": st.booleans()},
)
programmes = st.fixed_dictionaries(
    {
        "id": slugs,
        "name": text,
        "kind": st.sampled_from(["programme", "project"]),
        "service": st.sampled_from(["children-families", "transformation"]),
        "sro": text,
        "manager": text,
        "stage": st.sampled_from(["pipeline", "delivery", "closed"]),
    },
    optional={
        "parent": slugs,
        "mandatory": st.booleans(),
        "summary": text,
        "start": dates,
        "end": st.fixed_dictionaries({"baseline": dates}, optional={"forecast": dates}),
        "objectives": st.dictionaries(slugs, st.integers(1, 3), max_size=3),
        "scores": st.dictionaries(slugs, levels, max_size=5),
        "budget": st.dictionaries(fys, money, max_size=3),
        "business_case": st.fixed_dictionaries(
            {"stage": st.sampled_from(["SOC", "FBC"]), "status": st.sampled_from(["draft"])},
            optional={
                "costs": st.dictionaries(
                    fys, st.fixed_dictionaries({"capital": money, "revenue": money}), max_size=3
                ),
                "savings": st.dictionaries(fys, money, max_size=3),
                "optimism_bias": st.floats(0, 1),
            },
        ),
        "milestones": st.lists(milestones, max_size=3),
        "risks": st.lists(risks, max_size=3),
        "resources": st.lists(resources, max_size=2),
        "benefits": st.lists(benefits, max_size=2),
        "dependencies": st.lists(st.fixed_dictionaries({"programme": slugs}), max_size=2),
    },
)
updates = st.fixed_dictionaries(
    {
        "period": periods,
        "submitted": dates,
        "by": text,
        "rag": st.fixed_dictionaries({"overall": rags}, optional={"cost": rags, "scope": rags}),
        "summary": text,
    },
    optional={
        "path_to_green": text,
        "achievements": st.lists(text, max_size=3),
        "decisions": st.lists(
            st.fixed_dictionaries({"title": text}, optional={"by": dates}), max_size=2
        ),
        "finance": st.fixed_dictionaries(
            {"spend_to_date": money, "forecast_outturn": money}, optional={"narrative": text}
        ),
        "benefits": st.dictionaries(slugs, numbers, max_size=3),
        "assurance": st.fixed_dictionaries({"rag": rags}, optional={"note": text}),
    },
)


def _reread(model: Any) -> Any:
    doc = YamlDoc(Path("x.yaml"))
    parse_into(doc, dump_model(model).encode("utf-8"))
    # control and invisible characters survive too; reading them only warns that they are there
    assert [p for p in doc.problems if p.code != "invisible-text"] == []
    return validate_doc(doc, type(model))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes)
def test_programme_survives_yaml_round_trip(data: dict[str, Any]) -> None:
    model = Programme.model_validate(data)
    assert _reread(model) == model


@settings(max_examples=150, deadline=None)
@given(updates)
def test_update_survives_yaml_round_trip(data: dict[str, Any]) -> None:
    model = Update.model_validate(data)
    assert _reread(model) == model


def test_portfolio_survives_yaml_round_trip() -> None:
    data = {
        "name": "P",
        "office": "O",
        "objectives": [{"id": "safe", "title": "Safe", "weight": 100}],
        "criteria": [{"id": "fit", "title": "Fit", "weight": 100, "group": "attractiveness"}],
        "envelope": {"2026/27": 100.5},
        "capacity": {"pm": 2, "ba": {"fte": 3, "2027-04": 2}},
        "risk": {"escalate_at": 15, "appetite": {"financial": 9}},
        "tolerances": {"schedule_days": 30, "cost_percent": 5, "benefit_percent": 10},
        "rag_key": {"green": "g", "amber": "a", "red": "r", "amber-red": "ar"},
    }
    model = Portfolio.model_validate(data)
    assert _reread(model) == model
