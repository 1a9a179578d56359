"""Indexes for the pipeline report: stale leads, stale and closed opportunities.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23

Without them, at 100k leads, SQLite answers "open leads idle since X" by
walking every lead of an open status, and "deals closed this month" by
walking every won and lost deal (the single-column status and stage indexes
win the planner's choice); each takes the report from about 50 ms to
several hundred.
"""

from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_lead_status_activity', 'lead', ['status', 'last_activity_at'], unique=False)
    op.create_index('ix_opportunity_stage_closed', 'opportunity', ['stage', 'closed_on'], unique=False)
    op.create_index('ix_opportunity_stage_changed', 'opportunity', ['stage', 'stage_changed_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_opportunity_stage_changed', table_name='opportunity')
    op.drop_index('ix_opportunity_stage_closed', table_name='opportunity')
    op.drop_index('ix_lead_status_activity', table_name='lead')
