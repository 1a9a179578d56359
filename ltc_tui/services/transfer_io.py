"""Tables in files: reading CSV or JSON that people bring, writing CSV that a
spreadsheet opens safely, and the column/value mappings people pass.

Pure Python (no database). Reading is strict about what it cannot read
(not UTF-8, an Excel workbook, a quote never closed) and lenient about the
rest (a BOM, CRLF, quoted newlines, semicolon or tab delimiters, blank
rows, very long cells). Every refusal is a ``ValidationError`` naming the
file and the fix.

Row numbers are the ones a spreadsheet shows: the header is row 1, the
first record row 2, whatever newlines the cells hold; ``line`` is where the
record starts in the file itself, for an editor.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO

from ltc_tui.errors import ValidationError

# A cell may be as long as the field it fills allows, and longer: the row is
# then refused by the field's own length check, with its row number.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

# Cells a spreadsheet would read as a formula (OWASP "CSV injection"), plus the
# full-width forms some spreadsheets also honour.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
ESCAPE = "'"


def neutralise(cell: str) -> str:
    """A cell no spreadsheet turns into a formula: a leading apostrophe when it
    starts like one. A cell that already starts with an apostrophe gets one
    more, so ``unneutralise`` restores every cell exactly."""
    if cell and (cell.startswith(FORMULA_STARTS) or cell[0] == ESCAPE):
        return ESCAPE + cell
    return cell


def unneutralise(cell: str) -> str:
    return cell[1:] if cell[:1] == ESCAPE else cell


@dataclass
class Table:
    """Rows read from a file: header names and string cells (``""`` = empty)."""

    name: str
    file_type: str  # "csv" or "json"
    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]  # spreadsheet row of each record (header = 1)
    lines: list[int]  # line in the file where each record starts
    delimiter: str = ","
    had_bom: bool = False
    meta: dict[str, Any] = field(default_factory=dict)  # a JSON envelope's other keys
    problems: list[tuple[int, int, str, dict[str, Any]]] = field(default_factory=list)  # (row, line, key, params)

    def __len__(self) -> int:
        return len(self.rows)


def _fail(key: str, **params: Any) -> ValidationError:
    return ValidationError(key, **params)


def decode(data: bytes, name: str) -> tuple[str, bool]:
    """Text of the file: UTF-8 with or without BOM, anything else refused clearly."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail("import.file.utf16", file=name)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail("import.file.workbook", file=name)
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        byte = data[error.start : error.start + 1].hex().upper()
        raise _fail("import.file.not_utf8", file=name, line=line, byte=byte) from error
    if "\x00" in text:
        raise _fail("import.file.binary", file=name)
    return text, bom


def looks_like_json(name: str, text: str) -> bool:
    if name.lower().endswith(".json"):
        return True
    stripped = text.lstrip()
    return stripped[:1] in ("[", "{")


def read_table(data: bytes, name: str) -> Table:
    """The records of a CSV or JSON file (JSON: a list of objects, or an object
    holding them under ``rows`` (our export) or ``records`` (Salesforce's API))."""
    text, bom = decode(data, name)
    if not text.strip():
        raise _fail("import.file.empty", file=name)
    if looks_like_json(name, text):
        table = _read_json(text, name)
    else:
        table = _read_csv(text, name)
    table.had_bom = bom
    return table


def _sniff_delimiter(text: str) -> str:
    """Comma, unless the header line clearly uses semicolons or tabs (spreadsheets
    in many European locales write ``;``)."""
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _read_csv(text: str, name: str) -> Table:
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    headers: list[str] | None = None
    rows: list[list[str]] = []
    numbers: list[int] = []
    lines: list[int] = []
    problems: list[tuple[int, int, str, dict[str, Any]]] = []
    record = 0
    start = 1
    try:
        for cells in reader:
            record += 1
            if headers is None and not any(c.strip() for c in cells):
                start = reader.line_num + 1
                continue
            if headers is None:
                headers = [h.strip() for h in cells]
                start = reader.line_num + 1
                continue
            if any(c.strip() for c in cells):
                if len(cells) > len(headers) and any(c.strip() for c in cells[len(headers) :]):
                    problems.append(
                        (record, start, "import.row.too_many_cells", {"cells": len(cells), "columns": len(headers)})
                    )
                    cells = cells[: len(headers)]
                elif len(cells) < len(headers):
                    cells = cells + [""] * (len(headers) - len(cells))
                elif len(cells) > len(headers):
                    cells = cells[: len(headers)]
                rows.append(cells)
                numbers.append(record)
                lines.append(start)
            start = reader.line_num + 1
    except csv.Error as error:
        if "unexpected end of data" in str(error):
            raise _fail("import.file.unclosed_quote", file=name, line=start) from error
        raise _fail("import.file.bad_csv", file=name, line=start, detail=str(error)) from error
    if not headers or not any(headers):
        raise _fail("import.file.no_header", file=name)
    return Table(name, "csv", headers, rows, numbers, lines, delimiter=delimiter, problems=problems)


