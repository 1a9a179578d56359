"""The shell in Chinese: chosen by --lang, LTC_LANG or the system locale, and
every command's output free of English once the team's own names are set
aside (tables, labels, enum values, messages, refusals)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest
from core_builders import add_contact, customer_id, failed, nurtured_lead, ok, opportunity, to_negotiation, work_steps

from ltc_tui import clock

# The team's handles and names (conftest) and the tier letters are data, not words to translate.
TEAM_WORDS = {"ana", "li", "bo", "fay", "sam", "Ana", "Chair", "Li", "Wei", "Bo", "Account", "Fay", "Fulfil", "Sam", "Staff"}
# What core_builders writes into the nurturing steps and gates (English test data).
DATA = ("network uptime", "outages", "old core", "churn", "Rival Co", "win on delivery", "A converged core that pays for itself",
        "COO", "SOW v3 agreed")
# Words that stay as they are in Chinese text: the method's abbreviations, codes, commands.
KEEP = {"AR", "SR", "FR", "KPI", "KDM", "PO", "USD", "CNY", "EUR", "ltc", "CDMA", "stdout", "TAB", "CSV", "JSON", "UTF",
        "FILE"}  # FILE: an argument named as `--help` names it


def english_left(text: str) -> list[str]:
    """English words in ``text`` once options, commands and data are set aside."""
    for phrase in DATA:
        text = text.replace(phrase, " ")
    text = re.sub(r"(?<![\w-])--?[a-z][\w-]*", " ", text)  # --options
    text = re.sub(r"`[^`]*`|\bltc( [a-z][\w-]*)+", " ", text)  # `ltc lead add`, ltc person me
    text = re.sub(r"\S+@\S+|/\S+", " ", text)  # e-mails, paths
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in TEAM_WORDS | KEEP]


@pytest.fixture
def world(team):
    """Leads, a meeting, nurturing, an opportunity won into a contract, visits: in Chinese words."""
    from core_builders import HOT

    from ltc_tui.services import committee, contracts, customers, leads, opportunities, verification, visits

    clock.freeze(dt.date(2026, 3, 16))
    with team.act("ana") as s:
        customers.add_customer(s, name="华东物流集团", standing="strategic", industry="物流", region="华东")
    with team.act("sam") as s:
        first = leads.add_lead(s, title="数据中心网络改造", customer="华东物流集团", amount="50万", source="hq_marketing",
                               need="仓库之间的网络经常中断").lead.id
        second = leads.add_lead(s, title="仓储无线覆盖", customer="华东物流集团", amount="1.2M", new_product=True).lead.id
        leads.add_lead(s, title="园区安防", customer="西南电力", source="partner")
    cust = customer_id(team, first)
    boss = add_contact(team, cust, "王总", level="executive")
    manager = add_contact(team, cust, "李经理", role="influencer", level="manager")
    with team.act("li") as s:
        for lead_id in (first, second):
            verification.verify_lead(s, lead_id=lead_id, answers=verification.make_answers(**HOT), contact_ids=[boss, manager])
    with team.act("ana") as s:
        meeting = committee.start_meeting(s, attendees=["li", "bo"])
        committee.decide(s, lead_id=first, kind="convert", budget="60万", start="+2m", meeting_id=meeting.id,
                         ar="bo", sr="li", fr="fay")
        committee.decide(s, lead_id=second, kind="defer", meeting_id=meeting.id)
    nurtured, kdms = nurtured_lead(team, title="核心网扩容", customer="西南电力")
    work_steps(team, nurtured, kdms, upto=3)
    opp = opportunity(team, title="骨干网升级", customer="华东物流集团")
    to_negotiation(team, opp)
    with team.act("bo") as s:
        contract = opportunities.mark_won(s, opportunity_id=opp, number="2026-001")
        contracts.add_invoice(s, contract_id=contract.id, number="2026-9", amount="500k", due_on="2026-03-20")
        contracts.add_payment(s, contract_id=contract.id, amount="500k", due_on="2026-03-20", invoice="2026-9")
        contracts.add_milestone(s, contract_id=contract.id, name="上线", planned_on="2026-04-01")
        contracts.open_dispute(s, contract_id=contract.id, description="验收标准不一致")
        visits.add_visit(s, customer="华东物流集团", kind="executive", contacts=[str(boss)], objective="介绍方案",
                         outcome="同意试点", next_step="技术交流")
    return {"first": first, "second": second, "nurtured": nurtured, "opp": opp, "meeting": meeting.id, "contract": "2026-001"}


COMMANDS = [
    ("lead", "list"), ("lead", "list", "all"), ("lead", "show", "{first}"), ("lead", "show", "{second}"),
    ("lead", "show", "{nurtured}"), ("lead", "step", "show", "{nurtured}"),
    ("person", "list"), ("person", "show", "li"), ("customer", "list"), ("customer", "show", "华东物流集团"),
    ("contact", "list"), ("contact", "show", "1"),
    ("opp", "list", "all"), ("opp", "show", "{opp}"), ("opp", "pipeline"),
    ("contract", "list"), ("contract", "show", "{contract}"),
    ("visit", "list"), ("visit", "week"), ("meeting", "queue"), ("meeting", "list"), ("meeting", "minutes", "{meeting}"),
    ("report", "--period", "all"),
    ("lead", "verify", "{second}", "--need-real", "--fits", "--relationship", "2", "--fit", "2", "--maturity", "1", "--preview"),
]


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda argv: " ".join(argv))
def test_every_command_speaks_chinese(ltc, world, argv):
    args = [a.format(**world) for a in argv]
    out = ok(ltc("--lang", "zh", *args, actor="ana" if "verify" not in args else "bo"))
    assert re.search(r"[\u4e00-\u9fff]", out), out
    assert not english_left(out), (english_left(out), out)


@pytest.mark.parametrize(
    ("argv", "actor"),
    [
        (("lead", "show", "99"), "ana"),
        (("lead", "claim", "{first}"), "sam"),
        (("lead", "decide", "{second}", "convert", "--budget", "1M"), "ana"),
        (("lead", "decide", "{second}", "nurture", "--ar", "bo", "--sr", "li"), "ana"),
        (("lead", "add", "标题", "--customer", "客户", "--amount", "-5"), "ana"),
        (("lead", "edit", "{first}", "--start", "someday"), "ana"),
        (("config", "stale_days", "7"), "li"),
        (("opp", "stage", "{opp}", "bid"), "ana"),
        (("contract", "close", "{contract}"), "bo"),
        (("person", "add", "kim", "Kim"), "li"),
        (("customer", "show", "没有这个客户"), "ana"),
    ],
)
def test_refusals_speak_chinese(ltc, world, argv, actor):
    result = ltc("--lang", "zh", *[a.format(**world) for a in argv], actor=actor)
    assert result.exit_code in (1, 2), result.output
    message = result.stderr.strip()
    assert re.search(r"[\u4e00-\u9fff]", message), message
    assert not english_left(message), (english_left(message), message)


def test_writes_say_it_in_chinese(ltc, world):
    out = ok(ltc("--lang", "zh", "lead", "add", "新线索", "--customer", "华东物流集团", "--amount", "300k"))
    assert out.startswith("已为已有客户“华东物流集团”添加线索 #"), out
    out = ok(ltc("--lang", "zh", "lead", "note", str(world["first"]), "客户要求下周演示"))
    assert out.strip() == f"已为线索 #{world['first']} 添加备注。"
    out = ok(ltc("--lang", "zh", "person", "roles", "sam", "--add", "ar"))
    assert out.strip() == "sam：员工、AR。"


def test_language_from_the_environment(ltc, world, monkeypatch):
    """No --lang: LTC_LANG, then the system locale; --lang wins over both."""
    monkeypatch.setenv("LTC_LANG", "zh")
    assert "标题" in ok(ltc("lead", "list"))
    monkeypatch.delenv("LTC_LANG")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert "标题" in ok(ltc("lead", "list"))
    assert "Title" in ok(ltc("--lang", "en", "lead", "list"))
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "Title" in ok(ltc("lead", "list"))


def test_bad_language_is_a_usage_error(ltc):
    message = failed(ltc("--lang", "fr", "person", "list"), 2, "--lang", "fr", "en, zh")
    assert "\n" not in message


def test_real_process_follows_the_locale(db_url, team, tmp_path):
    """A real `ltc` process: LANG=zh_CN.UTF-8 alone turns the shell Chinese."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "LTC_DATA_DIR": str(tmp_path / "d"),
           "LTC_CONFIG_DIR": str(tmp_path / "c"), "LANG": "zh_CN.UTF-8", "LTC_DB": db_url, "LTC_USER": "ana"}
    run = subprocess.run([sys.executable, "-m", "ltc_tui", "person", "list"], env=env, capture_output=True, text=True,
                         timeout=60, check=False)
    assert run.returncode == 0, run.stderr
    assert "简称" in run.stdout and "委员会主席" in run.stdout, run.stdout


