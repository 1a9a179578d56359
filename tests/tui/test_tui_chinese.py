"""The app in Chinese: snapshots of the main screens, every screen free of
English once the data is set aside, and the language chosen by --lang,
LTC_LANG or the system locale.

Update the snapshots after a deliberate change with
``pytest tests/tui/test_tui_chinese.py --snapshot-update`` and look at the
report before committing.
"""

from __future__ import annotations

import re

import pytest

from ltc_tui import i18n
from tui.tui_helpers import SIZE, SQLITE_ONLY, press, screen_text, settle, type_text

pytestmark = SQLITE_ONLY

SNAP_SIZE = (140, 40)
# The team's handles and names (tests/conftest.py): data, not words to translate.
TEAM_WORDS = {"ana", "li", "bo", "fay", "sam", "Ana", "Chair", "Li", "Wei", "Bo", "Account", "Fay", "Fulfil", "Sam",
              "Staff"}
# Stay as they are in Chinese: the method's abbreviations, currency codes, keys, the app's name.
KEEP = {"AR", "SR", "FR", "KPI", "KDM", "USD", "SVG", "ltc", "ctrl", "esc", "test", "db", "tab", "enter", "space", "super",
        "shift", "Markdown", "IT", "qqqzzz"}


def english_left(text: str) -> list[str]:
    text = re.sub(r"(?<![\w-])--?[a-z][\w-]*|`[^`]*`|\S+@\S+|\b[a-z]+:[\w.-]*", " ", text)  # options, commands, filters
    text = re.sub(r"\b(ctrl|shift|alt)\+\w+|\^\w\b", " ", text)  # keys
    text = re.sub(r"\S*/\S+|\.(html|md)\b", " ", text)  # paths, file extensions
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in TEAM_WORDS | KEEP]


@pytest.fixture(autouse=True)
def chinese():
    i18n.set_language("zh")  # the isolate fixture sets English again afterwards


@pytest.fixture
def zh_seed(team):
    """华东物流集团 (strategic, contacts at three levels) and 西南电力 (normal):
    a lead sam submitted, one li verified, one in nurturing, one with a
    duplicate-looking title; a meeting under way."""
    from ltc_tui.services import committee, customers, leads, verification

    with team.act("ana") as s:
        east = customers.add_customer(s, name="华东物流集团", standing="strategic", industry="物流")
        contacts = [customers.add_contact(s, customer_id=east.id, name=name, level=level, decision_role=role,
                                          job_title=job).id
                    for name, level, role, job in (("王总", "executive", "decision_maker", "总经理"),
                                                   ("李经理", "manager", "evaluator", "IT 经理"),
                                                   ("张工", "staff", "user", "网络工程师"))]
        customers.add_customer(s, name="西南电力", standing="normal")
    ids = {}
    with team.act("sam") as s:
        ids["submitted"] = leads.add_lead(s, title="仓储无线覆盖", customer="华东物流集团", amount="80万",
                                          source="sales_visit", need="仓库里信号差，扫码枪经常掉线。").lead.id
        ids["verified"] = leads.add_lead(s, title="数据中心网络改造项目", customer="华东物流集团", amount="2M",
                                         source="hq_marketing", new_solution=True).lead.id
        ids["nurtured"] = leads.add_lead(s, title="变电站视频监控", customer="西南电力", amount="300k",
                                         source="partner").lead.id
    with team.act("li") as s:
        for key, hot in (("verified", True), ("nurtured", False)):
            verification.verify_lead(
                s, lead_id=ids[key],
                answers=verification.make_answers(
                    need_real=True, fits_strategy=True, urgent=hot, procurement_clear=True, funds_committed=hot,
                    relationship=2, solution_fit=3, solution_maturity=2, team_available=True, competition="weak",
                    risk="low"),
                contact_ids=contacts[:2] if key == "verified" else [], q1_notes="客户高层确认了需求。",
            )
    with team.act("ana") as s:
        committee.decide(s, lead_id=ids["nurtured"], kind="nurture", ar="bo", sr="li", fr="fay", next_review="+14d")
        leads.add_note(s, lead_id=ids["verified"], body="下周安排技术交流（看网讲网）。")
    ids["contacts"] = contacts
    return ids


def meeting(team):
    from ltc_tui.services import committee

    with team.act("ana") as s:
        return committee.start_meeting(s, attendees=["li", "bo"]).id


async def ready(pilot):
    await settle(pilot)


# --- snapshots ----------------------------------------------------------------------------------


def test_lead_pool_in_chinese(snap_compare, make_app, zh_seed):
    assert snap_compare(make_app(), terminal_size=(150, 40), run_before=ready)


def test_lead_file_in_chinese(snap_compare, make_app, zh_seed):
    from ltc_tui.screens.lead_file import LeadFileScreen

    async def open_file(pilot):
        await settle(pilot)
        pilot.app.push_screen(LeadFileScreen(zh_seed["verified"]))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=open_file)


def test_verification_form_in_chinese(snap_compare, make_app, zh_seed):
    from ltc_tui.screens.verify_form import VerifyScreen

    async def open_form(pilot):
        await settle(pilot)
        pilot.app.push_screen(VerifyScreen(zh_seed["submitted"]))
        await settle(pilot)
        await press(pilot, "space", "tab", "space")  # the need is real, it fits

    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=open_form)


