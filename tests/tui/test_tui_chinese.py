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
              "Staff", "ay",  # "ay": fay, cut by a dialog's edge
              "HT", "FP"}  # the contract and invoice numbers given below
# Stay as they are in Chinese: the method's abbreviations, currency codes, keys, the app's name.
KEEP = {"AR", "SR", "FR", "KPI", "KDM", "PO", "INV", "USD", "SVG", "ltc", "ctrl", "esc", "test", "db", "tab", "enter", "space", "super",
        "shift", "Markdown", "IT", "qqqzzz", "escape",
        "due", "stale", "all", "overdue", "auto"}  # words a person types as they are (filters, "auto" for the win probability)


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


@pytest.fixture
def zh_deals(team, zh_seed):
    """The nurtured lead's first steps worked (pains, KDMs, a competitor) and an
    opportunity at each of three stages, one won into a contract."""
    from ltc_tui.services import customers, nurturing, opportunities

    lead = zh_seed["nurtured"]
    with team.act("ana") as s:
        west = customers.get_customer(s, "西南电力")
        kdms = [customers.add_contact(s, customer_id=west.id, name=name, level="executive", decision_role="decision_maker").id
                for name in ("赵总", "钱总")]
    with team.act("li") as s:
        first = nurturing.add_pain(s, lead_id=lead, role="运维总监", kpi="故障时长", pain="变电站告警靠人工巡检",
                                   cause="没有视频联网", impact="故障发现晚")
        nurturing.add_pain(s, lead_id=lead, role="总经理", pain="停电投诉多", leads_to=first.id)
        for contact in kdms:
            nurturing.add_kdm(s, lead_id=lead, contact_id=contact)
            nurturing.set_kdm(s, lead_id=lead, contact_id=contact, interested=True)
        nurturing.add_competitor(s, lead_id=lead, name="某友商", strategy="以本地交付取胜", locked=True)
        nurturing.mark_done(s, lead_id=lead, step=1)
    opps = {}
    with team.act("ana") as s:
        for key, title, amount in (("early", "调度数据网扩容", "1.5M"), ("bid", "配电自动化通信", "3M"),
                                   ("won", "营业厅无线网络", "600k")):
            opps[key] = opportunities.add_opportunity(s, title=title, customer="西南电力", amount=amount,
                                                      ar="bo", sr="li", fr="fay").id
        for key in ("bid", "won"):
            opportunities.record_gate(s, opportunity_id=opps[key], gate="initiation")
    with team.act("fay") as s:
        for key in ("bid", "won"):
            opportunities.record_gate(s, opportunity_id=opps[key], gate="bid", workload_days=120, price="2.8M",
                                      result="conditional", conditions="分两期上线")
    with team.act("bo") as s:
        opportunities.move_stage(s, opportunity_id=opps["bid"], to="bid")
        opportunities.record_gate(s, opportunity_id=opps["won"], gate="signing", notes="工作范围已确认")
        opportunities.move_stage(s, opportunity_id=opps["won"], to="negotiation")
        opportunities.mark_won(s, opportunity_id=opps["won"])
        opportunities.update_opportunity(s, opportunity_id=opps["bid"], our_strengths="本地服务团队",
                                         market_notes="电网公司加快数字化")
    return {"lead": lead, "contacts": zh_seed["contacts"], **opps}


@pytest.fixture
def zh_cash(team, zh_deals):
    """Besides the won opportunity's contract (signed today, 2026-05-04):
    华东物流集团's, signed in March, a milestone reached and one late, half
    invoiced, a payment overdue since 1 April and the final one to come;
    西南电力's, disputed; and a visit this week."""
    import datetime as dt

    from ltc_tui import clock
    from ltc_tui.services import contracts as k
    from ltc_tui.services import visits
    from tui.conftest import TODAY

    clock.freeze(dt.date(2026, 3, 2))
    with team.act("ana") as s:
        east = k.add_contract(s, customer="华东物流集团", title="仓储网络一期", value="1.2M", number="HT-2026-01",
                              ar="bo", fr="fay")
        k.add_milestone(s, contract_id=east.id, name="设计方案确认", planned_on="2026-03-20")
        k.add_milestone(s, contract_id=east.id, name="设备到货", planned_on="2026-04-15")
        k.add_invoice(s, contract_id=east.id, number="FP-001", amount="600k", due_on="2026-04-01")
        k.add_payment(s, contract_id=east.id, amount="600k", due_on="2026-04-01", invoice="FP-001")
        k.add_payment(s, contract_id=east.id, amount="600k", due_on="2026-06-30", is_final=True)
        west = k.add_contract(s, customer="西南电力", title="变电站改造", value="500k", number="HT-2026-02", fr="li")
    clock.freeze(dt.date(2026, 3, 25))
    with team.act("fay") as s:
        first = k.contract_file(s, "HT-2026-01").milestones[0]
        k.update_milestone(s, milestone_id=first.id, actual_on="2026-03-25")
        k.open_dispute(s, contract_id=west.id, description="验收标准不一致")
    clock.freeze(TODAY)
    with team.act("bo") as s:
        visits.add_visit(s, customer="华东物流集团", kind="executive", contacts=[str(zh_deals["contacts"][0])],
                         objective="介绍方案", outcome="同意试点", next_step="技术交流")
    return {"east": east.id, "west": west.id}


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


def test_nurturing_list_in_chinese(snap_compare, make_app, zh_deals):
    async def open_list(pilot):
        await settle(pilot)
        await press(pilot, "2")

    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=open_list)


def test_nurturing_screen_in_chinese(snap_compare, make_app, zh_deals):
    from ltc_tui.screens.nurturing import NurturingScreen

    async def open_lead(pilot):
        await settle(pilot)
        pilot.app.push_screen(NurturingScreen(zh_deals["lead"]))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=open_lead)


