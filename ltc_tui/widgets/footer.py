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
    def on_mount(self) -> None:  # Footer's own on_mount runs too
        self.screen.screen_layout_refresh_signal.subscribe(self, self._fit)

    def on_unmount(self) -> None:
        self.screen.screen_layout_refresh_signal.unsubscribe(self)

    def _fit(self, _screen: Any = None) -> None:
        """Show the keys, in order, while they fit before the palette key.

        After every layout of the screen (a resize, new keys, the screen
        coming back to the front: a footer changed while its screen was in
        the background has not been laid out). Hiding a key lays the screen
        out again, and this then changes nothing."""
        palette = [key for key in self.children if key.has_class("-command-palette")]
        room = self.size.width - sum(_width(key) for key in palette)
        used = 0
        for key in self.children:
            if key in palette:
                continue
            used += _width(key)
            key.display = used <= room


def _width(widget: Any) -> int:
    return widget.outer_size.width + widget.styles.margin.width
