"""The schema revisions this release knows, without importing Alembic.

Opening a database reads ``alembic_version`` and compares it to ``HEAD``;
Alembic itself is only loaded when an upgrade is due. A test checks that
these match the scripts in ``versions/``. Add each new revision here.
"""

KNOWN_REVISIONS = ("0001", "0002", "0003", "0004")
HEAD = KNOWN_REVISIONS[-1]
