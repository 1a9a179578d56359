"""Drive the ltc app headless (Textual's Pilot) on one database; print what it measured.

    python benchmarks/app_probe.py --db PATH [--as ana] [--samples 5]

Prints one JSON object (times in seconds, each a median of ``--samples``):
  first_paint   from the first line of this script (imports included) to the
                lead pool painted with its first page;
  filter_key    one keystroke in the filter box to the table repainted;
  lead_file     "open" on a row of the pool to the lead file screen painted;
  meeting_next  "next" in the committee meeting to the next lead painted;
  dashboard_month, dashboard_all
                switching to the dashboard to this month's figures painted;
                on the open dashboard, the all-time key to those painted; until the dashboard screen lands, the report service
                behind it, called as a screen would (off the UI thread).
  peak_mib      the process's peak RSS at the end (VmHWM).
A figure the app cannot give yet (its screen has not landed) is reported
as ``"n/a: ..."``; a failure as ``"error: ..."``.

"Painted" is the last screen update Textual's compositor produced before the
app went quiet (no worker running, nothing left to draw); the time of every
update is recorded by wrapping ``App._display``, so the 20 ms idle polling of
``pilot.pause()`` is not part of any figure.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()
C0 = time.process_time()

import argparse  # noqa: E402
import asyncio  # noqa: E402
import importlib  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

FILTER_WORDS = ("fibre", "bank")


class Probe:
    def __init__(self, app: Any, pilot: Any) -> None:
        self.app = app
        self.pilot = pilot
        self.displays: list[tuple[float, float]] = []  # (wall, CPU) at the end of each screen update
        self.cpu: dict[str, list[float]] = {}  # CPU seconds of each sample, by figure
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.displays.append((time.perf_counter(), time.process_time()))

        app._display = display

    def busy(self) -> bool:
        from textual.worker import WorkerState

        return any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in self.app.workers)

    async def settle(self, since: float, timeout: float = 120.0, since_cpu: float | None = None,
                     figure: str | None = None) -> float:
        """Wait until the app is quiet; return when it last painted after ``since``
        (and note the CPU time used until then under ``figure``)."""
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            while self.busy():
                await asyncio.sleep(0.002)
            painted = len(self.displays)
            await self.pilot.pause()
            if not self.busy() and len(self.displays) == painted:
                break
        else:
            raise TimeoutError("the app did not settle")
        later = [d for d in self.displays if d[0] >= since]
        wall, cpu = later[-1] if later else (time.perf_counter(), time.process_time())
        if figure is not None and since_cpu is not None:
            self.cpu.setdefault(figure, []).append(cpu - since_cpu)
        return wall - since

    async def until(self, predicate: Any, timeout: float = 120.0) -> None:
        end = time.perf_counter() + timeout
        while not predicate():
            if time.perf_counter() > end:
                raise TimeoutError("the expected screen did not appear")
            await asyncio.sleep(0.002)

    def no_blink(self) -> None:
        """A blinking cursor repaints twice a second: never quiet. Stop it."""
        from textual.widgets import Input

        for field in self.app.screen.query(Input):
            field.cursor_blink = False

    async def press(self, key: str, figure: str | None = None) -> float:
        start, cpu = time.perf_counter(), time.process_time()
        await self.pilot.press(key)
        return await self.settle(start, since_cpu=cpu, figure=figure)


def _main() -> list[Any]:
    from ltc_tui.screens import MAIN

    return list(MAIN)


def binding_key(screen: Any, *actions: str) -> str | None:
    """The key bound to the first of ``actions`` the screen offers."""
    for binding in getattr(type(screen), "BINDINGS", []):
        action = getattr(binding, "action", None)
        if action in actions:
            return str(binding.key).split(",")[0]
    return None


def median(values: list[float]) -> float | str:
    return statistics.median(values) if values else "n/a: nothing to measure"


async def drive(app: Any, samples: int, quick: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    async with app.run_test(size=(160, 48)) as pilot:
        probe = Probe(app, pilot)
        await probe.until(lambda: type(app.screen).__name__ in ("LeadPoolScreen", "WhoScreen"))
        if type(app.screen).__name__ == "WhoScreen":
            raise SystemExit("the app asks who you are: the database has no person with that handle")
        pool = app.screen
        await probe.until(lambda: getattr(pool, "_probe_fills", 0) > 0)
        out["first_paint"] = await probe.settle(T0, since_cpu=C0, figure="first_paint")
        out["rows"] = pool.total
        # Load the code of every screen measured below, whatever the data: memory
        # compares data sizes, not which modules one run happened to import.
        for module in ("ltc_tui.screens.lead_file", "ltc_tui.screens.meeting", "ltc_tui.screens.dashboard"):
            if importlib.util.find_spec(module) is not None:
                importlib.import_module(module)

        out["peak_mib_after_paint"] = own_peak_mib()
        out["filter_key"] = await section(lambda: filter_keys(probe, pool, samples))
        out["lead_file"] = await section(lambda: lead_file(probe, pool, samples))
        out["peak_mib_before_meeting"] = own_peak_mib()
        out["meeting_next"] = await section(lambda: meeting_next(probe, samples))
        out["dashboard_month"] = await section(lambda: dashboard(probe, samples, "month"))
        out["dashboard_all"] = await section(lambda: dashboard(probe, samples, "all"))
        out["dashboard_source"] = "screen" if any(e.mode == "dashboard" for e in _main()) else "service"
    for figure, values in probe.cpu.items():
        if isinstance(out.get(figure), float):
            out[figure + "_cpu"] = statistics.median(values)
    return out


async def section(run: Any) -> Any:
    try:
        return await run()
    except Exception as error:  # noqa: BLE001 - reported, the other figures still run
        return f"error: {type(error).__name__}: {error}"


async def filter_keys(probe: Probe, pool: Any, samples: int) -> Any:
    await probe.press("slash")
    probe.no_blink()
    times: list[float] = []
    for word in FILTER_WORDS:  # every keystroke of both words: short prefixes scan, longer ones use the index
        for char in word:
            times.append(await probe.press(char, "filter_key"))
        await probe.press("escape")  # clears the filter, back to the table
    return median(times)


async def lead_file(probe: Probe, pool: Any, samples: int) -> Any:
    if importlib.util.find_spec("ltc_tui.screens.lead_file") is None:
        return "n/a: no ltc_tui/screens/lead_file.py yet"
    if not pool.total:
        return "n/a: no lead to open"
    key = binding_key(pool, "open", "open_lead", "show", "show_lead") or "enter"
    times: list[float] = []
    for index in range(samples):
        pool.query_one("#leads").focus()
        start, cpu = time.perf_counter(), time.process_time()
        await probe.pilot.press(key)
        await probe.until(lambda: type(probe.app.screen).__name__ == "LeadFileScreen")
        times.append(await probe.settle(start, since_cpu=cpu, figure="lead_file"))
        await probe.pilot.press("escape")
        await probe.until(lambda: probe.app.screen is pool)
        await probe.settle(time.perf_counter())
        await probe.press("down")
        del index
    return median(times)


async def meeting_next(probe: Probe, samples: int) -> Any:
    if importlib.util.find_spec("ltc_tui.screens.meeting") is None:
        return "n/a: no ltc_tui/screens/meeting.py yet"
    app = probe.app
    pool = app.screen
    if hasattr(pool, "action_meeting"):
        await pool.run_action("meeting")
    else:
        return "n/a: the lead pool has no meeting action"
    await probe.until(lambda: type(app.screen).__name__ in ("MeetingScreen", "MeetingStartScreen"))
    if type(app.screen).__name__ != "MeetingScreen":
        return "n/a: no meeting to resume (the benchmark starts one first)"
    await probe.settle(time.perf_counter())
    probe.no_blink()
    screen = app.screen
    key = binding_key(screen, "step(1)", "next", "next_lead", "next_item")
    if key is None:
        return "n/a: the meeting screen has no 'next' key"
    times = [await probe.press(key, "meeting_next") for _ in range(samples)]
    return median(times)


async def dashboard(probe: Probe, samples: int, period: str) -> Any:
    """The dashboard screen when there is one; until then the figures behind
    it (``services.reports.pipeline_report``), fetched the way a screen does:
    off the UI thread through ``app.db_call``."""
    from ltc_tui.screens import MAIN

    entry = next((e for e in MAIN if e.mode == "dashboard"), None)
    app = probe.app
    if entry is not None:
        if period == "month":  # switching to the dashboard: the screen built, this month's figures painted
            while len(app.screen_stack) > 1:
                app.pop_screen()
            await probe.settle(time.perf_counter())
            return await probe.press(entry.key, f"dashboard_{period}")
        # Another period on the open dashboard: its key to those figures painted
        # (and back to this month between samples, not measured).
        keys = {name: key for key, name in getattr(importlib.import_module(entry.module), "PERIOD_KEYS", ())}
        if type(app.screen).__name__ != entry.cls or period not in keys or "month" not in keys:
            return "n/a: the dashboard has no key for this period"
        times = []
        for _ in range(samples):
            times.append(await probe.press(keys[period], f"dashboard_{period}"))
            await probe.press(keys["month"])
        return median(times)
    from ltc_tui.services.reports import pipeline_report

    times = []
    for _ in range(samples):
        start, cpu = time.perf_counter(), time.process_time()
        await app.db_call(lambda s: pipeline_report(s, period=period))
        times.append(time.perf_counter() - start)
        probe.cpu.setdefault(f"dashboard_{period}", []).append(time.process_time() - cpu)
    return median(times)


def own_peak_mib() -> float | str:
    """This process's peak RSS since it started (VmHWM). Not the parent's
    rusage: Linux carries a forking parent's high-water mark into the child's
    ``ru_maxrss`` across exec, so a large harness would hide a small app."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return "n/a: no /proc/self/status"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--as", dest="actor", default="ana")
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()

    # What `ltc` does when run with no command: open the database, start the app.
    from ltc_tui.app import LtcApp
    from ltc_tui.db import open_database
    from ltc_tui.screens import lead_pool

    fill = lead_pool.LeadPoolScreen._fill

    def counted_fill(self: Any, *a: Any, **kw: Any) -> Any:
        self._probe_fills = getattr(self, "_probe_fills", 0) + 1
        return fill(self, *a, **kw)

    lead_pool.LeadPoolScreen._fill = counted_fill
    db = open_database(args.db)
    app = LtcApp(db, actor=args.actor)
    results = asyncio.run(drive(app, args.samples, args.quick))
    db.dispose()
    results["peak_mib"] = own_peak_mib()
    sys.stdout.write(json.dumps(results) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
