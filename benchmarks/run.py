"""Run every ltc benchmark and print the table of figures.

    .venv/bin/python benchmarks/run.py            # everything, 7 rounds each
    .venv/bin/python benchmarks/run.py --quick    # 5 rounds, fewer shell commands
    .venv/bin/python benchmarks/run.py --only app,import --runs 9

Each figure is a ratio against a baseline measured in the same rounds (see
``harness.py``), with both medians beside it. Databases are generated once
per size by ``datagen.py`` and cached in ``benchmarks/.data/`` (keyed on the
generator and the schema revision); every benchmark works on a copy.
Run it with the project's interpreter (the one that has ltc installed).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import datagen  # noqa: E402
from harness import BenchmarkFailed, Figure, Job, Run, compare, rounds, table  # noqa: E402

CACHE = Path(os.environ.get("LTC_BENCH_CACHE") or HERE / ".data")  # the smoke test points it elsewhere
GROUPS = ("cli", "nodb", "app", "import", "export")


def say(text: str, end: str = "\n") -> None:
    sys.stderr.write(text + end)
    sys.stderr.flush()


class Bench:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.small, self.big = args.sizes
        self.n = args.runs
        self.warmup = args.warmup
        self.quick = args.quick
        self.metric = "cpu" if args.cpu else "wall"
        self.work = Path(tempfile.mkdtemp(prefix="ltc-bench-"))
        self.python = sys.executable
        ltc = Path(sys.executable).with_name("ltc")
        self.ltc = [str(ltc)] if ltc.exists() else [self.python, "-m", "ltc_tui"]
        self.env = dict(os.environ)
        for var in ("LTC_DB", "LTC_USER", "LTC_TODAY"):
            self.env.pop(var, None)
        self.env.update(LTC_DATA_DIR=str(self.work / "data"), LTC_CONFIG_DIR=str(self.work / "config"),
                        LTC_LANG="en", LANG="C.UTF-8")
        # The smoke test runs this from pytest: the children must not inherit its isolation of LTC_*.
        self.copies = 0

    # --- data --------------------------------------------------------------------------------

    def _key(self) -> str:
        """Cached data is good while the generator and the schema scripts are unchanged."""
        import ltc_tui.migrations
        from ltc_tui.migrations.revisions import HEAD

        digest = hashlib.sha1((HERE / "datagen.py").read_bytes())
        for script in sorted((Path(ltc_tui.migrations.__file__).parent / "versions").glob("*.py")):
            digest.update(script.read_bytes())
        return f"{HEAD}-{digest.hexdigest()[:8]}"

    def database(self, leads: int) -> Path:
        """The cached generated database with ``leads`` leads (made on first use)."""
        CACHE.mkdir(exist_ok=True)
        path = CACHE / f"leads-{leads}-{self._key()}.db"
        if not path.exists():
            for old in CACHE.glob(f"leads-{leads}-*.db"):
                old.unlink()
            say(f"generating {leads:,} leads into {path.name} (once; cached) ...")
            partial = path.with_suffix(".partial")
            partial.unlink(missing_ok=True)
            shutil.copyfile(self.schema(), partial)  # migrate once, not once per size
            datagen.generate(str(partial), leads, quiet=False)
            partial.rename(path)
        return path

    def schema(self) -> Path:
        """An empty database at the current schema."""
        path = self.work / "schema.db"
        if not path.exists():
            from ltc_tui.db import open_database

            open_database(str(path)).dispose()
        return path

    def copy(self, leads: int, name: str) -> Path:
        """A working copy of the generated database."""
        self.copies += 1
        target = self.work / f"{name}-{leads}.db"
        shutil.copyfile(self.database(leads), target)
        return target

    def salesforce(self, rows: int) -> Path:
        CACHE.mkdir(exist_ok=True)
        path = CACHE / f"salesforce-{rows}-{self._key()}.csv"
        if not path.exists():
            for old in CACHE.glob(f"salesforce-{rows}-*.csv"):
                old.unlink()
            datagen.salesforce_csv(path, rows)
        return path

    # --- the CLI ----------------------------------------------------------------------------

    def commands(self) -> dict[tuple[str, ...], bool]:
        """Every ltc command path -> whether it is a group (groups may load lazily)."""
        import typer.main

        from ltc_tui.cli import app

        found: dict[tuple[str, ...], bool] = {}
        root = typer.main.get_command(app)

        def walk(command: Any, path: tuple[str, ...], ctx: Any) -> None:
            group = hasattr(command, "list_commands")
            found[path] = group
            if group:
                for name in command.list_commands(ctx):
                    sub = command.get_command(ctx, name)
                    if sub is not None and not sub.hidden:
                        walk(sub, (*path, name), ctx)

        walk(root, (), root.make_context("ltc", ["--help"], resilient_parsing=True))
        return found

    def has_command(self, *path: str) -> bool:
        return tuple(path) in self.commands()

    def measure(self, label: str, jobs: dict[str, Job], n: int | None = None) -> dict[str, list[Run]]:
        say(f"{label}: ", end="")
        started = time.perf_counter()
        try:
            return rounds(jobs, n=n or self.n, warmup=self.warmup, env=self.env, progress=lambda s: say(s, end=""))
        finally:
            say(f" {time.perf_counter() - started:.0f} s")

    # --- benchmarks ---------------------------------------------------------------------------

    def cli(self) -> list[Figure]:
        big = self.copy(self.big, "cli")
        add_db = self.copy(self.big, "add")
        floor = "import sqlmodel, typer"
        with contextlib.closing(sqlite3.connect(add_db)) as conn:  # known customers, as most quick adds are
            customers = [r[0] for r in conn.execute("SELECT name FROM customer ORDER BY id LIMIT 200")]
        titles = [f"{tech} {what}" for tech in ("Edge computing", "GPON access", "Smart grid SCADA")
                  for what in ("for the new plant", "phase 3", "trial", "replacement")]
        jobs = {
            "add": Job(lambda i: [*self.ltc, "--db", str(add_db), "--as", "sam", "lead", "add",
                                  titles[i % len(titles)], "--customer", customers[(7 * i) % len(customers)],
                                  "--amount", "2M", "--source", "sales_visit"], tty=True),
            "list": Job([*self.ltc, "--db", str(big), "--as", "ana", "lead", "list", "--json", "--limit", "50"],
                        tty=True),
            "floor": Job([self.python, "-c", floor], tty=True),
        }
        runs = self.measure("ltc lead add / lead list", jobs)
        return [
            compare(Figure(f"`ltc lead add` ({self.big:,} leads, a known customer), fresh process", f'`python -c "{floor}"`',
                           "<= 1.3x", 1.3), runs["add"], runs["floor"], self.metric),
            compare(Figure(f"`ltc lead list --json --limit 50` ({self.big:,} leads)", f'`python -c "{floor}"`',
                           "<= 1.5x", 1.5), runs["list"], runs["floor"], self.metric),
        ]

    def nodb(self) -> list[Figure]:
        paths = self.commands()
        help_paths = [("--help",)] if self.quick else [(*p, "--help") for p in sorted(paths)]
        if self.quick:
            help_paths += [("lead", "--help"), ("lead", "add", "--help")]
        invoked = [("version",)]
        jobs = {" ".join(p): Job([*self.ltc, *p], tty=True) for p in help_paths + invoked}
        noop = str(HERE / "noop_typer.py")
        jobs["noop --help"] = Job([self.python, noop, "--help"], tty=True)
        jobs["noop"] = Job([self.python, noop], tty=True)
        runs = self.measure(f"{len(jobs) - 2} commands that do not touch the database", jobs)
        figures = []
        for path in invoked:
            name = " ".join(path)
            figures.append(compare(Figure(f"`ltc {name}`", "minimal Typer app, its no-op command", "<= 1.2x", 1.2),
                                   runs[name], runs["noop"], self.metric))
        helps = [compare(Figure(f"`ltc {' '.join(p)}`", "minimal Typer app `--help`", "<= 1.2x", 1.2),
                         runs[" ".join(p)], runs["noop --help"], self.metric) for p in help_paths]
        shown = {("--help",), ("lead", "--help"), ("lead", "add", "--help")}
        figures += [f for p, f in zip(help_paths, helps, strict=True) if p in shown]
        rest = [(p, f) for p, f in zip(help_paths, helps, strict=True) if p not in shown and f.ratio is not None]
        if rest:
            path, worst = max(rest, key=lambda pf: pf[1].ratio or 0)
            worst.name = f"worst of the other {len(rest)} `--help` (`ltc {' '.join(path)}`)"
            figures.append(worst)
        return figures

    def app(self) -> list[Figure]:
        dbs = {"zero": self.copy(0, "app"), "small": self.copy(self.small, "app"), "big": self.copy(self.big, "app")}
        for db in dbs.values():  # at 0 leads too: the same screens, an empty agenda
            start_meeting(db)
        samples = self.args.samples or (3 if self.quick else 5)
        probe = str(HERE / "app_probe.py")
        jobs = {key: Job([self.python, probe, "--db", str(db), "--as", "ana", "--samples", str(samples)], probe=True)
                for key, db in dbs.items()}
        runs = self.measure("the app, headless (0 / small / big)", jobs)
        big, small, zero = f"{self.big:,}", f"{self.small:,}", "0"
        source = "; report service, no screen yet" if runs["big"][0].get("dashboard_source") == "service" else ""
        return [
            compare(Figure(f"app start to first lead-pool paint, {big} leads", f"same at {zero} leads", "<= 1.2x",
                           1.2), runs["big"], runs["zero"], self.inner("first_paint")),
            compare(Figure(f"filter keystroke to repainted table, {big}", f"same at {small}", "<= 1.5x", 1.5),
                    runs["big"], runs["small"], self.inner("filter_key")),
            compare(Figure(f"open lead file, {big}", f"same at {small}", "<= 1.2x", 1.2),
                    runs["big"], runs["small"], self.inner("lead_file")),
            compare(Figure(f"next lead in meeting, {big}", f"same at {small}", "<= 1.2x", 1.2),
                    runs["big"], runs["small"], self.inner("meeting_next")),
            *(compare(Figure(f"dashboard figures ({label}{source}), {big}", f"same at {small}", "<= 3x, < 1 s", 3.0,
                             absolute_limit=1.0), runs["big"], runs["small"], self.inner(key))
              for key, label in (("dashboard_month", "this month"), ("dashboard_all", "all time"))),
            compare(Figure(f"app peak memory, {big}", f"same at {zero} leads", "<= 1.3x", 1.3, unit="MiB"),
                    runs["big"], runs["zero"], "peak_mib"),
        ]

    def inner(self, key: str) -> str:
        """An app figure's measure: its wall time, or with --cpu its CPU time."""
        return f"{key}_cpu" if self.metric == "cpu" else key

    def sqlite_utils(self) -> str | None:
        found = Path(sys.executable).with_name("sqlite-utils")
        return str(found) if found.exists() else shutil.which("sqlite-utils")

    def import_(self) -> list[Figure]:
        rows = self.big
        names = (f"import {rows:,} Salesforce-style rows with validation",
                 f"same import (`ltc import`, {rows:,} rows)")
        if not self.has_command("import"):
            return [Figure(names[0], "raw sqlite3 executemany of the same rows", "<= 3x", 3.0,
                           note="n/a: no `ltc import` yet"),
                    Figure(names[1], "`sqlite-utils insert --csv` of the same file", ">= 5x faster", 0.2,
                           faster=True, note="n/a: no `ltc import` yet")]
        source = self.salesforce(rows)
        template = self.database(0)
        jobs = {
            "ltc": Job(lambda i: [*self.ltc, "--db", str(self.work / f"import-{i}.db"), "--as", "ana", "import",
                                  str(source)], prepare=lambda i: self._fresh(template, f"import-{i}.db")),
            "raw": Job(lambda i: [self.python, str(HERE / "floors.py"), "import", str(source),
                                  str(self.work / f"raw-{i}.db")], prepare=lambda i: self._gone(f"raw-{i}.db")),
        }
        tool = self.sqlite_utils()
        if tool:
            jobs["sqlite-utils"] = Job(lambda i: [tool, "insert", str(self.work / f"su-{i}.db"), "lead", str(source),
                                                  "--csv"], prepare=lambda i: self._gone(f"su-{i}.db"))
        runs = self.measure(f"import {rows:,} rows", jobs, n=max(5, self.n - 2))
        imported = last_count(self.work, "import-*.db")
        figures = [compare(Figure(names[0], "raw sqlite3 executemany of the same rows", "<= 3x", 3.0),
                           runs["ltc"], runs["raw"], self.metric)]
        if imported != rows:
            figures[0].ratio, figures[0].note = None, f"error: imported {imported} of {rows} rows"
        if tool:
            figures.append(compare(Figure(names[1], "`sqlite-utils insert --csv` of the same file", ">= 5x faster",
                                          0.2, faster=True), runs["ltc"], runs["sqlite-utils"], self.metric))
        else:
            figures.append(Figure(names[1], "`sqlite-utils insert --csv`", ">= 5x faster", 0.2, faster=True,
                                  note="n/a: pip install -r benchmarks/requirements.txt"))
        return figures

    def export(self) -> list[Figure]:
        name = f"export {self.big:,} leads to CSV"
        base = "Python csv module writing the same rows from sqlite3"
        if not self.has_command("export"):
            return [Figure(name, base, "<= 2x", 2.0, note="n/a: no `ltc export` yet")]
        db = self.copy(self.big, "export")
        jobs = {
            "ltc": Job(lambda i: [*self.ltc, "--db", str(db), "--as", "ana", "export",
                                  str(self.work / f"export-{i}.csv")], prepare=lambda i: self._gone(f"export-{i}.csv")),
            "raw": Job(lambda i: [self.python, str(HERE / "floors.py"), "export", str(db),
                                  str(self.work / f"raw-{i}.csv")], prepare=lambda i: self._gone(f"raw-{i}.csv")),
        }
        runs = self.measure(f"export {self.big:,} leads", jobs)
        return [compare(Figure(name, base, "<= 2x", 2.0), runs["ltc"], runs["raw"], self.metric)]

    def _fresh(self, template: Path, name: str) -> None:
        shutil.copyfile(template, self.work / name)

    def _gone(self, name: str) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            (self.work / (name + suffix)).unlink(missing_ok=True)


