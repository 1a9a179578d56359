"""Whole-process measurement in rounds, and the figures made from them.

Every benchmark runs a few commands in *rounds*: each round runs each command
once, starting with a different one each time (A B C, B C A, C A B ...), so
the drift of a noisy machine falls on all of them alike. A figure is the
median, over the rounds, of the ratio of two commands' measures taken in the
same round; the absolute medians are printed beside it for context.

Each run is a fresh process: wall time from start to exit, CPU time from
``os.wait4`` (the child's own). Its ``ru_maxrss`` is kept too but not shown:
Linux carries the forking parent's high-water mark into a child across exec,
so it reads at least this harness's size; the app probe reports its own peak
(VmHWM) instead. A probe that measures inside the
process prints one JSON object on its last line; its keys become measures
of that run too.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

Argv = Sequence[str] | Callable[[int], Sequence[str]]


@dataclass
class Job:
    """One command of a benchmark. ``argv`` may depend on the run number;
    ``prepare(i)`` runs before run ``i`` and is not timed."""

    argv: Argv
    prepare: Callable[[int], None] | None = None
    probe: bool = False  # the command prints a JSON object of in-process measures
    tty: bool = False  # stdout and stderr on a terminal (120x40), as when a person types it

    def command(self, index: int) -> list[str]:
        return list(self.argv(index) if callable(self.argv) else self.argv)


@dataclass
class Run:
    measures: dict[str, Any]
    returncode: int
    stderr: str = ""

    def get(self, key: str) -> Any:
        return self.measures.get(key)


def run_once(argv: list[str], env: dict[str, str], *, probe: bool = False, tty: bool = False) -> Run:
    """Run ``argv`` to its end: wall time, and the child's own CPU time and peak RSS.

    With ``tty`` its output goes to a pseudo-terminal, so that it takes the
    path a person at a terminal sees (colours, terminal width)."""
    master = slave = None
    if tty:
        import fcntl
        import pty
        import struct
        import termios

        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        env = {**env, "TERM": env.get("TERM") or "xterm-256color"}
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, env=env,
        stdout=slave if tty else (subprocess.PIPE if probe else subprocess.DEVNULL),
        stderr=slave if tty else subprocess.PIPE,
    )
    out_chunks: list[bytes] = []
    err_chunks: list[bytes] = []

    def drain(stream: Any, sink: list[bytes]) -> None:
        for chunk in iter(lambda: stream.read(65536), b""):
            sink.append(chunk)

    def drain_pty(fd: int, sink: list[bytes]) -> None:
        while True:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                return
            if not chunk:
                return
            sink.append(chunk)

    threads = []
    if tty:
        assert master is not None and slave is not None
        os.close(slave)
        threads.append(threading.Thread(target=drain_pty, args=(master, err_chunks)))
    else:
        threads.append(threading.Thread(target=drain, args=(proc.stderr, err_chunks)))
        if probe:
            threads.append(threading.Thread(target=drain, args=(proc.stdout, out_chunks)))
    for thread in threads:
        thread.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    for thread in threads:
        thread.join()
    if master is not None:
        os.close(master)
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    measures: dict[str, Any] = {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                                "peak_mib": usage.ru_maxrss / 1024}
    err = b"".join(err_chunks).decode("utf-8", "replace")
    if probe and code == 0:
        lines = [line for line in b"".join(out_chunks).decode("utf-8", "replace").splitlines() if line.strip()]
        try:
            measures.update(json.loads(lines[-1]))
        except (IndexError, ValueError):
            code, err = -999, err + "\n(the probe printed no JSON)"
    return Run(measures, code, err[-2000:])


def rounds(jobs: dict[str, Job], *, n: int, warmup: int, env: dict[str, str],
           progress: Callable[[str], None] | None = None) -> dict[str, list[Run]]:
    """Run every job ``warmup + n`` times in rotating rounds; keep the last ``n``."""
    names = list(jobs)
    kept: dict[str, list[Run]] = {name: [] for name in names}
    counter = 0
    for index in range(warmup + n):
        order = names[index % len(names):] + names[: index % len(names)]
        for name in order:
            job = jobs[name]
            if job.prepare is not None:
                job.prepare(counter)
            run = run_once(job.command(counter), env, probe=job.probe, tty=job.tty)
            counter += 1
            if run.returncode != 0:
                detail = [line for line in run.stderr.strip().splitlines() if line.strip()][-1:] or ["(no output)"]
                raise BenchmarkFailed(f"{name} exited {run.returncode}: {detail[0]}")
            if index >= warmup:
                kept[name].append(run)
        if progress:
            progress(".")
    return kept


class BenchmarkFailed(RuntimeError):
    pass


# --- figures -------------------------------------------------------------------------------


@dataclass
class Figure:
    """One line of the table: ``a``'s measure over ``b``'s, round by round."""

    name: str
    baseline: str
    goal: str  # e.g. "<= 1.3x", ">= 5x faster", "<= 3x, < 1 s"
    limit: float | None = None  # the ratio must be <= limit
    absolute_limit: float | None = None  # and a's median <= this (seconds)
    unit: str = "s"
    ratio: float | None = None
    spread: tuple[float, float] | None = None
    a_median: float | None = None
    b_median: float | None = None
    runs: int = 0
    note: str = ""  # "n/a: ..." or "error: ..." when there is no figure
    faster: bool = False  # show the ratio as "N x faster" (b / a)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def met(self) -> bool | None:
        if self.ratio is None or self.limit is None:
            return None
        ok = self.ratio <= self.limit
        if self.absolute_limit is not None and self.a_median is not None:
            ok = ok and self.a_median <= self.absolute_limit
        return ok


def compare(figure: Figure, a: list[Run], b: list[Run], key: str = "wall", b_key: str | None = None) -> Figure:
    """Fill ``figure`` from paired runs; a run whose probe said "n/a"/"error" voids the figure."""
    b_key = b_key or key
    pairs = []
    for run_a, run_b in zip(a, b, strict=True):
        va, vb = _measure(run_a, key), _measure(run_b, b_key)
        for value in (va, vb):
            if isinstance(value, str):
                figure.note = value
                return figure
        if va is None or vb is None:
            figure.note = f"error: no '{key}' measured"
            return figure
        pairs.append((float(va), float(vb)))
    if not pairs:
        figure.note = "n/a: not run"
        return figure
    ratios = [x / y if y > 0 else float("inf") for x, y in pairs]
    figure.ratio = statistics.median(ratios)
    figure.spread = (min(ratios), max(ratios))
    figure.a_median = statistics.median(x for x, _ in pairs)
    figure.b_median = statistics.median(y for _, y in pairs)
    figure.runs = len(pairs)
    return figure


def _measure(run: Run, key: str) -> Any:
    """A run's measure; for ``x_cpu`` missing, why ``x`` is missing ("n/a: ...")."""
    value = run.get(key)
    if value is None and key.endswith("_cpu") and isinstance(run.get(key[:-4]), str):
        return run.get(key[:-4])
    return value


