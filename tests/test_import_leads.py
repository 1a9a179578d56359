"""Importing leads through the service: Salesforce exports (API names and
labels), our own export, mapped files; all or nothing, partial, dry run,
re-import, people and customers, audit."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import sqlalchemy as sa

from ltc_tui.errors import ImportFailed, NotFound, ValidationError
from ltc_tui.i18n import t
from ltc_tui.models.audit import AuditEvent
from ltc_tui.models.customers import Contact, Customer
from ltc_tui.models.leads import Lead
from ltc_tui.models.people import Person
from ltc_tui.services import importer
from ltc_tui.services.transfer_io import Mapping

API = (
    "Id,FirstName,LastName,Company,Title,Email,Phone,LeadSource,Status,Rating,Industry,AnnualRevenue,"
    "NumberOfEmployees,Description,CreatedDate,Region__c,Favourite Colour\r\n"
    '00Q000000000001AAA,Ann,Lee,Acme Corp,CTO,Ann@Acme.com,555-0100,Web,Open - Not Contacted,Hot,Energy,'
    '2500000,120,"Core network refresh\r\nthree regions, 2025",2024-03-12T09:15:00.000+0000,EU,blue\r\n'
    "00Q000000000002AAA,Bo,Kim,acme corp,CFO,bo@acme.com,,Trade Show,Closed - Not Converted,Cold,,,,"
    "Budget cut,2024-03-13T10:00:00.000+0000,EU,red\r\n"
    "00Q000000000003AAA,李,王,华为技术,经理,wang@hw.example,,Partner Referral,Closed - Converted,Warm,,,,"
    "5G 核心网扩容,2024-03-15T01:00:00.000Z,APAC,\r\n"
)
LABELS = API.replace(
    "Id,FirstName,LastName,Company,Title,Email,Phone,LeadSource,Status,Rating,Industry,AnnualRevenue,"
    "NumberOfEmployees,Description,CreatedDate",
    "Lead ID,First Name,Last Name,Company / Account,Title,Email,Phone,Lead Source,Lead Status,Rating,Industry,"
    "Annual Revenue,No. of Employees,Description,Created Date",
)
BAD_ROWS = (
    "00Q000000000004AAA,Cy,Ng,,CEO,not-an-email,,Web,Open - Not Contacted,Lukewarm,,,,x,2024-03-16,EU,\r\n"
    "00Q000000000005AAA,Di,Ho,Delta Ltd,,,,Web,Open - Not Contacted,,,,,y,16 March 2024,EU,\r\n"
    "00Q000000000006AAA,Ed,Fu,Echo Inc,,,,Web,Open - Not Contacted,,,,,z,someday,EU,\r\n"
)


def run(team: Any, text: str | bytes, actor: str = "ana", name: str = "leads.csv", **options: Any) -> Any:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with team.act(actor) as session:
        return importer.import_file(session, data=data, name=name, **options)


def count(db: Any, model: Any) -> int:
    with db.session(write=False) as session:
        return session.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()


def leads_by_ref(db: Any) -> dict[str, Any]:
    with db.session(write=False) as session:
        rows = session.execute(
            sa.select(Lead, Customer.name, Contact).join(Customer, Customer.id == Lead.customer_id)
            .join(Contact, Contact.id == Lead.contact_id, isouter=True)
        ).all()
        return {lead.external_id: (lead, customer, contact) for lead, customer, contact in rows}


def test_salesforce_api_export_lands_in_our_model(db: Any, team: Any) -> None:
    from ltc_tui.services.customers import add_customer

    with team.act("ana") as session:
        add_customer(session, name="ACME Corp", standing="key")
    result = run(team, API, actor="li")
    assert (result.source_format, result.header_style) == ("salesforce", "api")
    assert result.created == {"leads": 3, "customers": 1, "contacts": 3, "people": 0}
    assert result.unknown_columns == ["Favourite Colour"]
    assert result.custom_columns == ["Region__c"]
    leads = leads_by_ref(db)
    ann, customer, contact = leads["00Q000000000001AAA"]
    assert customer == "ACME Corp"  # matched case-insensitively, not created again
    assert (contact.name, contact.email, contact.phone, contact.job_title) == ("Ann Lee", "ann@acme.com", "555-0100", "CTO")
    assert ann.title == "Core network refresh"
    assert ann.need == "Core network refresh\nthree regions, 2025"
    assert (ann.source, ann.temperature, ann.status, ann.lead_class, ann.priority) == ("inbound", "hot", "submitted", None, None)
    assert ann.submitted_on == dt.date(2024, 3, 12)
    assert ann.submitter_id == team["li"]
    bo = leads["00Q000000000002AAA"][0]
    assert (bo.source, bo.status, bo.temperature) == ("exhibition", "closed", "cold")
    assert "Closed - Not Converted" in bo.close_reason
    wang, customer, contact = leads["00Q000000000003AAA"]
    assert (wang.status, wang.source, customer, contact.name, wang.title) == ("converted", "partner", "华为技术", "李 王", "5G 核心网扩容")
    assert wang.submitted_on == dt.date(2024, 3, 15)
    with db.session(write=False) as session:
        new = session.execute(sa.select(Customer).where(Customer.name == "华为技术")).scalar_one()
        assert new.standing == "normal"
        # The key customer's standing fed the tier of its leads; the new one's did not.
        assert {lead.tier for lead, c, _ in leads.values() if c == "ACME Corp"} == {"B"}


def test_label_headers_read_the_same_as_api_names(db: Any, team: Any) -> None:
    result = run(team, LABELS)
    assert (result.source_format, result.header_style) == ("salesforce", "label")
    assert result.created["leads"] == 3
    assert leads_by_ref(db)["00Q000000000001AAA"][0].source == "inbound"


def test_one_bad_row_and_nothing_is_written(db: Any, team: Any) -> None:
    before = (count(db, Lead), count(db, Customer), count(db, Contact), count(db, AuditEvent))
    with pytest.raises(ImportFailed) as error:
        run(team, API + BAD_ROWS)
    problems = {(p.row, p.column) for p in error.value.problems}
    assert problems == {(5, "Company"), (5, "Email"), (5, "Rating"), (7, "CreatedDate")}
    assert (count(db, Lead), count(db, Customer), count(db, Contact), count(db, AuditEvent)) == before
    refusal = error.value.message
    assert "2 of 6 rows have problems" in refusal and "--allow-partial" in refusal and "the other 4 rows" in refusal
    assert error.value.exit_code == 1
    by_row = {p.row: p.message for p in error.value.problems}
    assert "someday" in by_row[7] and "not a date" in by_row[7]


def test_allow_partial_imports_the_good_rows_and_reports_the_rest(db: Any, team: Any) -> None:
    result = run(team, API + BAD_ROWS, allow_partial=True)
    assert result.written and result.created["leads"] == 4 and result.bad_rows == 2
    assert sorted({p.row for p in result.problems}) == [5, 7]
    assert set(leads_by_ref(db)) == {f"00Q00000000000{n}AAA" for n in (1, 2, 3, 5)}
    # The bad rows' customers were not created.
    with db.session(write=False) as session:
        names = set(session.execute(sa.select(Customer.name)).scalars())
    assert "Echo Inc" not in names and "Delta Ltd" in names


def test_dry_run_previews_and_writes_nothing(db: Any, team: Any) -> None:
    before = (count(db, Lead), count(db, Customer), count(db, Contact), count(db, AuditEvent))
    result = run(team, API + BAD_ROWS, dry_run=True, preview=2)
    assert not result.written
    assert result.created == {"leads": 4, "customers": 3, "contacts": 4, "people": 0}
    assert [p["row"] for p in result.preview] == [2, 3]
    assert result.preview[0]["customer"] == "Acme Corp" and result.preview[1]["customer"] == "Acme Corp"
    assert result.bad_rows == 2
    assert (count(db, Lead), count(db, Customer), count(db, Contact), count(db, AuditEvent)) == before


def test_importing_the_same_file_again_adds_nothing(db: Any, team: Any) -> None:
    first = run(team, API)
    second = run(team, API)
    assert first.created["leads"] == 3
    assert second.created == {"leads": 0, "customers": 0, "contacts": 0, "people": 0}
    assert second.existing == 3
    assert count(db, Lead) == 3 and count(db, Contact) == 3


def test_one_audit_event_summarises_the_import(db: Any, team: Any) -> None:
    run(team, API, actor="bo")
    with db.session(write=False) as session:
        events = session.execute(sa.select(AuditEvent).where(AuditEvent.action == "import")).scalars().all()
        per_row = session.execute(
            sa.select(sa.func.count()).select_from(AuditEvent).where(AuditEvent.entity == "lead", AuditEvent.action == "create")
        ).scalar_one()
    assert len(events) == 1 and per_row == 0
    assert events[0].actor_id == team["bo"] and events[0].entity == "lead"
    assert "leads.csv" in events[0].new and "3 leads" in events[0].new


def test_files_with_other_column_names_are_mapped(db: Any, team: Any) -> None:
    text = "Client Org,Deal,Contact Email,Size,Heard on\nNorthwind,Fibre backbone,ops@northwind.example,1.2M,2024-02-01\n"
    with pytest.raises(ValidationError) as refused:
        run(team, text)
    assert "Client Org" in t(refused.value.key, **refused.value.params)  # it lists the columns it saw
    mapping = Mapping(columns={"Client Org": "company", "Deal": "title", "Contact Email": "email",
                               "Size": "amount", "Heard on": "date"})
    result = run(team, text, mapping=mapping)
    assert result.source_format == "generic" and result.created["leads"] == 1
    ((lead, customer, contact),) = leads_by_ref(db).values()
    assert (lead.title, customer, contact.email, contact.name) == ("Fibre backbone", "Northwind", "ops@northwind.example", "ops")
    assert (lead.expected_amount_cents, lead.submitted_on, lead.tier) == (120_000_000, dt.date(2024, 2, 1), "B")
    assert any(n.key == "import.note.no_id_column" for n in result.notes)
    # Without an id column the rows are known by their content: the same file again adds nothing.
    again = run(team, text + "Northwind,Second deal,,,\n", mapping=mapping)
    assert (again.existing, again.created["leads"]) == (1, 1)


def test_a_map_naming_a_missing_column_or_field_is_refused(team: Any) -> None:
    with pytest.raises(ValidationError) as error:
        run(team, API, mapping=Mapping(columns={"Nope": "title"}))
    assert "Nope" in t(error.value.key, **error.value.params)
    with pytest.raises(ValidationError) as error:
        run(team, API, mapping=Mapping(columns={"Title": "wibble"}))
    assert "wibble" in t(error.value.key, **error.value.params)


def test_source_map_and_submitter_option(db: Any, team: Any) -> None:
    text = "Company,LastName,LeadSource\nA1,X,Billboard\nA2,Y,Carrier Pigeon\n"
    result = run(team, text, submitter="sam", mapping=Mapping(sources={"billboard": "hq_marketing"}))
    with db.session(write=False) as session:
        rows = dict(session.execute(sa.select(Customer.name, Lead.source).join(Customer, Customer.id == Lead.customer_id)).all())
        submitters = set(session.execute(sa.select(Lead.submitter_id)).scalars())
    assert rows == {"A1": "hq_marketing", "A2": "other"}
    assert submitters == {team["sam"]}
    assert [n.params["value"] for n in result.notes if n.key == "import.note.source_other"] == ["Carrier Pigeon"]
    with pytest.raises(NotFound):
        run(team, text, submitter="nobody")


def test_deleted_and_merged_salesforce_rows_are_skipped(db: Any, team: Any) -> None:
    text = "Id,Company,LastName,IsDeleted,MasterRecordId\n1,A,X,false,\n2,B,Y,true,\n3,C,Z,0,00Q9\n"
    result = run(team, text)
    assert (result.created["leads"], result.skipped) == (1, 2)


def test_a_description_longer_than_the_need_field_is_a_row_problem(team: Any) -> None:
    text = f'Company,LastName,Description\nA,X,"{"说" * 25_000}"\n'
    with pytest.raises(ImportFailed) as error:
        run(team, text)
    (problem,) = error.value.problems
    assert problem.row == 2 and problem.column == "Description" and "20000" in problem.message


def test_a_file_without_a_customer_column_is_refused(team: Any) -> None:
    with pytest.raises(ValidationError) as error:
        run(team, "Name,Email\nA,a@b.c\n")
    assert "--map" in t(error.value.key, **error.value.params)


OURS = (
    "external_id,title,customer,submitter,submitted_on,status,owner,close_reason\n"
    "k1,First,Acme,li,2024-01-02,submitted,zed,\n"
    "k2,Second,Acme,li,2024-01-03,closed,,no budget\n"
    "k3,Third,Acme,li,2024-01-04,closed,,\n"
)


def test_people_our_file_names_are_reported_or_created(db: Any, team: Any) -> None:
    with pytest.raises(ImportFailed) as error:
        run(team, OURS)
    assert {(p.row, p.column, p.key) for p in error.value.problems} == {
        (2, "owner", "import.row.unknown_person"), (4, "close_reason", "import.row.close_reason"),
    }
    result = run(team, OURS, unknown_people="create", allow_partial=True)
    assert result.created["people"] == 1 and result.created["leads"] == 2
    with db.session(write=False) as session:
        zed = session.execute(sa.select(Person).where(Person.handle == "zed")).scalar_one()
        owner = session.execute(sa.select(Lead.owner_id).where(Lead.external_id == "k1")).scalar_one()
    assert owner == zed.id


def test_unknown_customers_can_be_reported_instead_of_created(db: Any, team: Any) -> None:
    with pytest.raises(ImportFailed) as error:
        run(team, "Company,LastName\nNew Co,X\n", unknown_customers="report")
    assert error.value.problems[0].key == "import.row.unknown_customer"
    assert count(db, Customer) == 0
    with pytest.raises(ValidationError):
        run(team, "Company,LastName\nNew Co,X\n", unknown_customers="maybe")


def test_repeated_ids_in_one_file_are_problems(team: Any) -> None:
    with pytest.raises(ImportFailed) as error:
        run(team, "Id,Company,LastName\nA1,X,x\nA1,Y,y\n")
    (problem,) = error.value.problems
    assert problem.row == 3 and problem.params["first"] == 2


def test_json_with_salesforce_records(db: Any, team: Any) -> None:
    text = '{"records": [{"attributes": {"type": "Lead"}, "Id": "00QJ", "Company": "Jay", "LastName": "Doe", "Rating": "Warm"}]}'
    result = run(team, text, name="leads.json")
    assert result.file_type == "json" and result.created["leads"] == 1
    assert leads_by_ref(db)["00QJ"][0].temperature == "warm"


def test_our_json_export_is_refused_under_the_wrong_kind(team: Any) -> None:
    text = '{"format": "ltc-tui", "kind": "leads", "version": 1, "rows": []}'
    with pytest.raises(ValidationError) as error:
        run(team, text, name="x.json", kind="opportunities")
    assert "--kind leads" in t(error.value.key, **error.value.params)
