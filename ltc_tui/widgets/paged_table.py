"""A DataTable that shows one page of rows loaded from SQL.

Textual's DataTable takes ~33 s and 180 MiB to hold 100,000 rows but swaps a
100-row page in ~0.1 s, so screens keep one page in it and ask for the next
when the cursor runs off either end (``PageRequested``).
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.message import Message

from ltc_tui.widgets.table import LtcDataTable


class PagedTable(LtcDataTable):
    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("g", "scroll_top", show=False),
        Binding("G", "scroll_bottom", show=False),
    ]

    class PageRequested(Message):
        """The cursor went past the first (``step=-1``) or last (``+1``) row."""

        def __init__(self, table: PagedTable, step: int) -> None:
            super().__init__()
            self.table = table
            self.step = step

        @property
        def control(self) -> PagedTable:
            return self.table

    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", True)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.has_next = False
        self.has_previous = False

    def selected_id(self) -> int | None:
        """The record id (row key) under the cursor, or None on an empty page."""
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key else None

    def fit_column(self, key: str, rows: list[tuple[Text, ...]], *, least: int, most: int) -> int:
        """The width column ``key`` gets: what the other columns leave once
        ``rows`` are in (between ``least`` and ``most``, and no wider than its
        longest cell), so a wide terminal shows whole titles and a narrower one
        still shows the columns after it. Cut the cells to it ("…")."""
        keys = [k.value for k in self.columns]
        index = keys.index(key)
        taken = 0
        for i, column in enumerate(self.columns.values()):
            if i == index:
                continue
            content = max([column.label.cell_len, *(row[i].cell_len for row in rows)])
            taken += (content if column.auto_width else column.width) + 2 * self.cell_padding
        own = max([list(self.columns.values())[index].label.cell_len, *(row[index].cell_len for row in rows)])
        width = max(least, min(most, own, self.size.width - taken - 2 * self.cell_padding - 2))  # 2: the scrollbar
        column = list(self.columns.values())[index]
        if column.width != width or column.auto_width:
            column.width, column.auto_width = width, False
            self._require_update_dimensions = True  # noqa: SLF001 - how DataTable learns a column changed
        return width

    def action_cursor_down(self) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1 and self.has_next:
            self.post_message(self.PageRequested(self, +1))
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.cursor_row <= 0 and self.has_previous:
            self.post_message(self.PageRequested(self, -1))
            return
        super().action_cursor_up()

    def action_page_down(self) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1 and self.has_next:
            self.post_message(self.PageRequested(self, +1))
            return
        super().action_page_down()

    def action_page_up(self) -> None:
        if self.cursor_row <= 0 and self.has_previous:
            self.post_message(self.PageRequested(self, -1))
            return
        super().action_page_up()
