"""Flows the nurturing, pipeline and opportunity screens share (not a screen):
run a write and show its refusal, ask with a form, confirm, pick; and the
opportunity's moves: stage forward or back (offering the missing gate when a
gate refuses), record a gate, won (opening the contract), lost.

A screen mixes ``Flows`` (or ``OpportunityFlows``) in and provides ``load()``.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import partial
from typing import Any

from rich.text import Text
from textual.screen import Screen

from ltc_tui.enums import Gate, GateResult, Stage
from ltc_tui.errors import RuleViolation
from ltc_tui.i18n import has, label, t
from ltc_tui.ui import db_call, show_error
from ltc_tui.widgets.field_form import FormField, FormSpec


class Flows:
    """Writes, forms and questions, for a screen."""

    def load(self) -> None:  # pragma: no cover - every host defines it
        raise NotImplementedError

    def write(self, fn: Callable[[Any], Any], *, done: Callable[[Any], None] | None = None) -> None:
        """Run a service call that changes data, then reload; a refusal is shown."""
        host: Any = self

        async def run() -> None:
            try:
                result = await db_call(host, fn, write=True)
            except Exception as error:  # noqa: BLE001 - our refusals and anything else, shown
                show_error(host, error)
                host.load()
                return
            if done is not None:
                done(result)
            host.load()

        host.run_worker(run(), group="write")

    async def ask(self, spec: FormSpec, save: Callable[..., Any]) -> Any:
        """A form in a modal; ``save(session, values=...)`` runs as one write and its
        refusals stay in the form. Returns what ``save`` returned (None: cancelled)."""
        from ltc_tui.screens.form_dialog import FormDialog

        host: Any = self

        async def run(values: dict[str, str]) -> Any:
            result = await db_call(host, partial(save, values=values), write=True)
            return result if result is not None else True

        result = await host.app.push_screen_wait(FormDialog(spec, run))
        if result is not None:
            host.load()
        return result

    async def confirm(self, question: str, detail: str = "") -> bool:
        from ltc_tui.screens.confirm_dialog import ConfirmDialog

        host: Any = self
        return bool(await host.app.push_screen_wait(ConfirmDialog(question, detail=detail)))

    async def pick(self, title: str, choices: list[tuple[Text | str, Any]], *, intro: str = "", empty: str = "") -> Any:
        from ltc_tui.screens.pick_dialog import PickDialog

        host: Any = self
        return await host.app.push_screen_wait(PickDialog(title, choices, intro=intro, empty=empty))


# --- opportunities -------------------------------------------------------------------------


def open_contract(screen: Screen, contract_id: int, number: str) -> None:
    """Hook: show the contract a won opportunity became.

    The contract screen (``ltc_tui.screens.contract``) is another issue's; until
    it exists here, the contract's number is shown in a notification."""
    try:
        module = importlib.import_module("ltc_tui.screens.contract")
    except ModuleNotFoundError:
        screen.notify(t("pipe.contract_created", number=number), title=t("pipe.won_title"), markup=False, timeout=10)
        return
    screen_cls = getattr(module, "ContractScreen", None)
    if screen_cls is None:
        screen.notify(t("pipe.contract_created", number=number), title=t("pipe.won_title"), markup=False, timeout=10)
        return
    screen.notify(t("pipe.contract_created", number=number), title=t("pipe.won_title"), markup=False)
    screen.app.push_screen(screen_cls(contract_id))


def gate_context(session: Any, opportunity_id: int) -> tuple[Any, list[Any], list[Any]]:
    """The opportunity, its gate states and the team, for the gate form."""
    from ltc_tui.services.opportunities import get_opportunity
    from ltc_tui.services.opportunity_file import gate_states
    from ltc_tui.services.people import list_people

    opportunity = get_opportunity(session, opportunity_id)
    return opportunity, gate_states(session, opportunity), [v.person for v in list_people(session)]


def gate_why(state: Any) -> str:
    """Where a gate stands, in the app's words (the services' name the shell command)."""
    key = f"tp.{state.key}"
    return t(key, **state.params) if has(key) else t(state.key, **state.params)


def gate_how(gate: Gate, opportunity: Any, people: dict[int, str]) -> str:
    """How to pass ``gate``, in the app."""
    return t(f"pipe.gate_how.{gate.value}", ar=people.get(opportunity.ar_id or 0, "-"), fr=people.get(opportunity.fr_id or 0, "-"))


