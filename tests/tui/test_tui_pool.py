"""The lead pool: columns, filters, saved views, sorting, paging, opening a lead."""

from __future__ import annotations

from ltc_tui.screens.lead_file import LeadFileScreen
from ltc_tui.screens.lead_pool import LeadPoolScreen
from tui.tui_helpers import SIZE_WIDE, SQLITE_ONLY, click_header, press, screen_text, settle, table_rows, type_text


@SQLITE_ONLY
async def test_pool_shows_every_column_and_the_header(make_app, seed):
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LeadPoolScreen)
        text = screen_text(app)
        assert "test.db · Ana Chair (ana)" in text  # the database and the acting person
        for column in ("#", "Title", "Customer", "Source", "By", "Class", "Temp", "Tier", "Prio", "Status", "Owner", "Age",
                       "Review"):
            assert column in text
        rows = table_rows(app.screen)
        assert len(rows) == 5
        # highest priority first: the hot verified lead, with its class and temperature
        assert rows[0][1] == "Data centre power"
        assert rows[0][5:7] == ["opportunity", "hot"]
        nurtured = next(r for r in rows if r[1] == "Smart meters")
        assert nurtured[9:] == ["nurturing", "li", "0d", "2026-05-04"]
        assert "1-5 of 5 leads · All · sorted by Prio (descending)" in text


@SQLITE_ONLY
async def test_temperature_is_coloured(make_app, seed):
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#leads")
        cells = [table.get_row_at(i)[6] for i in range(table.row_count)]
        styles = {cell.plain: str(cell.style) for cell in cells if cell.plain}
        assert styles == {"hot": "bold red", "warm": "dark_orange"}


@SQLITE_ONLY
async def test_free_text_and_field_filters(make_app, seed):
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await type_text(pilot, "acme")
        assert {r[1] for r in table_rows(app.screen)} == {"Core network upgrade", "Fibre backbone", "Data centre power"}
        await type_text(pilot, " status:verified")
        assert [r[1] for r in table_rows(app.screen)] == ["Data centre power"]
        await press(pilot, "escape")  # clears the filter and goes back to the table
        assert len(table_rows(app.screen)) == 5
        await press(pilot, "slash")
        await type_text(pilot, "temp:lukewarm")
        assert "temp: 'lukewarm' is not one of: cold, warm, hot." in screen_text(app)


@SQLITE_ONLY
async def test_saved_views_by_key(make_app, seed):
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "t")  # to verify: submitted leads someone else submitted
        assert [r[1] for r in table_rows(app.screen)] == ["Core network upgrade"]
        assert "To verify" in screen_text(app)
        await press(pilot, "d")  # due for review
        assert [r[1] for r in table_rows(app.screen)] == ["Smart meters"]
        await press(pilot, "m")  # mine: ana submitted the fibre backbone lead
        assert [r[1] for r in table_rows(app.screen)] == ["Fibre backbone"]
        await press(pilot, "x")  # stale: nothing untouched for 30 days
        assert table_rows(app.screen) == []
        await press(pilot, "w", "w")  # the views after stale: open, then closed
        assert app.screen.view == "closed"
        await press(pilot, "a")
        assert len(table_rows(app.screen)) == 5


@SQLITE_ONLY
async def test_sort_by_header_click_and_key(make_app, seed):
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        await click_header(pilot, app.screen.query_one("#leads"), "title")
        titles = [r[1] for r in table_rows(app.screen)]
        assert titles == sorted(titles, key=str.casefold)
        assert "sorted by Title (ascending)" in screen_text(app)
        await press(pilot, "r")
        assert [r[1] for r in table_rows(app.screen)] == sorted(titles, key=str.casefold, reverse=True)
        await press(pilot, "s")  # next column: customer
        assert "sorted by Customer" in screen_text(app)


async def test_pages_come_from_sql_one_at_a_time(make_app, team):
    from ltc_tui.services.leads import add_lead

    with team.act("sam") as s:
        for n in range(230):
            add_lead(s, title=f"Lead number {n:03}", customer=f"Customer {n % 7}")
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#leads")
        assert table.row_count == 100  # one page in the widget, never all rows
        assert "1-100 of 230 leads" in screen_text(app)
        await press(pilot, "G", "down")  # past the last row: the next page
        assert "101-200 of 230 leads" in screen_text(app)
        assert table.cursor_row == 0
        await press(pilot, "up")  # before the first row: the previous page, cursor at its end
        assert "1-100 of 230 leads" in screen_text(app)
        assert table.cursor_row == 99


@SQLITE_ONLY
async def test_enter_opens_the_lead_file(make_app, seed):
    app = make_app()
    async with app.run_test(size=SIZE_WIDE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert isinstance(app.screen, LeadFileScreen)
        assert app.screen.lead_id == seed.leads["verified_hot"]
        assert "#4 Data centre power" in screen_text(app)
        await press(pilot, "escape")
        assert isinstance(app.screen, LeadPoolScreen)
