"""Top-level commands: version (import, export and demo are added here too)."""

from __future__ import annotations

import typer

from ltc_tui.cli import common as c


def register(app: typer.Typer) -> None:
    @app.command("version")
    def version() -> None:
        """Print the version."""
        from ltc_tui import version as v

        c.line(c.text(f"ltc-tui {v()}"))
