"""Keeping secrets out of what people and logs see.

A database URL may carry a password (``postgresql+psycopg://ana:s3cret@host/db``).
It must never be printed, logged (``crash.log``) or put in an error message:
``redact`` masks it wherever it appears in a piece of text. Pure Python, so the
last-resort crash handler can use it without importing anything heavy.
"""

from __future__ import annotations

import os
import re

MASK = "***"

# scheme://user:password@host  ->  scheme://user:***@host
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/?#@\s]*:)(?P<secret>[^@\s]*)(?P<tail>@)")
# libpq key=value strings and query parameters: password=... / passwd=...
_KEYWORD_PASSWORD = re.compile(r"(?P<head>\b(?:password|passwd|pwd)\s*=\s*)(?P<secret>'[^']*'|[^\s&;]+)", re.I)


def redact(text: str | None) -> str:
    """``text`` with every password it carries replaced by ``***``."""
    if not text:
        return ""
    out = _URL_PASSWORD.sub(lambda m: m.group("head") + MASK + m.group("tail"), str(text))
    out = _KEYWORD_PASSWORD.sub(lambda m: m.group("head") + MASK, out)
    for secret in _known_secrets():
        out = out.replace(secret, MASK)
    return out


def _known_secrets() -> list[str]:
    """Passwords given through the environment, masked even where they appear alone."""
    found = []
    for var in ("LTC_DB", "PGPASSWORD"):
        value = os.environ.get(var) or ""
        if var == "PGPASSWORD":
            secret = value
        else:
            match = _URL_PASSWORD.search(value)
            secret = match.group("secret") if match else ""
        if len(secret) >= 4:  # a one- or two-letter password would mask half the text
            found.append(secret)
    return found


def redact_argv(argv: list[str]) -> list[str]:
    return [redact(arg) for arg in argv]
