"""Importing another CRM's deals: a few thousand generated deals whose figures
the test computes from the CSV itself, then column, stage and date mapping,
people and accounts, required values, re-import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import statistics
from collections import defaultdict
from decimal import Decimal
from typing import Any

import pytest
import sqlalchemy as sa

from ltc_tui import clock
from ltc_tui.errors import ImportFailed, ValidationError
from ltc_tui.i18n import t
from ltc_tui.models.customers import Customer
from ltc_tui.models.opportunities import Opportunity, StageChange
from ltc_tui.models.people import Person
from ltc_tui.services import importer
from ltc_tui.services.transfer_io import Mapping

OWNERS = ["li", "bo", "Moses Frase", "Darcel Schlecht", "Zane Levy", "Anna Snelling", "Versie Hillebrand"]
PRODUCTS = ["GTX Basic", "GTX Pro", "MG Special", "MG Advanced", "GTK 500"]
HEADERS = ["Deal Ref", "Sales Rep", "Product", "Client", "Phase", "First Contact", "Closed", "Deal Value"]
MAP = "Deal Ref=id,Sales Rep=owner,Client=account,Phase=stage,First Contact=engage_date,Closed=close_date,Deal Value=value"
TODAY = dt.date(2025, 6, 30)


def generate(n: int, seed: int = 5) -> tuple[str, dict[str, Any]]:
    """A CSV of ``n`` deals in another CRM's words and d/m/Y dates, and the
    figures computed straight from what was written."""
    rnd = random.Random(seed)
    accounts = [f"Account {i:03d}" for i in range(150)]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    won_value = Decimal(0)
    per_owner: dict[str, Decimal] = defaultdict(Decimal)
    won = lost = 0
    days_won: list[int] = []
    days_lost: list[int] = []
    days_closed: list[int] = []
    for i in range(n):
        owner = rnd.choice(OWNERS)
        stage = rnd.choices(["Won", "Lost", "Engaging", "Prospecting", "Stalled"], [45, 35, 10, 6, 4])[0]
        engaged = dt.date(2022, 1, 1) + dt.timedelta(days=rnd.randint(0, 900))
        account = rnd.choice(accounts)
        if rnd.random() < 0.2:
            account = account.upper()  # the same account, written another way
        close = value = ""
        if stage in ("Won", "Lost"):
            closed = engaged + dt.timedelta(days=rnd.randint(0, 240))
            closed = min(closed, TODAY)
            close = closed.strftime("%d/%m/%Y")
            days = (closed - engaged).days
            days_closed.append(days)
            if stage == "Won":
                amount = Decimal(rnd.randint(10_000, 5_000_000)) / 100
                value = f"{amount:.2f}"
                won += 1
                won_value += amount
                per_owner[owner] += amount
                days_won.append(days)
            else:
                lost += 1
                days_lost.append(days)
                value = rnd.choice(["", "0", f"{rnd.randint(100, 9000)}"])
        engage = engaged.strftime("%d/%m/%Y") if stage != "Prospecting" or rnd.random() < 0.5 else ""
        writer.writerow([f"D{i:06d}", owner, rnd.choice(PRODUCTS), account, stage, engage, close, value])
    figures = {
        "win_rate": won / (won + lost),
        "won_value": won_value,
        "per_owner": dict(per_owner),
        "median_days_won": statistics.median(days_won),
        "median_days_lost": statistics.median(days_lost),
        "median_days_closed": statistics.median(days_closed),
        "won": won,
        "lost": lost,
    }
    return out.getvalue(), figures


def figures_from_database(db: Any) -> dict[str, Any]:
    """The four figures, read the way a report reads native data: opportunity
    stage, amount, owner, engage and close dates."""
    opp = Opportunity.__table__.c
    with db.session(write=False) as session:
        counts = dict(session.execute(
            sa.select(opp.stage, sa.func.count()).where(opp.stage.in_(("won", "lost"))).group_by(opp.stage)
        ).all())
        won_cents = session.execute(sa.select(sa.func.sum(opp.amount_cents)).where(opp.stage == "won")).scalar_one()
        per_owner = session.execute(
            sa.select(Person.handle, Person.name, sa.func.sum(opp.amount_cents))
            .join(Person, Person.id == opp.owner_id).where(opp.stage == "won").group_by(Person.handle, Person.name)
        ).all()
        spans = session.execute(sa.select(opp.stage, opp.engaged_on, opp.closed_on).where(opp.closed_on.is_not(None))).all()
    return {
        "win_rate": counts["won"] / (counts["won"] + counts["lost"]),
        "won_value": Decimal(won_cents) / 100,
        # The CSV names two owners by their handle here, the others by full name.
        "per_owner": {handle if handle in ("li", "bo") else name: Decimal(total) / 100
                      for handle, name, total in per_owner},
        "median_days_won": statistics.median((c - e).days for s, e, c in spans if s == "won"),
        "median_days_closed": statistics.median((c - e).days for _s, e, c in spans),
    }


def test_a_few_thousand_deals_reproduce_their_figures(ltc: Any, team: Any, tmp_path: Any) -> None:
    clock.freeze(TODAY)
    text, expected = generate(3000)
    path = tmp_path / "deals.csv"
    path.write_text(text, encoding="utf-8")
    args = ["import", str(path), "--kind", "opportunities", "--map", MAP, "--stage-map", "Stalled=bid",
            "--unknown-people", "create"]
    preview = ltc(*args, "--dry-run")
    assert preview.exit_code == 0, preview.output
    assert "d/m/Y" in preview.stdout and "Dry run: nothing was written." in preview.stdout
    assert figures_count(team.db) == 0
    result = ltc(*args, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["created"]["opportunities"] == 3000 and report["problems"] == []
    assert report["created"]["people"] == 5  # li and bo were found by handle
    assert report["dates"]["form"] == "d/m/Y" and report["dates"]["how"] == "detected"
    found = figures_from_database(team.db)
    assert found["win_rate"] == pytest.approx(expected["win_rate"], abs=1e-12)
    assert found["won_value"] == expected["won_value"]
    assert found["per_owner"] == expected["per_owner"]
    assert found["median_days_won"] == expected["median_days_won"]
    assert found["median_days_closed"] == expected["median_days_closed"]
    # Closed deals carry their history: engaged on the engage date, then won or lost on the close date.
    opp, change = Opportunity.__table__.c, StageChange.__table__.c
    with team.db.session(write=False) as session:
        history = session.execute(
            sa.select(opp.id, opp.stage, opp.engaged_on, opp.closed_on, change.to_stage, change.at)
            .join(StageChange.__table__, change.opportunity_id == opp.id)
            .where(opp.stage.in_(("won", "lost"))).order_by(opp.id, change.id)
        ).all()
        accounts = session.execute(sa.select(sa.func.count()).select_from(Customer)).scalar_one()
    assert accounts == 150  # "ACCOUNT 007" is "Account 007"
    by_opp: dict[int, list[Any]] = defaultdict(list)
    for row in history:
        by_opp[row.id].append(row)
    assert len(by_opp) == expected["won"] + expected["lost"]
    for rows in by_opp.values():
        assert [r.to_stage for r in rows] == ["verify", rows[0].stage]
        assert rows[0].at.date() == rows[0].engaged_on and rows[1].at.date() == rows[1].closed_on
    # ltc report reads the imported deals like native ones.
    shown = ltc("report", "--period", "all", "--json")
    assert shown.exit_code == 0, shown.output
    outcomes = json.loads(shown.stdout)["outcomes"]
    assert (outcomes["won"], outcomes["lost"]) == (expected["won"], expected["lost"])
    assert outcomes["win_rate"] == pytest.approx(expected["win_rate"], abs=1e-12)
    assert Decimal(outcomes["won_value"]["USD"]) == expected["won_value"]
    per_owner = {
        (o["handle"] if o["handle"] in ("li", "bo") else o["name"]): Decimal(o["won_value"]["USD"])
        for o in outcomes["owners"] if o["won"]
    }
    assert per_owner == expected["per_owner"]
    assert outcomes["median_days_won"] == expected["median_days_won"]
    assert outcomes["median_days_lost"] == expected["median_days_lost"]
    again = ltc(*args)
    assert again.exit_code == 0 and "all 3,000 rows are already here" in " ".join(again.stdout.split())
    assert figures_count(team.db) == 3000


def figures_count(db: Any) -> int:
    with db.session(write=False) as session:
        return session.execute(sa.select(sa.func.count()).select_from(Opportunity)).scalar_one()


def run(team: Any, text: str, actor: str = "ana", **options: Any) -> Any:
    options.setdefault("kind", "opportunities")
    with team.act(actor) as session:
        return importer.import_file(session, data=text.encode("utf-8"), name="deals.csv", **options)


MAVEN = (
    "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n"
    "1C1I7A6R,li,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054\n"
    "Z063OYW0,bo,GTXPro,Isdom,Lost,2016-10-25,2017-03-11,\n"
    "EC4QE1BX,li,MG Special,Cancity,Engaging,2016-10-25,2017-04-02,\n"
    "PE84CX4O,bo,GTX Basic,Hatfan,Prospecting,,,\n"
)


def test_common_crm_columns_need_no_map(db: Any, team: Any) -> None:
    clock.freeze(dt.date(2017, 6, 1))
    result = run(team, MAVEN)
    assert result.source_format == "crm" and result.created["opportunities"] == 4
    assert result.dates.how == "unambiguous"
    notes = {n.key for n in result.notes}
    assert notes == {"import.note.open_undated", "import.note.open_close_date"}
    with db.session(write=False) as session:
        rows = {o.external_id: o for o in session.execute(sa.select(Opportunity)).scalars()}
    won, lost, engaging, prospect = (rows[k] for k in ("1C1I7A6R", "Z063OYW0", "EC4QE1BX", "PE84CX4O"))
    assert (won.stage, won.amount_cents, won.closed_on, won.owner_id, won.ar_id) == (
        "won", 105_400, dt.date(2017, 3, 1), team["li"], team["li"])
    assert won.title == "GTX Plus Basic for Cancity" and won.probability == 100
    assert (lost.stage, lost.lost_reason, lost.closed_on) == ("lost", t("import.opp.lost_reason"), dt.date(2017, 3, 11))
    assert (engaging.stage, engaging.closed_on, engaging.probability) == ("needs_analysis", None, 30)
    assert (prospect.stage, prospect.engaged_on) == ("verify", dt.date(2017, 6, 1))


def test_missing_and_wrong_values_are_reported_by_row(db: Any, team: Any) -> None:
    clock.freeze(dt.date(2024, 6, 1))
    text = (
        "id,owner,account,stage,engage date,close date,value\n"
        "A1,li,Acme,Won,2024-01-01,2024-02-01,\n"          # won without value
        "A2,li,,Lost,2024-01-01,2024-02-01,5\n"             # no account
        "A3,li,Acme,Won,2024-03-01,2024-02-01,5\n"          # closed before engaged
        "A4,li,Acme,Won,2024-03-01,2024-09-01,5\n"          # closes in the future
        "A5,li,Acme,Lost,,2024-02-01,\n"                    # closed deal without engage date
        "A6,li,Acme,Limbo,2024-01-01,,\n"                   # stage nobody mapped
        "A7,zed,Acme,Won,2024-01-01,2024-02-01,-5\n"        # negative value, unknown owner
        ",li,Acme,Won,2024-01-01,2024-02-01,5\n"            # no id
        "A9,li,Acme,Won,2024-01-01,2024-02-01,5\n"          # fine
    )
    with pytest.raises(ImportFailed) as error:
        run(team, text)
    found = sorted((p.row, p.key) for p in error.value.problems)
    assert found == [
        (2, "import.row.won_value"),
        (3, "import.row.required"),
        (4, "import.row.closed_before"),
        (5, "import.row.closed_future"),
        (6, "import.row.required"),
        (7, "import.row.stage"),
        (8, "error.money_negative"),
        (9, "import.row.required"),
    ]
    assert figures_count(db) == 0
    messages = {p.row: p.message for p in error.value.problems}
    assert "engage date" in messages[6] and "--stage-map \"Limbo=STAGE\"" in messages[7]
    result = run(team, text, allow_partial=True)
    assert result.created["opportunities"] == 1
    # The unknown owner is reported only once the row's own values are right.
    result = run(team, text.replace(",-5", ",5"), allow_partial=True)
    assert [(p.row, p.key) for p in result.problems if p.row == 8] == [(8, "import.row.unknown_person")]


def test_ambiguous_dates_ask_for_the_form_and_a_stated_form_is_used(db: Any, team: Any) -> None:
    text = "id,account,stage,engage date,close date,value\nB1,Acme,Won,03/04/2023,05/06/2023,10\n"
    with pytest.raises(ValidationError) as error:
        run(team, text)
    assert "--date-format" in t(error.value.key, **error.value.params)
    result = run(team, text, mapping=Mapping(date_format="m/d/Y"))
    assert result.dates.how == "stated"
    with db.session(write=False) as session:
        opp = session.execute(sa.select(Opportunity)).scalar_one()
    assert (opp.engaged_on, opp.closed_on) == (dt.date(2023, 3, 4), dt.date(2023, 5, 6))


@pytest.mark.parametrize(
    ("engage", "close", "expected"),
    [
        ("12.03.2024", "20.04.2024", (dt.date(2024, 3, 12), dt.date(2024, 4, 20))),
        ("12 Mar 2024", "20-Apr-2024", (dt.date(2024, 3, 12), dt.date(2024, 4, 20))),
        ("3/12/2024", "4/20/2024", (dt.date(2024, 3, 12), dt.date(2024, 4, 20))),
    ],
)
def test_common_date_forms(db: Any, team: Any, engage: str, close: str, expected: tuple[dt.date, dt.date]) -> None:
    clock.freeze(dt.date(2025, 1, 1))
    run(team, f'id,account,stage,engage date,close date,value\nC1,Acme,Won,"{engage}","{close}",10\n')
    with db.session(write=False) as session:
        opp = session.execute(sa.select(Opportunity)).scalar_one()
    assert (opp.engaged_on, opp.closed_on) == expected


def test_unknown_owners_and_accounts_as_asked(db: Any, team: Any) -> None:
    clock.freeze(dt.date(2025, 1, 1))
    text = "id,owner,account,stage,engage date,close date,value\nE1,Nia Owusu,Brand New Co,Won,2024-01-01,2024-02-01,10\n"
    with pytest.raises(ImportFailed) as error:
        run(team, text, unknown_customers="report")
    assert {p.key for p in error.value.problems} == {"import.row.unknown_person", "import.row.unknown_customer"}
    result = run(team, text, unknown_people="create")
    assert result.created == {"opportunities": 1, "customers": 1, "people": 1, "stage_changes": 2}
    with db.session(write=False) as session:
        person = session.execute(sa.select(Person).where(Person.name == "Nia Owusu")).scalar_one()
        from ltc_tui.services.people import roles_of

        assert person.handle == "nia.owusu" and "ar" in roles_of(session, person.id)


def test_a_file_without_ids_is_recognised_by_content(db: Any, team: Any) -> None:
    clock.freeze(dt.date(2025, 1, 1))
    text = "account,stage,engage date,close date,value\nAcme,Won,2024-01-01,2024-02-01,10\nAcme,Lost,2024-01-01,2024-02-01,\n"
    first = run(team, text)
    assert first.created["opportunities"] == 2 and any(n.key == "import.note.no_id_column" for n in first.notes)
    second = run(team, text + "Acme,Won,2024-01-05,2024-02-01,99\n")
    assert (second.existing, second.created["opportunities"]) == (2, 1)
    with pytest.raises(ImportFailed) as error:
        run(team, text + "Acme,Won,2024-01-01,2024-02-01,10\n")
    assert error.value.problems[0].key == "import.row.repeated_row"


def test_a_file_without_account_or_stage_columns_is_refused(team: Any) -> None:
    with pytest.raises(ValidationError) as error:
        run(team, "id,owner\nA,li\n")
    message = t(error.value.key, **error.value.params)
    assert "account, stage" in message and "--map" in message
