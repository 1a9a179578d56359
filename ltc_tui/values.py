"""Reading and showing values people type: money, dates, text, choices.

Pure Python (no SQLModel), so the CLI can validate arguments before it
opens the database. Every parse error is a ``ValidationError`` that names
the field and says what would be accepted.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ltc_tui import clock
from ltc_tui.errors import ValidationError

# --- money -------------------------------------------------------------------

_MULTIPLIERS = {
    "": Decimal(1),
    "k": Decimal(1_000),
    "m": Decimal(1_000_000),
    "mm": Decimal(1_000_000),
    "b": Decimal(1_000_000_000),
    "bn": Decimal(1_000_000_000),
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
}
_MONEY_RE = re.compile(r"^(?P<num>[0-9]+(?:[.,][0-9]+)*)\s*(?P<mult>k|m|mm|b|bn|万|亿)?$", re.I)
MAX_CENTS = 10**15  # ten trillion units: beyond any deal this tool will see


def parse_money(text: str | int | float | Decimal | None, *, field: str) -> int | None:
    """Read an amount into minor units (cents). ``None``/"" is no amount.

    Accepts ``1200000``, ``1,200,000``, ``1.2M``, ``300k``, ``50万``, with an
    optional currency sign or code; refuses negatives and garbage."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValidationError("error.money", field=field, value=str(text))
    if isinstance(text, (int, float, Decimal)):
        amount = Decimal(str(text))
    else:
        raw = unicodedata.normalize("NFKC", str(text)).strip()
        if not raw:
            return None
        cleaned = re.sub(r"^[A-Za-z]{3}\s+|\s+[A-Za-z]{3}$|^[$€£¥￥]\s*", "", raw).strip()
        cleaned = cleaned.replace(" ", "").replace("_", "")
        if cleaned.startswith("-") or cleaned.startswith("−"):
            raise ValidationError("error.money_negative", field=field, value=raw)
        match = _MONEY_RE.match(cleaned)
        if not match:
            raise ValidationError("error.money", field=field, value=raw)
        number = match.group("num")
        # "1,200,000" and "1.200.000" group thousands; a single , or . with 1-2
        # trailing digits is a decimal mark.
        groups = re.split(r"[.,]", number)
        if len(groups) > 1 and len(groups[-1]) in (1, 2) and len(groups) == 2:
            number = groups[0] + "." + groups[1]
        elif len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
            number = "".join(groups)
        elif len(groups) > 1 and all(len(g) == 3 for g in groups[1:-1]) and len(groups[-1]) in (1, 2):
            number = "".join(groups[:-1]) + "." + groups[-1]
        elif len(groups) > 1:
            raise ValidationError("error.money", field=field, value=raw)
        try:
            amount = Decimal(number) * _MULTIPLIERS[(match.group("mult") or "").lower()]
        except InvalidOperation as error:
            raise ValidationError("error.money", field=field, value=raw) from error
    if not amount.is_finite():
        raise ValidationError("error.money", field=field, value=str(text))
    if amount < 0:
        raise ValidationError("error.money_negative", field=field, value=str(text))
    if amount > MAX_CENTS:  # before rounding: quantize cannot hold 28+ digits
        raise ValidationError("error.money_too_large", field=field, value=str(text))
    cents = int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if cents > MAX_CENTS:
        raise ValidationError("error.money_too_large", field=field, value=str(text))
    return cents


def cents_to_decimal(cents: int | None) -> Decimal | None:
    return None if cents is None else (Decimal(cents) / 100).quantize(Decimal("0.01"))


def format_money(cents: int | None, currency: str | None = None, *, compact: bool = False) -> str:
    """``1,200,000`` (or ``1.2M`` compact); cents only when there are some."""
    if cents is None:
        return ""
    units = Decimal(cents) / 100
    if compact:
        for limit, suffix in ((Decimal(10**9), "B"), (Decimal(10**6), "M"), (Decimal(10**3), "k")):
            if units >= limit:
                shown = (units / limit).quantize(Decimal("0.1"))
                text = f"{shown.normalize():f}{suffix}"
                break
        else:
            text = f"{units.quantize(Decimal(1)):,}"
    elif cents % 100:
        text = f"{units:,.2f}"
    else:
        text = f"{int(units):,}"
    return f"{text} {currency}" if currency else text


def parse_currency(text: str | None, *, field: str = "currency") -> str | None:
    if text is None or not str(text).strip():
        return None
    code = str(text).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValidationError("error.currency", field=field, value=text)
    return code


# --- dates --------------------------------------------------------------------

_RELATIVE_RE = re.compile(r"^\+?(?P<n>\d{1,4})\s*(?P<unit>d|w|m|y)$", re.I)


