"""What changed between two states of a portfolio, per programme, in the terms DMT uses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmo.model import Programme, Update
from pmo.model.types import fy_of_period
from pmo.model.update import DIMENSIONS
from pmo.present.numbers import money, number
from pmo.present.words import plural
from pmo.problem import Problem, error_count
from pmo.store import LoadedPortfolio, ProgrammeSource, Source
from pmo.store.source import M
from pmo.validate.unreadable import errors_by_file

Bad = Mapping[Path, object]
"""The unreadable files of one side (those with errors: ``errors_by_file``)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One change: its kind, a sentence, and the figures behind it (for JSON)."""

    kind: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ProgrammeChanges:
    """The changes of one programme: ``status`` is added, removed, changed or unreadable."""

    id: str
    name: str
    status: str
    changes: list[Change] = field(default_factory=list)


def _days(old: Any, new: Any) -> int:
    return int((new - old).days)


def _moved(days: int) -> str:
    if days > 0:
        return f"slipped {plural(days, 'day')}"
    return f"brought forward {plural(-days, 'day')}"


def _latest(prog: ProgrammeSource | None, bad: Bad) -> tuple[str, Update | None] | None:
    """The latest update file by period: (period, its model, or None when it is unreadable)."""
    if prog is None or not prog.updates:
        return None
    period = max(prog.updates)
    return period, _usable(prog.updates[period], bad)


def _usable(src: Source[M], bad: Bad) -> M | None:
    """A file's model, or None when it is unreadable (the one rule, see ``errors_by_file``)."""
    return None if src.file in bad else src.model


def _rag(
    old: ProgrammeSource | None, new: ProgrammeSource, old_bad: Bad, new_bad: Bad
) -> list[Change]:
    before, after = _latest(old, old_bad), _latest(new, new_bad)
    if after is None or after[1] is None:  # an unreadable latest update: no RAG move at all
        return []
    out = []
    if before is None or before[0] != after[0]:
        since = f" (since {before[0]})" if before else ""
        out.append(
            Change("update-added", f"update {after[0]} added{since}", {"period": after[0]})
            if before is None or before[0] < after[0]
            else Change("update-latest", f"latest update is now {after[0]}", {"period": after[0]})
        )
    if before is None:
        return out
    if before[1] is None:  # was unreadable: nothing to compare the rating with
        if before[0] == after[0]:
            out.append(
                Change(
                    "update-readable", f"{after[0]} update can be read now", {"period": after[0]}
                )
            )
        return out
    old_rag, new_rag = before[1].rag, after[1].rag
    moves = []
    for dim in ("overall", *DIMENSIONS):
        was, now = getattr(old_rag, dim), getattr(new_rag, dim)
        if was != now:
            moves.append({"dimension": dim, "from": was, "to": now})
    if moves:
        said = "; ".join(
            f"{m['dimension']} {m['from'] or 'none'} → {m['to'] or 'none'}" for m in moves
        )
        out.append(
            Change(
                "rag",
                f"RAG {said} ({before[0]} → {after[0]})",
                {"from_period": before[0], "to_period": after[0], "moves": moves},
            )
        )
    return out


def _unreadable_updates(
    old: ProgrammeSource | None, new: ProgrammeSource, old_bad: Bad, new_bad: Bad
) -> list[Change]:
    """Update files that became unreadable (or came unreadable): never read as a RAG move."""
    out = []
    for period, src in sorted(new.updates.items()):
        was = old.updates.get(period) if old else None
        if _usable(src, new_bad) is None and (was is None or _usable(was, old_bad) is not None):
            out.append(
                Change(
                    "update-unreadable",
                    f"{period} update unreadable (none of its data used; run pmo validate)",
                    {"period": period},
                )
            )
    return out


def _milestones(old: Programme, new: Programme) -> list[Change]:
    out = []
    before = {m.id: m for m in old.milestones}
    for m in new.milestones:
        was = before.pop(m.id, None)
        if was is None:
            out.append(
                Change(
                    "milestone-added",
                    f"milestone {m.id} added (baseline {m.baseline})",
                    {"milestone": m.id},
                )
            )
            continue
        if was.current != m.current and m.current is not None:
            start = was.current or was.baseline
            days = _days(start, m.current)
            out.append(
                Change(
                    "milestone-rebaselined",
                    f"milestone {m.id} re-baselined {start} → {m.current} ({_moved(days)})",
                    {"milestone": m.id, "from": str(start), "to": str(m.current), "days": days},
                )
            )
        if was.forecast != m.forecast and was.forecast and m.forecast:
            days = _days(was.forecast, m.forecast)
            out.append(
                Change(
                    "milestone-moved",
                    f"milestone {m.id} forecast {was.forecast} → {m.forecast} ({_moved(days)})",
                    {
                        "milestone": m.id,
                        "from": str(was.forecast),
                        "to": str(m.forecast),
                        "days": days,
                    },
                )
            )
        if was.actual is None and m.actual is not None:
            out.append(
                Change(
                    "milestone-met",
                    f"milestone {m.id} met on {m.actual}",
                    {"milestone": m.id, "actual": str(m.actual)},
                )
            )
    out.extend(
        Change("milestone-removed", f"milestone {mid} removed", {"milestone": mid})
        for mid in before
    )
    return out


