"""Team settings, stored in the database so that a team shares them.

Each setting has a type, a default and a check; ``ltc config`` lists and
changes them, and only an admin may change one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from ltc_tui import clock
from ltc_tui.enums import Role
from ltc_tui.errors import ValidationError
from ltc_tui.models.settings import Setting
from ltc_tui.values import parse_currency, parse_int, parse_money


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    parse: Callable[[str], Any]
    help_key: str
    show: Callable[[Any], str] = str


def _int_between(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str, key: str = "") -> int:
        value = parse_int(text, field=key or "value", low=low, high=high)
        if value is None:
            raise ValidationError("error.required", field=key or "value")
        return value

    return parse


def _money(text: str) -> int:
    value = parse_money(text, field="value")
    if value is None:
        raise ValidationError("error.required", field="value")
    return value


def _currency(text: str) -> str:
    value = parse_currency(text, field="value")
    if value is None:
        raise ValidationError("error.required", field="value")
    return value


def _show_money(cents: int) -> str:
    from ltc_tui.values import format_money

    return format_money(cents)


SPECS: dict[str, SettingSpec] = {
    spec.key: spec
    for spec in (
        SettingSpec("meeting_cadence_days", 14, _int_between(1, 365), "setting.meeting_cadence_days"),
        SettingSpec("kdm_threshold_pct", 50, _int_between(1, 100), "setting.kdm_threshold_pct"),
        SettingSpec("vote_threshold_pct", 50, _int_between(1, 100), "setting.vote_threshold_pct"),
        SettingSpec("stale_days", 30, _int_between(1, 3650), "setting.stale_days"),
        SettingSpec("opportunity_stale_days", 30, _int_between(1, 3650), "setting.opportunity_stale_days"),
        SettingSpec("visit_target_weekly", 6, _int_between(0, 100), "setting.visit_target_weekly"),
        SettingSpec("currency", "USD", _currency, "setting.currency"),
        SettingSpec("tier_a_amount", 100_000_000, _money, "setting.tier_a_amount", _show_money),
        SettingSpec("tier_b_amount", 20_000_000, _money, "setting.tier_b_amount", _show_money),
        SettingSpec("tier_a_points", 4, _int_between(1, 10), "setting.tier_a_points"),
        SettingSpec("tier_b_points", 2, _int_between(1, 10), "setting.tier_b_points"),
        SettingSpec("review_days", 30, _int_between(1, 365), "setting.review_days"),
    )
}


def _spec(key: str) -> SettingSpec:
    spec = SPECS.get(key.strip().lower().replace("-", "_"))
    if spec is None:
        # A closed vocabulary, like an option value: a usage error (exit 2).
        raise ValidationError("error.setting.unknown", field="setting", key=key, known=", ".join(SPECS))
    return spec


def get(session: Session, key: str) -> Any:
    spec = _spec(key)
    row = session.get(Setting, spec.key)
    if row is None:
        return spec.default
    try:
        return json.loads(row.value)
    except ValueError:
        return spec.default


def all_settings(session: Session) -> dict[str, Any]:
    stored = {row.key: row for row in session.exec(select(Setting)).all()}
    result: dict[str, Any] = {}
    for key, spec in SPECS.items():
        if key in stored:
            try:
                result[key] = json.loads(stored[key].value)
                continue
            except ValueError:
                pass
        result[key] = spec.default
    return result


def set_value(session: Session, key: str, raw: str) -> Any:
    """Change a setting (admins only); returns the value as stored."""
    from ltc_tui.services.people import require_role

    spec = _spec(key)
    actor = session.info.get("actor_id")
    if actor is not None:
        require_role(session, actor, Role.ADMIN, action="change settings")
    try:
        value = spec.parse(raw)
    except ValidationError as error:
        raise ValidationError(error.key, **{**error.params, "field": spec.key}) from None
    if spec.key in ("tier_a_amount", "tier_b_amount", "tier_a_points", "tier_b_points"):
        current = all_settings(session) | {spec.key: value}
        if current["tier_a_amount"] < current["tier_b_amount"]:
            raise ValidationError("error.setting.tier_amounts", field=spec.key)
        if current["tier_a_points"] < current["tier_b_points"]:
            raise ValidationError("error.setting.tier_points", field=spec.key)
    row = session.get(Setting, spec.key)
    encoded = json.dumps(value)
    if row is None:
        session.add(Setting(key=spec.key, value=encoded, updated_by_id=actor))
    else:
        row.value = encoded
        row.updated_by_id = actor
        row.updated_at = clock.now()
    session.flush()
    return value


def show(key: str, value: Any) -> str:
    return _spec(key).show(value)
