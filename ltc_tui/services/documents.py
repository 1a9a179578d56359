"""Documents to share: meeting minutes as Markdown, and as one HTML file that
prints well (no external assets, user text escaped)."""

from __future__ import annotations

import re

from ltc_tui.i18n import join, t
from ltc_tui.services.committee import Minutes
from ltc_tui.values import format_money

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~])")


def md(text: object) -> str:
    """User text made literal in Markdown (no headings, links or HTML sneak in)."""
    from ltc_tui.values import printable

    value = printable("" if text is None else str(text)).replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", value)


def _fact(key: str) -> str:
    """A label in bold, with the colon the language writes ("**Date:**", "**日期：**")."""
    return f"**{t('cell.label', label=t(key)).rstrip()}**"


def label_of(enum_name: str, value: str) -> str:
    from ltc_tui import enums
    from ltc_tui.i18n import label

    try:
        return label(getattr(enums, enum_name)(value))
    except ValueError:
        return value


def minutes_markdown(m: Minutes) -> str:
    meeting = m.meeting
    lines = [
        f"# {t('minutes.title', id=meeting.id)}",
        "",
        f"- {_fact('minutes.date')} {meeting.held_on.isoformat()}",
        f"- {_fact('minutes.chair')} {md(m.chair)}",
    ]
    if m.delegate:
        lines.append(f"- {_fact('minutes.delegate')} {md(m.delegate)}")
    lines += [
        f"- {_fact('minutes.attendees')} {join(md(a) for a in m.attendees) or '-'}",
        f"- {_fact('minutes.status')} {label_of('MeetingStatus', meeting.status)}",
        "",
        f"## {t('minutes.summary')}",
        "",
        t("minutes.counts", **m.counts),
        "",
        f"## {t('minutes.decisions')}",
        "",
    ]
    for item in m.items:
        d = item.decision
        lines.append(f"### {item.position}. #{item.lead_id} {md(item.title)} ({md(item.customer)})")
        lines.append("")
        if d is None:
            lines.append(f"- {_fact('minutes.decision')} {t('minutes.undecided')}")
        else:
            lines.append(f"- {_fact('minutes.decision')} {t('enum.DecisionKind.' + d.kind)}")
            if d.reason:
                lines.append(f"- {_fact('minutes.reason')} {md(d.reason)}")
            if d.budget_cents is not None:
                lines.append(f"- {_fact('minutes.budget')} {format_money(d.budget_cents)} / {d.start_on}")
            if d.owner_id:
                lines.append(
                    f"- {_fact('minutes.triangle')} {t('minutes.owner')} {md(item.names.get(d.owner_id, '-'))}; "
                    f"AR {md(item.names.get(d.ar_id or 0, '-'))}; SR {md(item.names.get(d.sr_id or 0, '-'))}; "
                    f"FR {md(item.names.get(d.fr_id or 0, '-'))}"
                )
            if d.next_review_on:
                lines.append(f"- {_fact('minutes.next_review')} {d.next_review_on.isoformat()}")
            if d.opportunity_id:
                lines.append(f"- {_fact('minutes.opportunity')} #{d.opportunity_id}")
            if d.notes:
                lines.append(f"- {_fact('minutes.notes')} {md(d.notes)}")
        lines.append("")
    if meeting.notes:
        lines += [f"## {t('minutes.notes')}", "", md(meeting.notes), ""]
    return "\n".join(lines)


PRINT_CSS = """
body { font-family: "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", Arial, sans-serif;
       max-width: 60rem; margin: 2rem auto; padding: 0 1.5rem; color: #111; line-height: 1.45; }
h1 { font-size: 1.6rem; border-bottom: 2px solid #333; padding-bottom: .3rem; }
h2 { font-size: 1.2rem; margin-top: 1.6rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .3rem 0; }
dt { font-weight: 600; color: #444; }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.item { page-break-inside: avoid; break-inside: avoid; border-top: 1px solid #ddd; }
.muted { color: #666; }
@page { margin: 18mm; }
@media print { body { margin: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
"""


def esc(text: object) -> str:
    """User text made literal in HTML."""
    import html

    from ltc_tui.values import printable

    return html.escape(printable("" if text is None else str(text)), quote=True)


def html_page(title: str, body: str, *, css: str = "") -> str:
    """One self-contained page: the print style (plus ``css``), no external assets."""
    from ltc_tui.i18n import language

    lang = "zh-CN" if language() == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{PRINT_CSS}{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def minutes_html(m: Minutes) -> str:
    meeting = m.meeting
    title = t("minutes.title", id=meeting.id)
    facts = [
        (t("minutes.date"), meeting.held_on.isoformat()),
        (t("minutes.chair"), m.chair),
        *([(t("minutes.delegate"), m.delegate)] if m.delegate else []),
        (t("minutes.attendees"), join(m.attendees) or "-"),
        (t("minutes.status"), label_of("MeetingStatus", meeting.status)),
    ]
    parts = [f"<h1>{esc(title)}</h1>", "<dl>"]
    parts += [f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in facts]
    parts += ["</dl>", f"<h2>{esc(t('minutes.summary'))}</h2>", f"<p>{esc(t('minutes.counts', **m.counts))}</p>",
              f"<h2>{esc(t('minutes.decisions'))}</h2>"]
    for item in m.items:
        d = item.decision
        parts.append('<section class="item">')
        parts.append(f"<h3>{item.position}. #{item.lead_id} {esc(item.title)} <span class=\"muted\">({esc(item.customer)})</span></h3>")
        rows: list[tuple[str, str]] = []
        if d is None:
            rows.append((t("minutes.decision"), t("minutes.undecided")))
        else:
            rows.append((t("minutes.decision"), t("enum.DecisionKind." + d.kind)))
            if d.reason:
                rows.append((t("minutes.reason"), d.reason))
            if d.budget_cents is not None:
                rows.append((t("minutes.budget"), f"{format_money(d.budget_cents)} / {d.start_on}"))
            if d.owner_id:
                rows.append((
                    t("minutes.triangle"),
                    f"{t('minutes.owner')} {item.names.get(d.owner_id, '-')}; AR {item.names.get(d.ar_id or 0, '-')}; "
                    f"SR {item.names.get(d.sr_id or 0, '-')}; FR {item.names.get(d.fr_id or 0, '-')}",
                ))
            if d.next_review_on:
                rows.append((t("minutes.next_review"), d.next_review_on.isoformat()))
            if d.opportunity_id:
                rows.append((t("minutes.opportunity"), f"#{d.opportunity_id}"))
            if d.notes:
                rows.append((t("minutes.notes"), d.notes))
        parts.append("<dl>" + "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows) + "</dl>")
        parts.append("</section>")
    if meeting.notes:
        parts += [f"<h2>{esc(t('minutes.notes'))}</h2>", f"<p>{esc(meeting.notes)}</p>"]
    return html_page(title, "\n".join(parts))
