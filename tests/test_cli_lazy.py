"""``ltc`` builds only the commands a run uses (cli/lazy.py); what a person
sees must not change: every help page equals the one Typer's eager build of
the same commands prints, and a shell command imports neither the app nor
pydantic unless it has to."""

from __future__ import annotations

import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner


def _eager_app() -> typer.Typer:
    """The same commands registered the way Typer builds them all up front."""
    import importlib

    import ltc_tui.cli as cli
    from ltc_tui.cli.common import LtcGroup

    eager = typer.Typer(cls=LtcGroup, help=cli.HELP, invoke_without_command=True, pretty_exceptions_enable=False,
                        add_completion=False, rich_markup_mode=None,
                        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
    eager.callback()(cli.root)
    for name in cli.COMMANDS:
        importlib.import_module(f"ltc_tui.cli.{name}_cmd").register(eager)
    for noun, help_text in cli.GROUPS.items():
        eager.add_typer(importlib.import_module(f"ltc_tui.cli.{noun}_cmd").app, name=noun, help=help_text)
    return eager


def _paths() -> list[tuple[str, ...]]:
    root = typer.main.get_command(_eager_app())
    ctx = root.make_context("ltc", ["--help"], resilient_parsing=True)
    found = []

    def walk(command, path):
        found.append(path)
        for name in getattr(command, "commands", {}):
            walk(command.commands[name], (*path, name))

    walk(root, ())
    del ctx
    return found


PATHS = _paths()


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "ltc" for p in PATHS])
def test_every_help_page_is_the_eager_one(path):
    from ltc_tui.cli import app

    runner = CliRunner()
    lazy = runner.invoke(app, [*path, "--help"])
    eager = runner.invoke(_eager_app(), [*path, "--help"])
    assert lazy.exit_code == eager.exit_code == 0
    assert lazy.output == eager.output


def test_typos_are_still_suggested():
    from ltc_tui.cli import app

    result = CliRunner().invoke(app, ["lead", "ad"])
    assert result.exit_code == 2 and "Did you mean 'add'?" in result.output
    result = CliRunner().invoke(app, ["leed"])
    assert result.exit_code == 2 and "Did you mean 'lead'?" in result.output


@pytest.mark.parametrize("argv", [["--help"], ["version"], ["lead", "--help"], ["lead", "add", "--help"],
                                  ["lead", "step", "show", "--help"]])
def test_commands_without_the_database_import_little(argv, tmp_path):
    code = (
        "import sys\n"
        f"sys.argv = ['ltc', *{argv!r}]\n"
        "from ltc_tui.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('textual', 'sqlalchemy', 'sqlmodel', 'pydantic', 'rich') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={"LTC_DATA_DIR": str(tmp_path), "LTC_CONFIG_DIR": str(tmp_path), "PATH": ""})
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
