"""Schema migrations (Alembic), run from code: no alembic.ini needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


class BrokenLinks(Exception):
    """An upgrade would leave rows pointing at nothing: it is rolled back."""

    def __init__(self, rows: list[Any]) -> None:
        shown = ", ".join(f"{r[0]}#{r[1]} -> {r[2]}" for r in rows[:5])
        super().__init__(f"FOREIGN KEY constraint failed after the upgrade: {shown}")


def config(connection: Any = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = connection
    return cfg


def run_upgrade(engine: Any, revision: str = "head") -> None:
    """Upgrade in one transaction. On SQLite with foreign keys off (a table
    rebuilt in batch mode must not cascade the drop of its old copy into the
    tables that refer to it), every link checked before the commit."""
    from alembic import command

    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:  # outside any transaction, or SQLite ignores it
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                command.upgrade(config(conn), revision)
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:  # said like any other refused link (db.translate_errors)
                        from sqlalchemy.exc import IntegrityError

                        raise IntegrityError("PRAGMA foreign_key_check", None, BrokenLinks(broken))
        finally:
            if sqlite:
                try:
                    conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")
                except Exception:  # never back into the pool with its links unchecked
                    conn.invalidate()
                    raise


def script_heads() -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    return tuple(ScriptDirectory.from_config(config()).get_heads())
