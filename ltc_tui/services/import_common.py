"""What every import shares: problems and notes with row numbers, the result,
column mapping, and finding (or planning) the people and customers rows name.

An import runs in three passes over plain Python values, then writes:
  1. each row's cells are read into typed values (problems name the row and
     the file's column);
  2. rows already in the database (same external id) are set aside, repeats
     inside the file are problems;
  3. people and customers are looked up by the names the rows give; unknown
     ones are reported or planned for creation, as the options say;
then, unless it is a dry run or a row has a problem (and partial imports
were not allowed), everything is inserted in the caller's transaction.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from ltc_tui.errors import LtcError, ValidationError
from ltc_tui.i18n import t
from ltc_tui.services.transfer_dates import DateReader, DateReading
from ltc_tui.services.transfer_io import Mapping, Table, header_key, unneutralise

UNKNOWN_PEOPLE = ("report", "create")
UNKNOWN_CUSTOMERS = ("create", "report")
IGNORE = "ignore"


@dataclass
class Problem:
    """Why a row (or the file) cannot be imported. ``row`` is the spreadsheet
    row (header = 1); ``line`` where the record starts in the file."""

    row: int | None
    line: int | None
    column: str | None
    key: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return t(self.key, **self.params)

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "line": self.line, "column": self.column, "message": self.message}


def rows_text(n: int) -> str:
    """``1 row`` / ``2,345 rows``."""
    return t("import.rows.one") if n == 1 else t("import.rows.many", n=f"{n:,}")


@dataclass
class Note:
    """Something the import decided that the person should know (not a problem)."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        return t(self.key, **self.params)


@dataclass
class ImportResult:
    kind: str
    file_name: str
    file_type: str
    source_format: str  # "ltc", "salesforce", "crm", "generic"
    header_style: str | None  # "api", "label", "mixed" (Salesforce headers)
    delimiter: str
    rows: int
    columns: dict[str, str] = field(default_factory=dict)  # header -> our field
    unknown_columns: list[str] = field(default_factory=list)
    custom_columns: list[str] = field(default_factory=list)  # Salesforce ``__c``
    ignored_columns: list[str] = field(default_factory=list)  # known, not kept
    dates: DateReading | None = None
    created: dict[str, int] = field(default_factory=dict)
    existing: int = 0  # already imported (same external id): left as they are
    skipped: int = 0  # deleted or merged in the source system
    problems: list[Problem] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False

    @property
    def bad_rows(self) -> int:
        return len({p.row for p in self.problems if p.row is not None})

    @property
    def good_rows(self) -> int:
        return self.rows - self.existing - self.skipped - self.bad_rows


