"""The pipeline report as a document: its sections, tables and notes in the
current language, once; then drawn in the terminal (``cli/report_cmd.py``),
written as Markdown, or as one HTML file that prints well (no external
assets, user text escaped). The three never drift apart: they read the same
sections."""

from __future__ import annotations

from dataclasses import dataclass, field

from ltc_tui.i18n import label, t
from ltc_tui.services.documents import esc, html_page, md
from ltc_tui.services.reports import Report, format_amounts, format_days, format_rate

BAR_WIDTH = 30


@dataclass
class Cell:
    text: str
    style: str = ""  # a Rich style for the terminal; bold shows in every format
    bar: float | None = None  # a bar's length as a share of the longest (charts)


@dataclass
class Column:
    title: str
    right: bool = False  # numbers line up on the right


@dataclass
class Note:
    text: str
    style: str = ""


@dataclass
class Section:
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    notes: list[Note] = field(default_factory=list)  # lines after the table


@dataclass
class ReportDocument:
    title: str
    sections: list[Section]
    closing: list[Note]  # lines after the last section


def bar(value: int, largest: int, width: int = BAR_WIDTH) -> str:
    """A bar of ``width`` characters at ``largest``; a sliver for any non-zero value."""
    if value <= 0 or largest <= 0:
        return ""
    return "█" * max(1, round(value * width / largest))


def _bar_cell(value: int, largest: int, width: int = BAR_WIDTH) -> Cell:
    return Cell(bar(value, largest, width), "cyan", value / largest if value > 0 and largest > 0 else 0.0)


def _h(key: str, *, right: bool = False) -> Column:
    return Column(t(f"report.col.{key}"), right)


def _r(key: str) -> Column:
    return _h(key, right=True)


def _cells(*values: object) -> list[Cell]:
    return [value if isinstance(value, Cell) else Cell("" if value is None else str(value)) for value in values]


def report_document(report: Report) -> ReportDocument:
    p = report.period
    if p.start is None:
        title = t("report.title_all", today=p.today)
    else:
        title = t("report.title", period=t(f"report.period.{p.name}"), start=p.start, end=p.end, today=p.today)
    sections = [
        _funnel(report), _conversion(report), _channels(report), _submitters(report), *_outcomes(report),
        _visits(report), *_stale(report), *_receivables(report),
    ]
    rec, b = report.receivables, report.budgets
    closing = [
        Note(t("report.collected", amount=format_amounts(rec.collected_in_period, report.currency))),
        Note(t("report.budgets", year=b.year, known=b.known, total=b.total, share=format_rate(b.share))),
    ]
    return ReportDocument(title, sections, closing)


def _money(report: Report, amounts: dict[str, int]) -> str:
    return format_amounts(amounts, report.currency)


def _funnel(report: Report) -> Section:
    largest = max((s.count for s in report.funnel), default=0)
    return Section(
        t("report.funnel.title"),
        [_h("stage"), _r("count"), _r("amount"), _h("chart")],
        [_cells(t(f"report.stage.{s.stage}"), s.count, _money(report, s.amounts), _bar_cell(s.count, largest))
         for s in report.funnel],
        [Note(t("report.funnel.note"), "dim")],
    )


def _conversion(report: Report) -> Section:
    conv = report.conversion
    return Section(
        t("report.conversion.title"),
        [_h("figure"), _r("value"), _h("detail")],
        [
            _cells(t("report.stage.leads"), conv.leads, ""),
            _cells(t("report.conversion.converted"), conv.converted, ""),
            _cells(t("report.conversion.closed"), conv.closed, ""),
            _cells(t("report.conversion.open"), conv.open, ""),
            _cells(t("report.conversion.rate"), format_rate(conv.conversion_rate),
                   t("report.conversion.rate_detail", converted=conv.converted, decided=conv.converted + conv.closed)),
            _cells(t("report.conversion.loss"), format_rate(conv.loss_rate),
                   t("report.conversion.loss_detail", lost=conv.lost, ended=conv.ended)),
        ],
    )


