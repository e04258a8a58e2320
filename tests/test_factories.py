"""The inline test factories build valid models."""

from __future__ import annotations

from factories import data, programme, update


def test_factories_build_a_consistent_portfolio() -> None:
    d = data(
        programmes=[programme("b"), programme("a")],
        updates={"a": [update("2026-11", "amber"), update("2026-10")]},
    )
    assert list(d.programmes) == ["a", "b"]
    assert d.latest_update("a", "2026-11") is not None
    assert d.update("a", "2026-11").rag.overall == "amber"  # type: ignore[union-attr]
    assert d.periods() == ["2026-10", "2026-11"]
