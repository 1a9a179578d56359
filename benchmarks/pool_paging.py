"""How the lead pool's speed depends on the number of leads (run by hand).

    .venv/bin/python benchmarks/pool_paging.py [--big 100000] [--small 1000]

Builds two SQLite databases (``--small`` and ``--big`` leads, inserted in
bulk: this is data for a measurement, not a use of the services), drives the
real app with Pilot on each (first page, a burst of filter keystrokes,
sorting by customer, the next page, the saved views) and prints the times
and the big/small ratio. The pool holds one page in the widget, so the
ratios stay small (mostly the SQL count and sort): a ratio near the size
ratio would mean rows are being loaded into the widget.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

STATUSES = ["submitted", "verified", "nurturing", "closed", "converted"]


def build(path: Path, leads: int) -> Any:
    import sqlalchemy as sa

    from ltc_tui.db import open_database
    from ltc_tui.models.customers import Customer
    from ltc_tui.models.leads import Lead
    from ltc_tui.services import people

    db = open_database(str(path))
    with db.session() as s:
        people.add_person(s, handle="ana", name="Ana", roles=["chair"])
        people.add_person(s, handle="sam", name="Sam", roles=["staff"])
    now = dt.datetime.now(dt.UTC)
    customers = max(1, leads // 200)
    with db.engine.begin() as c:
        c.execute(sa.insert(Customer), [
            dict(name=f"Customer {n}", name_key=f"customer {n}", standing="normal", version=1, created_at=now, updated_at=now)
            for n in range(customers)
        ])
        batch = []
        for n in range(leads):
            status = STATUSES[n % 5]
            verified = status != "submitted"
            batch.append(dict(
                title=f"Lead {n} router swap", customer_id=n % customers + 1, source="other", submitter_id=2,
                submitted_on=dt.date(2026, 1, 1) + dt.timedelta(days=n % 300), currency="USD", tier="ABC"[n % 3],
                status=status, priority=(n * 7) % 101 if verified else None,
                temperature=["cold", "warm", "hot"][n % 3] if verified else None,
                lead_class="credible" if verified else None, close_reason="x" if status == "closed" else None,
                nurture_pass=1, version=1, new_product=False, new_solution=False, new_business_model=False,
                last_activity_at=now, created_at=now, updated_at=now,
            ))
            if len(batch) == 10_000:
                c.execute(sa.insert(Lead), batch)
                batch = []
        if batch:
            c.execute(sa.insert(Lead), batch)
    return db


async def measure(db: Any) -> dict[str, float]:
    from ltc_tui.app import LtcApp

    app = LtcApp(db, actor="ana", db_label="bench.db")
    times: dict[str, float] = {}
    async with app.run_test(size=(150, 40)) as pilot:

        async def timed(name: str, action: Any) -> None:
            start = time.perf_counter()
            await action()
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            times[name] = time.perf_counter() - start

        async def nothing() -> None:
            return None

        await timed("first page (with start-up)", nothing)
        pool = app.screen

        async def type_filter() -> None:
            for text in ("r", "ro", "rou", "route", "router 9", "status:verified router 9"):
                pool.query_one("#filter").value = text

        await timed("filter: 6 keystrokes", type_filter)
        pool.query_one("#filter").value = ""
        await pilot.pause()
        await app.workers.wait_for_complete()

        async def sort_customer() -> None:
            pool.sort = "customer"
            pool.load()

        await timed("sort by customer", sort_customer)
        pool.query_one("#leads").focus()
        await timed("next page", lambda: pilot.press("G", "down"))
        for key in ("t", "d", "x", "m"):
            await timed(f"view {key}", lambda key=key: pilot.press(key))
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=1_000)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in (args.small, args.big):
            db = build(Path(tmp) / f"pool-{size}.db", size)
            results[size] = asyncio.run(measure(db))
            db.dispose()
    small, big = results[args.small], results[args.big]
    print(f"{'':32} {args.small:>10} {args.big:>10}   ratio")
    for name in small:
        print(f"{name:32} {small[name]:>9.3f}s {big[name]:>9.3f}s   {big[name] / small[name]:5.1f}x")


if __name__ == "__main__":
    main()
