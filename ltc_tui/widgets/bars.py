"""Horizontal bar charts as Rich renderables (the dashboard's funnel, channels,
visits against a target, receivables by age). No charting library: a bar is
a run of block characters in a table cell, scaled to the largest value.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

FULL = "█"
EIGHTHS = " ▏▎▍▌▋▊▉"
TO_GO = "░"


def bar(value: float, largest: float, width: int) -> str:
    """``value`` as a run of blocks, ``width`` cells at ``largest``: eighths of
    a cell for the remainder, and a sliver for any value above zero."""
    if value <= 0 or largest <= 0 or width <= 0:
        return ""
    eighths = max(1, round(min(value, largest) * width * 8 / largest))
    full, rest = divmod(eighths, 8)
    return FULL * full + (EIGHTHS[rest] if rest else "")


@dataclass
class BarRow:
    label: Text
    value: float
    figures: Text  # what the bar stands for, in words and numbers ("12 · 1.2M USD")
    style: str = ""  # the bar's colour; the chart's when empty
    target: float | None = None  # a goal drawn as the rest of the bar still to go


class Bars:
    """Rows of ``label  bar  figures``; bars share one scale (the largest
    value or target), so they compare at a glance."""

    def __init__(
        self, rows: list[BarRow], *, width: int = 24, style: str = "cyan", scale: float | None = None, label_width: int = 14
    ) -> None:
        self.rows = rows
        self.width = width
        self.label_width = label_width
        self.style = style
        self.scale = scale

    def largest(self) -> float:
        if self.scale is not None:
            return self.scale
        return max((max(r.value, r.target or 0) for r in self.rows), default=0)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        labels = min(self.label_width, max((r.label.cell_len for r in self.rows), default=0))
        figures = max((r.figures.cell_len for r in self.rows), default=0)
        width = max(4, min(self.width, options.max_width - labels - figures - 2))  # narrow screens: shorter bars
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True, overflow="ellipsis", max_width=self.label_width)
        table.add_column(no_wrap=True, width=width)
        table.add_column(no_wrap=True)
        largest = self.largest()
        for row in self.rows:
            drawn = Text(bar(row.value, largest, width), style=row.style or self.style)
            if row.target is not None and row.target > row.value:
                reach = len(bar(row.target, largest, width))
                drawn.append(TO_GO * max(0, reach - len(drawn.plain)), style="dim")
            table.add_row(row.label, drawn, row.figures)
        yield table
