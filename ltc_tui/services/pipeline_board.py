"""The pipeline as a board: one column per stage with its count, amount and
weighted amount (of the opportunities the filter selects) and its first
cards, stale ones marked."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from sqlmodel import Session

from ltc_tui.enums import Stage
from ltc_tui.services.opportunities import (
    ORDER,
    OppQuery,
    OppRow,
    StageSummary,
    pipeline_summary,
    query_opportunities,
    stale_opportunity_cutoff,
)

PER_STAGE = 200


@dataclass
class Column:
    stage: Stage
    summary: StageSummary
    cards: list[OppRow]

    @property
    def more(self) -> int:
        """Opportunities in this stage beyond the cards shown."""
        return max(0, self.summary.count - len(self.cards))


@dataclass
class Board:
    columns: list[Column]
    stale_cutoff: dt.datetime
    currency: str  # the team's: amounts are summed as they are

    def is_stale(self, card: OppRow) -> bool:
        return Stage(card.stage).is_open and card.stage_changed_at < self.stale_cutoff

    @property
    def open_totals(self) -> tuple[int, int, int]:
        """(count, amount, weighted) over the open stages."""
        cols = [c for c in self.columns if c.stage.is_open]
        return (sum(c.summary.count for c in cols), sum(c.summary.amount_cents for c in cols),
                sum(c.summary.weighted_cents for c in cols))


def board_stages(query: OppQuery) -> list[Stage]:
    """The open stages always; won and lost too when the filter asks for closed ones."""
    stages = list(ORDER)
    if query.include_closed:
        stages += [Stage.WON, Stage.LOST]
    return stages


def board(session: Session, query: OppQuery, *, per_stage: int = PER_STAGE) -> Board:
    summary = {s.stage: s for s in pipeline_summary(session, query)}
    columns = []
    for stage in board_stages(query):
        if query.stages and stage.value not in query.stages:
            cards: list[OppRow] = []
            stats = StageSummary(stage.value, 0, 0, 0)
        else:
            cards = query_opportunities(session, dataclasses.replace(query, stages=[stage.value], limit=per_stage, offset=0))
            stats = summary.get(stage.value, StageSummary(stage.value, 0, 0, 0))
        columns.append(Column(stage, stats, cards))
    from ltc_tui.services.settings import get

    return Board(columns, stale_opportunity_cutoff(session), str(get(session, "currency")))