def test_settings_and_audit_in_chinese(ltc, world):
    """The setting names and the audit trail's record references are what one
    types (``ltc config stale_days 21``, ``--record lead:3``): they stay; the
    rest is Chinese."""
    out = ok(ltc("--lang", "zh", "config"))
    assert "设置项" in out and "线索无任何活动多少天后视为停滞" in out
    from ltc_tui.services.settings import SPECS

    assert not english_left(re.sub(r"\b(" + "|".join(SPECS) + r")\b", " ", out)), out
    out = ok(ltc("--lang", "zh", "audit", "--limit", "400"))
    assert "操作" in out and "新建" in out and "状态" in out and "已提交" in out
    actions = {line.split("│")[4].strip() for line in out.splitlines() if line.startswith("│")}
    assert actions <= {"新建", "修改", "删除", "认领", "分配", "导入"}, actions


def test_wide_characters_keep_table_columns_aligned(ltc, world):
    """Rich measures cells by terminal columns: in every Chinese table the
    vertical rules sit at the same columns on every row."""
    from rich.cells import cell_len

    def rules(line: str) -> tuple[int, ...]:
        cols, at = [], 0
        for ch in line:
            if ch in "┃│┏┓┡┩└┘┳╇┴":
                cols.append(at)
            at += cell_len(ch)
        return tuple(cols)

    for argv in (("customer", "show", "华东物流集团"), ("lead", "list"), ("contract", "show", "2026-001"), ("report",)):
        out = ok(ltc("--lang", "zh", *argv))
        tables, current = [], []
        for line in out.splitlines():
            if line.startswith("┏"):
                current = [line]
            elif current:
                current.append(line)
                if line.startswith("└"):
                    tables.append(current)
                    current = []
        assert tables, out
        for grid in tables:
            assert len({rules(line) for line in grid}) == 1, "\n".join(grid)
            assert len({cell_len(line) for line in grid}) == 1, "\n".join(grid)


