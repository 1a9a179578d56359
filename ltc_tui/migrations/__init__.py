"""Schema migrations (Alembic), run from code: no alembic.ini needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

HERE = Path(__file__).parent


def config(connection: Any = None) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    cfg.attributes["connection"] = connection
    return cfg


def run_upgrade(engine: Any, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(config(conn), revision)


def script_heads() -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    return tuple(ScriptDirectory.from_config(config()).get_heads())