def _json_cell(value: Any) -> str | None:
    """A JSON value as the text a CSV cell would hold; ``None`` if it is not a plain value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, str)):
        return value if isinstance(value, str) else str(value)
    return None


def _read_json(text: str, name: str) -> Table:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise _fail("import.file.bad_json", file=name, line=error.lineno, column=error.colno, detail=error.msg) from error
    meta: dict[str, Any] = {}
    if isinstance(document, dict):
        meta = {k: v for k, v in document.items() if k not in ("rows", "records")}
        document = document.get("rows", document.get("records"))
    if not isinstance(document, list) or not all(isinstance(r, dict) for r in document):
        raise _fail("import.file.json_shape", file=name)
    headers: list[str] = []
    seen: set[str] = set()
    for record in document:
        for key in record:
            if key not in seen and key != "attributes":  # Salesforce's API adds type/url there
                seen.add(key)
                headers.append(str(key))
    rows: list[list[str]] = []
    numbers: list[int] = []
    problems: list[tuple[int, int, str, dict[str, Any]]] = []
    for index, record in enumerate(document, start=1):
        cells = []
        for header in headers:
            cell = _json_cell(record.get(header))
            if cell is None:
                problems.append((index, index, "import.row.json_value", {"column": header}))
                cell = ""
            cells.append(cell)
        if any(c.strip() for c in cells):
            rows.append(cells)
            numbers.append(index)
    # For JSON the "row" is the record's position in the list (1 = first).
    return Table(name, "json", headers, rows, numbers, list(numbers), meta=meta, problems=problems)


def header_key(header: str) -> str:
    """How a header is matched: case, spaces and punctuation do not count
    (``First Name`` = ``FirstName`` = ``first_name``)."""
    return re.sub(r"[\W_]+", "", header.casefold())


# --- writing ----------------------------------------------------------------------


RISKY = frozenset(FORMULA_STARTS) | {ESCAPE}


def write_csv(out: TextIO, headers: Sequence[str], rows: Iterable[Sequence[Any]], *, neutralised: bool = False) -> int:
    """RFC 4180 CSV (CRLF, quotes doubled); returns the row count. Every text
    cell is neutralised, unless the caller says it has done so (``None`` is
    written empty, numbers as digits)."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in headers])
    count = 0
    batch: list[Sequence[Any]] = []
    for row in rows:
        if not neutralised:
            row = [neutralise(c) if type(c) is str and c and c[0] in RISKY else c for c in row]
        batch.append(row)
        if len(batch) >= 2000:
            writer.writerows(batch)
            count += len(batch)
            batch.clear()
    writer.writerows(batch)
    return count + len(batch)


# --- mappings people pass ------------------------------------------------------------


@dataclass
class Mapping:
    """What a ``--map``/``--stage-map``/``--source-map`` option or a mapping file says."""

    columns: dict[str, str] = field(default_factory=dict)  # header -> our field (or "ignore")
    stages: dict[str, str] = field(default_factory=dict)  # their stage -> ours
    sources: dict[str, str] = field(default_factory=dict)  # their lead source -> our channel
    date_format: str | None = None

    def merge(self, other: Mapping) -> Mapping:
        return Mapping(
            {**self.columns, **other.columns},
            {**self.stages, **other.stages},
            {**self.sources, **other.sources},
            other.date_format or self.date_format,
        )


def parse_pairs(texts: Iterable[str] | None, *, option: str) -> dict[str, str]:
    """``"Account Name=company,Deal=title"`` (repeatable) -> ``{"Account Name": "company", ...}``."""
    pairs: dict[str, str] = {}
    for text in texts or ():
        for part in _split_pairs(text):
            if not part.strip():
                continue
            left, sep, right = part.partition("=")
            if not sep or not left.strip() or not right.strip():
                raise ValidationError("import.map.bad_pair", field=option, value=part.strip())
            pairs[left.strip()] = right.strip()
    return pairs


def _split_pairs(text: str) -> Iterator[str]:
    """Split on commas, except inside double quotes (a header holding a comma)."""
    buf: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
            continue
        if char == "," and not quoted:
            yield "".join(buf)
            buf = []
        else:
            buf.append(char)
    yield "".join(buf)


_SECTIONS = {"columns": "columns", "column": "columns", "stages": "stages", "stage": "stages",
             "sources": "sources", "source": "sources", "options": "options"}


def read_mapping_file(data: bytes, name: str) -> Mapping:
    """A mapping file: JSON (``{"columns": {...}, "stages": {...}, "sources": {...},
    "date_format": "d/m/Y"}``) or lines ``Their column = our_field`` under optional
    ``[columns]``, ``[stages]``, ``[sources]``, ``[options]`` sections; ``#`` comments."""
    text, _ = decode(data, name)
    if name.lower().endswith(".json") or text.lstrip().startswith("{"):  # "[columns]" is a section
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValidationError(
                "import.file.bad_json", file=name, line=error.lineno, column=error.colno, detail=error.msg
            ) from error
        if not isinstance(document, dict):
            raise ValidationError("import.map.file_shape", file=name)
        if not any(k in document for k in ("columns", "stages", "sources", "date_format")):
            document = {"columns": document}
        mapping = Mapping()
        for key in ("columns", "stages", "sources"):
            part = document.get(key) or {}
            if not isinstance(part, dict) or not all(isinstance(v, str) for v in part.values()):
                raise ValidationError("import.map.file_shape", file=name)
            setattr(mapping, key, {str(k): v for k, v in part.items()})
        fmt = document.get("date_format")
        mapping.date_format = str(fmt) if fmt else None
        return mapping
    mapping = Mapping()
    section = "columns"
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            wanted = _SECTIONS.get(line[1:-1].strip().lower())
            if wanted is None:
                raise ValidationError("import.map.file_line", file=name, line=number, text=line)
            section = wanted
            continue
        left, sep, right = line.rpartition("=")
        if not sep or not left.strip() or not right.strip():
            raise ValidationError("import.map.file_line", file=name, line=number, text=line)
        left, right = left.strip().strip('"'), right.strip().strip('"')
        if section == "options":
            if left.lower().replace("-", "_") == "date_format":
                mapping.date_format = right
            else:
                raise ValidationError("import.map.file_line", file=name, line=number, text=line)
        else:
            getattr(mapping, section)[left] = right
    return mapping
