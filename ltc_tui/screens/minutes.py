"""A meeting's minutes (the same Markdown as `ltc meeting minutes ID`), to
read, and to save to a file (default: the current directory; a name ending
in .html saves the printable HTML page instead)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Markdown

from ltc_tui.errors import ValidationError
from ltc_tui.i18n import t
from ltc_tui.screens import LtcScreen
from ltc_tui.ui import db_call, say, show_error
from ltc_tui.widgets.footer import LtcFooter


@dataclass
class MinutesTexts:
    markdown: str
    html: str
    file_name: str  # proposed


def minutes_texts(session: Any, *, meeting_id: int) -> MinutesTexts:
    from ltc_tui.services.committee import minutes
    from ltc_tui.services.documents import minutes_html, minutes_markdown

    m = minutes(session, meeting_id)
    return MinutesTexts(minutes_markdown(m), minutes_html(m), f"minutes-{meeting_id}-{m.meeting.held_on.isoformat()}.md")


def write_minutes(path_text: str, texts: MinutesTexts, *, overwrite: bool) -> Path:
    """Write the minutes; refuse (our error, nothing written) when the path is
    empty, a directory, or an existing file not confirmed."""
    raw = path_text.strip()
    if not raw:
        raise ValidationError("error.required", field=t("minutes.file_field"))
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = Path.cwd() / path
    if path.is_dir():
        raise ValidationError("minutes.is_dir", field=t("minutes.file_field"), path=str(path))
    if path.exists() and not overwrite:
        raise ValidationError("minutes.exists", field=t("minutes.file_field"), path=str(path))
    text = texts.html if path.suffix.lower() in (".html", ".htm") else texts.markdown
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as error:
        raise ValidationError("minutes.cannot_write", field=t("minutes.file_field"), path=str(path),
                              detail=error.strerror or type(error).__name__) from error
    return path


class MinutesScreen(LtcScreen):
    AREA_KEY = "minutes.area"
    BINDINGS = [
        Binding("s", "save", "key.save_file", id="minutes.save"),
        Binding("escape", "back", "key.back", id="minutes.back"),
    ]

    def __init__(self, meeting_id: int) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.texts: MinutesTexts | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="minutes-scroll"):
            yield Markdown("", id="minutes")
        yield LtcFooter()

    async def on_mount(self) -> None:
        self.sub_title = f"{self.app.sub_title} · {t('minutes.subtitle', id=self.meeting_id)}"
        try:
            self.texts = await db_call(self, partial(minutes_texts, meeting_id=self.meeting_id))
        except Exception as error:  # noqa: BLE001 - shown; back to where we came from
            show_error(self, error)
            self.dismiss()
            return
        await self.query_one(Markdown).update(self.texts.markdown)
        self.query_one("#minutes-scroll").focus()

    def action_back(self) -> None:
        self.dismiss()

    def action_save(self) -> None:
        from ltc_tui.screens.text_dialog import TextDialog

        texts = self.texts
        if texts is None:
            return
        tried: dict[str, bool] = {}

        async def submit(path_text: str) -> str:
            # A second ctrl+s on the same existing path overwrites it.
            overwrite = tried.get(path_text.strip(), False)
            tried[path_text.strip()] = True
            return str(write_minutes(path_text, texts, overwrite=overwrite))

        def done(path: str | None) -> None:
            if path:
                say(self, "minutes.saved", path=path)

        self.app.push_screen(
            TextDialog(title=t("minutes.save_title", id=self.meeting_id), label=t("minutes.file_label"),
                       value=str(Path.cwd() / texts.file_name), submit=submit, save_label=t("key.save_file"),
                       intro=t("minutes.save_help")),
            done,
        )
