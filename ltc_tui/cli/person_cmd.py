"""``ltc person ...``: the team, roles, and who you are."""

from __future__ import annotations

import typer

from ltc_tui.cli import common as c
from ltc_tui.enums import Role

app = typer.Typer(no_args_is_help=True)
ROLES = ", ".join(r.value for r in Role)


@app.command("add")
def add(
    handle: str = typer.Argument(..., help="Short name used in commands, e.g. li."),
    name: str = typer.Argument(..., help="Full name."),
    role: list[str] = typer.Option(None, "--role", "-r", help=f"Role (repeatable): {ROLES}."),
    email: str = typer.Option(None, "--email"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Add someone to the team. The first person is admin and may act before anyone exists."""
    from ltc_tui.services.people import add_person, count_people, roles_of

    with c.unit(actor=False) as session:
        if count_people(session) > 0:
            from ltc_tui.services.people import acting_handle, require_role, resolve_actor

            actor = resolve_actor(session, acting_handle(c.state.actor))
            session.info["actor_id"] = actor.id
            require_role(session, actor.id, Role.ADMIN, action="add people")
        person = add_person(session, handle=handle, name=name, email=email, roles=role or [])
        roles = roles_of(session, person.id)
    if as_json:
        c.print_json({"id": person.id, "handle": person.handle, "name": person.name, "roles": roles})
        return
    c.say("cli.person.added", handle=person.handle, name=person.name, roles=roles, style="green")


@app.command("list")
def list_(as_json: bool = typer.Option(False, "--json"), all_: bool = typer.Option(False, "--all", help="Include inactive people.")) -> None:
    """The team and their roles."""
    from ltc_tui.i18n import words
    from ltc_tui.services.people import list_people

    with c.unit(write=False, actor=False) as session:
        people = list_people(session, include_inactive=all_)
    if as_json:
        c.print_json([{"id": p.person.id, "handle": p.person.handle, "name": p.person.name, "email": p.person.email,
                       "active": p.person.active, "roles": p.roles} for p in people])
        return
    c.table(c.columns("field.handle", "field.name", "field.roles", "field.email"),
            [(p.person.handle, p.person.name, words("role", p.roles), p.person.email or "") for p in people])


@app.command("show")
def show(handle: str = typer.Argument(...), as_json: bool = typer.Option(False, "--json")) -> None:
    """One person."""
    from ltc_tui.i18n import t, words
    from ltc_tui.services.people import get_person, roles_of

    with c.unit(write=False, actor=False) as session:
        person = get_person(session, handle)
        roles = roles_of(session, person.id)
    if as_json:
        c.print_json({"id": person.id, "handle": person.handle, "name": person.name, "email": person.email, "roles": roles})
        return
    c.table(["", ""], [(t("field.handle"), person.handle), (t("field.name"), person.name),
                       (t("field.email"), person.email or ""), (t("field.roles"), words("role", roles))])


@app.command("roles")
def roles(
    handle: str = typer.Argument(...),
    add: list[str] = typer.Option(None, "--add", help=f"Role to add: {ROLES}."),
    remove: list[str] = typer.Option(None, "--remove", help="Role to remove."),
) -> None:
    """Give or take roles (admins only)."""
    from ltc_tui.services.people import get_person, set_roles

    with c.unit() as session:
        person = get_person(session, handle)
        now = set_roles(session, person_id=person.id, add=add or [], remove=remove or [])
    c.say("cli.person.roles", handle=person.handle, roles=now, style="green")


@app.command("deactivate")
def deactivate(handle: str = typer.Argument(..., help="Who left the team.")) -> None:
    """Take someone off the team (admins only): they can no longer act; their history stays."""
    from ltc_tui.services.people import get_person, set_active

    with c.unit() as session:
        person = set_active(session, person_id=get_person(session, handle).id or 0, active=False)
    c.say("cli.person.deactivated", handle=person.handle, style="green")


@app.command("activate")
def activate(handle: str = typer.Argument(..., help="Who is back.")) -> None:
    """Bring a deactivated person back (admins only)."""
    from ltc_tui.services.people import get_person, set_active

    with c.unit() as session:
        person = set_active(session, person_id=get_person(session, handle).id or 0, active=True)
    c.say("cli.person.activated", handle=person.handle, style="green")


@app.command("me")
def me(handle: str = typer.Argument(None, help="Your handle, saved on this machine. Omit to show who you are.")) -> None:
    """Show or save who you are on this machine (used when --as and LTC_USER are not given)."""
    from ltc_tui.paths import save_pref
    from ltc_tui.services.people import acting_handle, get_person

    if handle is None:
        current = acting_handle(c.state.actor)
        if current is None:
            c.warn("cli.person.me_unknown")  # a refusal (exit 1): stderr, like every other
            raise typer.Exit(1)
        with c.unit(write=False, actor=False) as session:
            person = get_person(session, current)
        c.say("cli.person.me", handle=person.handle, name=person.name)
        return
    with c.unit(write=False, actor=False) as session:
        person = get_person(session, handle)
    save_pref("me", person.handle)
    c.say("cli.person.me_saved", handle=person.handle, style="green")
