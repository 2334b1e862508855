"""Fixtures every test may use: the fixed cast (Alice owns data, Bob is another user, Charlie a stranger)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The API clients of the fixed cast (as_alice, as_bob, as_charlie) are fixtures for every test module.
pytest_plugins = ["netweave.accounts.tests.clients"]


@pytest.fixture
def alice(db, django_user_model):
    from netweave.people.services import ensure_default_circles

    user = django_user_model.objects.create_user("alice", password="alice-password")
    ensure_default_circles(user)
    return user


@pytest.fixture
def bob(db, django_user_model):
    from netweave.people.services import ensure_default_circles

    user = django_user_model.objects.create_user("bob", password="bob-password")
    ensure_default_circles(user)
    return user


@pytest.fixture
def charlie(db, django_user_model):
    """A user with no data and no relationship to anyone: every object of Alice's is a 404 to him."""
    return django_user_model.objects.create_user("charlie", password="charlie-password")


@pytest.fixture
def origin(alice):
    from netweave.people.services import new_origin

    return new_origin(alice, "web", "test")


@pytest.fixture
def make_person(alice, origin):
    """make_person("Ana Lima", emails=[...]) creates one of Alice's people through the service."""
    from netweave.people.services import create_person

    def make(name: str, owner=None, **fields):
        from netweave.people.services import ensure_default_circles, new_origin

        who = owner or alice
        ensure_default_circles(who)
        src = origin if who == alice else new_origin(who, "web", "test")
        return create_person(who, {"display_name": name, **fields}, origin=src, allow_duplicate=True)

    return make


@pytest.fixture
def realdata() -> Path:
    """The shared real-world files (address books, calendars, mail, graphs) beside the checkout.

    Skips when they are absent, unless NETWEAVE_REQUIRE_REALDATA=1 (set by .ci/run), where it fails.
    """
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "shared" / "realdata", here.parent.parent / "shared" / "realdata"):
        if candidate.is_dir():
            return candidate
    reason = "../shared/realdata is not beside this checkout"
    if os.environ.get("NETWEAVE_REQUIRE_REALDATA") == "1":
        pytest.fail(reason)
    pytest.skip(reason)
