"""The efficient frontier, and the answer with its frontier in one time budget (two threads)."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

from pmo.analysis.data import PortfolioData
from pmo.analysis.scenario import DEFAULT_SCALES, _prepare, _Problem, _solve_at
from pmo.analysis.scenario_explain import FrontierPoint, ScenarioResult


def _point(problem: _Problem, result: ScenarioResult) -> FrontierPoint:
    scale = result.envelope_scale
    return FrontierPoint(
        scale=scale,
        envelope_total=math.fsum(problem.envelope[fy] * scale for fy in problem.years),
        value=result.objective,
        chosen_count=len(result.chosen),
        status=result.status,
        bound=result.bound,
        mip_gap=result.mip_gap,
    )


def _points(
    problem: _Problem,
    scales: Sequence[float],
    time_limit: float | None,
    stop: Callable[[], bool] | None = None,
) -> list[FrontierPoint]:
    each = None if time_limit is None else time_limit / max(len(scales), 1)
    return [_point(problem, _solve_at(problem, scale, each, stop)) for scale in scales]


def frontier(
    data: PortfolioData,
    period: str,
    scales: Sequence[float] = DEFAULT_SCALES,
    *,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    horizon: int | None = None,
    reconsider_committed: bool = False,
    time_limit: float | None = None,
) -> list[FrontierPoint]:
    """The efficient frontier: the best value at each envelope scale, in ``scales`` order;
    empty when no year has an envelope (its size would change nothing: never an "£0" frontier).

    ``time_limit`` is for the whole frontier, shared equally between the scales. A year with
    costs but no envelope is not limited at any scale (``envelope_total`` sums the years with
    one)."""
    problem = _prepare(data, period, include, exclude, horizon, reconsider_committed)
    if not problem.years:
        return []
    return _points(problem, scales, time_limit)


def answer_with_frontier(
    data: PortfolioData,
    period: str,
    scales: Sequence[float] = DEFAULT_SCALES,
    *,
    envelope_scale: float = 1.0,
    include: Iterable[str] = (),
    exclude: Iterable[str] = (),
    horizon: int | None = None,
    reconsider_committed: bool = False,
    time_limit: float | None = None,
) -> tuple[ScenarioResult, list[FrontierPoint]]:
    """The answer at ``envelope_scale`` (as ``optimise``) and the frontier at ``scales`` and
    ``envelope_scale``, in sorted order, within one ``time_limit``.

    The answer has the whole limit; the other scales are solved beside it in a second thread
    (HiGHS releases the GIL), sharing the same limit, so the whole takes about ``time_limit``
    rather than twice it. The frontier's point at ``envelope_scale`` is the answer itself.
    With no year that has an envelope the frontier is empty (see :func:`frontier`).
    """
    problem = _prepare(data, period, include, exclude, horizon, reconsider_committed)
    if time_limit is not None and not (math.isfinite(time_limit) and time_limit > 0):
        raise ValueError(f"time limit must be a number of seconds > 0, got {time_limit}")
    if not problem.years:
        return _solve_at(problem, envelope_scale, time_limit), []
    others = sorted({s for s in scales if s != envelope_scale})
    failed = threading.Event()  # the answer raised: the frontier is not wanted
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pmo-frontier") as pool:
        beside = pool.submit(_points, problem, others, time_limit, failed.is_set)
        try:
            result = _solve_at(problem, envelope_scale, time_limit)
        except BaseException:
            failed.set()
            raise
        points = beside.result()  # re-raises what the frontier raised
    every = sorted([*points, _point(problem, result)], key=lambda p: p.scale)
    return result, every
