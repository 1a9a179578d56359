"""Minutes to share: Markdown and a single printable HTML file, in either language."""

from __future__ import annotations

import html.parser

import pytest

from ltc_tui.services import committee, leads, verification

HOSTILE = "[red]x[/red] <script>alert(1)</script> # **bold** \x1b[31m"


@pytest.fixture
def meeting_id(team):
    answers = verification.make_answers(
        need_real=True, fits_strategy=True, urgent=True, procurement_clear=True, funds_committed=True,
        relationship=2, solution_fit=2, solution_maturity=2, team_available=True, competition="weak", risk="low",
    )
    with team.act("sam") as s:
        a = leads.add_lead(s, title=HOSTILE, customer="中国移动").lead.id
        b = leads.add_lead(s, title="Core refresh", customer="Telmex").lead.id
    with team.act("li") as s:
        verification.verify_lead(s, lead_id=a, answers=answers)
        verification.verify_lead(s, lead_id=b, answers=answers)
    with team.act("ana") as s:
        meeting = committee.start_meeting(s, attendees=["li", "bo"])
        committee.decide(s, lead_id=a, kind="close", reason="No budget <ever>")
        committee.decide(s, lead_id=b, kind="nurture", ar="bo", sr="li", fr="fay", next_review="+14d", notes="Watch the regulator")
        committee.close_meeting(s, meeting_id=meeting.id)
        return meeting.id


class _Collect(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href") and value:
                self.external.append(value)

    def handle_data(self, data):
        self.text.append(data)


def test_html_minutes_are_one_file_that_shows_user_text_literally(ltc, meeting_id, tmp_path):
    out = tmp_path / "minutes.html"
    result = ltc("meeting", "minutes", str(meeting_id), "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    parsed = _Collect()
    parsed.feed(page)
    assert parsed.external == []  # no external assets
    assert "script" not in parsed.tags  # the hostile title did not become a tag
    text = "".join(parsed.text)
    assert "<script>alert(1)</script>" in text and "[red]x[/red]" in text and "\\x1b[31m" in text
    assert "中国移动" in text and "No budget <ever>" in text and "Watch the regulator" in text
    assert "@media print" in page


def test_markdown_minutes_escape_user_text(ltc, meeting_id):
    result = ltc("meeting", "minutes", str(meeting_id))
    assert result.exit_code == 0
    md = result.output
    assert "Decision:** close" in md and "Decision:** nurture" in md
    assert r"\*\*bold\*\*" in md and r"\# " in md and "\x1b" not in md


def test_minutes_in_chinese(ltc, meeting_id, tmp_path):
    out = tmp_path / "m.html"
    result = ltc("--lang", "zh", "meeting", "minutes", str(meeting_id), "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert 'lang="zh-CN"' in out.read_text(encoding="utf-8")


def test_an_unknown_format_is_refused(ltc, meeting_id):
    result = ltc("meeting", "minutes", str(meeting_id), "--format", "pdf")
    assert result.exit_code == 2
    assert "--format: 'pdf' is not one of: md, html." in result.output
