"""Messages of the speed work (issue 7): what a long list shows instead of
drawing every row."""

from __future__ import annotations

EN: dict[str, str] = {
    "meeting.agenda_earlier": "… {count:,} earlier on the agenda",
    "meeting.agenda_later": "… {count:,} more on the agenda",
}

ZH: dict[str, str] = {}
