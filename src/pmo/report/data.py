"""build_report: the pure report structure for a period, built from the analysis (no I/O)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pmo.analysis.answers import Answers, answer
from pmo.analysis.data import PortfolioData
from pmo.analysis.periods import previous_period
from pmo.analysis.q1 import left_out_sentence
from pmo.analysis.q2 import unreadable_sentence
from pmo.present.dates import period_label
from pmo.present.paths import shown_path
from pmo.present.words import plural
from pmo.problem import Problem
from pmo.report.figures import Previous, key_figures, previous_from_answers
from pmo.report.glossary import glossary
from pmo.report.history import trends
from pmo.report.limits import ANNEX, WHOLE, cap, more_sentence
from pmo.report.registers import current_registers
from pmo.report.sections_changes import what_changed
from pmo.report.sections_decisions import (
    ask_notes,
    ask_totals,
    asks_attention,
    decision_items,
    decision_log,
    log_attention,
)
from pmo.report.sections_groups import by_group
from pmo.report.sections_programme import programme_pages
from pmo.report.sections_q1 import q1_section
from pmo.report.sections_q2 import q2_section
from pmo.report.sections_q3 import q3_section
from pmo.report.sections_raid import raid_attention, raid_section
from pmo.report.sections_summary import summary
from pmo.report.sections_trend import changes, dashboard
from pmo.report.snapshot import parse_snapshot
from pmo.report.types import (
    ARROWS,
    TREND_WORDS,
    Answer,
    Header,
    Quality,
    QualityGroup,
    QualityItem,
    RagKeyEntry,
    ReportData,
    TrendBasis,
)

QUESTIONS: tuple[tuple[Literal["q1", "q2", "q3"], str], ...] = (
    (
        "q1",
        "Q1 Right portfolio: are these the programmes and projects we need to deliver our "
        "strategy, given risk, capacity and affordability?",
    ),
    ("q2", "Q2 Delivering well: are we delivering them effectively and efficiently?"),
    ("q3", "Q3 Benefits: are the benefits from our investment being realised?"),
)


def _previous(
    data: PortfolioData, period: str, doc: dict[str, Any] | None, why_not: str | None
) -> tuple[Previous, TrendBasis]:
    prev = previous_period(period)
    if doc is not None:
        try:
            found = parse_snapshot(doc, prev)
        except ValueError as exc:
            why_not = str(exc)
        else:
            note = f"Trends compare with the {prev} report's snapshot (what DMT was told)."
            return found, TrendBasis("snapshot", prev, note)
    note = (
        f"No {prev} report was available to compare with ({why_not or 'none was given'}), "
        f"so trends compare with {prev} as computed from the data now; it may differ from what "
        "DMT was told."
    )
    dmt = data.dmt.get(prev)
    computed = previous_from_answers(answer(data, prev), dmt.headline if dmt else None)
    return computed, TrendBasis("computed", prev, note)


def _answers(result: Answers) -> tuple[Answer, ...]:
    out = []
    for (key, question), sentences in zip(
        QUESTIONS, (result.q1_sentences, result.q2_sentences, result.q3_sentences), strict=True
    ):
        one = sentences[0] if sentences else "Nothing to report."
        out.append(Answer(key, question, one, sentences))
    return tuple(out)


def _dated_after(shown: str, period: str) -> bool:
    """An update or DMT note for a month after the report's period (not part of this report)."""
    name = shown.rsplit("/", 1)[-1]
    in_dated_folder = "/updates/" in f"/{shown}" or shown.startswith("dmt/")
    return in_dated_folder and name.endswith(".yaml") and name[:7] > period


def _quality(problems: list[Problem], root: Path, period: str) -> Quality:
    items = []
    for p in problems:
        shown = shown_path(p.file, root)
        if _dated_after(shown, period):
            continue
        items.append(QualityItem(shown, p.line, p.severity, p.code, p.path, p.message))
    items.sort(key=lambda q: (q.severity != "error", q.file, q.line, q.code, q.message))
    errors = sum(q.severity == "error" for q in items)
    note = (
        f"What pmo validate --period {period} finds in the files up to {period}. A programme "
        "whose file has format errors is shown as unreadable and none of that file's data is "
        "used; warnings are data-quality findings and every item they name is still counted."
    )
    if len(items) <= WHOLE:
        return Quality(errors, len(items) - errors, tuple(items), note)
    return Quality(
        errors,
        len(items) - errors,
        (),
        note,
        quality_groups(items),
        f"{len(items)} problems, grouped by kind (errors first, then the most frequent); "
        f"pmo validate --period {period} lists every one with its file and line.",
    )


def quality_groups(items: list[QualityItem]) -> tuple[QualityGroup, ...]:
    """Problems counted by severity and code, errors first, then the most frequent."""
    kinds: dict[tuple[str, str], list[QualityItem]] = {}
    for q in items:
        kinds.setdefault((q.severity, q.code), []).append(q)
    groups = [
        QualityGroup(
            sev,
            code,
            len(qs),
            len({q.file for q in qs}),
            qs[0].message,
            f"{qs[0].file}:{qs[0].line}",
        )
        for (sev, code), qs in kinds.items()
    ]
    groups.sort(key=lambda g: (g.severity != "error", -g.count, g.code))
    return tuple(groups)


