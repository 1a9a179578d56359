"""SQLModel tables, one module per area; loaded on first use.

``from ltc_tui.models import Lead`` imports only the modules Lead needs, so
a quick shell command maps a few tables, not all of them. ``load_all()``
maps everything (migrations, ``create_all``, the app).
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "Person": "people",
    "PersonRole": "people",
    "Customer": "customers",
    "Contact": "customers",
    "Lead": "leads",
    "LeadNote": "leads",
    "Verification": "verification",
    "VerificationContact": "verification",
    "Meeting": "committee",
    "MeetingAttendee": "committee",
    "AgendaItem": "committee",
    "Decision": "committee",
    "NurturePass": "nurturing",
    "StepRecord": "nurturing",
    "PainRow": "nurturing",
    "KdmStance": "nurturing",
    "Competitor": "nurturing",
    "Opportunity": "opportunities",
    "StageChange": "opportunities",
    "GateRecord": "opportunities",
    "PowerMapEntry": "opportunities",
    "Contract": "contracts",
    "Milestone": "contracts",
    "Invoice": "contracts",
    "Payment": "contracts",
    "Dispute": "contracts",
    "Visit": "visits",
    "VisitContact": "visits",
    "AuditEvent": "audit",
    "Setting": "settings",
    "lead_search": "search",  # a Core table (see models/search.py)
}

MODULES = sorted(set(_WHERE.values()))

__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def load_all() -> Any:
    """Import every table module; returns the shared metadata."""
    for module in MODULES:
        importlib.import_module(f"{__name__}.{module}")
    from sqlmodel import SQLModel

    return SQLModel.metadata
