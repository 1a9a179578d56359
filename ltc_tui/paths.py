"""Where ltc keeps its files (platformdirs), and the local preferences file.

Team settings live in the database; this file holds what is personal to one
machine: the saved acting person, the theme, the language.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

APP_NAME = "ltc-tui"


def data_dir() -> Path:
    override = os.environ.get("LTC_DATA_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    override = os.environ.get("LTC_CONFIG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / "ltc.db"


def demo_db_path() -> Path:
    return data_dir() / "demo.db"


def _prefs_file() -> Path:
    return config_dir() / "prefs.json"


def load_prefs() -> dict[str, Any]:
    try:
        data = json.loads(_prefs_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_pref(key: str, value: Any) -> None:
    """Set one preference, writing the file atomically and owner-only."""
    prefs = load_prefs()
    if value is None:
        prefs.pop(key, None)
    else:
        prefs[key] = value
    path = _prefs_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(prefs, fh, indent=2, ensure_ascii=False)
    os.replace(tmp, path)
