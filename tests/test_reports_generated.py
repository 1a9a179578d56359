"""A few thousand generated deals (as another CRM's import would leave them):
``ltc report --json`` must give the win rate, won value, per-owner won value
and median days that this test works out directly from the generated rows.

When the CSV importer lands, the same assertions can read an import of the
same rows instead of ``insert_opportunities``."""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
from collections import defaultdict

import pytest
from reports_data import TODAY, in_period, insert_opportunities

from ltc_tui import clock

OWNERS = ["li", "bo", "fay", "sam", "ana", None]


def generate(n: int, seed: int = 5) -> list[dict]:
    rng = random.Random(seed)
    win_odds = {owner: rng.uniform(0.15, 0.7) for owner in OWNERS}
    rows = []
    for i in range(n):
        owner = rng.choice(OWNERS)
        engaged = TODAY - dt.timedelta(days=rng.randint(0, 900))
        still_open = rng.random() < 0.1
        closed = None if still_open else min(TODAY, engaged + dt.timedelta(days=int(rng.expovariate(1 / 90))))
        stage = rng.choice(["verify", "bid"]) if still_open else ("won" if rng.random() < win_odds[owner] else "lost")
        rows.append(dict(
            external_id=f"CRM-{i:05d}", owner=owner, engaged_on=engaged, closed_on=closed, stage=stage,
            amount_cents=rng.randint(1, 5_000_000) * 100 + rng.choice([0, 0, 50, 99]),
            customer=f"Account {rng.randint(1, 150)}",
        ))
    return rows


def figures_from(rows: list[dict], period: str) -> dict:
    closed = [r for r in rows if r["stage"] in ("won", "lost") and in_period(r["closed_on"], period)]
    won = [r for r in closed if r["stage"] == "won"]
    lost = [r for r in closed if r["stage"] == "lost"]
    per_owner: dict[str | None, int] = defaultdict(int)
    for r in won:
        per_owner[r["owner"]] += r["amount_cents"]
    return {
        "won": len(won),
        "lost": len(lost),
        "win_rate": len(won) / len(closed),
        "won_value": f"{sum(r['amount_cents'] for r in won) / 100:.2f}",
        "per_owner": {owner: f"{cents / 100:.2f}" for owner, cents in per_owner.items()},
        "median_won": statistics.median((r["closed_on"] - r["engaged_on"]).days for r in won),
        "median_lost": statistics.median((r["closed_on"] - r["engaged_on"]).days for r in lost),
    }


@pytest.mark.parametrize("period", ["all", "year"])
def test_report_reproduces_generated_deals(ltc, team, period):
    clock.freeze(TODAY)
    rows = generate(3000)
    insert_opportunities(team, rows)
    want = figures_from(rows, period)
    assert want["won"] > 100 and want["lost"] > 100  # enough to mean something

    result = ltc("report", "--period", period, "--json")
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)["outcomes"]

    assert (got["won"], got["lost"]) == (want["won"], want["lost"])
    assert got["win_rate"] == pytest.approx(want["win_rate"])
    assert got["won_value"] == {"USD": want["won_value"]}
    assert {o["handle"]: o["won_value"]["USD"] for o in got["owners"] if o["won"]} == want["per_owner"]
    assert got["median_days_won"] == pytest.approx(want["median_won"])
    assert got["median_days_lost"] == pytest.approx(want["median_lost"])
