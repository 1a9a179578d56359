"""Messages of the speed work (issue 7): what a long list shows instead of
drawing every row."""

from __future__ import annotations

EN: dict[str, str] = {
    "meeting.agenda_earlier": "… {count:,} earlier on the agenda",
    "meeting.agenda_later": "… {count:,} more on the agenda",
}

ZH: dict[str, str] = {
    "meeting.agenda_earlier": "… 议程上还有前面 {count:,} 条",
    "meeting.agenda_later": "… 议程上还有后面 {count:,} 条",
}