def _risks(old: Programme, new: Programme) -> list[Change]:
    out = []
    before = {r.id: r for r in old.risks}
    for r in new.risks:
        was = before.pop(r.id, None)
        score = r.likelihood * r.impact
        if was is None:
            out.append(
                Change(
                    "risk-added",
                    f"risk {r.id} added: {r.title} (score {score})",
                    {"risk": r.id, "score": score},
                )
            )
            continue
        if was.status == "open" and r.status == "closed":
            out.append(Change("risk-closed", f"risk {r.id} closed", {"risk": r.id}))
        elif was.status == "closed" and r.status == "open":
            out.append(Change("risk-reopened", f"risk {r.id} reopened", {"risk": r.id}))
        old_score = was.likelihood * was.impact
        if (was.likelihood, was.impact) != (r.likelihood, r.impact):
            parts = [
                f"{what} {a} → {b}"
                for what, a, b in (
                    ("likelihood", was.likelihood, r.likelihood),
                    ("impact", was.impact, r.impact),
                )
                if a != b
            ]
            out.append(
                Change(
                    "risk-rescored",
                    f"risk {r.id} re-scored {old_score} → {score} ({', '.join(parts)})",
                    {"risk": r.id, "from": old_score, "to": score},
                )
            )
    out.extend(
        Change("risk-removed", f"risk {rid} removed from the register", {"risk": rid})
        for rid in before
    )
    return out


def _money_map(kind: str, what: str, old: dict[str, float], new: dict[str, float]) -> list[Change]:
    out = []
    for fy in sorted(set(old) | set(new)):
        was, now = old.get(fy), new.get(fy)
        if was != now:
            out.append(
                Change(
                    kind,
                    f"{what} {fy} {money(was)} → {money(now)}",
                    {"year": fy, "from": was, "to": now},
                )
            )
    return out


def _updates(
    old: ProgrammeSource | None, new: ProgrammeSource, old_bad: Bad, new_bad: Bad
) -> list[Change]:
    """Decisions added, measurements recorded and forecasts changed, update by update (an
    unreadable update file is not read at all)."""
    out: list[Change] = []
    usable = {p: m for p, src in new.updates.items() if (m := _usable(src, new_bad)) is not None}
    for period in sorted(usable):
        now = usable[period]
        src = old.updates.get(period) if old else None
        was = _usable(src, old_bad) if src else None
        titles = {d.title for d in was.decisions} if was else set()
        out.extend(
            Change(
                "decision-added",
                f"decision asked ({period}): {d.title}",
                {"period": period, "title": d.title},
            )
            for d in now.decisions
            if d.title not in titles
        )
        for ben, value in sorted(now.benefits.items()):
            if was is None or was.benefits.get(ben) != value:
                out.append(
                    Change(
                        "benefit-measured",
                        f"benefit {ben} measured {number(value)} ({period})",
                        {"period": period, "benefit": ben, "value": value},
                    )
                )
        old_fc = was.finance.forecast_outturn if was and was.finance else None
        new_fc = now.finance.forecast_outturn if now.finance else None
        if new_fc != old_fc:
            previous = old_fc
            if was is None:  # a new month: compare with the month before it
                earlier = [p for p in usable if p < period]
                prior = usable[max(earlier)] if earlier else None
                previous = prior.finance.forecast_outturn if prior and prior.finance else None
                if previous == new_fc:
                    continue
            out.append(
                Change(
                    "forecast",
                    f"forecast outturn {fy_of_period(period)} ({period}) "
                    f"{money(previous)} → {money(new_fc)}",
                    {"period": period, "from": previous, "to": new_fc},
                )
            )
    return out


def _programme(old: Programme, new: Programme) -> list[Change]:
    out = []
    if old.stage != new.stage:
        out.append(
            Change(
                "stage", f"stage {old.stage} → {new.stage}", {"from": old.stage, "to": new.stage}
            )
        )
    old_end = old.end.forecast if old.end else None
    new_end = new.end.forecast if new.end else None
    if old_end and new_end and old_end != new_end:
        days = _days(old_end, new_end)
        out.append(
            Change(
                "end-moved",
                f"end forecast {old_end} → {new_end} ({_moved(days)})",
                {"from": str(old_end), "to": str(new_end), "days": days},
            )
        )
    out += _milestones(old, new)
    out += _risks(old, new)
    out += _money_map("budget", "budget", dict(old.budget), dict(new.budget))
    return out


