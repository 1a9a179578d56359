"""A short list that fits its panel: every column as wide as its widest cell
but one (a title, a customer's name), which is cut with "…" to what is left.
Rich's own tables cut the last columns first when nothing may wrap; in a
list of overdue payments those are the days late and the amount."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text

GAP = 1
NARROWEST = 6  # the cut column never gets narrower than this


class Listing:
    def __init__(self, rows: list[list[Text]], *, flexible: int) -> None:
        self.rows = rows
        self.flexible = flexible

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.rows:
            return
        columns = len(self.rows[0])
        widths = [max(cells[i].cell_len for cells in self.rows) for i in range(columns)]
        others = sum(w for i, w in enumerate(widths) if i != self.flexible) + GAP * (columns - 1)
        widths[self.flexible] = max(NARROWEST, min(widths[self.flexible], options.max_width - others))
        grid = Table.grid(padding=(0, GAP))
        for width in widths:
            grid.add_column(no_wrap=True, width=width)
        for cells in self.rows:
            shown = list(cells)
            cut = shown[self.flexible].copy()
            cut.truncate(widths[self.flexible], overflow="ellipsis")
            shown[self.flexible] = cut
            grid.add_row(*shown)
        yield grid
