"""People and roles, and who is acting: --as, LTC_USER or the saved setting;
an unknown person is refused; a fresh database says how to begin."""

from __future__ import annotations

import pytest
from core_builders import count

from ltc_tui.errors import NotFound, PermissionDenied, RuleViolation, ValidationError
from ltc_tui.models import Person
from ltc_tui.paths import save_pref
from ltc_tui.services import people


def test_the_first_person_is_admin_and_everyone_is_staff(db):
    with db.session() as s:
        first = people.add_person(s, handle="Ana", name="Ana Chair", roles=["chair"])
        second = people.add_person(s, handle="li", name="Li Wei", roles=["SR", "member"], email=" Li@Example.com ")
        assert people.roles_of(s, first.id) == ["staff", "chair", "admin"]
        assert people.roles_of(s, second.id) == ["staff", "sr", "member"]
    assert (first.handle, second.email) == ("ana", "li@example.com")


@pytest.mark.parametrize(
    ("handle", "name", "roles", "field"),
    [("", "X", [], "handle"), ("has space", "X", [], "handle"), ("-dash", "X", [], "handle"), ("ok", " ", [], "name"),
     ("ok", "X", ["boss"], "role")],
)
def test_bad_people_are_refused(db, handle, name, roles, field):
    with pytest.raises(ValidationError) as caught, db.session() as s:
        people.add_person(s, handle=handle, name=name, roles=roles)
    assert caught.value.field == field
    assert count(db, "person") == 0


def test_a_handle_is_taken_once(team):
    with pytest.raises(ValidationError) as caught, team.act("ana") as s:
        people.add_person(s, handle="LI", name="Another Li")
    assert "already someone with the handle 'li'" in caught.value.message


def test_people_are_found_by_handle_in_any_case_or_by_id(team):
    with team.act("ana", write=False) as s:
        assert people.get_person(s, "@LI").id == team["li"]
        assert people.get_person(s, str(team["bo"])).handle == "bo"
        with pytest.raises(NotFound) as caught:
            people.get_person(s, "zed")
    assert "ltc person list" in caught.value.message


def test_a_fresh_database_says_how_to_begin(db):
    with pytest.raises(RuleViolation) as caught, db.session() as s:
        people.resolve_actor(s, None)
    assert "ltc person add HANDLE" in caught.value.message


def test_unknown_and_inactive_actors_are_refused(team):
    with team.db.session() as s:
        with pytest.raises(ValidationError) as who:
            people.resolve_actor(s, None)
        assert "--as" in who.value.message
        with pytest.raises(NotFound) as unknown:
            people.resolve_actor(s, "mallory")
        assert unknown.value.message == "'mallory' is not on the team; `ltc person list` shows who is."
        s.get(Person, team["sam"]).active = False
    with pytest.raises(PermissionDenied), team.db.session() as s:
        people.resolve_actor(s, "sam")


def test_who_acts_comes_from_as_then_ltc_user_then_the_saved_setting(monkeypatch):
    assert people.acting_handle(None) is None
    save_pref("me", "bo")
    assert people.acting_handle(None) == "bo"
    monkeypatch.setenv("LTC_USER", "li")
    assert people.acting_handle(None) == "li"
    assert people.acting_handle("ana") == "ana"


def test_a_change_without_an_acting_person_is_refused(team):
    from ltc_tui.services import leads

    with pytest.raises(ValidationError) as caught, team.db.session() as s:
        leads.add_lead(s, title="Anonymous", customer="Acme")
    assert caught.value.field == "--as"
    assert count(team.db, "lead") == 0


def test_only_an_admin_changes_roles_and_never_their_own_admin(team):
    with pytest.raises(PermissionDenied), team.act("li") as s:
        people.set_roles(s, person_id=team["li"], add=["chair"])
    with team.act("ana") as s:
        assert people.set_roles(s, person_id=team["li"], add=["chair"], remove=["member"]) == ["staff", "sr", "chair"]
    with pytest.raises(RuleViolation), team.act("ana") as s:
        people.set_roles(s, person_id=team["ana"], remove=["admin"])
    with team.act("ana", write=False) as s:
        assert people.has_role(s, team["ana"], people.Role.ADMIN)


def test_the_team_list(team):
    with team.act("ana", write=False) as s:
        views = people.list_people(s)
    assert [(v.person.handle, v.roles) for v in views] == [
        ("ana", ["staff", "chair", "member", "admin", "manager"]), ("bo", ["staff", "ar"]), ("fay", ["staff", "fr"]),
        ("li", ["staff", "sr", "member"]), ("sam", ["staff"]),
    ]