def _errors(prog: ProgrammeSource, problems: Sequence[Problem]) -> int:
    """The errors in a programme's folder, counted as `pmo validate` counts them."""
    folder = prog.source.file.parent
    return error_count(p for p in problems if p.file == folder or folder in p.file.parents)


def _pair(was: ProgrammeSource, now: ProgrammeSource, old_bad: Bad, new_bad: Bad) -> list[Change]:
    """What changed in one programme present on both sides (nothing read from an unreadable
    file; nothing at all while its programme.yaml is unreadable on either side)."""
    before, after = _usable(was.source, old_bad), _usable(now.source, new_bad)
    if before is None or after is None:
        return []
    out = _rag(was, now, old_bad, new_bad) + _unreadable_updates(was, now, old_bad, new_bad)
    return out + _programme(before, after) + _updates(was, now, old_bad, new_bad)


def compare(
    old: LoadedPortfolio,
    new: LoadedPortfolio,
    old_problems: Sequence[Problem] | None = None,
    new_problems: Sequence[Problem] | None = None,
) -> list[ProgrammeChanges]:
    """Per programme (by folder, sorted), what changed from ``old`` to ``new``.

    ``*_problems``: every problem `pmo validate` finds on each side (default: those found
    reading): a file with an error is unreadable and never read for a change. A programme
    whose programme.yaml cannot be read is listed as unreadable with its number of errors,
    never left out; an unreadable update is said to be so, never read as a RAG move.
    """
    old_found = old.problems if old_problems is None else old_problems
    new_found = new.problems if new_problems is None else new_problems
    old_bad, new_bad = errors_by_file(old_found), errors_by_file(new_found)
    out = []
    for folder in sorted(set(old.programmes) | set(new.programmes)):
        was, now = old.programmes.get(folder), new.programmes.get(folder)
        name = (now and now.model and now.model.name) or (was and was.model and was.model.name)
        entry = ProgrammeChanges(folder, name or folder, "changed")
        if now is None:
            entry.status = "removed"
            entry.changes.append(Change("removed", "programme removed"))
        elif was is None:
            entry.status = "added"
            stage = f" at stage {now.model.stage}" if now.model else ""
            entry.changes.append(Change("added", f"programme added{stage}"))
            entry.changes += _rag(None, now, old_bad, new_bad)
            entry.changes += _unreadable_updates(None, now, old_bad, new_bad)
            entry.changes += _updates(None, now, old_bad, new_bad)
        else:
            entry.changes += _pair(was, now, old_bad, new_bad)
            for period in sorted(set(was.updates) - set(now.updates)):
                entry.changes.append(
                    Change("update-removed", f"update {period} removed", {"period": period})
                )
            errors = _errors(now, new_found)
            unreadable = _usable(now.source, new_bad) is None
            if unreadable or (errors and errors != _errors(was, old_found)):
                entry.status = "unreadable" if unreadable else entry.status
                entry.changes.append(
                    Change(
                        "errors",
                        f"{plural(errors, 'error')} in its files now (run pmo validate)",
                        {"errors": errors},
                    )
                )
        if entry.changes:
            out.append(entry)
    return _renames(old, new, out, old_bad, new_bad)


def _renames(
    old: LoadedPortfolio,
    new: LoadedPortfolio,
    found: list[ProgrammeChanges],
    old_bad: Bad,
    new_bad: Bad,
) -> list[ProgrammeChanges]:
    """A programme removed under one id and added under another with the same name: renamed."""
    removed = {p.name: p for p in found if p.status == "removed"}
    out = []
    merged: set[str] = set()
    for entry in found:
        was_entry = removed.get(entry.name) if entry.status == "added" else None
        if was_entry is None or was_entry.id in merged:
            out.append(entry)
            continue
        merged.add(was_entry.id)
        was, now = old.programmes[was_entry.id], new.programmes[entry.id]
        renamed = ProgrammeChanges(entry.id, entry.name, "renamed")
        renamed.changes.append(
            Change("renamed", f"renamed from {was_entry.id}", {"from": was_entry.id})
        )
        renamed.changes += _pair(was, now, old_bad, new_bad)
        out.append(renamed)
    return [p for p in out if not (p.status == "removed" and p.id in merged)]


def portfolio_changes(old: LoadedPortfolio, new: LoadedPortfolio) -> list[Change]:
    """Changes to portfolio.yaml's envelope and savings target (the rest is the PMO's)."""
    was = old.config.model if old.config else None
    now = new.config.model if new.config else None
    if was is None or now is None:
        return []
    return _money_map("envelope", "envelope", dict(was.envelope), dict(now.envelope)) + _money_map(
        "savings-target", "savings target", dict(was.savings_target), dict(now.savings_target)
    )
