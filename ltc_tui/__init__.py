"""ltc-tui: run the LTC (Lead to Cash) process from the terminal."""

from __future__ import annotations


def version() -> str:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as _version

    try:
        return _version("ltc-tui")
    except PackageNotFoundError:  # running from a source tree
        return "0+unknown"