class OpportunityFlows(Flows):
    """Stage moves, gates, won and lost; the host provides ``selected_opportunity()``
    (an object with ``id``, ``stage`` and ``version``, or None)."""

    def selected_opportunity(self) -> Any:  # pragma: no cover - every host defines it
        raise NotImplementedError

    def after_move(self, opportunity_id: int) -> None:
        """Called once a move is saved (the board follows the card)."""

    # --- stage moves ---------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        host: Any = self
        card = self.selected_opportunity()
        if card is None:
            return
        from ltc_tui.services.opportunities import ORDER

        stage = Stage(card.stage)
        if not stage.is_open:
            host.notify(t("pipe.closed", id=card.id, stage=label(stage)), severity="warning", markup=False)
            return
        index = ORDER.index(stage) + step
        if index < 0:
            host.notify(t("pipe.at_first"), severity="warning", markup=False)
            return
        if index >= len(ORDER):
            host.notify(t("pipe.at_last"), severity="warning", markup=False)
            return
        host.run_worker(self._move(card.id, ORDER[index], card.version), group="dialog")  # a gate may ask

    async def _move(self, opportunity_id: int, target: Stage, version: int | None) -> None:
        from ltc_tui.services.opportunities import move_stage

        host: Any = self
        try:
            moved = await db_call(host, partial(move_stage, opportunity_id=opportunity_id, to=target, expected_version=version),
                                  write=True)
        except RuleViolation as error:
            if error.key == "error.opp.gate":
                await self._gate_refused(opportunity_id, Stage(error.params["stage"]), target)
            else:
                show_error(host, error)
            host.load()
            return
        except Exception as error:  # noqa: BLE001 - shown to the user
            show_error(host, error)
            host.load()
            return
        host.notify(t("pipe.moved", id=opportunity_id, stage=label(target), probability=moved.probability), markup=False)
        self.after_move(opportunity_id)
        host.load()

    async def _gate_refused(self, opportunity_id: int, stage: Stage, target: Stage) -> None:
        """A gate refused the move: say which, and how to pass it; offer to record it now."""
        from ltc_tui.services.opportunities import GATE_INTO

        host: Any = self
        gate = GATE_INTO[stage]
        opportunity, states, team = await db_call(host, partial(gate_context, opportunity_id=opportunity_id))
        state = next(s for s in states if s.gate is gate)
        people = {p.id: p.handle for p in team}
        detail = gate_why(state) + "\n" + gate_how(gate, opportunity, people)
        question = t("pipe.gate_refused", stage=label(stage), gate=label(gate))
        if not await self.confirm(question, detail + "\n\n" + t("pipe.gate_record_now")):
            return
        record = await self.record_gate(opportunity_id, gate)
        if record is not None and record.result != GateResult.FAIL.value:
            fresh = await db_call(host, partial(gate_context, opportunity_id=opportunity_id))
            await self._move(opportunity_id, target, fresh[0].version)

    # --- gates ------------------------------------------------------------------------------

    def action_gate(self) -> None:
        host: Any = self
        card = self.selected_opportunity()
        if card is None:
            return
        host.run_worker(self._choose_gate(card.id), group="dialog")

    async def _choose_gate(self, opportunity_id: int) -> None:
        host: Any = self
        opportunity, states, _ = await db_call(host, partial(gate_context, opportunity_id=opportunity_id))
        choices: list[tuple[Text | str, Any]] = []
        for state in states:
            line = Text()
            line.append("✓ " if state.passed else ("✗ " if state.latest else "· "),
                        style="bold green" if state.passed else ("bold red" if state.latest else "dim"))
            line.append(label(state.gate), style="bold")
            line.append("  " + gate_why(state), style="dim")
            choices.append((line, state.gate))
        gate = await self.pick(t("pipe.gate_pick_title", id=opportunity_id), choices, intro=t("pipe.gate_pick_intro"))
        if gate is not None:
            await self.record_gate(opportunity_id, gate)

    async def record_gate(self, opportunity_id: int, gate: Gate) -> Any:
        """The gate's form: initiation approval, the FR's bid review, the scope agreed."""
        from ltc_tui.services.opportunities import record_gate
        from ltc_tui.values import format_money

        host: Any = self
        opportunity, _, team = await db_call(host, partial(gate_context, opportunity_id=opportunity_id))
        people = {p.id: p.handle for p in team}
        me = getattr(host.app, "actor_id", None)
        if gate is Gate.BID:
            default = people.get(opportunity.fr_id or 0, "")
        elif gate is Gate.INITIATION and me == opportunity.ar_id:
            default = ""
        else:
            default = people.get(me or 0, "")
        approvers = [(f"{p.handle} · {p.name}", p.handle) for p in team]
        if default == "":
            approvers.insert(0, (t("pipe.gate_choose_approver"), ""))
        results = [(label(r), r.value) for r in GateResult]
        fields = [
            FormField("result", t("pipe.gate_result"), GateResult.PASS.value, kind="choice", choices=results, names=("result",)),
            FormField("approver", t(f"pipe.gate_approver.{gate.value}"), default, kind="choice", choices=approvers,
                      names=("approver", "--approver")),
        ]
        if gate is Gate.BID:
            fields += [
                FormField("deliverability", t("pipe.gate_deliverability"), GateResult.PASS.value, kind="choice", choices=results,
                          names=("deliverability",)),
                FormField("workload", t("pipe.gate_workload"), placeholder="120", names=("workload days", "workload")),
                FormField("price", t("pipe.gate_price", currency=opportunity.currency),
                          format_money(opportunity.amount_cents) if opportunity.amount_cents else "", names=("price",)),
            ]
        fields += [
            FormField("conditions", t("pipe.gate_conditions"), names=("conditions",)),
            FormField("notes", t("pipe.gate_notes"), kind="text", names=("notes",)),
        ]
        spec = FormSpec(t("pipe.gate_title", gate=label(gate), id=opportunity_id), fields,
                        intro=gate_how(gate, opportunity, people))

        def save(session: Any, values: dict[str, str]) -> Any:
            return record_gate(
                session, opportunity_id=opportunity_id, gate=gate, result=values["result"], approver=values["approver"] or None,
                notes=values["notes"] or None, conditions=values["conditions"] or None,
                deliverability=values.get("deliverability") or None, workload_days=values.get("workload") or None,
                price=values.get("price") or None,
            )

        record = await self.ask(spec, save)
        if record is not None:
            host.notify(t("pipe.gate_recorded", gate=label(gate), result=label(GateResult(record.result))),
                        severity="warning" if record.result == GateResult.FAIL.value else "information", markup=False)
        return record

    # --- won and lost ------------------------------------------------------------------------

    def action_won(self) -> None:
        host: Any = self
        card = self.selected_opportunity()
        if card is not None:
            host.run_worker(self._won(card.id), group="dialog")

    async def _won(self, opportunity_id: int) -> None:
        from ltc_tui.clock import today
        from ltc_tui.services.opportunities import get_opportunity, mark_won
        from ltc_tui.values import format_money

        host: Any = self
        opportunity = await db_call(host, partial(get_opportunity, opportunity_id=opportunity_id))
        if opportunity.stage != Stage.NEGOTIATION.value:
            show_error(host, RuleViolation("error.opp.won_stage", id=opportunity_id, stage=label(Stage(opportunity.stage))))
            return
        spec = FormSpec(
            t("pipe.won_form_title", id=opportunity_id, title=opportunity.title),
            [
                FormField("number", t("pipe.won_number"), placeholder=t("pipe.won_number_hint"), names=("number",)),
                FormField("signed", t("pipe.won_signed"), today().isoformat(), names=("signed on",)),
                FormField("value", t("pipe.won_value", currency=opportunity.currency),
                          format_money(opportunity.amount_cents) if opportunity.amount_cents else "", names=("value",)),
                FormField("po", t("pipe.won_po"), names=("po",)),
                FormField("reason", t("pipe.won_reason"), kind="text", names=("reason",)),
            ],
            intro=t("pipe.won_intro"),
        )
        version = opportunity.version

        def save(session: Any, values: dict[str, str]) -> Any:
            return mark_won(session, opportunity_id=opportunity_id, reason=values["reason"] or None, number=values["number"] or None,
                            signed_on=values["signed"] or None, value=values["value"] or None, po_number=values["po"] or None,
                            expected_version=version)

        contract = await self.ask(spec, save)
        if contract is not None:
            open_contract(host, contract.id, contract.number)

    def action_lost(self) -> None:
        host: Any = self
        card = self.selected_opportunity()
        if card is not None:
            host.run_worker(self._lost(card.id, card.version), group="dialog")

    async def _lost(self, opportunity_id: int, version: int | None) -> None:
        from ltc_tui.services.opportunities import mark_lost

        host: Any = self
        spec = FormSpec(
            t("pipe.lost_title", id=opportunity_id),
            [FormField("reason", t("pipe.lost_reason"), kind="text", names=("reason",))],
            intro=t("pipe.lost_intro"),
        )
        result = await self.ask(spec, lambda session, values: mark_lost(session, opportunity_id=opportunity_id,
                                                                         reason=values["reason"], expected_version=version))
        if result is not None:
            host.notify(t("pipe.lost_done", id=opportunity_id), severity="warning", markup=False)

