"""Decisions for DMT: requests as small papers, the money asked against headroom, and the
decision and action log from earlier meetings (dmt/YYYY-MM.yaml outcomes)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pmo.analysis.answers import Answers
from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import previous_period
from pmo.analysis.q1 import Affordability
from pmo.model import Decision
from pmo.model.types import period_end
from pmo.present.numbers import money
from pmo.present.words import join_words, plural
from pmo.report.types import DecisionItem
from pmo.report.types_decisions import ActionItem, AskTotal, DecisionLog, OutcomeItem
from pmo.report.types_summary import AttentionItem

LISTED_AMOUNTS = 4
"""An asks-against-headroom line lists at most this many amounts, then gives the total."""


def _cost_text(paper: Decision) -> str | None:
    if not paper.cost:
        return None
    text = join_words([f"{money(v)} in {fy}" for fy, v in sorted(paper.cost.items())])
    return text if paper.from_envelope else f"{text} (funded outside the envelope)"


def decision_items(
    result: Answers, data: PortfolioData, meeting: date | None
) -> tuple[DecisionItem, ...]:
    """Every request of the period as a paper; ``urgent`` when needed by the meeting or before."""
    out = []
    for d in result.q2.decisions:
        paper = d.paper
        background = None
        if paper is not None:
            background = " ".join(x for x in (paper.background, paper.detail) if x) or None
        out.append(
            DecisionItem(
                source="PMO" if d.programme is None else data.programmes[d.programme].name,
                programme=d.programme,
                title=d.title,
                by=d.by.isoformat() if d.by else None,
                detail=background if paper is not None else d.detail,
                ref=paper.ref if paper else None,
                recommendation=paper.recommendation if paper else None,
                options=tuple(paper.options) if paper else (),
                cost=tuple(sorted(paper.cost.items())) if paper else (),
                cost_text=_cost_text(paper) if paper else None,
                from_envelope=paper.from_envelope if paper else True,
                urgent=bool(meeting and d.by and d.by <= meeting),
            )
        )
    return tuple(out)


def _ask_text(fy: str, amounts: Sequence[float], total: float, headroom: float | None) -> str:
    if len(amounts) <= LISTED_AMOUNTS:
        asked = " + ".join(money(a) for a in amounts)
    else:
        asked = f"{len(amounts)} requests totalling {money(total)}"
    if headroom is None:
        return f"{asked} asked in {fy}; no envelope is set for {fy}, so it cannot be checked."
    if headroom < 0:
        return (
            f"{asked} asked in {fy}, when committed spend is already {money(-headroom)} over "
            "the envelope."
        )
    if total > headroom:
        return (
            f"{asked} asked against {money(headroom)} headroom in {fy}: {money(total - headroom)}"
            " more than the headroom, so DMT cannot agree them all from the envelope."
        )
    return (
        f"{asked} asked against {money(headroom)} headroom in {fy}: within it "
        f"({money(headroom - total)} left)."
    )


def ask_totals(items: Sequence[DecisionItem], aff: Affordability) -> tuple[AskTotal, ...]:
    """The money asked in each FY (requests on the envelope only) against its headroom."""
    by_fy: dict[str, list[float]] = {}
    for item in items:
        if not item.from_envelope:
            continue
        for fy, amount in item.cost:
            if amount > 0:
                by_fy.setdefault(fy, []).append(amount)
    out = []
    for fy in sorted(by_fy):
        amounts = sorted(by_fy[fy], reverse=True)
        total = sum(amounts)
        year = aff.year(fy)
        headroom = year.headroom if year is not None else None
        over = None
        if headroom is not None and total > max(headroom, 0):
            over = total - max(headroom, 0)
        out.append(
            AskTotal(
                fy, tuple(amounts), total, headroom, over, _ask_text(fy, amounts, total, headroom)
            )
        )
    return tuple(out)


def ask_notes(
    items: Sequence[DecisionItem], totals: Sequence[AskTotal], meeting: date | None, period: str
) -> tuple[str, ...]:
    """The requests in sentences: money against headroom, needed-by dates, recommendations."""
    if not items:
        return ()
    notes = [t.text for t in totals]
    if meeting is None:
        notes.append(
            f"No meeting date is recorded (dmt/{period}.yaml), so needed-by dates cannot be "
            "checked against it."
        )
    else:
        urgent = sum(1 for i in items if i.urgent)
        if urgent:
            notes.append(
                f"{urgent} of {plural(len(items), 'request')} "
                f"{'is' if urgent == 1 else 'are'} needed by the meeting day ({meeting}) or "
                "earlier: there is no time to defer them."
            )
    without = sum(1 for i in items if not i.recommendation)
    if without:
        notes.append(
            f"{without} of {plural(len(items), 'request')} "
            f"{'comes' if without == 1 else 'come'} without a recommendation."
        )
    return tuple(notes)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _requests(data: PortfolioData, period: str) -> dict[str, str]:
    """Who asked each request of ``period``, by its title and its ref (normalised)."""
    asked: dict[str, str] = {}
    note = data.dmt.get(period)
    papers: list[tuple[str, Decision]] = [("PMO", d) for d in note.decisions] if note else []
    for pid in sorted(data.programmes):
        update = data.update(pid, period)
        if update is not None:
            papers.extend((data.programmes[pid].name, d) for d in update.decisions)
    for source, d in papers:
        asked.setdefault(_key(d.title), source)
        if d.ref:
            asked.setdefault(_key(d.ref), source)
    return asked


def decision_log(data: PortfolioData, period: str) -> DecisionLog:
    """Last meeting's outcomes and every open action from earlier meetings (pure)."""
    prev = previous_period(period)
    this = data.dmt.get(period)
    as_at = this.meeting if this and this.meeting else period_end(period)
    actions: list[ActionItem] = []
    outcomes: list[OutcomeItem] = []
    for when, dmt in sorted(data.dmt.items()):
        if when >= period:
            continue
        asked = _requests(data, when) if when == prev else {}
        for o in dmt.outcomes:
            items = tuple(
                ActionItem(
                    action=a.action,
                    owner=a.owner,
                    due=a.due.isoformat(),
                    done=a.done.isoformat() if a.done else None,
                    decision=o.decision,
                    meeting=when,
                    overdue=a.done is None and a.due < as_at,
                )
                for a in o.actions
            )
            actions.extend(a for a in items if a.done is None)
            if when == prev:
                outcomes.append(
                    OutcomeItem(o.decision, asked.get(_key(o.decision)), o.outcome, o.note, items)
                )
    actions.sort(key=lambda a: (not a.overdue, a.due, a.meeting, a.action))
    overdue = sum(1 for a in actions if a.overdue)
    previous = data.dmt.get(prev)
    meeting = previous.meeting.isoformat() if previous and previous.meeting else None
    if previous is None:
        note = (
            f"There is no PMO note for {prev} (dmt/{prev}.yaml): last meeting's outcomes "
            "are not recorded."
        )
    elif not previous.outcomes:
        note = (
            f"dmt/{prev}.yaml records no outcomes: add what DMT decided under outcomes "
            "(agreed, deferred, rejected or noted, with actions)."
        )
    else:
        note = (
            f"{plural(len(outcomes), 'outcome')} recorded for the {prev} meeting"
            + (f" ({meeting})" if meeting else "")
            + f"; {plural(len(actions), 'action')} still open from earlier meetings, "
            f"{overdue} overdue at {as_at.isoformat()}."
        )
    return DecisionLog(prev, meeting, tuple(outcomes), tuple(actions), overdue, note)


def asks_attention(totals: Sequence[AskTotal]) -> list[AttentionItem]:
    """Summary items: money asked beyond a year's headroom."""
    return [
        AttentionItem(f"Decisions: {t.text}", "decisions") for t in totals if t.over is not None
    ]


def log_attention(log: DecisionLog) -> list[AttentionItem]:
    """Summary item: actions from earlier DMT decisions that are overdue."""
    if not log.overdue:
        return []
    first = next(a for a in log.open_actions if a.overdue)
    return [
        AttentionItem(
            f"{plural(log.overdue, 'action')} from earlier DMT decisions "
            f"{'is' if log.overdue == 1 else 'are'} overdue, the oldest '{first.action}' "
            f"({first.owner}, due {first.due}).",
            "decisions",
        )
    ]
