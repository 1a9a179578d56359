"""``ltc report --format md|html`` / ``-o FILE``: the pipeline report as a
document to share, in English or Chinese: the same figures as the terminal's
tables, one HTML file that prints well (no external assets, user text
escaped), and clear refusals."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from core_builders import failed, ok
from reports_data import TODAY, build, expected

from ltc_tui import clock


@pytest.fixture
def world(team):
    import datetime as dt

    built = build(team)
    clock.freeze(dt.date(2026, 3, 1))
    with team.act("ana") as s:
        from ltc_tui.services import leads

        # a customer whose name tries to be markup in both formats
        leads.add_lead(s, title="<script>alert(1)</script> | *bold*", customer="<b>Evil</b> & Co",
                       submitted_on="2026-03-01")  # idle since: listed among the stale leads
    clock.freeze(TODAY)
    return built


def units(text: str) -> str:
    return f"{int(float(text)):,}"


class Page(HTMLParser):
    """What a browser would fetch (every src/href) and the visible text."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.fetches += [value or "" for name, value in attrs if name in ("src", "href")]

    def handle_data(self, data):
        self.text.append(data)


def test_markdown_in_english(ltc, world):
    want = expected(world, "quarter")
    out = ok(ltc("report", "--period", "quarter", "--format", "md"))
    assert out.startswith("# Pipeline report: this quarter \\(2026\\-04\\-01 to 2026\\-06\\-30\\), as of 2026\\-05\\-14\n")
    assert "\n## Funnel\n\n| Stage | Count | Amount |  |\n|---|---:|---:|---|\n" in out
    leads_row = next(line for line in out.splitlines() if line.startswith("| Leads submitted |"))
    assert f"{units(want['funnel'][0]['amount']['USD'])} USD" in leads_row and leads_row.count("█") == 30
    assert "| **total outstanding** |" in out
    assert f"Cash collected in the period: {units(want['collected_in_period']['USD'])} USD" in out
    assert "_Leads submitted in the period and how far they got" in out
    # user text cannot make a heading, a cell break, or HTML
    assert "<script>" not in out and "\\<script\\>alert\\(1\\)\\</script\\> \\| \\*bold\\*" in out


def test_markdown_tables_keep_their_columns(ltc, world):
    """Every row of every table has as many cells as its header."""
    out = ok(ltc("--lang", "zh", "report", "--period", "all", "-f", "md"))
    tables = re.findall(r"((?:^\|.*\|\n)+)", out, flags=re.M)
    assert len(tables) >= 8
    for table in tables:
        widths = {len(re.split(r"(?<!\\)\|", line)) for line in table.strip().splitlines()}
        assert len(widths) == 1, table


def test_markdown_in_chinese(ltc, world):
    out = ok(ltc("--lang", "zh", "report", "--period", "quarter", "--format", "markdown"))
    assert out.startswith("# 销售管道报告：本季度（2026\\-04\\-01 至 2026\\-06\\-30），截至 2026\\-05\\-14\n")
    for heading in ("## 销售漏斗", "## 转化（本期提交的线索）", "## 按来源渠道的线索", "## 应收账款，按逾期天数（尚未收到的回款）"):
        assert heading in out
    assert "| 阶段 | 数量 | 金额 |  |" in out and "| 流单率 |" in out
    assert "Pipeline" not in out and "Funnel" not in out


def test_html_is_one_printable_page(ltc, world, tmp_path):
    want = expected(world, "quarter")
    target = tmp_path / "report.html"
    said = ok(ltc("report", "--period", "quarter", "-o", str(target)))
    assert said.strip() == f"Report written to {target}."
    page_text = target.read_text(encoding="utf-8")
    page = Page()
    page.feed(page_text)
    assert page_text.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert page.fetches == [] and "script" not in page.tags and "link" not in page.tags  # nothing to fetch
    assert "@media print" in page_text and "print-color-adjust: exact" in page_text
    text = "".join(page.text)
    assert "Pipeline report: this quarter (2026-04-01 to 2026-06-30), as of 2026-05-14" in text
    assert f"{units(want['funnel'][0]['amount']['USD'])} USD" in text
    assert '<span class="bar" style="width:100.0%"></span>' in page_text  # the largest funnel stage
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page_text and "<script>" not in page_text
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in page_text and "<b>Evil" not in page_text


def test_html_in_chinese_to_standard_output(ltc, world):
    out = ok(ltc("--lang", "zh", "report", "--period", "all", "--format", "html"))
    assert '<html lang="zh-CN">' in out and "<title>销售管道报告：全部时间，截至 2026-05-14</title>" in out
    assert "<h2>销售漏斗</h2>" in out and '<th class="num">数量</th>' in out
    assert "Noto Sans CJK SC" in out  # a Chinese font first in line when printing


def test_format_follows_the_file_name(ltc, world, tmp_path):
    ok(ltc("report", "-o", str(tmp_path / "r.md")))
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Pipeline report")
    ok(ltc("report", "-o", str(tmp_path / "r.htm")))
    assert (tmp_path / "r.htm").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    ok(ltc("report", "-f", "html", "-o", str(tmp_path / "r.txt")))  # --format wins over the extension
    assert (tmp_path / "r.txt").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (("--format", "pdf"), ["--format", "'pdf'", "md, html"]),
        (("-o", "report.pdf"), ["--format", "'pdf'", "md, html"]),
        (("--json", "--format", "md"), ["--json", "--format"]),
    ],
)
def test_bad_choices_are_refused(ltc, world, tmp_path, monkeypatch, argv, words):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    failed(ltc("report", *argv), 2, *words)
    assert list(here.iterdir()) == []


def test_unwritable_file_is_one_line(ltc, world, tmp_path):
    message = failed(ltc("report", "-o", str(tmp_path / "no" / "such" / "dir.md")), 1, "Cannot write", "dir.md")
    zh = failed(ltc("--lang", "zh", "report", "-o", str(tmp_path)), 1, "无法写入")
    assert message and zh
