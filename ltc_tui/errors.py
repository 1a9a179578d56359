"""Our errors: one base with a short title and a message a user can act on.

Every error names a message-catalogue key and its parameters, so the same
refusal reads the same in the shell, in the app and in either language.
The CLI prints ``str(error)`` in red and exits with ``exit_code``; the app
shows it in a notification. Nothing else reaches a user.
"""

from __future__ import annotations

from typing import Any


class LtcError(Exception):
    """Base of every error a user may see."""

    title_key = "error.title.generic"
    exit_code = 1

    def __init__(self, key: str, /, **params: Any) -> None:
        self.key = key
        self.params = params
        super().__init__(key)

    @property
    def title(self) -> str:
        from ltc_tui.i18n import t

        return t(self.title_key)

    @property
    def message(self) -> str:
        from ltc_tui.i18n import t

        return t(self.key, **self.params)

    def __str__(self) -> str:
        return self.message


class ValidationError(LtcError):
    """Bad input: a field is missing, malformed or out of range (usage error)."""

    title_key = "error.title.validation"
    exit_code = 2

    @property
    def field(self) -> str | None:
        return self.params.get("field")


class NotFound(LtcError):
    title_key = "error.title.not_found"


class RuleViolation(LtcError):
    """The input is well formed but the LTC rules refuse the operation."""

    title_key = "error.title.refused"


class PermissionDenied(LtcError):
    title_key = "error.title.permission"


class ConflictError(LtcError):
    """Someone else saved a newer version of the record first."""

    title_key = "error.title.conflict"

    def __init__(self, key: str, /, *, current_version: int | None = None, **params: Any) -> None:
        super().__init__(key, **params)
        self.current_version = current_version


class StorageError(LtcError):
    """The database cannot be opened or written (corrupt, locked, read-only...)."""

    title_key = "error.title.storage"


class ImportFailed(LtcError):
    """An import found problems and wrote nothing; ``problems`` lists them."""

    title_key = "error.title.import"

    def __init__(self, key: str, /, *, problems: list[Any] | None = None, **params: Any) -> None:
        super().__init__(key, **params)
        self.problems = problems or []
