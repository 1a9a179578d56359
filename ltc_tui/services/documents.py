"""Documents to share: meeting minutes (Markdown)."""

from __future__ import annotations

import re

from ltc_tui.i18n import t
from ltc_tui.services.committee import Minutes
from ltc_tui.values import format_money

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-!|<>~])")


def md(text: object) -> str:
    """User text made literal in Markdown (no headings, links or HTML sneak in)."""
    from ltc_tui.values import printable

    value = printable("" if text is None else str(text)).replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", value)


def minutes_markdown(m: Minutes) -> str:
    meeting = m.meeting
    lines = [
        f"# {t('minutes.title', id=meeting.id)}",
        "",
        f"- **{t('minutes.date')}:** {meeting.held_on.isoformat()}",
        f"- **{t('minutes.chair')}:** {md(m.chair)}",
    ]
    if m.delegate:
        lines.append(f"- **{t('minutes.delegate')}:** {md(m.delegate)}")
    lines += [
        f"- **{t('minutes.attendees')}:** {', '.join(md(a) for a in m.attendees) or '-'}",
        f"- **{t('minutes.status')}:** {meeting.status}",
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
            lines.append(f"- **{t('minutes.decision')}:** {t('minutes.undecided')}")
        else:
            lines.append(f"- **{t('minutes.decision')}:** {t('enum.DecisionKind.' + d.kind)}")
            if d.reason:
                lines.append(f"- **{t('minutes.reason')}:** {md(d.reason)}")
            if d.budget_cents is not None:
                lines.append(f"- **{t('minutes.budget')}:** {format_money(d.budget_cents)} / {d.start_on}")
            if d.owner_id:
                lines.append(
                    f"- **{t('minutes.triangle')}:** {t('minutes.owner')} {md(item.names.get(d.owner_id, '-'))}; "
                    f"AR {md(item.names.get(d.ar_id or 0, '-'))}; SR {md(item.names.get(d.sr_id or 0, '-'))}; "
                    f"FR {md(item.names.get(d.fr_id or 0, '-'))}"
                )
            if d.next_review_on:
                lines.append(f"- **{t('minutes.next_review')}:** {d.next_review_on.isoformat()}")
            if d.opportunity_id:
                lines.append(f"- **{t('minutes.opportunity')}:** #{d.opportunity_id}")
            if d.notes:
                lines.append(f"- **{t('minutes.notes')}:** {md(d.notes)}")
        lines.append("")
    if meeting.notes:
        lines += [f"## {t('minutes.notes')}", "", md(meeting.notes), ""]
    return "\n".join(lines)
