"""The message catalogue: every string shown to a user goes through ``t()``.

Catalogues live in the ``catalog_*`` modules of this package, one per area
of the software, each with an ``EN`` and a ``ZH`` dict of key -> template
(``str.format`` with named fields). The language is chosen by
``set_language`` (the CLI's ``--lang``), else ``LTC_LANG``, else the system
locale. A key missing from the chosen language falls back to English, and a
key missing from English shows the key itself, which tests catch.
"""

from __future__ import annotations

import importlib
import locale
import os
import pkgutil
import re
from typing import Any

LANGUAGES = ("en", "zh")

_catalogues: dict[str, dict[str, str]] | None = None
_language: str | None = None


def _load() -> dict[str, dict[str, str]]:
    global _catalogues
    if _catalogues is None:
        merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
        for info in pkgutil.iter_modules(__path__):
            if not info.name.startswith("catalog_"):
                continue
            module = importlib.import_module(f"{__name__}.{info.name}")
            for lang in LANGUAGES:
                merged[lang].update(getattr(module, lang.upper(), {}))
        _catalogues = merged
    return _catalogues


def catalogue(lang: str) -> dict[str, str]:
    return _load()[lang]


def detect_language() -> str:
    """``LTC_LANG``, else the system locale; English when neither says Chinese."""
    wanted = os.environ.get("LTC_LANG")
    if not wanted:
        for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
            wanted = os.environ.get(var)
            if wanted:
                break
        else:
            try:
                wanted = locale.getlocale()[0] or ""
            except ValueError:
                wanted = ""
    return "zh" if (wanted or "").lower().startswith("zh") else "en"


def set_language(lang: str | None) -> str:
    global _language
    if lang is None:
        _language = detect_language()
    else:
        code = lang.strip().lower().split("_")[0].split("-")[0]
        if code not in LANGUAGES:
            from ltc_tui.errors import ValidationError

            raise ValidationError(
                "error.enum", field="--lang", value=lang, choices=", ".join(LANGUAGES)
            )
        _language = code
    return _language


def language() -> str:
    if _language is None:
        set_language(None)
    assert _language is not None
    return _language


# Parameters that carry an enum's value are shown by the value's label.
_LABELLED = {
    "status": ("LeadStatus", "ContractStatus", "MeetingStatus"),
    "stage": ("Stage",),
    "standing": ("Standing",),
    "temp": ("Temperature",),
    "risk": ("Risk",),
    "competition": ("Competition",),
    "kind": ("DecisionKind", "VisitKind"),
    "klass": ("LeadClass",),
    "gate": ("Gate",),
    "result": ("GateResult",),
    "vote": ("Vote",),
    "source": ("Source",),
}

# Parameters that carry one of the software's own words (a field's name, a
# kind of record, an action, a role), or a list of them: each word is shown
# as ``term.<kind>.<word>`` says in the current language, else as it is
# (an option such as ``--customer`` stays as typed).
_TERMS = {
    "field": "field",
    "missing": "field",
    "fields": "field",
    "entity": "entity",
    "action": "action",
    "roles": "role",
    "kind": "kind",
    "found": "kind",
}


def _labelled(name: str, value: Any, cat: dict[str, str], fallback: dict[str, str]) -> Any:
    if isinstance(value, (list, tuple)):
        separator = cat.get("ui.list_sep") or fallback.get("ui.list_sep") or ", "
        return separator.join(str(_labelled(name, v, cat, fallback)) for v in value)
    if not isinstance(value, str):
        return value
    for enum_name in _LABELLED.get(name, ()):
        key = f"enum.{enum_name}.{value}"
        text = cat.get(key) or fallback.get(key)
        if text:
            return text
    if name in ("what", "yes"):  # novelty flags; the "how far" signals
        key = f"signal.{value}"
        return cat.get(key) or fallback.get(key) or value
    if name in _TERMS:
        key = f"term.{_TERMS[name]}.{value}"
        return cat.get(key) or fallback.get(key) or value
    return value


def t(key: str, /, **params: Any) -> str:
    """The text for ``key`` in the current language, filled with ``params``
    (enum values among them shown by their label)."""
    cats = _load()
    cat, english = cats[language()], cats["en"]
    template = cat.get(key) or english.get(key)
    if template is None:
        return key
    if not params:
        return template
    shown = {name: _labelled(name, value, cat, english) for name, value in params.items()}
    try:
        return template.format(**shown)
    except (KeyError, IndexError, ValueError):
        return template


def has(key: str) -> bool:
    return key in _load()["en"]


def term(kind: str, word: str) -> str:
    """One of the software's own words in the current language
    (``term("field", "next review")`` -> "下次评审"); the word itself when the
    catalogue has none."""
    key = f"term.{kind}.{word}"
    text = t(key)
    return word if text == key else text


def join(items: Any) -> str:
    """Texts as a list: "a, b" in English, "a、b" in Chinese."""
    return t("ui.list_sep").join(str(item) for item in items)


def words(kind: str, items: Any) -> str:
    """Several such words as a list ("budget, start date" / "预算、启动时间")."""
    return join(term(kind, str(item)) for item in items)


def label(enum_member: Any) -> str:
    """A person's word for an enum member (``enum.Stage.bid`` -> "bid")."""
    key = f"enum.{type(enum_member).__name__}.{enum_member.value}"
    text = t(key)
    return str(enum_member.value).replace("_", " ") if text == key else text


def describe(reasons: Any) -> str:
    """Reasons (``services.rules.Reason``) as one line: "standing key +2; ..."."""
    parts = []
    for reason in reasons:
        text = t(reason.key, **reason.params)
        parts.append(text if reason.points is None else f"{text} {reason.points:+d}")
    return t("ui.reason_sep").join(parts)


# Notes the software writes into records itself (stored in English, as the
# audit trail and exports keep them), shown in the reader's words.
_SYSTEM_NOTES = ((re.compile(r"from lead #(?P<id>\d+)"), "note.from_lead"),)


def stored_note(text: str | None) -> str:
    """A stored note as the reader reads it: one the software wrote
    ("from lead #27") in the current language, a person's as they wrote it."""
    for pattern, key in _SYSTEM_NOTES:
        found = pattern.fullmatch(text or "")
        if found:
            return t(key, **found.groupdict())
    return text or ""
