"""The pipeline (main screen, key 3): opportunities as cards in one column per
stage, each column with its count, amount and probability-weighted amount.

Arrows move between cards and columns; ``]`` and ``[`` move a card to the next
or previous stage (a gate that refuses says which and offers to record it);
``w`` won (the contract is created and opened), ``l`` lost (with the reason),
``g`` records a gate, enter opens the opportunity. Cards with no stage change
for the ``opportunity_stale_days`` setting are marked stale.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from ltc_tui import clock
from ltc_tui.enums import Stage
from ltc_tui.errors import LtcError
from ltc_tui.i18n import label, t
from ltc_tui.screens import MainScreen
from ltc_tui.screens.flows import OpportunityFlows
from ltc_tui.ui import db_call, safe, show_error
from ltc_tui.values import format_money
from ltc_tui.widgets.footer import LtcFooter

STAGE_STYLE = {"won": "bold green", "lost": "dim"}


def card_text(card: Any, stale: bool, today: Any) -> Text:
    """Three or four short lines: number and title, customer, figures, stale."""
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(f"#{card.id} ", style="bold")
    text.append(safe(card.title, "bold"))
    text.append("\n")
    text.append(safe(card.customer))
    text.append("\n")
    amount = format_money(card.amount_cents, compact=True) or "-"
    text.append(f"{amount} · {card.probability}%", style="cyan")
    if card.owner:
        text.append(" · ")
        text.append(safe(card.owner, "dim"))
    if stale:
        days = (today - card.stage_changed_at.date()).days
        text.append("\n")
        text.append(t("pipe.stale_days", days=days), style="bold yellow")
    return text


def column_header(column: Any) -> Text:
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(label(column.stage), style="bold " + STAGE_STYLE.get(column.stage.value, ""))
    text.append("\n")
    summary = column.summary
    text.append(t("pipe.col_count", count=summary.count, amount=format_money(summary.amount_cents, compact=True) or "0"))
    if column.more:
        text.append(" " + t("pipe.col_more", more=column.more), style="italic dim")
    text.append("\n")
    text.append(t("pipe.col_weighted", weighted=format_money(summary.weighted_cents, compact=True) or "0"), style="dim")
    return text


class StageList(OptionList):
    """One stage's cards."""

    def __init__(self, stage: Stage) -> None:
        super().__init__(id=f"cards-{stage.value}", classes="stage-cards")
        self.stage = stage


def _column(stage: Stage) -> Vertical:
    return Vertical(Static(classes="stage-head"), StageList(stage), classes="stage-column", id=f"col-{stage.value}")


