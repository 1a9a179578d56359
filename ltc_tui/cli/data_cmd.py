"""Top-level commands: version (import, export and demo are added here too)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    @app.command("version")
    def version() -> None:
        """Print the version."""
        from ltc_tui import version as v

        typer.echo(f"ltc-tui {v()}")  # not through Rich: a fixed ASCII line, and ~25 ms sooner