def test_safety_commands_speak_chinese(ltc, world, tmp_path):
    """Backup, check, info, deactivating someone, and their refusals: in Chinese."""
    backup = tmp_path / "备份.db"
    said = {}
    for argv in (("db", "info"), ("db", "check"), ("db", "backup", str(backup)), ("person", "deactivate", "sam"),
                 ("person", "activate", "sam")):
        said[" ".join(argv)] = ok(ltc("--lang", "zh", *argv))
    for argv in (("db", "backup", str(backup)), ("person", "deactivate", "ana"),
                 ("db", "restore", str(tmp_path / "没有.db"))):
        result = ltc("--lang", "zh", *argv)
        assert result.exit_code in (1, 2), result.output
        said["refused: " + " ".join(argv)] = result.stderr
    # the database's place (a PostgreSQL URL), schema versions and sizes are not words
    left = {argv: english_left(re.sub(r"\S+://\S+|\b\d[\w.]*\b|\b[KMG]?B\b", " ", out)) for argv, out in said.items()}
    assert not any(left.values()), (left, said)
    assert "全部检查通过" in said["db check"] and "完整性" in said["db check"] and "线索" in said["db check"]
    assert "只有你本人可以读取" in said[f"db backup {backup}"]
    assert "已存在" in said[f"refused: db backup {backup}"] and "不能停用你自己" in said["refused: person deactivate ana"]
