"""The floor for a Typer CLI: a minimal app with one no-op command.

`ltc --help` and every ltc command that does not touch the database are
measured against this (`python benchmarks/noop_typer.py` and its `--help`).
"""

import typer

app = typer.Typer(add_completion=False)


@app.command()
def noop() -> None:
    """Do nothing."""


if __name__ == "__main__":
    app()
