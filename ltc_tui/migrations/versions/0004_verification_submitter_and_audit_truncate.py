"""The database itself refuses a verification by the lead's submitter; on
PostgreSQL the audit trail refuses TRUNCATE too.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24

Verification: ``verification.submitter_id`` repeats the lead's submitter so
that a CHECK (``verifier_id <> submitter_id``) can refuse a verification by
the submitter, but nothing tied that copy to the lead: a writer that put
another person there slipped past the check. Now a composite foreign key
``verification(lead_id, submitter_id) -> lead(id, submitter_id)`` ties it
(its parent key: a unique index on ``lead(id, submitter_id)``). It cascades
on delete like ``lead_id``; it has no ON UPDATE action, so changing the
submitter of a lead that has been verified is refused (no service edits the
submitter: a verification was made against the submitter it names, and must
not silently start naming another). A copy that does not match its lead
(only possible by hand) is first set to the lead's submitter; should that
make it a verification by the submitter, the CHECK refuses the upgrade
(the file's copy taken before upgrading stays).

SQLite cannot add a constraint to a table: ``verification`` is rebuilt
(batch mode), with its indexes and checks; ``lead`` is not (a rebuild would
drop 0003's search triggers): SQLite accepts a unique index as a foreign
key's parent key. ``migrations.run_upgrade`` turns SQLite's foreign keys off
while migrating (dropping the old table would otherwise cascade into
``verification_contact``) and checks every link before committing.

Audit: the append-only triggers (0001) cover UPDATE and DELETE; PostgreSQL's
TRUNCATE fires neither. A statement trigger BEFORE TRUNCATE now refuses it
with the same message. (SQLite has no TRUNCATE; its DELETE is guarded.)
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

LEAD_KEY = "uq_lead_id_submitter_id"
SUBMITTER_FK = "fk_verification_lead_submitter_lead"
TRUNCATE_TRIGGER = "audit_event_no_truncate"


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    # The copy follows its lead (written by the service from the lead itself,
    # so this changes nothing in a database only ltc wrote).
    op.execute(
        "UPDATE verification SET submitter_id = "
        "(SELECT lead.submitter_id FROM lead WHERE lead.id = verification.lead_id) "
        "WHERE submitter_id <> (SELECT lead.submitter_id FROM lead WHERE lead.id = verification.lead_id)"
    )
    if sqlite:
        op.create_index(LEAD_KEY, "lead", ["id", "submitter_id"], unique=True)
        with quiet_reflection(), op.batch_alter_table("verification", recreate="always") as batch_op:
            batch_op.create_foreign_key(
                SUBMITTER_FK, "lead", ["lead_id", "submitter_id"], ["id", "submitter_id"], ondelete="CASCADE"
            )
        return
    op.create_unique_constraint(LEAD_KEY, "lead", ["id", "submitter_id"])
    op.create_foreign_key(
        SUBMITTER_FK, "verification", "lead", ["lead_id", "submitter_id"], ["id", "submitter_id"],
        ondelete="CASCADE",
    )
    op.execute(
        f"CREATE TRIGGER {TRUNCATE_TRIGGER} BEFORE TRUNCATE ON audit_event "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only()"
    )


@contextlib.contextmanager
def quiet_reflection() -> Iterator[None]:
    """Batch mode reflects ``lead`` too (the key's parent): SQLAlchemy warns
    that it skips 0003's expression index there, which it only reads."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", sa.exc.SAWarning)
        yield


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        with quiet_reflection(), op.batch_alter_table("verification", recreate="always") as batch_op:
            batch_op.drop_constraint(SUBMITTER_FK, type_="foreignkey")
        op.drop_index(LEAD_KEY, table_name="lead")
        return
    op.execute(f"DROP TRIGGER IF EXISTS {TRUNCATE_TRIGGER} ON audit_event")
    op.drop_constraint(SUBMITTER_FK, "verification", type_="foreignkey")
    op.drop_constraint(LEAD_KEY, "lead", type_="unique")
