"""Dates as other systems write them, read with one day/month order per file.

Year-first dates (``2024-03-12``, ``2024/3/12``, ``2024年3月12日``) and dates
with a month name (``12 Mar 2024``, ``12-Mar-24``, ``March 12, 2024``) mean
one thing. Numeric day/month dates do not: ``03/04/2024`` is 3 April in
London and 4 March in New York. Their order is stated (``--date-format
d/m/Y``) or detected from every date of the file: a value like
``31/01/2024`` can only be day first, ``01/31/2024`` only month first. A
file whose dates never decide is refused with a request to state the form;
a file whose dates contradict each other keeps the order most of them
support, and the others are reported row by row. A time after the date
(``2024-03-12T09:15:00.000+0000``, ``3/12/2024, 9:15 AM``) is allowed and
ignored where only the date counts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ltc_tui.errors import ValidationError

DMY, MDY, YMD = "dmy", "mdy", "ymd"

_TIME = r"(?:,?[ T]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?"
_YEAR_FIRST = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?" + _TIME + r"$")
_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})" + _TIME + r"$")
_DAY_NAME = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]{3,9})\.?,?[ -](\d{4}|\d{2})" + _TIME + r"$")
_NAME_DAY = re.compile(r"^([A-Za-z]{3,9})\.?[ -](\d{1,2})(?:st|nd|rd|th)?,?[ -](\d{4}|\d{2})" + _TIME + r"$")

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"),
            ("may",), ("jun", "june"), ("jul", "july"), ("aug", "august"),
            ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

# What people write for --date-format, mapped to an order.
_STATED = {
    "dmy": DMY, "d/m/y": DMY, "d.m.y": DMY, "d-m-y": DMY, "dd/mm/yyyy": DMY, "dd.mm.yyyy": DMY,
    "dd-mm-yyyy": DMY, "dd/mm/yy": DMY, "day/month/year": DMY, "%d/%m/%y": DMY, "%d.%m.%y": DMY, "%d-%m-%y": DMY,
    "mdy": MDY, "m/d/y": MDY, "m-d-y": MDY, "m.d.y": MDY, "mm/dd/yyyy": MDY, "mm-dd-yyyy": MDY, "mm/dd/yy": MDY,
    "month/day/year": MDY, "%m/%d/%y": MDY, "%m-%d-%y": MDY,
    "ymd": YMD, "y-m-d": YMD, "y/m/d": YMD, "yyyy-mm-dd": YMD, "yyyy/mm/dd": YMD, "iso": YMD, "%y-%m-%d": YMD,
    "%y/%m/%d": YMD,
}
FORM_NAMES = {DMY: "d/m/Y", MDY: "m/d/Y", YMD: "Y-m-d"}


def parse_order(text: str | None) -> str | None:
    """``"d/m/Y"``, ``"dd.mm.yyyy"``, ``"%m/%d/%Y"``, ``"iso"``... -> ``"dmy"``/``"mdy"``/``"ymd"``."""
    if text is None or not text.strip():
        return None
    key = text.strip().lower().replace(" ", "")
    order = _STATED.get(key)
    if order is None:
        raise ValidationError("import.date.bad_format", field="--date-format", value=text)
    return order


def _year(text: str) -> int:
    value = int(text)
    if len(text) == 2:
        value += 2000 if value < 70 else 1900
    return value


@dataclass(frozen=True)
class Shape:
    """What a value's form says: fixed (year-first or month name) or a day/month pair."""

    kind: str  # "fixed" or "pair"
    a: int
    b: int
    year: int
    separator: str = ""


def shape(text: str) -> Shape | None:
    value = text.strip()
    match = _YEAR_FIRST.match(value)
    if match:
        return Shape("fixed", int(match.group(2)), int(match.group(3)), int(match.group(1)))
    match = _NUMERIC.match(value)
    if match:
        return Shape("pair", int(match.group(1)), int(match.group(3)), _year(match.group(4)), match.group(2))
    match = _DAY_NAME.match(value)
    if match and match.group(2).lower() in MONTHS:
        return Shape("fixed", MONTHS[match.group(2).lower()], int(match.group(1)), _year(match.group(3)))
    match = _NAME_DAY.match(value)
    if match and match.group(1).lower() in MONTHS:
        return Shape("fixed", MONTHS[match.group(1).lower()], int(match.group(2)), _year(match.group(3)))
    return None


def _real(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass
class DateReading:
    """How the dates of a file are read, and why (shown to the person)."""

    order: str | None  # dmy / mdy / ymd; None when no value needed an order
    how: str  # "stated", "detected", "unambiguous", "none"
    values: int  # non-empty date values seen
    deciding: int  # values that fixed the order (detected)
    example: str | None  # one deciding value
    conflicting: int  # values that fit only the other order

    @property
    def form(self) -> str:
        return FORM_NAMES.get(self.order or YMD, "Y-m-d")


class DateReader:
    """Reads the date cells of one file with one day/month order."""

    def __init__(self, values: Iterable[str], *, stated: str | None = None, columns: str = "") -> None:
        shapes: dict[str, Shape | None] = {}
        for value in values:
            text = value.strip()
            if text and text not in shapes:
                shapes[text] = shape(text)
        self._shapes = shapes
        self._cache: dict[str, dt.date | None] = {}
        pairs = [(t, s) for t, s in shapes.items() if s is not None and s.kind == "pair"]
        day_first = [t for t, s in pairs if _real(s.year, s.b, s.a) and not _real(s.year, s.a, s.b)]
        month_first = [t for t, s in pairs if _real(s.year, s.a, s.b) and not _real(s.year, s.b, s.a)]
        count = len(shapes)
        if stated is not None:
            self.reading = DateReading(stated, "stated", count, 0, None, 0)
        elif not pairs:
            self.reading = DateReading(None, "unambiguous" if count else "none", count, 0, None, 0)
        elif day_first or month_first:
            order = DMY if len(day_first) >= len(month_first) else MDY
            deciding, other = (day_first, month_first) if order == DMY else (month_first, day_first)
            self.reading = DateReading(order, "detected", count, len(deciding), deciding[0], len(other))
        else:
            raise ValidationError("import.date.ambiguous", field=columns or "dates", example=pairs[0][0])

    def date(self, text: str) -> dt.date | None:
        """The date a cell holds; ``None`` if it holds none in this file's form."""
        value = text.strip()
        if value in self._cache:
            return self._cache[value]
        found = self._shapes.get(value) if value in self._shapes else shape(value)
        result = None
        if found is not None:
            if found.kind == "fixed":
                result = _real(found.year, found.a, found.b)
            elif self.reading.order == DMY:
                result = _real(found.year, found.b, found.a)
            elif self.reading.order == MDY:
                result = _real(found.year, found.a, found.b)
        if result is not None and not 1900 <= result.year <= 2200:
            result = None
        self._cache[value] = result
        return result

    def datetime(self, text: str) -> dt.datetime | None:
        """An aware UTC moment: full ISO 8601 keeps its time (naive means UTC);
        any other date form is midnight UTC."""
        value = text.strip()
        if len(value) > 10 and value[:4].isdigit() and value[4:5] == "-":
            iso = value.replace("Z", "+00:00") if value.endswith("Z") else value
            try:
                moment = dt.datetime.fromisoformat(iso)
            except ValueError:
                moment = None
            if moment is not None:
                if moment.tzinfo is None:
                    moment = moment.replace(tzinfo=dt.UTC)
                return moment.astimezone(dt.UTC)
        day = self.date(value)
        return None if day is None else dt.datetime.combine(day, dt.time(0), dt.UTC)
