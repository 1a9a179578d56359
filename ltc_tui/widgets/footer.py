"""The key bar at the bottom of every screen.

Textual's footer lays its keys out in a row and docks the command-palette key
over the right end. When the row is wider than the terminal (Chinese labels
at 80 columns), the keys run on under the palette key, and the compositor,
which cuts each line at every widget's edge, splits the wide characters
there: "^p 命令" showed as "^p 命". This footer hides the keys that would
run under the palette key (they are all in the help screen, ``?``), and
shows them again when the terminal is wide enough.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import Footer


class LtcFooter(Footer):
    def compose(self) -> Any:
        yield from super().compose()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        for key in self.children:
            key.display = True
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        palette = [key for key in self.children if key.has_class("-command-palette")]
        limit = palette[0].region.x if palette else self.region.right
        overflowing = False
        for key in self.children:
            if key in palette:
                continue
            overflowing = overflowing or key.region.right > limit
            if overflowing:
                key.display = False