class PipelineScreen(OpportunityFlows, MainScreen):
    CSS_PATH = "pipeline.tcss"
    AREA_KEY = "mode.pipeline"
    AUTO_FOCUS = "StageList"
    BINDINGS = [
        Binding("slash", "focus_filter", "key.filter", id="pipeline.filter"),
        Binding("escape", "clear_filter", "key.clear_filter", id="pipeline.clear", show=False),
        Binding("enter", "open", "pipe.key.open", id="pipeline.open"),
        Binding("right_square_bracket", "move(1)", "pipe.key.forward", id="pipeline.forward", key_display="]"),
        Binding("left_square_bracket", "move(-1)", "pipe.key.back", id="pipeline.back", key_display="["),
        Binding("g", "gate", "pipe.key.gate", id="pipeline.gate"),
        Binding("w", "won", "pipe.key.won", id="pipeline.won"),
        Binding("l", "lost", "pipe.key.lost", id="pipeline.lost"),
        Binding("left", "column(-1)", id="pipeline.left", show=False),
        Binding("right", "column(1)", id="pipeline.right", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filter_text = ""
        self.board: Any = None
        self.follow: int | None = None  # the card to select after the next load
        self.focus_stage: Stage = Stage.VERIFY

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t("pipe.filter_placeholder"), id="filter")
        with Horizontal(id="board"):
            for stage in Stage:
                yield _column(stage)
        yield Static(id="status-line")
        yield LtcFooter()

    def on_mount(self) -> None:
        self.load()

    # --- loading ---------------------------------------------------------------------

    def load(self) -> None:
        self.run_worker(self._load, exclusive=True, group="load")

    def refresh_data(self) -> None:
        self.load()

    async def _load(self) -> None:
        from ltc_tui.services.opportunities import OppQuery, parse_opp_filter
        from ltc_tui.services.pipeline_board import board

        try:
            query = parse_opp_filter(self.filter_text, OppQuery(me_id=getattr(self.app, "actor_id", None)))
        except LtcError as error:
            self.query_one("#status-line", Static).update(safe(error.message, "red"))
            return
        try:
            result = await db_call(self, lambda session: board(session, query))
        except LtcError as error:
            self.query_one("#status-line", Static).update(safe(error.message, "red"))
            return
        except Exception as error:  # noqa: BLE001 - shown to the user
            show_error(self, error)
            return
        await self._fill(result)

    async def _fill(self, result: Any) -> None:
        currency = result.currency
        today = clock.today()
        shown = {c.stage for c in result.columns}
        for stage in Stage:
            self.query_one(f"#col-{stage.value}", Vertical).display = stage in shown
        focused = self.focused
        keep_focus = isinstance(focused, StageList)
        selected = self.follow
        if selected is None and keep_focus:
            current = self.selected_opportunity()
            selected = current.id if current else None
        self.follow = None
        for column in result.columns:
            self.query_one(f"#col-{column.stage.value} .stage-head", Static).update(column_header(column))
            cards = self.query_one(f"#cards-{column.stage.value}", StageList)
            old = cards.highlighted
            options: list[Option | None] = []
            for card in column.cards:
                if options:
                    options.append(None)
                options.append(Option(card_text(card, result.is_stale(card), today), id=str(card.id)))
            cards.set_options(options)
            ids = [str(c.id) for c in column.cards]
            if selected is not None and str(selected) in ids:
                cards.highlighted = ids.index(str(selected))
                self.focus_stage = column.stage
            elif ids:
                cards.highlighted = min(old or 0, len(ids) - 1)
        self.board = result
        if self.focus_stage not in shown:
            self.focus_stage = Stage.VERIFY
        target = self.query_one(f"#cards-{self.focus_stage.value}", StageList)
        if keep_focus or not isinstance(focused, Input):
            target.focus()
        count, amount, weighted = result.open_totals
        stale = sum(1 for c in result.columns for card in c.cards if result.is_stale(card))
        line = t("pipe.status_line", count=count, amount=format_money(amount, compact=True) or "0",
                 weighted=format_money(weighted, compact=True) or "0", currency=currency, stale=stale)
        self.query_one("#status-line", Static).update(safe(line))
        self.refresh_bindings()

    # --- selection ---------------------------------------------------------------------------

    def selected_opportunity(self) -> Any:
        if self.board is None:
            return None
        focused = self.focused
        lists = [focused] if isinstance(focused, StageList) else [self.query_one(f"#cards-{self.focus_stage.value}", StageList)]
        for cards in lists:
            option = cards.highlighted_option
            if option is None or option.id is None:
                return None
            column = next(c for c in self.board.columns if c.stage is cards.stage)
            return next((card for card in column.cards if str(card.id) == option.id), None)
        return None

    def after_move(self, opportunity_id: int) -> None:
        self.follow = opportunity_id

    def on_descendant_focus(self, event: Any) -> None:
        widget = event.widget
        if isinstance(widget, StageList):
            self.focus_stage = widget.stage
            self.refresh_bindings()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("move", "gate", "won", "lost", "open"):
            card = self.selected_opportunity()
            if card is None:
                return None
            if action == "open":
                return True
            if not Stage(card.stage).is_open:
                return None
            if action == "won":
                return True if card.stage == Stage.NEGOTIATION.value else None
        return True

    # --- actions -------------------------------------------------------------------------------

    def action_column(self, step: int) -> None:
        lists = [w for w in self.query(StageList) if w.parent is not None and w.parent.display]
        if not lists:
            return
        stages = [w.stage for w in lists]
        here = stages.index(self.focus_stage) if self.focus_stage in stages else 0
        target = lists[max(0, min(len(lists) - 1, here + step))]
        target.focus()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        if field.value:
            field.value = ""
        self.query_one(f"#cards-{self.focus_stage.value}", StageList).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "filter":
            self.filter_text = event.value
            self.load()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "filter":
            self.query_one(f"#cards-{self.focus_stage.value}", StageList).focus()

    def action_open(self) -> None:
        card = self.selected_opportunity()
        if card is None:
            return
        from ltc_tui.screens.opportunity import OpportunityScreen

        self.app.push_screen(OpportunityScreen(card.id))