def test_pipeline_in_chinese(snap_compare, make_app, zh_deals):
    async def open_board(pilot):
        await settle(pilot)
        await press(pilot, "3")

    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=open_board)


def test_opportunity_in_chinese(snap_compare, make_app, zh_deals):
    from ltc_tui.screens.opportunity import OpportunityScreen

    async def open_opportunity(pilot):
        await settle(pilot)
        pilot.app.push_screen(OpportunityScreen(zh_deals["bid"]))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=open_opportunity)


def test_contract_tracker_in_chinese(snap_compare, make_app, zh_cash):
    assert snap_compare(make_app(start_in="contracts"), terminal_size=SNAP_SIZE, run_before=settle)


def test_contract_screen_in_chinese(snap_compare, make_app, zh_cash):
    from ltc_tui.screens.contract import ContractScreen

    async def open_contract(pilot):
        await settle(pilot)
        pilot.app.push_screen(ContractScreen(zh_cash["east"]))
        await settle(pilot)

    assert snap_compare(make_app(start_in="contracts"), terminal_size=SNAP_SIZE, run_before=open_contract)


def test_dashboard_in_chinese(snap_compare, make_app, zh_cash):
    async def this_year(pilot):
        await settle(pilot)
        await press(pilot, "y")

    assert snap_compare(make_app(start_in="dashboard"), terminal_size=(140, 50), run_before=this_year)


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
    assert_chinese(seen)
    assert "没有找到匹配的命令" in seen["palette, no match"]
    assert "优先级" in seen["pool"] and "线索管理委员会会议" in seen["meeting"] and "纪要" in seen["minutes"]


def assert_chinese(seen: dict[str, str]) -> None:
    bad = {name: english_left(text) for name, text in seen.items() if english_left(text)}
    assert not bad, "\n\n".join(f"{name}: {words}\n{seen[name]}" for name, words in bad.items())


async def test_nurturing_and_pipeline_speak_chinese(make_app, zh_deals):
    """The nurturing list and a lead's six steps with their dialogs, the
    pipeline board, an opportunity's four tabs and its gate, won and lost forms
    (the dialogs wait for an answer: the pipeline tests' ``settle`` leaves them be)."""
    import pipeline_story as story

    from ltc_tui.screens.nurturing import NurturingScreen
    from ltc_tui.screens.opportunity import OpportunityScreen

    async def answer(pilot, *keys):
        await story.press(pilot, *keys)
        return screen_text(pilot.app)

    seen: dict[str, str] = {}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await story.settle(pilot)
        seen["nurturing list"] = await answer(pilot, "2")
        app.push_screen(NurturingScreen(zh_deals["lead"]))
        await story.settle(pilot)
        seen["six steps"] = screen_text(app)
        for key in ("down", "down", "down"):
            await story.press(pilot, key)
            seen[f"step after {key}s"] = screen_text(app)
        seen["add"] = await answer(pilot, "a")
        await story.press(pilot, "escape")
        seen["notes"] = await answer(pilot, "n")
        await story.press(pilot, "escape")
        seen["back to step 1"] = await answer(pilot, "b")
        await story.press(pilot, "escape", "escape")
        seen["pipeline"] = await answer(pilot, "3")
        app.push_screen(OpportunityScreen(zh_deals["bid"]))
        await story.settle(pilot)
        seen["opportunity"] = screen_text(app)
        for tab in range(3):
            seen[f"opportunity tab {tab + 2}"] = await answer(pilot, "t")
        seen["figures"] = await answer(pilot, "e")
        await story.press(pilot, "escape")
        seen["gate"] = await answer(pilot, "g")
        await story.press(pilot, "escape")
        seen["lost"] = await answer(pilot, "l")
        await story.press(pilot, "escape")
    assert_chinese(seen)


async def test_contracts_and_dashboard_speak_chinese(make_app, zh_cash):
    """The contract tracker (filtered, overdue only, sorted), a contract with
    each of its forms and a refusal, the new-contract form, and the dashboard
    over each period."""
    from tui import cash_helpers as cash

    async def answer(pilot, *keys):
        await cash.press(pilot, *keys)
        return screen_text(pilot.app)

    seen: dict[str, str] = {}
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await cash.settle(pilot)
        seen["contracts"] = await answer(pilot, "4")
        seen["overdue only"] = await answer(pilot, "o")
        await cash.press(pilot, "o")
        for turn in range(3):
            seen[f"sort {turn}"] = await answer(pilot, "s")
        seen["new contract"] = await answer(pilot, "n")
        seen["new contract, refused"] = await answer(pilot, "ctrl+s")
        await cash.press(pilot, "escape")
        seen["filter"] = await answer(pilot, "slash", *"HT-2026-01", "enter")
        seen["contract"] = await answer(pilot, "enter")
        for key, name in (("m", "milestone"), ("i", "invoice"), ("p", "payment"), ("r", "receive"), ("d", "dispute"),
                          ("e", "edit")):
            seen[name] = await answer(pilot, key)
            await cash.press(pilot, "escape")
        seen["close"] = await answer(pilot, "c")
        seen["close, refused"] = await answer(pilot, "ctrl+s")
        await cash.press(pilot, "escape", "escape")
        seen["dashboard"] = await answer(pilot, "5")
        for key in ("m", "q", "y", "a", "m", "p"):
            seen[f"dashboard {key}"] = await answer(pilot, key)
        seen["help"] = await answer(pilot, "question_mark")
    assert_chinese(seen)
    assert "仓储网络一期" in seen["contract"] and "逾期" in seen["contract"] and "尾款" in seen["contract"]
    assert "销售漏斗" in seen["dashboard y"] and "应收账款" in seen["dashboard y"]


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
