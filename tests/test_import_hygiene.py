"""Shell commands stay light: `ltc --help` loads neither the database stack nor
the TUI, `ltc lead add` never loads Textual, and the core is headless."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Runs the console entry point, then records every module it loaded.
WRAPPER = """
import json, os, sys
sys.argv = ["ltc", *sys.argv[1:]]
code = 0
try:
    from ltc_tui.cli import main
    main()
except SystemExit as exit_:
    code = exit_.code
finally:
    with open(os.environ["MODULES_OUT"], "w") as fh:
        json.dump({"code": code, "modules": sorted(sys.modules)}, fh)
"""


@pytest.fixture
def home(tmp_path, sqlite_template):
    (tmp_path / "data").mkdir()
    shutil.copy(sqlite_template, tmp_path / "data" / "ltc.db")
    return tmp_path


def loaded(home: Path, *args: str) -> tuple[int, set[str], str]:
    out = home / "modules.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LTC_")}
    env |= {"LTC_DATA_DIR": str(home / "data"), "LTC_CONFIG_DIR": str(home / "config"), "MODULES_OUT": str(out)}
    result = subprocess.run([sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True, env=env, timeout=120)
    data = json.loads(out.read_text())
    return data["code"], set(data["modules"]), result.stdout + result.stderr


def top(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_help_loads_neither_the_database_stack_nor_the_tui(home):
    code, modules, output = loaded(home, "--help")
    assert code == 0 and "Lead to Cash" in output
    assert not top(modules) & {"textual", "sqlmodel", "sqlalchemy", "alembic", "pydantic"}


def test_lead_add_never_loads_textual(home):
    code, modules, _ = loaded(home, "person", "add", "ana", "Ana Chair")
    assert code == 0
    code, modules, output = loaded(home, "--as", "ana", "lead", "add", "Fibre", "--customer", "Acme")
    assert code == 0 and "Added lead #1" in output
    assert "textual" not in top(modules)
    assert "alembic" not in top(modules)  # a current schema is checked with one query, not migrated
    assert "ltc_tui.models.opportunities" not in modules  # a quick command maps only the tables it needs


def test_the_core_is_headless():
    code = (
        "import sys, pkgutil, importlib, ltc_tui.services as s, ltc_tui.models as m\n"
        "for info in pkgutil.iter_modules(s.__path__): importlib.import_module('ltc_tui.services.' + info.name)\n"
        "m.load_all()\n"
        "print(sorted({n.split('.')[0] for n in sys.modules}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "'textual'" not in result.stdout and "'rich'" not in result.stdout
