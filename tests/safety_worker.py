"""A separate process that works on an ltc database, for the concurrency,
crash and backup tests (real processes, real locks, real SIGKILLs).

    python safety_worker.py add-leads URL ACTOR_ID COUNT TAG      # one session per add, like `ltc lead add`
    python safety_worker.py batch URL ACTOR_ID COUNT TAG          # COUNT adds in ONE transaction
    python safety_worker.py bump URL ACTOR_ID LEAD_ID COUNT       # read, then save on that version; retry on conflict
    python safety_worker.py write-until URL ACTOR_ID STOP_FILE    # add leads until STOP_FILE exists
    python safety_worker.py meeting URL CHAIR_ID KIND...          # decide agenda leads, one per "next" line on stdin
    python safety_worker.py hold-lock PATH exclusive|immediate    # hold a SQLite lock until stdin closes

Progress goes to stdout one line at a time (flushed), so the test can act
on a line instead of sleeping. Errors go to stderr; the exit code is 0 only
when everything asked for was done.
"""

from __future__ import annotations

import sys
from pathlib import Path


def say(*parts: object) -> None:
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")
    sys.stdout.flush()


def open_db(url: str):  # noqa: ANN201
    from ltc_tui.db import open_database

    return open_database(url, create=False)


def add_leads(url: str, actor: int, count: int, tag: str) -> int:
    from ltc_tui.errors import LtcError
    from ltc_tui.services.leads import add_lead

    db = open_db(url)
    failures = 0
    for i in range(count):
        try:
            with db.session(actor_id=actor) as session:
                add_lead(session, title=f"{tag} lead {i}", customer=f"{tag} customer {i % 25}", amount=str(1000 + i))
        except LtcError as error:  # what a user would see
            failures += 1
            sys.stderr.write(f"{tag} {i}: {error}\n")
        if (i + 1) % 100 == 0:
            say("added", i + 1)
    db.dispose()
    say("done", count - failures, "failures", failures)
    return 0 if failures == 0 else 1


def batch(url: str, actor: int, count: int, tag: str) -> int:
    from ltc_tui.services.leads import add_lead

    db = open_db(url)
    with db.session(actor_id=actor) as session:
        for i in range(count):
            add_lead(session, title=f"{tag} batch {i}", customer=f"{tag} customer {i % 50}")
            if (i + 1) % 200 == 0:
                session.flush()
                say("flushed", i + 1)
        say("committing")
    say("committed", count)
    db.dispose()
    return 0


def bump(url: str, actor: int, lead_id: int, count: int) -> int:
    """A person who reads the lead, edits, saves; on a conflict reloads and re-applies."""
    from ltc_tui.errors import ConflictError
    from ltc_tui.models.leads import Lead
    from ltc_tui.services.leads import update_lead

    db = open_db(url)
    conflicts = 0
    done = 0
    while done < count:
        with db.session(actor_id=actor, write=False) as session:
            lead = session.get(Lead, lead_id)
            seen, amount = lead.version, lead.expected_amount_cents or 0
        try:
            with db.session(actor_id=actor) as session:
                update_lead(session, lead_id=lead_id, expected_version=seen, amount=str((amount + 100) // 100))
            done += 1
        except ConflictError as error:
            conflicts += 1
            if "changed by" not in error.message:
                sys.stderr.write(f"conflict without who: {error.message}\n")
                return 2
    db.dispose()
    say("done", done, "conflicts", conflicts)
    return 0


def write_until(url: str, actor: int, stop_file: str) -> int:
    from ltc_tui.services.leads import add_lead

    db = open_db(url)
    stop = Path(stop_file)
    i = 0
    while not stop.exists():
        with db.session(actor_id=actor) as session:
            add_lead(session, title=f"online {i}", customer=f"Online customer {i % 20}")
        i += 1
        if i % 10 == 0:
            say("added", i)
    db.dispose()
    say("done", i)
    return 0


def meeting(url: str, chair: int, kinds: list[str]) -> int:
    """Start a meeting and decide its agenda in order, one decision per "next" on stdin.

    "hold" instead of "next": begin the next decision, say "in-transaction",
    and wait (to be killed) before committing it."""
    from ltc_tui.services import committee

    db = open_db(url)
    with db.session(actor_id=chair) as session:
        m = committee.start_meeting(session)
        agenda = [e.lead_id for e in committee.agenda(session, m.id)]
    say("meeting", m.id, "agenda", ",".join(map(str, agenda)))
    for lead_id, kind in zip(agenda, kinds, strict=False):
        command = sys.stdin.readline().strip()
        if command not in ("next", "hold"):
            break
        with db.session(actor_id=chair) as session:
            committee.decide(session, lead_id=lead_id, kind=kind, reason="not real" if kind == "close" else None,
                             budget="1M" if kind == "convert" else None, start="+30d" if kind == "convert" else None)
            if command == "hold":
                session.flush()
                say("in-transaction", lead_id)
                sys.stdin.readline()  # killed here
        say("decided", lead_id, kind)
    db.dispose()
    return 0


def hold_lock(path: str, mode: str) -> int:
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    if mode == "exclusive":
        # Nobody else may even read: the lock a crashed tool or a copy program could hold.
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("UPDATE alembic_version SET version_num = version_num")
    say("locked")
    sys.stdin.read()
    conn.execute("ROLLBACK")
    conn.close()
    return 0


def main(argv: list[str]) -> int:
    command, *args = argv
    if command == "add-leads":
        return add_leads(args[0], int(args[1]), int(args[2]), args[3])
    if command == "batch":
        return batch(args[0], int(args[1]), int(args[2]), args[3])
    if command == "bump":
        return bump(args[0], int(args[1]), int(args[2]), int(args[3]))
    if command == "write-until":
        return write_until(args[0], int(args[1]), args[2])
    if command == "meeting":
        return meeting(args[0], int(args[1]), args[2:])
    if command == "hold-lock":
        return hold_lock(args[0], args[1])
    raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
