"""snapshot.json: what DMT was told this month, and reading last month's to compare with."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from pmo.analysis.q2_status import STATUS_ORDER
from pmo.model.update import DIMENSIONS
from pmo.present.rag import RAG_WORST_FIRST
from pmo.report.figures import Previous, ProgrammeState
from pmo.report.history import month_json
from pmo.report.types import ReportData
from pmo.report.types_raid import Registers
from pmo.store.files import Refused, read_regular

FORMAT = "pmo-snapshot/1"
MAX_FIGURE = 1e15  # above any money the model accepts; NaN, infinities and 1e308 are not figures
MAX_BYTES = 5_000_000  # a snapshot is a few tens of kB; anything this big is not one


def snapshot(report: ReportData) -> dict[str, Any]:
    """The month's snapshot: period, each programme's ratings and flags, headline figures."""
    head = report.header
    return {
        "format": FORMAT,
        "portfolio": head.portfolio,
        "period": head.period,
        "trend_basis": {
            "source": report.dashboard.basis.source,
            "period": report.dashboard.basis.period,
        },
        "headline": head.headline,
        "answers": {a.key: a.one_line for a in report.answers},
        "status_counts": _all_counts(report),
        "figures": {
            f.key: {
                "label": f.label,
                "value": int(f.value) if f.kind == "count" else f.value,
                "kind": f.kind,
            }
            for f in report.figures
        },
        "programmes": {
            row.programme: {
                "name": row.name,
                "status": row.status,
                "overall": row.status if row.status in RAG_WORST_FIRST else None,
                "rag": {
                    dim: cell.rag for dim, cell in zip(DIMENSIONS, row.dimensions, strict=True)
                },
                "flags": list(row.flags),
                "watermelon": row.watermelon,
                "latest": row.latest,
            }
            for row in sorted(report.dashboard.rows, key=lambda r: r.programme)
        },
        "decisions": [{"source": d.source, "title": d.title, "by": d.by} for d in report.decisions],
        "registers": {
            "risks": {
                k: {"title": report.registers.risk_titles[k], "score": v}
                for k, v in sorted(report.registers.risks.items())
            },
            "issues": dict(sorted(report.registers.issues.items())),
            "milestones": dict(sorted(report.registers.milestones.items())),
        },
        "trend": month_json(report.trends.months[-1]) if report.trends.months else None,
        "scenario": {
            "status": report.q1.scenario.status,
            "value": (
                round(report.q1.scenario.value, 6) if report.q1.scenario.value is not None else None
            ),
            "chosen": report.q1.scenario.chosen,
            "candidates": report.q1.scenario.candidates,
        },
    }


def _all_counts(report: ReportData) -> dict[str, int]:
    found = {c.status: c.count for c in report.dashboard.counts}
    return {s: found.get(s, 0) for s in STATUS_ORDER}


def dumps(doc: dict[str, Any]) -> str:
    """The snapshot as stable JSON text (2-space indent, UTF-8, trailing newline)."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def read_snapshot(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """Last month's snapshot as a dict, or None and why (missing, unreadable, not JSON)."""
    try:
        # a regular file only, bounded: never a FIFO that blocks, never /dev/zero
        text = read_regular(path, MAX_BYTES).decode("utf-8")
    except FileNotFoundError:
        return None, "there is no snapshot.json for it"
    except Refused as exc:
        if exc.code == "file-too-large":
            return None, f"{path.name} is too large to be a snapshot"
        return None, f"its snapshot.json is not a regular file ({exc})"
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"its snapshot.json could not be read ({type(exc).__name__})"
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, f"its snapshot.json is not valid JSON (line {exc.lineno})"
    except RecursionError:
        return None, "its snapshot.json is nested too deeply to be a snapshot"
    if not isinstance(doc, dict):
        return None, "its snapshot.json is not a JSON object"
    return doc, None


def _figure(value: Any) -> bool:
    """A number a report could have written: finite and within the model's money bounds."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and abs(value) <= MAX_FIGURE
    )


def _str_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _registers(doc: Any) -> Registers | None:
    """The registers of a snapshot; None when it has none (an older snapshot) or they are
    not in the expected shape (then no change in them is claimed)."""
    if not isinstance(doc, dict):
        return None
    risks, issues, milestones = doc.get("risks"), doc.get("issues"), doc.get("milestones")
    if not (isinstance(risks, dict) and isinstance(issues, dict) and isinstance(milestones, dict)):
        return None
    scores: dict[str, int] = {}
    titles: dict[str, str] = {}
    for key, item in risks.items():
        if not isinstance(item, dict):
            return None
        score = item.get("score")
        if not isinstance(score, int) or isinstance(score, bool) or not 1 <= score <= 25:
            return None
        scores[str(key)] = score
        titles[str(key)] = str(item.get("title", key))
    return Registers(
        risks=scores,
        risk_titles=titles,
        issues={str(k): str(v) for k, v in issues.items()},
        milestones={str(k): str(v) for k, v in milestones.items()},
    )


def parse_snapshot(doc: dict[str, Any], period: str) -> Previous:
    """A snapshot dict as the previous month; ValueError saying what is wrong with it."""
    if doc.get("format") != FORMAT:
        raise ValueError(f"its snapshot.json is not in the {FORMAT} format")
    if doc.get("period") != period:
        raise ValueError(f"its snapshot.json is for {doc.get('period')!r}, not {period}")
    progs = doc.get("programmes")
    counts = doc.get("status_counts")
    figures = doc.get("figures")
    if not isinstance(progs, dict) or not isinstance(counts, dict) or not isinstance(figures, dict):
        raise ValueError("its snapshot.json lacks programmes, status_counts or figures")
    states: dict[str, ProgrammeState] = {}
    for pid, item in progs.items():
        if not isinstance(item, dict) or not isinstance(item.get("status"), str):
            raise ValueError(f"its snapshot.json has no status for programme {pid!r}")
        rag: dict[str, Any] = item["rag"] if isinstance(item.get("rag"), dict) else {}
        flags: list[Any] = item["flags"] if isinstance(item.get("flags"), list) else []
        states[str(pid)] = ProgrammeState(
            name=str(item.get("name", pid)),
            status=item["status"],
            overall=_str_or_none(item.get("overall")),
            rag={dim: _str_or_none(rag.get(dim)) for dim in DIMENSIONS},
            flags=tuple(str(f) for f in flags),
            watermelon=item.get("watermelon") is True,
            latest=_str_or_none(item.get("latest")),
        )
    values: dict[str, float] = {}
    labels: dict[str, str] = {}
    for key, item in figures.items():
        if isinstance(item, dict) and _figure(item.get("value")):
            values[str(key)] = float(item["value"])
            labels[str(key)] = str(item.get("label", key))
    return Previous(
        registers=_registers(doc.get("registers")),
        period=period,
        programmes=states,
        counts={
            str(k): int(v)
            for k, v in counts.items()
            if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_FIGURE
        },
        figures=values,
        headline=_str_or_none(doc.get("headline")),
        labels=labels,
    )