def compile_package() -> None:
    """Byte-compile ltc_tui, as pip does when it installs a package.

    An editable install under ``PYTHONDONTWRITEBYTECODE=1`` (this workplace
    sets it) would otherwise compile every module on every start: ~0.2 s
    that no installed copy pays. Python still reads .pyc files it did not write."""
    import compileall

    import ltc_tui

    compileall.compile_dir(str(Path(ltc_tui.__file__).parent), quiet=1)


def start_meeting(path: Path) -> None:
    """A committee meeting in progress (its agenda is the review queue), as the
    chair would have started it: what the meeting screen resumes."""
    from ltc_tui.db import open_database
    from ltc_tui.services import committee

    db = open_database(str(path))
    with db.session(actor_id=1) as session:
        if committee.open_meeting(session) is None:
            committee.start_meeting(session, attendees=["li", "bo", "fay"])
    db.dispose()


def last_count(work: Path, pattern: str) -> int | None:
    found = sorted(work.glob(pattern), key=lambda p: p.stat().st_mtime)
    if not found:
        return None
    with contextlib.closing(sqlite3.connect(found[-1])) as conn:
        return int(conn.execute("SELECT count(*) FROM lead").fetchone()[0])


def machine() -> str:
    model = "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    memory = "?"
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.0f} GiB"
    from importlib.metadata import version

    versions = ", ".join(f"{p} {version(p)}" for p in ("textual", "sqlmodel", "sqlalchemy", "typer"))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return (f"{platform.system()} {platform.release()}, {model}, {os.cpu_count()} CPUs, {memory} RAM; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}; {versions}; "
            f"load average {load:.2f} at start")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds, a few shell commands, fewer app samples")
    parser.add_argument("--only", default=",".join(GROUPS), help=f"comma-separated: {', '.join(GROUPS)}")
    parser.add_argument("--runs", type=int, default=None, help="rounds per benchmark (default 7; --quick 5)")
    parser.add_argument("--warmup", type=int, default=1, help="uncounted rounds first (default 1)")
    parser.add_argument("--samples", type=int, default=None,
                        help="app measures per process, their median kept (default 5; --quick 3)")
    parser.add_argument("--sizes", default="1000,100000", help="small,big lead counts (default 1000,100000)")
    parser.add_argument("--cpu", action="store_true",
                        help="every time figure as CPU time instead of wall time (steadier on a busy machine)")
    parser.add_argument("--json", dest="json_out", help="also write the figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    args = parser.parse_args(argv)
    args.sizes = tuple(int(x) for x in args.sizes.split(","))
    args.runs = args.runs or (5 if args.quick else 7)
    wanted = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = set(wanted) - set(GROUPS)
    if unknown:
        parser.error(f"unknown group(s): {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}")

    bench = Bench(args)
    started = time.perf_counter()
    compile_package()
    about = machine()
    figures: list[Figure] = []
    runners: dict[str, Callable[[], list[Figure]]] = {
        "cli": bench.cli, "nodb": bench.nodb, "app": bench.app, "import": bench.import_, "export": bench.export,
    }
    try:
        for group in GROUPS:
            if group in wanted:
                try:
                    figures += runners[group]()
                except BenchmarkFailed as error:
                    say(f"  failed: {error}")
                    figures.append(Figure(f"({group})", "-", "-", note=f"error: {error}"))
    finally:
        if not args.keep:
            shutil.rmtree(bench.work, ignore_errors=True)
        else:
            say(f"working directory kept: {bench.work}")
    print(table(figures))
    print()
    met = [f for f in figures if f.met is not None]
    print(f"{sum(1 for f in met if f.met)} of {len(met)} measured goals met; "
          f"{len(figures) - len(met)} figure(s) not available. "
          f"{args.runs} rounds (+{args.warmup} warm-up) per benchmark; ratios are medians of per-round ratios"
          f"{'; times are CPU time (--cpu), not wall time' if args.cpu else ''}.")
    print(f"Machine: {about}. Total {time.perf_counter() - started:.0f} s.")
    if args.runs < 5:
        print("Fewer than 5 rounds: a smoke run, not a measurement.")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(
            [{k: v for k, v in f.__dict__.items() if k != "extra"} | {"met": f.met} for f in figures],
            indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
