"""Take the README's screenshots from the real app (re-runnable).

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--today 2026-05-04]

Builds a demo-like database in a temporary directory (the project's demo
when ``ltc_tui.services.demo.build_demo`` exists, else the small one in
``scripts/leads_demo.py``), drives the app with Textual's Pilot as a chair
would (pool, a lead file, the verification form, a committee meeting, its
minutes) and saves each screen as SVG. The date is pinned, so running it
again gives the same pictures unless the screens changed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SIZE = (140, 42)


def build_database(path: Path, today: dt.date) -> Any:
    from ltc_tui.db import open_database

    db = open_database(str(path))
    try:
        from ltc_tui.services.demo import build_demo  # the project's demo, when there is one
    except ImportError:
        sys.path.insert(0, str(HERE))
        from leads_demo import build as build_demo  # type: ignore[no-redef]

        build_demo(db, today)
    else:
        build_demo(db, today=today)
    return db


def chair_handle(db: Any) -> str:
    from ltc_tui.services.people import list_people

    with db.session(write=False) as s:
        people = list_people(s)
    return next((v.person.handle for v in people if "chair" in v.roles), people[0].person.handle)


async def shoot(db: Any, actor: str, out: Path) -> list[Path]:
    from ltc_tui.app import LtcApp
    from ltc_tui.screens.lead_file import LeadFileScreen
    from ltc_tui.screens.verify_form import VerifyScreen

    saved: list[Path] = []
    app = LtcApp(db, actor=actor, db_label="demo.db")

    async with app.run_test(size=SIZE) as pilot:

        async def settle() -> None:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()

        def save(name: str) -> None:
            path = out / f"{name}.svg"
            path.write_text(app.export_screenshot(title="ltc"), encoding="utf-8")
            saved.append(path)

        await settle()
        pool = app.screen
        save("lead-pool")

        top = pool.selected_lead_id()
        app.push_screen(LeadFileScreen(top))
        await settle()
        save("lead-file")
        app.pop_screen()
        await settle()

        await pilot.press("t")  # to verify: leads someone else submitted
        await settle()
        candidate = pool.selected_lead_id()
        if candidate is not None:
            app.push_screen(VerifyScreen(candidate))
            await settle()
            form = app.screen
            for box in ("need_real", "fits_strategy", "urgent", "funds_committed"):
                form.query_one(f"#{box}").value = True
            await settle()
            save("verification")
            app.pop_screen()
            await settle()
        await pilot.press("a")
        await settle()

        await pilot.press("M")  # the committee meeting: start (or resume)
        await settle()
        await pilot.press("ctrl+s")
        await settle()
        save("meeting")
        await pilot.press("d")  # defer the first lead, to have something in the minutes
        await settle()
        await pilot.press("m")
        await settle()
        save("minutes")
        await pilot.press("escape")
        await settle()

        # The other four modes, and the record each one opens with enter.
        for key, name, opened in (
            ("2", "nurturing-list", "nurturing"),
            ("3", "pipeline", "opportunity"),
            ("4", "contracts", "contract"),
            ("5", "dashboard", None),
        ):
            while len(app.screen_stack) > 2:  # back to a main screen
                app.pop_screen()
                await settle()
            await pilot.press(key)
            await settle()
            save(name)
            if opened:
                before = app.screen
                if key == "3":  # the bid column: an opportunity with its gates passed
                    for _ in range(4):
                        await pilot.press("right")
                    await settle()
                await pilot.press("enter")
                await settle()
                if app.screen is not before:
                    save(opened)
                    app.pop_screen()
                    await settle()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"), help="where the SVG files go")
    parser.add_argument("--today", default="2026-05-04", help="the date the pictures show (pinned)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    today = dt.date.fromisoformat(args.today)

    import os

    from ltc_tui import clock

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["LTC_DATA_DIR"] = str(Path(tmp) / "data")  # no preferences (theme, person) from this machine
        os.environ["LTC_CONFIG_DIR"] = str(Path(tmp) / "config")
        db = build_database(Path(tmp) / "demo.db", today)
        clock.freeze(today)
        try:
            saved = asyncio.run(shoot(db, chair_handle(db), out))
        finally:
            clock.freeze(None)
            db.dispose()
    for path in saved:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