def test_lead_form_in_chinese(snap_compare, make_app, zh_seed):
    """A new lead being typed: a customer that exists, an amount in 万, a date
    read back with its weekday."""
    from ltc_tui.screens.lead_form import LeadFormScreen

    async def type_lead(pilot):
        await settle(pilot)
        pilot.app.push_screen(LeadFormScreen())
        await settle(pilot)
        form = pilot.app.screen
        form.query_one("#title").value = "仓储无线覆盖二期"
        form.query_one("#customer").value = "华东物流集团"
        form.query_one("#amount").value = "120万"
        form.query_one("#start").value = "2026-09"
        await settle(pilot)
        form.query_one("#start").input.focus()
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=type_lead)


def test_meeting_in_chinese(snap_compare, make_app, team, zh_seed):
    from ltc_tui.screens.meeting import MeetingScreen

    meeting_id = meeting(team)

    async def open_meeting(pilot):
        await settle(pilot)
        pilot.app.push_screen(MeetingScreen(meeting_id))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=open_meeting)


def test_meeting_start_in_chinese(snap_compare, make_app, zh_seed):
    async def start(pilot):
        await settle(pilot)
        await press(pilot, "M")

    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=start)


# --- no English left on any screen ---------------------------------------------------------------


async def visit(pilot, *keys):
    await press(pilot, *keys)
    return screen_text(pilot.app)


async def test_every_screen_speaks_chinese(make_app, team, zh_seed):
    """The pool, a lead file, the forms, the dialogs, the meeting from start to
    minutes, help and the command palette: no English left."""
    from ltc_tui.screens.lead_file import LeadFileScreen
    from ltc_tui.screens.verify_form import VerifyScreen

    seen: dict[str, str] = {}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        seen["pool"] = screen_text(app)
        seen["help"] = await visit(pilot, "question_mark")
        await press(pilot, "escape")
        seen["palette"] = await visit(pilot, "ctrl+p")
        await type_text(pilot, "qqqzzz")
        await pilot.pause(0.8)
        seen["palette, no match"] = screen_text(app)
        await press(pilot, "escape")
        app.push_screen(LeadFileScreen(zh_seed["verified"]))
        await settle(pilot)
        seen["lead file"] = screen_text(app)
        seen["note"] = await visit(pilot, "n")
        await press(pilot, "escape")
        seen["close"] = await visit(pilot, "c")
        await press(pilot, "escape", "escape")
        seen["new lead"] = await visit(pilot, "n")
        await press(pilot, "ctrl+s")
        seen["new lead, refused"] = screen_text(app)
        await press(pilot, "escape")
        app.push_screen(VerifyScreen(zh_seed["submitted"]))
        await settle(pilot)
        seen["verify"] = screen_text(app)
        await press(pilot, "escape")
        seen["meeting start"] = await visit(pilot, "M")
        await press(pilot, "ctrl+s")
        seen["meeting"] = screen_text(app)
        seen["convert"] = await visit(pilot, "o")
        await press(pilot, "ctrl+s")
        seen["convert, refused"] = screen_text(app)
        await press(pilot, "escape")
        seen["nurture"] = await visit(pilot, "n")
        await press(pilot, "escape")
        seen["deferred"] = await visit(pilot, "d")
        seen["summary"] = await visit(pilot, "f")
        seen["minutes"] = await visit(pilot, "m")
        seen["save minutes"] = await visit(pilot, "s")
    bad = {name: english_left(text) for name, text in seen.items() if english_left(text)}
    assert not bad, "\n\n".join(f"{name}: {words}\n{seen[name]}" for name, words in bad.items())
    assert "没有找到匹配的命令" in seen["palette, no match"]
    assert "优先级" in seen["pool"] and "线索管理委员会会议" in seen["meeting"] and "纪要" in seen["minutes"]


# --- the language chosen at start --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "env"),
    [(["--lang", "zh"], {}), ([], {"LTC_LANG": "zh"}), ([], {"LANG": "zh_CN.UTF-8"}), ([], {"LC_ALL": "zh_CN.UTF-8"})],
    ids=["--lang", "LTC_LANG", "LANG", "LC_ALL"],
)
def test_app_language_chosen_at_start(db_url, team, zh_seed, monkeypatch, argv, env):
    """`ltc` alone opens the app: --lang, LTC_LANG or a Chinese locale make it Chinese."""
    import asyncio

    from typer.testing import CliRunner

    import ltc_tui.app
    from ltc_tui.cli import app as cli

    i18n.set_language("en")
    for var in ("LTC_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    shown: list[str] = []

    def run_headless(db, *, actor=None, start_in=None):
        async def go():
            app = ltc_tui.app.LtcApp(db, actor=actor, start_in=start_in, db_label="test.db")
            async with app.run_test(size=SIZE) as pilot:
                await settle(pilot)
                shown.append(screen_text(app))

        asyncio.run(go())

    monkeypatch.setattr(ltc_tui.app, "run_app", run_headless)
    result = CliRunner().invoke(cli, ["--db", db_url, "--as", "ana", *argv])
    assert result.exit_code == 0, result.output
    assert "标题" in shown[0] and "线索池" not in english_left(shown[0]), shown[0]
    assert "第 1-3 条，共 3 条线索" in shown[0], shown[0]
