"""How a change from the audit trail reads: the field's name and its old and
new values in the reader's words ("状态：已提交 -> 已验证", "budget: - ->
600,000"), for a lead's history, ``ltc audit`` and a conflict's message."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ltc_tui.i18n import t

# column -> the enum its values belong to (per table when a name is shared)
ENUM_COLUMNS: dict[str, str | dict[str, str]] = {
    "status": {"lead": "LeadStatus", "contract": "ContractStatus", "meeting": "MeetingStatus"},
    "kind": {"decision": "DecisionKind", "visit": "VisitKind"},
    "lead_class": "LeadClass", "temperature": "Temperature", "source": "Source", "standing": "Standing",
    "level": "ContactLevel", "decision_role": "DecisionRole", "influence": "Influence", "attitude": "Attitude",
    "stage": "Stage", "vote": "Vote", "result": "GateResult", "gate": "Gate", "competition": "Competition",
    "risk": "Risk", "deliverability": "GateResult",
}


def value_text(entity: str, field: str, value: Any, *, name: Callable[[int], str] | None = None) -> str:
    """One stored value (as the audit trail keeps it: text) in the reader's words."""
    from ltc_tui.values import format_money

    if value is None or value == "":
        return "-"
    text = str(value)
    if text in ("yes", "no") and _is_bool(entity, field):
        return t(f"ui.{text}")
    enum_name = ENUM_COLUMNS.get(field)
    if isinstance(enum_name, dict):
        enum_name = enum_name.get(entity)
    if enum_name:
        from ltc_tui import enums
        from ltc_tui.i18n import label

        try:
            return label(getattr(enums, enum_name)(text))
        except ValueError:
            return text
    if field.endswith("_cents") and text.lstrip("-").isdigit():
        return format_money(int(text)) or text
    if field.endswith("_id") and name is not None and text.isdigit():
        return name(int(text)) or text
    if field.endswith("_at"):
        try:
            return dt.datetime.fromisoformat(text).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return text
    return text


def _is_bool(entity: str, field: str) -> bool:
    import sqlalchemy as sa
    from sqlmodel import SQLModel

    table = SQLModel.metadata.tables.get(entity)
    column = table.columns.get(field) if table is not None else None
    return column is not None and isinstance(column.type, sa.Boolean)


def change_text(entity: str, field: str, old: Any, new: Any, *, name: Callable[[int], str] | None = None) -> str:
    """ "field: old -> new" in the current language."""
    return t("file.change", field=field, old=value_text(entity, field, old, name=name),
             new=value_text(entity, field, new, name=name))
