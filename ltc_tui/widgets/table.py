"""Textual's DataTable, redrawn once its columns take their new widths.

A DataTable measures new rows when it is next idle and widens its columns
then. Its lines are cached under a counter that adding rows moves but that
measuring does not; a frame drawn between the two (the screen repaints while
a load is filling the table) stays cached at the old widths. Unless a resize
happens to follow, the table then shows its cells cut to the header
labels' widths ("C2026-00" for "C2026-0003") until something else moves the
counter. Here measuring moves it too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.widgets import DataTable


class LtcDataTable(DataTable):
    def _update_dimensions(self, new_rows: Iterable[Any]) -> None:
        before = [column.get_render_width(self) for column in self.columns.values()]
        super()._update_dimensions(new_rows)
        if [column.get_render_width(self) for column in self.columns.values()] != before:
            self._update_count += 1  # every line, row and cell cache is keyed on it
            self.refresh()
