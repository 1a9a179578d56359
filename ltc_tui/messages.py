"""App-wide messages (the ones that are not a single widget's)."""

from __future__ import annotations

from textual.message import Message


class DataChanged(Message):
    """Someone (this app, another process, another person) changed the data."""
