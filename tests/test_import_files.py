"""Reading the files people bring (no database): encodings, CSV shapes, JSON,
mappings, the day/month order of dates; and CSV that round-trips exactly."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ltc_tui.errors import ValidationError
from ltc_tui.i18n import t
from ltc_tui.services.transfer_dates import DateReader, parse_order
from ltc_tui.services.transfer_io import (
    Mapping,
    neutralise,
    parse_pairs,
    read_mapping_file,
    read_table,
    unneutralise,
    write_csv,
)


def message(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return t(error.value.key, **error.value.params)


# --- encodings and shapes -------------------------------------------------------------------


def test_bom_crlf_quoted_newlines_and_cjk_are_read_as_written() -> None:
    data = "\ufeffCompany,Description\r\n华为技术,\"第一行\r\n第二行, with comma\"\r\n\"Acme \"\"Q\"\"\",x\r\n".encode()
    table = read_table(data, "f.csv")
    assert table.had_bom
    assert table.headers == ["Company", "Description"]
    assert table.rows == [["华为技术", "第一行\r\n第二行, with comma"], ['Acme "Q"', "x"]]
    # Spreadsheet rows: the header is row 1; the second record starts on line 4 of the file.
    assert table.row_numbers == [2, 3]
    assert table.lines == [2, 4]


def test_blank_rows_are_skipped_but_counted_like_a_spreadsheet() -> None:
    table = read_table(b"a,b\n1,2\n,\n\n3,4\n", "f.csv")
    assert table.rows == [["1", "2"], ["3", "4"]]
    assert table.row_numbers == [2, 5]


def test_semicolon_and_tab_delimiters_are_recognised() -> None:
    assert read_table(b"a;b\n1;2,5\n", "f.csv").rows == [["1", "2,5"]]
    table = read_table(b"a\tb\n1\t2\n", "f.csv")
    assert table.delimiter == "\t" and table.rows == [["1", "2"]]


def test_short_rows_are_padded_and_overlong_rows_are_a_problem() -> None:
    table = read_table(b"a,b,c\n1\n1,2,3,4\n", "f.csv")
    assert table.rows[0] == ["1", "", ""]
    assert [(row, key) for row, _line, key, _ in table.problems] == [(3, "import.row.too_many_cells")]


def test_a_very_long_cell_is_read_whole() -> None:
    long = "x" * 300_000
    assert read_table(f"a\n{long}\n".encode(), "f.csv").rows == [[long]]


def test_latin1_is_refused_with_the_line_and_the_fix() -> None:
    with pytest.raises(ValidationError) as error:
        read_table("name\nok\nCafé\n".encode("latin-1"), "old.csv")
    text = message(error)
    assert "old.csv is not UTF-8" in text and "line 3" in text and "0xE9" in text and "CSV UTF-8" in text
    assert error.value.exit_code == 2


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"PK\x03\x04rest of a zip", "import.file.workbook"),
        ("a,b\n".encode("utf-16"), "import.file.utf16"),
        (b"a,b\n1,\x002\n", "import.file.binary"),
        (b"   \n", "import.file.empty"),
        (b'a,b\n1,"never closed\n2,3\n', "import.file.unclosed_quote"),
        (b'a,b\n1,"x"y\n', "import.file.bad_csv"),
        (b"[1, 2]", "import.file.json_shape"),
        (b'{"rows": [1', "import.file.bad_json"),
    ],
)
def test_files_we_cannot_read_are_refused_clearly(data: bytes, key: str) -> None:
    with pytest.raises(ValidationError) as error:
        read_table(data, "in.csv")
    assert error.value.key == key
    assert "in.csv" in message(error)


def test_unclosed_quote_names_the_line_where_the_cell_starts() -> None:
    with pytest.raises(ValidationError) as error:
        read_table(b'a,b\n1,2\n3,"oops\n4,5\n', "q.csv")
    assert error.value.params["line"] == 3


def test_json_lists_envelopes_and_salesforce_records() -> None:
    plain = read_table(b'[{"Company": "A", "Rating": null, "N": 3, "Ok": true}]', "x.json")
    assert plain.headers == ["Company", "Rating", "N", "Ok"]
    assert plain.rows == [["A", "", "3", "true"]]
    ours = read_table(b'{"format": "ltc-tui", "kind": "leads", "rows": [{"title": "t"}]}', "x.json")
    assert ours.meta["kind"] == "leads" and ours.rows == [["t"]]
    sf = read_table(b'{"records": [{"attributes": {"type": "Lead"}, "Company": "A"}]}', "x.json")
    assert sf.headers == ["Company"]
    nested = read_table(b'[{"a": [1]}, {"a": "x"}]', "x.json")
    assert [(row, key) for row, _l, key, _ in nested.problems] == [(1, "import.row.json_value")]


# --- mappings --------------------------------------------------------------------------------


def test_map_pairs_split_on_commas_outside_quotes() -> None:
    pairs = parse_pairs(['Account Name=company,Deal=title', '"Revenue, USD"=amount'], option="--map")
    assert pairs == {"Account Name": "company", "Deal": "title", "Revenue, USD": "amount"}
    with pytest.raises(ValidationError) as error:
        parse_pairs(["Account Name"], option="--map")
    assert "--map" in message(error)


def test_mapping_files_in_lines_or_json() -> None:
    text = b"# from our old CRM\nAccount Name = company\n[stages]\nIn Progress = bid\n[options]\ndate_format = d/m/Y\n"
    mapping = read_mapping_file(text, "map.txt")
    assert mapping == Mapping({"Account Name": "company"}, {"In Progress": "bid"}, {}, "d/m/Y")
    as_json = read_mapping_file(b'{"columns": {"Deal": "title"}, "stages": {"Won": "won"}}', "map.json")
    assert as_json.columns == {"Deal": "title"} and as_json.stages == {"Won": "won"}
    assert read_mapping_file(b'{"Deal": "title"}', "map.json").columns == {"Deal": "title"}
    with pytest.raises(ValidationError):
        read_mapping_file(b"[weird]\n", "map.txt")


# --- dates -----------------------------------------------------------------------------------


def test_year_first_and_month_name_dates_need_no_order() -> None:
    reader = DateReader(["2024-03-12", "2024/3/9", "12 Mar 2024", "March 5, 2024", "2024年3月1日", "9-Mar-24"])
    assert reader.reading.how == "unambiguous"
    assert [reader.date(v) for v in ("2024/3/9", "12 Mar 2024", "March 5, 2024", "2024年3月1日", "9-Mar-24")] == [
        dt.date(2024, 3, 9), dt.date(2024, 3, 12), dt.date(2024, 3, 5), dt.date(2024, 3, 1), dt.date(2024, 3, 9),
    ]


def test_day_first_is_detected_from_a_day_above_twelve() -> None:
    reader = DateReader(["03/04/2024", "31/01/2024", "2024-05-06"])
    assert (reader.reading.order, reader.reading.how, reader.reading.example) == ("dmy", "detected", "31/01/2024")
    assert reader.date("03/04/2024") == dt.date(2024, 4, 3)
    assert reader.reading.form == "d/m/Y"


def test_month_first_is_detected_too_and_times_are_ignored() -> None:
    reader = DateReader(["3/4/2024, 9:15 AM", "12/31/2023 23:59"])
    assert reader.reading.order == "mdy"
    assert reader.date("3/4/2024, 9:15 AM") == dt.date(2024, 3, 4)


def test_dates_that_never_decide_ask_for_the_form() -> None:
    with pytest.raises(ValidationError) as error:
        DateReader(["03/04/2024", "05/06/2024"], columns="engage_date")
    text = message(error)
    assert "engage_date" in text and "--date-format d/m/Y" in text and "03/04/2024" in text


def test_a_stated_form_wins_and_values_against_it_are_not_dates() -> None:
    reader = DateReader(["03/04/2024", "13/04/2024"], stated=parse_order("m/d/Y"))
    assert reader.reading.how == "stated"
    assert reader.date("03/04/2024") == dt.date(2024, 3, 4)
    assert reader.date("13/04/2024") is None
    assert parse_order("%d.%m.%Y") == "dmy" and parse_order("yyyy-mm-dd") == "ymd"
    with pytest.raises(ValidationError):
        parse_order("sometime")


def test_conflicting_dates_keep_the_majority_and_count_the_rest() -> None:
    reader = DateReader(["31/01/2024", "30/01/2024", "01/31/2024"])
    assert (reader.reading.order, reader.reading.conflicting) == ("dmy", 1)
    assert reader.date("01/31/2024") is None


def test_moments_keep_their_time_in_utc() -> None:
    reader = DateReader(["2024-03-12T09:15:00.000+0100"])
    assert reader.datetime("2024-03-12T09:15:00.000+0100") == dt.datetime(2024, 3, 12, 8, 15, tzinfo=dt.UTC)
    assert reader.datetime("2024-03-12") == dt.datetime(2024, 3, 12, tzinfo=dt.UTC)


# --- writing -----------------------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx", "＝1", "'quoted"])
def test_cells_a_spreadsheet_would_run_are_neutralised_and_restored(cell: str) -> None:
    safe = neutralise(cell)
    assert safe.startswith("'")
    assert unneutralise(safe) == cell


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=8))
def test_written_csv_reads_back_cell_for_cell(rows: list[list[str]]) -> None:
    rows = [r for r in rows if any(c.strip() for c in r)] or [["x", "", ""]]
    out = io.StringIO(newline="")
    write_csv(out, ["a", "b", "c"], rows)
    table = read_table(out.getvalue().encode("utf-8"), "round.csv")
    assert [[unneutralise(c) for c in row] for row in table.rows] == rows
    for row in table.rows:
        assert not any(c[:1] in ("=", "+", "-", "@", "\t", "\r") for c in row)
