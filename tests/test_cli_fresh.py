"""A fresh database: the clear first step, and the first person needs no one to act."""

from __future__ import annotations

import pytest
from conftest import Shell
from core_builders import count, failed, ok


@pytest.fixture
def fresh(db_url):
    return Shell(db_url)


def test_a_fresh_database_says_how_to_begin(fresh, db):
    for argv in (("lead", "add", "Fibre", "--customer", "Acme"), ("lead", "list"), ("meeting", "queue")):
        failed(fresh(*argv, actor=None), 1, "No one is set up yet. Add yourself first: ltc person add HANDLE")
    assert count(db, "lead") == 0


def test_the_first_person_needs_no_actor_and_is_admin(fresh, db):
    assert ok(fresh("person", "add", "ana", "Ana Chair", "-r", "chair", actor=None)).strip() == (
        "Added Ana Chair (ana): staff, chair, admin.")
    failed(fresh("person", "add", "li", "Li Wei", actor=None), 2, "Who is acting?")
    failed(fresh("person", "add", "li", "Li Wei", actor="nobody"), 1, "'nobody' is not on the team")
    ok(fresh("person", "add", "li", "Li Wei", "-r", "sr", actor="ana"))
    assert "Added lead #1" in ok(fresh("lead", "add", "Fibre", "--customer", "Acme", actor="li"))
    assert count(db, "person") == 2


def test_person_list_works_before_anyone_acts(fresh):
    assert ok(fresh("person", "list", "--json", actor=None)).strip() == "[]"
