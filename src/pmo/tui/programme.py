"""One programme: tabs for overview, business case, updates, milestones, risks and more."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from pmo.analysis.economics import economics
from pmo.analysis.q2_delivery import against_no_budget
from pmo.model import Programme
from pmo.present.columns import MILESTONE_HEADERS
from pmo.present.numbers import DASH, bcr, days, fte, money, payback, pct
from pmo.present.terminal import reflow
from pmo.present.words import role_title
from pmo.tui.banner import UnreadableBanner
from pmo.tui.benefits_tab import benefits_tab
from pmo.tui.cells import (
    TEXT_STYLE,
    grid,
    milestone_forecast_cell,
    opt,
    rag,
    recorded_cell,
    score_style,
    user,
)
from pmo.tui.footer import QuietFooter
from pmo.tui.loading import Loaded
from pmo.tui.messages import DraftUpdate, RecordAssurance
from pmo.tui.tabbar import tab_bar
from pmo.tui.tables import fitted_table
from pmo.tui.updates_tab import LEGEND as UPDATES_LEGEND
from pmo.tui.updates_tab import updates_table

BODY_MARGIN = 4
"""The tab body's padding (1 a side) and its vertical scroll bar (2)."""
DETACHED_WIDTH = 160
"""The width a tab is built for when the screen is not in an app (tests render tabs so)."""
WIDTH_AWARE_TABS = frozenset({"updates", "milestones", "benefits"})
"""Tabs whose layout depends on the width: built again when the terminal is resized."""


MILESTONE_DROPS = (2, 3)
"""A narrow terminal drops the baseline dates first (the two slips still say both)."""


