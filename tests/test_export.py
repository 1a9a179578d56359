"""``ltc export``: formula-safe CSV, JSON, and the round trip through
``ltc import`` (hand-made hostile data on both backends; generated data with
hypothesis on SQLite)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ltc_tui import clock
from ltc_tui.errors import ValidationError
from ltc_tui.models.leads import Lead
from ltc_tui.services import exporter, importer
from ltc_tui.services.people import add_person

HOSTILE = [
    ("=HYPERLINK(\"http://evil.example\",\"click\")", "+Evil, \"Corp\"", "@admin team", "-2+3\r\nsecond line\ttab"),
    ("'already quoted", "华为技术有限公司", "李 王", "第一行\n第二行，含逗号, \"引号\""),
    ("\tleading tab", "[bold]Markup[/bold] Ltd", "\x1b[31mred", "ends with CR\r"),
    ("Plain title", "Plain Co", "Ann Lee", "x" * 15_000),
]


@pytest.fixture
def other_db(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    """A second fresh database on the same backend, to import into."""
    from ltc_tui.db import open_database

    if backend == "sqlite":
        path = tmp_path / "other.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        url = str(path)
    else:
        cluster = request.getfixturevalue("pg_cluster")
        url = cluster.new_database(request.getfixturevalue("pg_template"))
    database = open_database(url)
    yield database
    database.dispose()


def fill(team: Any) -> None:
    """Leads in every state the lead file can hold, with hostile text."""
    from ltc_tui.services.leads import add_lead, override_tier

    clock.freeze(dt.date(2025, 3, 3))
    with team.act("sam") as session:
        ids = []
        for title, customer, contact, need in HOSTILE:
            ids.append(add_lead(session, title=title, customer=customer, contact=contact, need=need,
                                amount="1.25M", start="2025-09", source="tech_exchange", has_offer=True,
                                new_solution=True).lead.id)
        add_lead(session, title="No contact, no amount", customer="Plain Co")
    with team.act("ana") as session:
        override_tier(session, lead_id=ids[1], tier="A", reason="=strategic account, see board memo")
        lead = session.get(Lead, ids[2])
        lead.status, lead.lead_class, lead.temperature, lead.priority = "nurturing", "credible", "warm", 62
        lead.owner_id, lead.ar_id, lead.sr_id, lead.fr_id = team["li"], team["bo"], team["li"], team["fay"]
        lead.next_review_on, lead.nurture_pass = dt.date(2025, 4, 1), 2
        lead.budget_cents, lead.budget_start = 99_000_050, dt.date(2025, 10, 1)
        lead.assigned_at = dt.datetime(2025, 3, 3, 8, 30, 12, 345678, tzinfo=dt.UTC)
        lead = session.get(Lead, ids[3])
        lead.status, lead.close_reason, lead.closed_on = "closed", "-no budget this year", dt.date(2025, 3, 3)


def export_text(db: Any, kind: str = "leads", fmt: str = "csv") -> str:
    out = io.StringIO(newline="")
    with db.session(write=False) as session:
        exporter.export(session, out, kind=kind, fmt=fmt)
    return out.getvalue()


def without_ids(text: str) -> list[list[str]]:
    return [row[1:] for row in csv.reader(io.StringIO(text, newline=""))]


def test_no_cell_reaches_a_spreadsheet_as_a_formula(db: Any, team: Any) -> None:
    fill(team)
    text = export_text(db)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == 6
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    cells = {cell for row in rows for cell in row}
    assert "'=HYPERLINK(\"http://evil.example\",\"click\")" in cells
    assert "''already quoted" in cells and "'@admin team" in cells and "'-no budget this year" in cells


def test_csv_round_trip_is_lossless(db: Any, team: Any, other_db: Any) -> None:
    fill(team)
    first = export_text(db)
    with other_db.session() as session:
        actor = add_person(session, handle="ana", name="Ana Chair").id
    with other_db.session(actor_id=actor) as session:
        result = importer.import_file(session, data=first.encode("utf-8"), name="leads.csv", unknown_people="create")
    assert result.source_format == "ltc" and result.problems == [] and result.created["leads"] == 5
    assert result.created["people"] == 4  # sam, li, bo, fay; ana is there
    second = export_text(other_db)
    assert without_ids(second) == without_ids(first)
    # ...and both databases recognise every row as already there.
    for database in (db, other_db):
        with database.session(actor_id=1) as session:
            again = importer.import_file(session, data=first.encode("utf-8"), name="leads.csv",
                                         unknown_people="create")
        assert (again.existing, again.created["leads"]) == (5, 0)


def test_json_round_trip_is_lossless(db: Any, team: Any, other_db: Any) -> None:
    fill(team)
    first = export_text(db, fmt="json")
    document = json.loads(first)
    assert (document["format"], document["kind"], document["count"]) == ("ltc-tui", "leads", 5)
    row = next(r for r in document["rows"] if r["status"] == "nurturing")
    assert (row["budget"], row["priority"], row["has_offer"], row["owner"]) == ("990000.50", 62, True, "li")
    assert row["assigned_at"] == "2025-03-03T08:30:12.345678+00:00"
    with other_db.session() as session:
        actor = add_person(session, handle="ana", name="Ana Chair").id
    with other_db.session(actor_id=actor) as session:
        importer.import_file(session, data=first.encode("utf-8"), name="leads.json", unknown_people="create")
    second = json.loads(export_text(other_db, fmt="json"))
    strip = [{k: v for k, v in r.items() if k != "id"} for r in document["rows"]]
    assert [{k: v for k, v in r.items() if k != "id"} for r in second["rows"]] == strip


def test_opportunities_round_trip(db: Any, team: Any, other_db: Any) -> None:
    clock.freeze(dt.date(2025, 1, 1))
    deals = (
        "id,owner,product,account,stage,engage date,close date,value,lost_reason\n"
        "D1,li,=GTX,+Acme,Won,2024-01-01,2024-02-01,1054.5,\n"
        "D2,bo,GTX,Acme,Lost,2024-01-01,2024-03-01,,-price\n"
        "D3,bo,MG,Beta,Engaging,2024-05-01,,,\n"
    )
    with team.act("ana") as session:
        importer.import_file(session, data=deals.encode(), name="deals.csv", kind="opportunities")
        from ltc_tui.services.opportunities import add_opportunity

        add_opportunity(session, title="@native deal", customer="Acme", amount="2M", ar="bo", product="core")
    first = export_text(db, kind="opportunities")
    with other_db.session() as session:
        actor = add_person(session, handle="ana", name="Ana Chair").id
    with other_db.session(actor_id=actor) as session:
        result = importer.import_file(session, data=first.encode("utf-8"), name="opps.csv", kind="opportunities",
                                      unknown_people="create")
    assert result.source_format == "ltc" and result.problems == [] and result.created["opportunities"] == 4
    assert without_ids(export_text(other_db, kind="opportunities")) == without_ids(first)
    with db.session(actor_id=team["ana"]) as session:
        again = importer.import_file(session, data=first.encode("utf-8"), name="opps.csv", kind="opportunities")
    assert again.existing == 4


def test_unknown_format_or_kind_is_a_usage_error(db: Any) -> None:
    with db.session(write=False) as session, pytest.raises(ValidationError):
        exporter.export(session, io.StringIO(), fmt="xlsx")
    with db.session(write=False) as session, pytest.raises(ValidationError):
        exporter.export(session, io.StringIO(), kind="contracts")


# --- the property, on SQLite: whatever text people type survives the trip ---------------------

typed = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00<>@"), max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(leads=st.lists(st.tuples(typed, typed, typed, typed, st.booleans()), min_size=1, max_size=4))
def test_round_trip_property(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory,
                             leads: list[tuple[str, str, str, str, bool]]) -> None:
    from ltc_tui.db import open_database
    from ltc_tui.services.leads import add_lead

    assume(all(t.split() and c.split() for t, c, _n, _ct, _j in leads))
    folder = tmp_path_factory.mktemp("prop")
    databases = []
    for name in ("a.db", "b.db"):
        shutil.copy(sqlite_template, folder / name)
        databases.append(open_database(str(folder / name)))
    source, target = databases
    try:
        for database in databases:
            with database.session() as session:
                add_person(session, handle="ana", name="Ana")
        with source.session(actor_id=1) as session:
            for title, customer, need, contact, json_too in leads:
                add_lead(session, title=title, customer=customer, need=need or None,
                         contact=contact if contact.strip() else None, amount="1,200.50" if json_too else None)
        fmt = "json" if leads[0][4] else "csv"
        first = export_text(source, fmt=fmt)
        with target.session(actor_id=1) as session:
            result = importer.import_file(session, data=first.encode("utf-8"), name=f"x.{fmt}")
        assert result.problems == []
        second = export_text(target, fmt=fmt)
        if fmt == "csv":
            assert without_ids(second) == without_ids(first)
        else:
            rows = [{k: v for k, v in r.items() if k != "id"} for r in json.loads(first)["rows"]]
            assert [{k: v for k, v in r.items() if k != "id"} for r in json.loads(second)["rows"]] == rows
    finally:
        for database in databases:
            database.dispose()


# --- the shell ---------------------------------------------------------------------------------


def test_export_to_a_file_and_to_stdout(ltc: Any, team: Any, tmp_path: Path) -> None:
    fill(team)
    path = tmp_path / "leads.csv"
    result = ltc("export", str(path))
    assert result.exit_code == 0, result.output
    assert "Exported 5 leads" in result.stdout
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,external_id,title,")  # a BOM, so spreadsheets show 华为 right
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    refused = ltc("export", str(path))
    assert refused.exit_code == 1 and "--force" in refused.stderr
    assert ltc("export", str(path), "--force").exit_code == 0
    out = ltc("export", "-", "--format", "json", "--kind", "opportunities")
    assert out.exit_code == 0 and json.loads(out.stdout)["count"] == 0
    assert "Exported 0 opportunities to stdout" in out.stderr
    raw = ltc("export", "-")
    assert raw.stdout_bytes.startswith(b"id,external_id") and b"\r\n" in raw.stdout_bytes
    bad = ltc("export", "-", "--format", "xml")
    assert bad.exit_code == 2 and "--format" in bad.stderr
    assert not list(tmp_path.glob(".*.part"))


def test_export_then_import_in_the_shell(ltc: Any, team: Any, tmp_path: Path) -> None:
    fill(team)
    path = tmp_path / "leads.json"
    assert ltc("export", str(path)).exit_code == 0
    again = ltc("import", str(path))
    assert again.exit_code == 0, again.output
    assert "all 5 rows are already here" in " ".join(again.stdout.split())