def _rag_key(data: PortfolioData) -> tuple[RagKeyEntry, ...]:
    key = data.config.rag_key
    five = data.config.rag_scale == "five-point"
    rows = [("green", key.green)]
    if five:
        rows.append(("amber-green", key.amber_green or "(not defined in portfolio.yaml)"))
    rows.append(("amber", key.amber))
    if five:
        rows.append(("amber-red", key.amber_red or "(not defined in portfolio.yaml)"))
    rows.append(("red", key.red))
    days = data.config.stale_after_days
    rows += [
        (
            "stale",
            f"The latest update is more than {days} days old at the end of the period. Shown "
            "in grey, never as the last rating carried forward.",
        ),
        (
            "missing",
            "No update for the period although the programme is due to report. Shown in grey.",
        ),
        (
            "unreadable",
            "The programme's file, or its update for the period, has format errors: it is "
            "counted and listed, but none of that file's data is used until it is fixed "
            "(the report names the file and line). Shown in grey.",
        ),
    ]
    return tuple(RagKeyEntry(r, d) for r, d in rows)


def _notes(
    result: Answers,
    data: PortfolioData,
    quality: Quality,
    updates: int,
    scenario: str | None,
    basis: TrendBasis,
) -> tuple[str, ...]:
    period, due = result.period, result.q2.counts.total
    notes = []
    if not data.programmes:
        notes.append("The portfolio has no valid programmes, so there is nothing to report on.")
    elif due == 0:
        notes.append(f"No programme was due to report for {period}.")
    elif updates == 0:
        notes.append(
            f"No monthly updates were received for {period}: every programme due to report "
            f"({due}) shows as stale or missing, and there are no ratings, commentary or "
            "finance figures for the month."
        )
    if period not in data.dmt:
        notes.append(
            f"There is no PMO note for this month (dmt/{period}.yaml): no headline and no "
            "portfolio-level decisions."
        )
    unreadable = unreadable_sentence(result.q2)
    if unreadable:
        notes.append(unreadable)
    if data.unreadable:
        notes.append(left_out_sentence(result.q1.unreadable)[0])
    if quality.errors:
        notes.append(
            f"{plural(quality.errors, 'error')} in the portfolio files (see the data-quality "
            "annex)."
        )
    if scenario:
        notes.append(scenario)
    if basis.source == "computed":
        notes.append(basis.note)
    return tuple(notes)


def build_report(
    data: PortfolioData,
    period: str,
    previous_snapshot: dict[str, Any] | None,
    problems: list[Problem],
    root: Path,
    *,
    previous_note: str | None = None,
    snapshots: Mapping[str, Mapping[str, Any]] | None = None,
) -> ReportData:
    """Everything the DMT report for ``period`` shows, as one frozen tree (pure and stable).

    ``previous_snapshot`` is last month's snapshot.json (what DMT was told); without it, or
    when it is not a valid snapshot for the previous month, trends compare with the previous
    month computed from the data, and the report says so (``previous_note`` says why there
    was none). ``problems`` are the validation findings; ``root`` the portfolio directory
    their files are shown relative to. ``snapshots`` (period -> snapshot.json) are earlier
    months' reports for the trends; months without one are computed from the data.
    """
    result = answer(data, period)
    previous, basis = _previous(data, period, previous_snapshot, previous_note)
    figures = key_figures(result)
    dash = dashboard(result, previous, basis)
    q1 = q1_section(result, data)
    quality = _quality(problems, root, period)
    updates = sum(1 for pid in data.programmes if data.update(pid, period) is not None)
    note = data.dmt.get(period)
    header = Header(
        portfolio=data.config.name,
        office=data.config.office,
        period=period,
        period_label=period_label(period),
        previous_period=previous_period(period),
        programmes=len(data.all_ids()),
        reporting=result.q2.counts.total,
        updates=updates,
        meeting=note.meeting.isoformat() if note and note.meeting else None,
        headline=" ".join(note.headline.split()) if note and note.headline else None,
        rag_scale=data.config.rag_scale,
        notes=_notes(
            result,
            data,
            quality,
            updates,
            None if q1.scenario.ran else q1.scenario.text,
            basis,
        ),
    )
    meeting = note.meeting if note else None
    decisions = decision_items(result, data, meeting)
    asks = ask_totals(decisions, result.q1.affordability)
    log = decision_log(data, period)
    raid = raid_section(
        data,
        result,
        previous.registers.risks if previous.registers else None,
        previous_period(period),
    )
    registers = current_registers(data, period)
    moved = changes(dash, figures, previous, basis)
    listed, unlisted = cap(decisions)
    return ReportData(
        header=header,
        summary=summary(
            result,
            updates,
            quality.errors,
            asks=asks_attention(asks),
            raid=raid_attention(raid),
            log=log_attention(log),
        ),
        answers=_answers(result),
        figures=figures,
        decisions=decisions,
        asks=asks,
        asks_notes=ask_notes(decisions, asks, meeting, period),
        decision_log=log,
        raid=raid,
        registers=registers,
        what_changed=what_changed(data, period, dash, moved, previous, registers, decisions),
        by_group=by_group(data, result),
        dashboard=dash,
        q1=q1,
        q2=q2_section(result, data),
        q3=q3_section(result, data),
        changes=moved,
        quality=quality,
        programmes=programme_pages(data, result, dash.rows),
        rag_key=_rag_key(data),
        trend_key=tuple(RagKeyEntry(ARROWS[t], TREND_WORDS[t]) for t in ARROWS),
        glossary=glossary(data.config.stale_after_days, data.config.risk.escalate_at),
        trends=trends(data, result, snapshots or {}),
        decisions_brief=len(listed),
        decisions_more=more_sentence(unlisted, "decision requests", ANNEX),
    )