class RowProblem(Exception):
    """Raised while reading one cell; becomes a ``Problem`` for its row."""

    def __init__(self, column: str | None, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.column = column
        self.key = key
        self.params = params


class RowProblems(Exception):
    """All the problems of one row (every cell is read, so all are told at once)."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__(problems[0].key)
        self.problems = problems


def read_drafts(
    table: Table, rows: list[dict[str, str]], read: Callable[[int, dict[str, str], Any], Any], problems: list[Problem],
) -> tuple[list[Any], dict[int, str]]:
    """Read every row the file itself did not already fault: ``read(row,
    values, raw)`` gives a draft, or None for a row to skip; a row's
    ``RowProblems`` join ``problems``. Returns the drafts (None for skipped
    rows) and each row number's source line."""
    for row, line, key, params in table.problems:
        problems.append(Problem(row, line, params.get("column"), key, params))
    bad_rows = {p.row for p in problems}
    lines = dict(zip(table.row_numbers, table.lines, strict=True))
    drafts: list[Any] = []
    for index, values in enumerate(rows):
        row = table.row_numbers[index]
        if row in bad_rows:
            continue
        try:
            drafts.append(read(row, values, table.rows[index]))
        except RowProblems as failed:
            problems.extend(Problem(row, lines[row], p.column, p.key, p.params) for p in failed.problems)
    return drafts, lines


def cell_error(column: str, error: LtcError) -> RowProblem:
    """A value parser's error, told with the file's own column name."""
    params = dict(error.params)
    if "field" in params:
        params["field"] = column
    return RowProblem(column, error.key, **params)


# --- columns -----------------------------------------------------------------------


@dataclass
class ColumnPlan:
    """Which header feeds which of our fields."""

    fields: dict[str, int]  # our field -> column index
    columns: dict[str, str]  # header -> our field (for the report)
    unknown: list[str]
    custom: list[str]
    ignored: list[str]
    header_of: dict[str, str]  # our field -> header (for messages)


def plan_columns(
    table: Table,
    *,
    aliases: dict[str, str],
    known_ignored: Iterable[str] = (),
    explicit: dict[str, str],
    targets: dict[str, str],
    target_option: str = "--map",
) -> ColumnPlan:
    """Match headers to fields: ``--map`` first (exact header, then ignoring case
    and punctuation), then the format's aliases. Refuses a ``--map`` naming a
    column the file does not have or a field we do not know."""
    by_key: dict[str, int] = {}
    for index, header in enumerate(table.headers):
        by_key.setdefault(header_key(header), index)
    chosen: dict[int, str] = {}
    for header, target in explicit.items():
        index = table.headers.index(header) if header in table.headers else by_key.get(header_key(header))
        if index is None:
            raise ValidationError(
                "import.map.no_column", field=target_option, column=header, file=table.name,
                columns=", ".join(h for h in table.headers if h) or "-",
            )
        wanted = targets.get(header_key(target)) if target.strip().lower() not in (IGNORE, "-", "skip") else IGNORE
        if wanted is None:
            raise ValidationError(
                "import.map.no_field", field=target_option, target=target,
                choices=", ".join(sorted(set(targets.values()))),
            )
        chosen[index] = wanted
    taken = set(chosen.values())
    ignored_keys = {header_key(k) for k in known_ignored}
    fields: dict[str, int] = {f: i for i, f in chosen.items() if f != IGNORE}
    unknown: list[str] = []
    custom: list[str] = []
    ignored: list[str] = []
    for index, header in enumerate(table.headers):
        if index in chosen:
            if chosen[index] == IGNORE:
                ignored.append(header)
            continue
        key = header_key(header)
        if not key:
            if any(row[index].strip() for row in table.rows):
                unknown.append(t("import.column.unnamed", number=index + 1))
            continue
        target = aliases.get(key)
        if target is not None and target not in taken and target not in fields:
            fields[target] = index
            continue
        if header.lower().endswith("__c"):
            custom.append(header)
        elif key in ignored_keys or target is not None:
            ignored.append(header)
        else:
            unknown.append(header)
    columns = {table.headers[i]: f for f, i in fields.items()}
    header_of = {f: table.headers[i] for f, i in fields.items()}
    return ColumnPlan(fields, columns, unknown, custom, ignored, header_of)


def row_values(table: Table, plan: ColumnPlan, *, unescape: bool) -> list[dict[str, str]]:
    """Each row as ``{our field: cell text}`` (cells stripped of surrounding space
    where the field is one line; our own exports' apostrophes removed)."""
    items = list(plan.fields.items())
    out = []
    for cells in table.rows:
        if unescape:
            out.append({f: unneutralise(cells[i]) for f, i in items})
        else:
            out.append({f: cells[i] for f, i in items})
    return out


def date_reader(
    rows: Sequence[dict[str, str]], fields: Sequence[str], plan: ColumnPlan, stated: str | None
) -> DateReader:
    from ltc_tui.services.transfer_dates import parse_order

    present = [f for f in fields if f in plan.fields]
    values = (r[f] for r in rows for f in present if r.get(f))
    names = ", ".join(plan.header_of[f] for f in present)
    return DateReader(values, stated=parse_order(stated), columns=names)


# --- people -------------------------------------------------------------------------


_HANDLE_BAD = re.compile(r"[^a-z0-9._-]+")


class People:
    """The team, found by handle, e-mail or full name (case-insensitively);
    unknown names planned as new people when the options say so."""

    def __init__(self, session: Session, *, create: bool, roles: Sequence[str] = ()) -> None:
        from ltc_tui.models.people import Person

        rows = session.execute(sa.select(Person.id, Person.handle, Person.name, Person.email)).all()
        self.by_key: dict[str, int] = {}
        names: Counter[str] = Counter(" ".join((r.name or "").split()).casefold() for r in rows)
        for r in rows:
            self.by_key[r.handle.casefold()] = r.id
            if r.email:
                self.by_key.setdefault(r.email.casefold(), r.id)
            name = " ".join((r.name or "").split()).casefold()
            if name and names[name] == 1:
                self.by_key.setdefault(name, r.id)
        self.handles = {r.handle for r in rows}
        self.create = create
        self.roles = list(roles)
        self.planned: dict[str, tuple[str, str, str | None]] = {}  # key -> (handle, name, email)
        self.ids: dict[str, int] = {}

    @staticmethod
    def key(text: str) -> str:
        return " ".join(text.split()).casefold().lstrip("@")

    def find(self, text: str) -> int | None:
        return self.by_key.get(self.key(text))

    def plan(self, text: str) -> str:
        """Plan a new person for ``text``; returns the key that ``id`` resolves later."""
        key = self.key(text)
        if key in self.planned:
            return key
        clean = " ".join(text.split())
        email = clean.lower() if "@" in clean and " " not in clean else None
        base = _HANDLE_BAD.sub(".", (email.split("@")[0] if email else clean).lower()).strip("._-")[:36] or "person"
        handle, n = base, 1
        while handle in self.handles:
            n += 1
            handle = f"{base[:36]}-{n}"
        self.handles.add(handle)
        self.planned[key] = (handle, clean[:120], email)
        return key

    def write(self, session: Session) -> int:
        from ltc_tui.services.people import add_person

        for key, (handle, name, email) in self.planned.items():
            self.ids[key] = add_person(session, handle=handle, name=name, email=email, roles=self.roles).id or 0
        return len(self.planned)

    def id(self, ref: int | str | None) -> int | None:
        if ref is None or isinstance(ref, int):
            return ref
        return self.ids[ref]


# --- customers ----------------------------------------------------------------------


@dataclass
class PlannedCustomer:
    name: str
    standing: str = "normal"
    industry: str | None = None
    region: str | None = None
    notes: str | None = None
    revenue: str | None = None  # Salesforce's AnnualRevenue, for the notes
    employees: str | None = None
    extra_notes: str | None = None


class Customers:
    """Customers by name (case-insensitive, as ``lead add`` matches them)."""

    def __init__(self, session: Session, *, create: bool) -> None:
        from ltc_tui.models.customers import Customer

        self.existing: dict[str, tuple[int, str]] = {
            r.name_key: (r.id, r.standing)
            for r in session.execute(sa.select(Customer.id, Customer.name_key, Customer.standing)).all()
        }
        self.create = create
        self.planned: dict[str, PlannedCustomer] = {}
        self.ids: dict[str, int] = {}

    def standing(self, key: str) -> str:
        if key in self.existing:
            return self.existing[key][1]
        return self.planned[key].standing if key in self.planned else "normal"

    def write(self, session: Session) -> int:
        from ltc_tui import clock
        from ltc_tui.models.customers import Customer
        from ltc_tui.services import bulk

        if not self.planned:
            return 0
        conn = session.connection()
        table = Customer.__table__
        ids = bulk.reserve_ids(conn, table, len(self.planned))
        now = clock.now()
        rows = []
        for new_id, (key, plan) in zip(ids, self.planned.items(), strict=True):
            self.ids[key] = new_id
            rows.append((new_id, plan.name, key, plan.standing, plan.industry, plan.region, plan.notes, False, 1, now, now))
        columns = ("id", "name", "name_key", "standing", "industry", "region", "notes", "budget_known",
                   "version", "created_at", "updated_at")
        return bulk.insert_rows(conn, table, columns, rows)

    def id(self, key: str) -> int:
        found = self.existing.get(key)
        return found[0] if found is not None else self.ids[key]


# --- value maps (stages, sources) ------------------------------------------------------


def value_map(defaults: dict[str, str], given: dict[str, str], *, parse_target: Callable[[str], str]) -> dict[str, str]:
    """Their words -> our values, keyed by ``header_key`` (case and punctuation
    do not count); the person's own map wins over the defaults."""
    merged = {header_key(k): v for k, v in defaults.items()}
    for their, ours in given.items():
        merged[header_key(their)] = parse_target(ours)
    return merged


@dataclass
class Tally:
    """Counts of a decision taken on many rows, reported once: value -> rows."""

    counts: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, key: str, value: str) -> None:
        self.counts[(key, value)] += 1

    def notes(self) -> list[Note]:
        return [Note(key, {"value": value, "rows": rows_text(n)}) for (key, value), n in sorted(self.counts.items())]


def apply_mapping_defaults(mapping: Mapping | None) -> Mapping:
    return mapping if mapping is not None else Mapping()