def _channels(report: Report) -> Section:
    from ltc_tui.enums import Source

    def name(source: str) -> str:
        return label(Source(source)) if source in Source._value2member_map_ else source

    rows = [r for r in report.channels if r.leads]
    largest = max((r.leads for r in rows), default=0)
    return Section(
        t("report.channels.title"),
        [_h("channel"), _r("leads"), _r("converted"), _r("won"), _h("chart")],
        [_cells(name(r.source), r.leads, r.converted, r.won, _bar_cell(r.leads, largest, 20)) for r in rows],
    )


def _person(handle: str, name: str) -> str:
    return t("ui.paren", text=handle, detail=name)


def _submitters(report: Report) -> Section:
    return Section(
        t("report.submitters.title"),
        [_h("submitter"), _r("leads"), _r("converted"), _r("won")],
        [_cells(_person(r.handle, r.name), r.leads, r.converted, r.won) for r in report.submitters],
    )


def _outcomes(report: Report) -> list[Section]:
    out = report.outcomes
    sections = [Section(
        t("report.outcomes.title"),
        [_h("figure"), _r("value")],
        [
            _cells(t("report.outcomes.won"), out.won),
            _cells(t("report.outcomes.lost"), out.lost),
            _cells(t("report.outcomes.win_rate"), format_rate(out.win_rate)),
            _cells(t("report.outcomes.won_value"), _money(report, out.won_amounts)),
            _cells(t("report.outcomes.median_won"), format_days(out.median_days_won)),
            _cells(t("report.outcomes.median_lost"), format_days(out.median_days_lost)),
        ],
    )]
    if out.owners:
        sections.append(Section(
            t("report.owners.title"),
            [_h("owner"), _r("won"), _r("lost"), _r("win_rate"), _r("won_value")],
            [_cells(w.handle or t("report.no_owner"), w.won, w.lost, format_rate(w.win_rate), _money(report, w.won_amounts))
             for w in out.owners],
        ))
    return sections


def _visits(report: Report) -> Section:
    week = report.visits
    rows = [
        _cells(_person(v.handle, v.name), v.visits, v.target,
               Cell(t("report.visits.met"), "green") if v.met else Cell(t("report.visits.to_go", count=v.target - v.visits),
                                                                          "yellow"))
        for v in week.people
    ]
    notes = [Note(t("report.visits.summary", met=week.met, people=len(week.people), total=week.total), "dim")] if week.people else []
    return Section(
        t("report.visits.title", start=week.start, end=week.end, target=week.target),
        [_h("who"), _r("visits"), _r("target"), _h("chart")], rows, notes,
    )


def _more(shown: int, count: int) -> list[Note]:
    return [Note(t("report.more", count=count - shown), "dim")] if count > shown else []


def _stale(report: Report) -> list[Section]:
    from ltc_tui.enums import LeadStatus, Stage

    leads, opps = report.stale_leads, report.stale_opportunities
    return [
        Section(
            t("report.stale_leads.title", count=leads.count, days=leads.days),
            [_r("id"), _h("title"), _h("customer"), _h("status"), _h("owner"), _r("idle")],
            [_cells(s.id, s.title, s.customer, label(LeadStatus(s.status)), s.owner or "", s.idle_days) for s in leads.rows],
            _more(len(leads.rows), leads.count),
        ),
        Section(
            t("report.stale_opps.title", count=opps.count, days=opps.days),
            [_r("id"), _h("title"), _h("customer"), _h("stage"), _h("owner"), _r("idle")],
            [_cells(s.id, s.title, s.customer, label(Stage(s.stage)), s.owner or "", s.idle_days) for s in opps.rows],
            _more(len(opps.rows), opps.count),
        ),
    ]


