"""Today and now, in one place, so rules and tests share one clock.

``LTC_TODAY=YYYY-MM-DD`` (or ``freeze()`` in tests) pins the date: the
stale clock, ages and due dates then read the same every run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator

_frozen: dt.datetime | None = None


def freeze(when: dt.datetime | dt.date | None) -> None:
    """Pin the clock (tests); ``None`` lets it run again."""
    global _frozen
    if when is None:
        _frozen = None
    elif isinstance(when, dt.datetime):
        _frozen = when if when.tzinfo else when.replace(tzinfo=dt.UTC)
    else:
        _frozen = dt.datetime.combine(when, dt.time(9, 0), dt.UTC)


@contextlib.contextmanager
def restored() -> Iterator[None]:
    """Let a block ``freeze`` the clock as it likes; afterwards it reads as before
    (still frozen at the same moment, or running again)."""
    global _frozen
    saved = _frozen
    try:
        yield
    finally:
        _frozen = saved


def now() -> dt.datetime:
    """The current time, aware, in UTC (how every timestamp is stored)."""
    if _frozen is not None:
        return _frozen
    pinned = os.environ.get("LTC_TODAY")
    if pinned:
        try:
            return dt.datetime.combine(dt.date.fromisoformat(pinned), dt.time(9, 0), dt.UTC)
        except ValueError:
            pass
    return dt.datetime.now(dt.UTC)


def today() -> dt.date:
    if _frozen is not None or os.environ.get("LTC_TODAY"):
        return now().date()
    return dt.date.today()