def add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_date(
    text: str | dt.date | None, *, field: str, today: dt.date | None = None
) -> dt.date | None:
    """Read a date: ``2026-12-01``, ``2027-03`` (first of month), ``today``,
    ``tomorrow``, ``+14d``/``+2w``/``+3m``/``+1y``. ``None``/"" is no date."""
    if text is None:
        return None
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    raw = unicodedata.normalize("NFKC", str(text)).strip()
    if not raw:
        return None
    base = today or clock.today()
    low = raw.lower()
    if low in ("today", "今天"):
        return base
    if low in ("tomorrow", "明天"):
        return base + dt.timedelta(days=1)
    match = _RELATIVE_RE.match(low)
    if match and (low.startswith("+") or low[-1] in "dwmy"):
        n = int(match.group("n"))
        unit = match.group("unit").lower()
        try:
            if unit == "d":
                return base + dt.timedelta(days=n)
            if unit == "w":
                return base + dt.timedelta(weeks=n)
            if unit == "m":
                return add_months(base, n)
            return add_months(base, 12 * n)
        except (ValueError, OverflowError) as error:  # beyond year 9999
            raise ValidationError("error.date_invalid", field=field, value=raw) from error
    try:
        if re.fullmatch(r"\d{4}-\d{2}", raw):
            return dt.date.fromisoformat(raw + "-01")
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return dt.date.fromisoformat(raw)
        if re.fullmatch(r"\d{4}/\d{1,2}/\d{1,2}", raw):
            year, month, day = (int(p) for p in raw.split("/"))
            return dt.date(year, month, day)
    except ValueError as error:
        raise ValidationError("error.date_invalid", field=field, value=raw) from error
    raise ValidationError("error.date", field=field, value=raw)


def days_between(start: dt.date, end: dt.date) -> int:
    return (end - start).days


# --- text ---------------------------------------------------------------------

# C0/C1 controls (ESC starts terminal sequences, CR overwrites a line), and the
# invisible Unicode formatting characters that reorder or hide text on screen:
# bidi embeddings, overrides and isolates (the "Trojan Source" trick), line and
# paragraph separators, zero-width space, direction marks, word joiner, BOM.
# ZWJ/ZWNJ (U+200C/D) stay: scripts and emoji need them.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200e\u200f\u2028-\u202e\u2060\u2066-\u2069\ufeff]")


def _refuse_nul(value: str, field: str) -> None:
    """A NUL character is never meant, and PostgreSQL cannot store it: refuse it on every backend."""
    if "\x00" in value:
        raise ValidationError("error.text_nul", field=field)


def clean_line(text: str | None, *, field: str, required: bool = False, max_len: int = 200) -> str | None:
    """One line of user text: trimmed, inner whitespace collapsed, length checked.

    Control characters are kept (they are data) but never reach a terminal
    raw: see ``printable``."""
    if text is None or not str(text).strip():
        if required:
            raise ValidationError("error.required", field=field)
        return None
    value = " ".join(str(text).split())
    _refuse_nul(value, field)
    if len(value) > max_len:
        raise ValidationError("error.too_long", field=field, max=max_len, length=len(value))
    return value


def clean_text(text: str | None, *, field: str, required: bool = False, max_len: int = 20_000) -> str | None:
    """Multi-line user text (needs, notes): trimmed, length checked."""
    if text is None or not str(text).strip():
        if required:
            raise ValidationError("error.required", field=field)
        return None
    value = str(text).strip().replace("\r\n", "\n")
    _refuse_nul(value, field)
    if len(value) > max_len:
        raise ValidationError("error.too_long", field=field, max=max_len, length=len(value))
    return value


UNSAFE_CHARS = _CONTROL_RE  # what must never reach a terminal raw (also used for JSON output)


def printable(text: str | None) -> str:
    """User text made safe for a terminal: control characters shown as escapes.

    ``"\\x1b[31mred"`` prints as the literal characters ``\\x1b[31mred``."""
    if not text:
        return ""
    return _CONTROL_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def parse_bool(text: str | bool | None, *, field: str) -> bool | None:
    if text is None or isinstance(text, bool):
        return text
    low = str(text).strip().lower()
    if not low:
        return None
    if low in ("y", "yes", "true", "1", "on", "是", "有"):
        return True
    if low in ("n", "no", "false", "0", "off", "否", "无"):
        return False
    raise ValidationError("error.bool", field=field, value=text)


def parse_int(text: str | int | None, *, field: str, low: int | None = None, high: int | None = None) -> int | None:
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        value = int(str(text).strip())
    except ValueError as error:
        raise ValidationError("error.int", field=field, value=text) from error
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValidationError("error.int_range", field=field, value=value, low=low, high=high)
    return value