class ProgrammeScreen(Screen[None]):
    """A programme's drill-down."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="programme.back"),
        Binding(
            "left,left_square_bracket", "tab(-1)", "Previous tab", show=False, id="programme.prev"
        ),
        Binding(
            "right,right_square_bracket", "tab(1)", "Next tab", show=False, id="programme.next"
        ),
        Binding("j,down", "scroll(1)", "Scroll down", show=False, id="programme.down"),
        Binding("k,up", "scroll(-1)", "Scroll up", show=False, id="programme.up"),
        Binding(
            "g,home", "scroll_edge(0)", "Top", key_display="g/Home", show=False, id="programme.top"
        ),
        Binding(
            "G,end",
            "scroll_edge(1)",
            "Bottom",
            key_display="G/End",
            show=False,
            id="programme.bottom",
        ),
        Binding(
            "a",
            "record_assurance",
            "Assure",
            tooltip="Record the PMO's assurance rating and note (Ctrl+S saves)",
            id="record-assurance",
        ),
        Binding(
            "d",
            "draft_update",
            "Draft",
            tooltip="Draft the reporting month's update (or next month's): says what and "
            "where, writes only on y",
            id="draft-update",
        ),
    ]

    LEGEND: ClassVar[tuple[tuple[str, str], ...]] = (
        ("‹ ›", "more tabs that side (←/→ or [ ] reach them)"),
        ("★", "a key milestone"),
        (
            "Slip vs original / current",
            "days late (+, red) or early (-) against the original "
            "baseline / the current, re-planned one",
        ),
        ("▶ (Risks)", "the risk you opened from the heatmap"),
        (
            "● ✕ (Benefits)",
            "measurements on or ahead of plan (●) and behind it (✕); ·· the planned trajectory",
        ),
        (
            "draft (Updates)",
            "an update marked status: draft: not counted until the manager deletes the mark",
        ),
        *UPDATES_LEGEND,
    )

    TABS: ClassVar[tuple[tuple[str, str], ...]] = (
        ("overview", "Overview"),
        ("business-case", "Business case"),
        ("updates", "Updates"),
        ("milestones", "Milestones"),
        ("risks", "Risks"),
        ("issues", "Issues"),
        ("benefits", "Benefits"),
        ("resources", "Resources"),
        ("finance", "Finance"),
    )

    def __init__(
        self,
        loaded: Loaded,
        programme_id: str,
        tab: str | None = None,
        focus: str | None = None,
        scroll: Mapping[str, float] | None = None,
    ) -> None:
        super().__init__()
        self.loaded = loaded
        self.programme_id = programme_id
        self.focus_risk = focus
        """A risk id to highlight (and scroll to) on the Risks tab."""
        self.prog: Programme = loaded.data.programmes[programme_id]
        self.active = tab if tab in dict(self.TABS) else self.TABS[0][0]
        # Tabs are built when first shown (a fast open), then kept: tab id -> renderable.
        self.built: dict[str, RenderableType] = {}
        self.tab_scroll: dict[str, float] = dict(scroll or {})
        """Tab id -> the scroll position it was left at (``scroll``: kept across a reload)."""

    def compose(self) -> ComposeResult:
        p = self.prog
        yield Header()
        yield UnreadableBanner(self.loaded)
        yield Static(user(f"{p.name}  ({p.id}, {p.kind}, {p.stage})", cut=True), id="prog-title")
        yield Static(self._tab_bar(), id="tab-bar")
        with VerticalScroll(id="tab-scroll"):
            yield Static(self.tab_content(self.active), id="tab-body")
        yield QuietFooter()

    def _tab_bar(self) -> Content:
        return tab_bar(self.TABS, self.active, max(self.size.width - 2, 0))

    def on_resize(self, event: events.Resize) -> None:
        self.query_one("#tab-bar", Static).update(self._tab_bar())
        for tab in WIDTH_AWARE_TABS & set(self.built):
            del self.built[tab]  # built again for the new width
            if tab == self.active:
                self.query_one("#tab-body", Static).update(self.tab_content(tab))

    def tab_content(self, tab_id: str) -> RenderableType:
        """Tab ``tab_id``'s renderable, built the first time it is asked for (then kept)."""
        if tab_id not in self.built:
            self.built[tab_id] = getattr(self, "tab_" + tab_id.replace("-", "_"))()
        return self.built[tab_id]

    def action_back(self) -> None:
        self.dismiss()

    def action_record_assurance(self) -> None:
        self.post_message(RecordAssurance(self.programme_id))

    def action_draft_update(self) -> None:
        self.post_message(DraftUpdate(self.programme_id))

    def action_scroll(self, lines: int) -> None:
        scroll = self.query_one("#tab-scroll", VerticalScroll)
        scroll.scroll_relative(y=lines, animate=False)

    def action_scroll_edge(self, end: int) -> None:
        scroll = self.query_one("#tab-scroll", VerticalScroll)
        if end:
            scroll.scroll_end(animate=False)
        else:
            scroll.scroll_home(animate=False)

    def action_tab(self, step: int) -> None:
        ids = [t for t, _ in self.TABS]
        self.action_show_tab(ids[(ids.index(self.active) + step) % len(ids)])

    def scroll_positions(self) -> dict[str, float]:
        """Each tab's scroll position, the one on show included (to keep across a reload)."""
        scrolls = self.query("#tab-scroll").results(VerticalScroll)
        scroll = next(iter(scrolls), None)
        if scroll is None:
            return dict(self.tab_scroll)
        return {**self.tab_scroll, self.active: scroll.scroll_y}

    def action_show_tab(self, tab_id: str) -> None:
        """Show tab ``tab_id``, back at the scroll position it was left at."""
        if tab_id == self.active or tab_id not in dict(self.TABS):
            return
        scroll = self.query_one("#tab-scroll", VerticalScroll)
        self.tab_scroll[self.active] = scroll.scroll_y
        self.active = tab_id
        self.query_one("#tab-bar", Static).update(self._tab_bar())
        self.query_one("#tab-body", Static).update(self.tab_content(tab_id))
        y = self.tab_scroll.get(tab_id, 0.0)
        scroll.scroll_to(y=y, animate=False, immediate=False)

    # --- tabs -----------------------------------------------------------------------------

    def tab_overview(self) -> RenderableType:
        p, period, data = self.prog, self.loaded.period, self.loaded.data
        facts = Table.grid(padding=(0, 2))
        facts.add_column(style="bold")
        facts.add_column()
        end = p.end
        for label, value in (
            ("Service", p.service),
            ("Stage", p.stage),
            ("SRO", p.sro),
            ("Manager", p.manager),
            ("Mandatory", "yes" if p.mandatory else "no"),
            ("Start", recorded_cell(p.start)),  # as the report says a missing date
            ("End (baseline)", recorded_cell(end.baseline if end else None)),
            ("End (current)", recorded_cell((end.current or end.baseline) if end else None)),
            (  # once ended, the actual date is known: no forecast is missing
                "End (forecast)",
                opt(end.forecast) if end and end.actual else recorded_cell(end and end.forecast),
            ),
        ):
            facts.add_row(Text(label), value if isinstance(value, Text) else user(value))
        parts: list[RenderableType] = [facts, Text("")]
        if p.summary:
            parts += [user(reflow(p.summary)), Text("")]
        latest = data.latest_update(p.id, period)
        if latest is None:
            parts.append(Text(f"No update on or before {period}.", style="dim"))
        else:
            when, up = latest
            head = Text.assemble(("Latest update ", "bold"), f"{when}  ", rag(up.rag.overall))
            parts += [head, user(reflow(up.summary) if up.summary else None)]
            parts.append(self.assurance_line())
            if up.path_to_green:
                parts.append(
                    Text.assemble(("Path to green: ", "bold"), user(reflow(up.path_to_green)))
                )
        ev = next((e for e in self.loaded.answers.q2.evidence if e.programme == p.id), None)
        if ev and ev.flags:
            title = "Evidence flags (WATERMELON)" if ev.watermelon else "Evidence flags"
            parts += [Text(""), Text(title, style=TEXT_STYLE["red"] if ev.watermelon else "bold")]
            parts += [user(f"⚠ {f.reason}") for f in ev.flags]
        return Group(*parts)

    def assurance_line(self) -> Text:
        """The PMO's assurance of this period's update, or that there is none yet."""
        period = self.loaded.period
        update = self.loaded.data.update(self.prog.id, period)
        found = update.assurance if update else None
        if found is None:
            return Text(f"PMO assurance {period}: not recorded (a records it)", style="dim")
        note = f" — {found.note}" if found.note else ""
        by = " ".join(str(x) for x in (found.by, found.date) if x)
        return Text.assemble(
            (f"PMO assurance {period} ", "bold"),
            rag(found.rag),
            user(f"{note}" + (f" ({by})" if by else "")),
        )

    def tab_business_case(self) -> RenderableType:
        p = self.prog
        bc = p.business_case
        parts: list[RenderableType] = []
        if bc is None:
            parts.append(Text("No business case.", style="dim"))
        else:
            decided = f", decided {bc.decided.date} by {bc.decided.by}" if bc.decided else ""
            parts.append(user(f"{bc.stage} — {bc.status}{decided}", style="bold"))
            table = grid("FY", "Capital", "Revenue", "Savings", "Budget")
            years = sorted(set(bc.costs) | set(bc.savings) | set(p.budget))
            for fy in years:
                cost = bc.costs.get(fy)
                table.add_row(
                    user(fy),
                    Text(money(cost.capital if cost else None)),
                    Text(money(cost.revenue if cost else None)),
                    Text(money(bc.savings.get(fy))),
                    Text(money(p.budget.get(fy))),
                )
            parts += [Text(""), table]
        eco = economics(p)
        if eco is not None:
            facts = Table.grid(padding=(0, 2))
            facts.add_column(style="bold")
            facts.add_column(justify="right")
            na = "n/a (no cashable savings)"
            ratio = na if not eco.cashable else bcr(eco.bcr)
            for label, value in (
                ("Discount rate", pct(eco.rate * 100, 1)),
                ("Optimism bias", pct(eco.optimism_bias * 100)),
                ("Total cost (with bias)", money(eco.cost)),
                ("Total savings", money(eco.savings)),
                ("PV costs", money(eco.pv_costs)),
                ("PV savings", money(eco.pv_savings)),
                ("NPV", money(eco.npv)),
                ("BCR", ratio),
                (
                    "Simple payback (years from first spend)",
                    payback(eco.simple_payback) if eco.cashable else na,
                ),
                (
                    "Discounted payback (years from first spend)",
                    payback(eco.discounted_payback) if eco.cashable else na,
                ),
            ):
                facts.add_row(Text(label), Text(value))
            parts += [Text(""), Text("Economics", style="bold"), facts]
        return Group(*parts)

    def tab_updates(self) -> RenderableType:
        data = self.loaded.data
        return updates_table(
            data.updates_of(self.prog.id), data.drafts.get(self.prog.id, {}), self.body_width()
        )

    def body_width(self) -> int:
        """The cells a tab's content has: the screen less the padding and the scroll bar
        (a wide terminal's for a screen not yet shown)."""
        if not self.is_attached:
            return DETACHED_WIDTH
        return max((self.size.width or self.app.size.width) - BODY_MARGIN, 20)

    def tab_milestones(self) -> RenderableType:
        if not self.prog.milestones:
            return Text("No milestones.", style="dim")
        slips = {
            m.milestone: m for m in self.loaded.answers.q2.milestones if m.programme == self.prog.id
        }
        rows = []
        for m in self.prog.milestones:
            row = slips.get(m.id)
            rows.append(
                [
                    user(m.title),
                    Text("★" if m.key else ""),
                    opt(m.baseline),
                    opt(m.current or m.baseline),  # not re-baselined: the original stands
                    milestone_forecast_cell(m.forecast, m.actual),
                    opt(m.actual),
                    _slip(row.slip_vs_baseline if row else None),
                    _slip(row.slip_vs_current if row else None),
                ]
            )
        return fitted_table(self.body_width(), MILESTONE_HEADERS, rows, MILESTONE_DROPS)

    def tab_risks(self) -> RenderableType:
        if not self.prog.risks:
            return Text("No risks.", style="dim")
        escalate_at = self.loaded.answers.q1.risks.escalate_at
        table = grid("", "Score", "Risk", "L", "I", "Category", "Owner", "Response", "Status")
        risks = sorted(self.prog.risks, key=lambda r: (-r.likelihood * r.impact, r.id))
        for r in risks:
            score = r.likelihood * r.impact
            chosen = r.id == self.focus_risk
            table.add_row(
                Text("▶" if chosen else ""),
                Text(str(score), style=score_style(score, escalate_at, text_only=True)),
                user(r.title),
                Text(str(r.likelihood)),
                Text(str(r.impact)),
                recorded_cell(r.category),
                recorded_cell(r.owner),
                user(r.response),
                user(r.status),
                style="reverse" if chosen else None,
            )
        return table

    def on_mount(self) -> None:
        y = self.tab_scroll.get(self.active)
        if y:
            scroll = self.query_one("#tab-scroll", VerticalScroll)
            self.call_after_refresh(scroll.scroll_to, y=y, animate=False)
        elif self.active == "risks" and self.focus_risk is not None:
            ids = [
                r.id
                for r in sorted(self.prog.risks, key=lambda r: (-r.likelihood * r.impact, r.id))
            ]
            if self.focus_risk in ids:
                line = ids.index(self.focus_risk) + 1  # below the header
                scroll = self.query_one("#tab-scroll", VerticalScroll)
                self.call_after_refresh(scroll.scroll_to, y=max(line - 2, 0), animate=False)

    def tab_issues(self) -> RenderableType:
        if not self.prog.issues:
            return Text("No issues.", style="dim")
        table = grid("Severity", "Issue", "Owner", "Raised", "Due", "Status", "Escalated")
        for i in sorted(self.prog.issues, key=lambda i: (-i.severity, i.id)):
            table.add_row(
                Text(str(i.severity)),
                user(i.title),
                recorded_cell(i.owner),
                recorded_cell(i.raised),
                recorded_cell(i.due),
                user(i.status),
                Text("yes" if i.escalate else ""),
            )
        return table

    def tab_benefits(self) -> RenderableType:
        return benefits_tab(self.loaded, self.prog, self.body_width())

    def tab_resources(self) -> RenderableType:
        if not self.prog.resources:
            return Text("No resource demand.", style="dim")
        table = grid("Role", "FTE", "From", "To", "Confirmed")
        for r in self.prog.resources:
            table.add_row(
                user(role_title(r.role)),
                Text(fte(r.fte)),
                Text(r.from_),
                Text(r.to),
                Text("yes" if r.confirmed else "no"),
            )
        return table

    def tab_finance(self) -> RenderableType:
        parts: list[RenderableType] = []
        budget = grid("FY", "Budget")
        for fy, amount in sorted(self.prog.budget.items()):
            budget.add_row(user(fy), Text(money(amount)))
        parts += [Text("Approved budget", style="bold"), budget, Text("")]
        table = grid("Period", "Spend to date", "Forecast outturn", "Narrative")
        ups = self.loaded.data.updates_of(self.prog.id)
        for period in sorted(ups, reverse=True):
            fin = ups[period].finance
            if fin is not None:
                table.add_row(
                    Text(period),
                    Text(money(fin.spend_to_date)),
                    Text(money(fin.forecast_outturn)),
                    opt(fin.narrative),
                )
        parts += [Text("Monthly position", style="bold"), table]
        for r in (r for r in self.loaded.answers.q2.costs if r.programme == self.prog.id):
            if r.no_budget and r.forecast_outturn is not None:  # as Q2 and the report flag it
                flag = f"⚠ {against_no_budget(r.forecast_outturn, r.fy)}"
                parts[:0] = [Text(flag, style=TEXT_STYLE["red"]), Text("")]
        return Group(*parts)


def _slip(value: int | None) -> Text:
    """Days late (red) or early (green) against a baseline; a dash when unknown."""
    if value is None:
        return Text(DASH, style="dim")
    return Text(days(value), style=TEXT_STYLE["red"] if value > 0 else TEXT_STYLE["green"])