def _receivables(report: Report) -> list[Section]:
    from ltc_tui.values import format_money

    rec = report.receivables
    return [
        Section(
            t("report.receivables.title"),
            [_h("age"), _r("payments"), _r("amount")],
            [
                *(_cells(t(f"report.age.{b.age}"), b.count, _money(report, b.amounts)) for b in rec.buckets),
                _cells(Cell(t("report.age.total"), "bold"), rec.outstanding_count, _money(report, rec.outstanding_amounts)),
            ],
        ),
        Section(
            t("report.overdue.title", count=rec.overdue_count, amount=format_amounts(rec.overdue_amounts, report.currency)),
            [_h("contract"), _h("customer"), _h("due"), _r("late"), _r("amount"), _h("ar"), _h("fr")],
            [_cells(x.contract_number, x.customer, x.due_on, Cell(str(x.days_overdue), "red"),
                    format_money(x.amount_cents, x.currency), x.ar or "", x.fr or "")
             for x in rec.overdue],
            _more(len(rec.overdue), rec.overdue_count),
        ),
    ]


# --- Markdown ------------------------------------------------------------------------------------


def _md_cell(cell: Cell) -> str:
    text = md(cell.text)
    return f"**{text}**" if "bold" in cell.style and text else text


def report_markdown(report: Report) -> str:
    doc = report_document(report)
    lines = [f"# {md(doc.title)}", ""]
    for section in doc.sections:
        lines += [f"## {md(section.title)}", ""]
        if section.rows:
            lines.append("| " + " | ".join(md(c.title) for c in section.columns) + " |")
            lines.append("|" + "|".join("---:" if c.right else "---" for c in section.columns) + "|")
            for row in section.rows:
                lines.append("| " + " | ".join(_md_cell(cell) for cell in row) + " |")
        else:
            lines.append(md(t("report.none")))
        lines.append("")
        for note in section.notes:
            lines += [f"_{md(note.text)}_" if note.style == "dim" else md(note.text), ""]
    for note in doc.closing:
        lines += [md(note.text), ""]
    return "\n".join(lines)


# --- HTML ------------------------------------------------------------------------------------------

REPORT_CSS = """
section { break-inside: avoid; page-break-inside: avoid; }
.note { color: #555; font-size: .92rem; }
td.chart { width: 30%; }
.bar { display: inline-block; height: .8em; background: #2b7bb9; vertical-align: middle;
       -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.bold { font-weight: 600; }
.green { color: #2e7d32; } .yellow { color: #9a6700; } .red { color: #c62828; }
"""


NUM = ' class="num"'


def _html_cell(cell: Cell, column: Column) -> str:
    classes = [c for c in ("num" if column.right else "",) if c]
    if cell.bar is not None:
        width = round(cell.bar * 100, 1)
        inner = f'<span class="bar" style="width:{width}%"></span>' if cell.bar > 0 else ""
        classes.append("chart")
        return f'<td class="{" ".join(classes)}">{inner}</td>'
    styles = [s for s in ("bold", "green", "yellow", "red") if s in cell.style.split()]
    attr = f' class="{" ".join(classes + styles)}"' if classes or styles else ""
    return f"<td{attr}>{esc(cell.text)}</td>"


def report_html(report: Report) -> str:
    doc = report_document(report)
    parts = [f"<h1>{esc(doc.title)}</h1>"]
    for section in doc.sections:
        parts.append(f"<section>\n<h2>{esc(section.title)}</h2>")
        if section.rows:
            head = "".join(f"<th{NUM if c.right else ''}>{esc(c.title)}</th>" for c in section.columns)
            body = "\n".join(
                "<tr>" + "".join(_html_cell(cell, column) for cell, column in zip(row, section.columns, strict=True)) + "</tr>"
                for row in section.rows
            )
            parts.append(f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>")
        else:
            parts.append(f'<p class="note">{esc(t("report.none"))}</p>')
        parts += [f'<p class="note">{esc(note.text)}</p>' for note in section.notes]
        parts.append("</section>")
    parts += [f"<p>{esc(note.text)}</p>" for note in doc.closing]
    return html_page(doc.title, "\n".join(parts), css=REPORT_CSS)