def _num(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "MiB":
        return f"{value:.1f} MiB"
    if value < 0.1:
        return f"{value * 1000:.1f} ms"
    return f"{value:.3f} s"


def table(figures: list[Figure]) -> str:
    """The figures as a plain-text table (also valid Markdown)."""
    head = ["figure", "baseline (same run)", "ratio", "range", "goal", "met", "median", "baseline median", "n"]
    rows = [head]
    for f in figures:
        if f.ratio is None:
            rows.append([f.name, f.baseline, "-", "-", f.goal, f.note or "n/a", "-", "-", "0"])
            continue
        if f.faster:
            ratio = f"{1 / f.ratio:.1f}x faster" if f.ratio > 0 else "-"
            spread = f"{1 / f.spread[1]:.1f}-{1 / f.spread[0]:.1f}" if f.spread else "-"
        else:
            ratio = f"{f.ratio:.2f}x"
            spread = f"{f.spread[0]:.2f}-{f.spread[1]:.2f}" if f.spread else "-"
        met = {True: "yes", False: "NO", None: "-"}[f.met]
        rows.append([f.name, f.baseline, ratio, spread, f.goal, met, _num(f.a_median, f.unit),
                     _num(f.b_median, f.unit), str(f.runs)])
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = []
    for index, row in enumerate(rows):
        lines.append("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)) + " |")
        if index == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)
