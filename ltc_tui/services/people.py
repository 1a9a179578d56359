"""People, their roles, and who is acting."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlmodel import Session, select

from ltc_tui.enums import Role, parse
from ltc_tui.errors import NotFound, PermissionDenied, RuleViolation, ValidationError
from ltc_tui.models.people import Person, PersonRole
from ltc_tui.values import clean_line

_HANDLE_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")


@dataclass
class PersonView:
    person: Person
    roles: list[str]


def normalise_handle(text: str | None) -> str:
    value = (text or "").strip().lower()
    if not value:
        raise ValidationError("error.required", field="handle")
    if not _HANDLE_RE.match(value):
        raise ValidationError("error.person.handle", field="handle", value=text)
    return value


def count_people(session: Session) -> int:
    return session.exec(select(sa.func.count()).select_from(Person)).one()


def add_person(
    session: Session,
    *,
    handle: str,
    name: str,
    email: str | None = None,
    roles: Iterable[str | Role] = (),
) -> Person:
    """Add someone to the team. The very first person is also made admin."""
    key = normalise_handle(handle)
    full_name = clean_line(name, field="name", required=True, max_len=120)
    wanted = {parse(Role, str(r), field="role") for r in roles} | {Role.STAFF}
    first = count_people(session) == 0
    if first:
        wanted.add(Role.ADMIN)
    elif session.exec(select(Person).where(Person.handle == key)).first():
        raise ValidationError("error.person.exists", field="handle", handle=key)
    person = Person(handle=key, name=full_name or key, email=(email or "").strip().lower() or None)
    session.add(person)
    session.flush()
    for role in sorted(wanted):
        session.add(PersonRole(person_id=person.id, role=role.value))
    session.flush()
    return person


def get_person(session: Session, handle_or_id: str | int) -> Person:
    """A person by handle (case-insensitive) or id."""
    if isinstance(handle_or_id, int) or str(handle_or_id).isdigit():
        person = session.get(Person, int(handle_or_id))
    else:
        key = str(handle_or_id).strip().lower().lstrip("@")
        person = session.exec(select(Person).where(Person.handle == key)).first()
    if person is None:
        raise NotFound("error.person.not_found", who=str(handle_or_id))
    return person


def find_person(session: Session, handle_or_id: str | int | None) -> Person | None:
    if handle_or_id is None or str(handle_or_id).strip() == "":
        return None
    return get_person(session, handle_or_id)


def roles_of(session: Session, person_id: int) -> list[str]:
    rows = session.exec(select(PersonRole.role).where(PersonRole.person_id == person_id)).all()
    order = [r.value for r in Role]
    return sorted(rows, key=order.index)


def has_role(session: Session, person_id: int, *roles: Role) -> bool:
    wanted = [r.value for r in roles]
    found = session.exec(
        select(PersonRole.role).where(PersonRole.person_id == person_id, PersonRole.role.in_(wanted))
    ).first()
    return found is not None


def require_role(session: Session, person_id: int, *roles: Role, action: str) -> None:
    """Refuse unless the person holds one of ``roles`` (admin always may)."""
    if not has_role(session, person_id, *roles, Role.ADMIN):
        raise PermissionDenied(
            "error.permission.role", action=action, roles=[r.value for r in roles]
        )


def set_roles(session: Session, *, person_id: int, add: Iterable[str] = (), remove: Iterable[str] = ()) -> list[str]:
    actor = session.info.get("actor_id")
    if actor is not None:
        require_role(session, actor, Role.ADMIN, action="change roles")
    for raw in add:
        role = parse(Role, raw, field="role")
        if not session.get(PersonRole, (person_id, role.value)):
            session.add(PersonRole(person_id=person_id, role=role.value))
    for raw in remove:
        role = parse(Role, raw, field="role")
        if role is Role.ADMIN and person_id == actor:
            raise RuleViolation("error.person.last_admin")
        link = session.get(PersonRole, (person_id, role.value))
        if link is not None:
            session.delete(link)
    session.flush()
    return roles_of(session, person_id)


def set_active(session: Session, *, person_id: int, active: bool) -> Person:
    """Deactivate someone who left (or bring them back): admins only.

    Nothing is deleted: their leads, decisions and audit history stay, and
    the audit trail records who deactivated them. A deactivated person can
    no longer act. The last active admin cannot be deactivated, nor can an
    admin deactivate themselves."""
    from ltc_tui.services.common import actor_id, load_for_update

    actor = actor_id(session)
    require_role(session, actor, Role.ADMIN, action="deactivate or reactivate people")
    person = load_for_update(session, Person, person_id, None)
    if not active:
        if person.id == actor:
            raise RuleViolation("error.person.deactivate_self")
        if has_role(session, person.id or 0, Role.ADMIN):
            admins = session.exec(
                select(sa.func.count())
                .select_from(PersonRole)
                .join(Person, Person.id == PersonRole.person_id)
                .where(PersonRole.role == Role.ADMIN.value, Person.active == sa.true(), Person.id != person.id)
            ).one()
            if admins == 0:
                raise RuleViolation("error.person.last_active_admin", handle=person.handle)
    person.active = active
    session.flush()
    return person


def list_people(session: Session, *, include_inactive: bool = False) -> list[PersonView]:
    query = select(Person).order_by(Person.handle)
    if not include_inactive:
        query = query.where(Person.active == sa.true())
    people = session.exec(query).all()
    links = session.exec(select(PersonRole)).all()
    by_person: dict[int, list[str]] = {}
    for link in links:
        by_person.setdefault(link.person_id, []).append(link.role)
    order = [r.value for r in Role]
    return [
        PersonView(p, sorted(by_person.get(p.id or 0, []), key=order.index)) for p in people
    ]


def acting_handle(explicit: str | None) -> str | None:
    """Who acts: ``--as``, else ``LTC_USER``, else the saved preference."""
    if explicit:
        return explicit
    if os.environ.get("LTC_USER"):
        return os.environ["LTC_USER"]
    from ltc_tui.paths import load_prefs

    saved = load_prefs().get("me")
    return str(saved) if saved else None


def resolve_actor(session: Session, handle: str | None) -> Person:
    """The acting person, or a clear error saying how to name one."""
    if handle is None:
        if count_people(session) == 0:
            raise RuleViolation("error.person.none_yet")
        raise ValidationError("error.person.who", field="--as")
    try:
        person = get_person(session, handle)
    except NotFound:
        raise NotFound("error.person.unknown_actor", who=handle) from None
    if not person.active:
        raise PermissionDenied("error.person.inactive", who=person.handle)
    return person
