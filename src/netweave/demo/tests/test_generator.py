"""The demo network: deterministic, shaped like a real one, and consistent with what the services compute."""

from __future__ import annotations

import time
from collections import Counter
from datetime import datetime, timedelta, timezone

import pytest
from django.db.models import Count, F

from netweave.core import clock
from netweave.core.models import Origin
from netweave.demo.generator import build_demo, clear_user_data
from netweave.interactions.models import Interaction, Participation
from netweave.people import normalize
from netweave.people.models import Affiliation, Circle, Email, Organisation, Person, Phone, Tag, Tie, Url
from netweave.people.services import refresh_current_role, refresh_last_contact, reindex

NOW = datetime(2025, 6, 16, tzinfo=timezone.utc)


@pytest.fixture
def pinned_clock(monkeypatch):
    """The services ask the clock what time it is; pin it to the demo's `now`."""
    monkeypatch.setattr(clock, "now", lambda: NOW)
    monkeypatch.setattr(clock, "today", lambda: NOW.date())


def snapshot(owner) -> dict:
    """Everything the demo wrote for one owner, with ids replaced by positions so two owners compare."""

    def positions(model) -> dict[int, int]:
        ids = model.objects.filter(owner=owner).order_by("id").values_list("id", flat=True)
        return {pk: i for i, pk in enumerate(ids)}

    def rows(model, *fields):
        return list(model.objects.filter(owner=owner).order_by("id").values_list(*fields))

    people, orgs, interactions = positions(Person), positions(Organisation), positions(Interaction)
    circles = dict(Circle.objects.filter(owner=owner).values_list("id", "name"))
    person_rows = [
        row[:-5] + (people.get(row[-5]), interactions.get(row[-4]), circles.get(row[-3]), orgs.get(row[-2]), row[-1])
        for row in rows(
            Person, "display_name", "given_name", "middle_name", "family_name", "nickname", "prefix", "pronouns",
            "birthday_year", "birthday_month", "birthday_day", "location", "met_how", "notes", "current_title",
            "last_contact_at", "next_plan_at", "search_text", "created_at",
            "introduced_by_id", "met_at_event_id", "circle_id", "current_organisation_id", "archived",
        )
    ]
    return {
        "people": person_rows,
        "orgs": rows(Organisation, "name", "domain", "kind", "notes"),
        "emails": [(people[p], *rest) for p, *rest in rows(Email, "person_id", "address", "label", "position")],
        "phones": [(people[p], *rest) for p, *rest in rows(Phone, "person_id", "raw", "e164")],
        "urls": [(people[p], *rest) for p, *rest in rows(Url, "person_id", "url")],
        "affiliations": [(people[p], orgs[o], *rest)
                         for p, o, *rest in rows(Affiliation, "person_id", "organisation_id", "title", "start", "end")],
        "interactions": rows(Interaction, "kind", "occurred_at", "initiated_by", "summary", "notes"),
        "participations": sorted((interactions[i], people[p])
                                 for i, p in rows(Participation, "interaction_id", "person_id")),
        "ties": sorted((people[a], people[b], *rest)
                       for a, b, *rest in rows(Tie, "person_a_id", "person_b_id", "kind", "evidence")),
        "tags": sorted((people[p], name) for p, name in Person.tags.through.objects.filter(person__owner=owner)
                       .values_list("person_id", "tag__name")),
    }


def test_the_same_seed_builds_the_same_network(alice, bob):
    first = build_demo(alice, people=120, seed=3, now=NOW)
    second = build_demo(bob, people=120, seed=3, now=NOW)
    assert {k: v for k, v in first.items() if k != "seconds"} == {k: v for k, v in second.items() if k != "seconds"}
    assert snapshot(alice) == snapshot(bob)


def test_another_seed_builds_another_network(alice, bob):
    build_demo(alice, people=80, seed=3, now=NOW)
    build_demo(bob, people=80, seed=4, now=NOW)
    names_a = set(Person.objects.filter(owner=alice).values_list("display_name", flat=True))
    names_b = set(Person.objects.filter(owner=bob).values_list("display_name", flat=True))
    assert names_a != names_b


def test_now_defaults_to_midnight_today_so_two_runs_on_one_day_match(alice):
    stats = build_demo(alice, people=20, seed=1)
    start = datetime.fromisoformat(stats["now"])
    assert (start.hour, start.minute, start.second, start.microsecond) == (0, 0, 0, 0)
    assert start.date() == clock.now().astimezone(timezone.utc).date()


def test_derived_columns_are_exactly_what_the_services_compute(alice, pinned_clock):
    build_demo(alice, people=200, seed=11, now=NOW)
    columns = ("id", "current_organisation_id", "current_title", "last_contact_at", "next_plan_at", "search_text")
    before = list(Person.objects.filter(owner=alice).order_by("id").values_list(*columns))
    people = list(Person.objects.filter(owner=alice))
    for person in people:
        refresh_current_role(person)
    ids = [p.id for p in people]
    refresh_last_contact(ids)
    reindex(ids)
    after = list(Person.objects.filter(owner=alice).order_by("id").values_list(*columns))
    assert after == before
    assert Person.objects.filter(owner=alice, next_plan_at__gt=NOW).exists()
    assert not Participation.objects.filter(owner=alice).exclude(occurred_at=F("interaction__occurred_at")).exists()


def test_the_network_has_a_realistic_shape(alice):
    stats = build_demo(alice, people=300, seed=7, now=NOW)
    people = Person.objects.filter(owner=alice)
    assert people.count() == stats["people"] == 300

    # about 30 interactions per person, over the last four years, a few planned
    assert 25 <= stats["interactions"] / 300 <= 40
    assert Interaction.objects.filter(owner=alice).count() == stats["interactions"]
    assert Participation.objects.filter(owner=alice).count() == stats["participations"] > stats["interactions"]
    oldest = Interaction.objects.filter(owner=alice).order_by("occurred_at").first().occurred_at
    assert NOW - timedelta(days=1470) <= oldest
    assert Interaction.objects.filter(owner=alice, occurred_at__gt=NOW).exists()
    kinds = Counter(Interaction.objects.filter(owner=alice).values_list("kind", flat=True))
    assert set(kinds) == set(Interaction.Kind.values)
    assert {"me", "them"} <= set(Interaction.objects.filter(owner=alice).values_list("initiated_by", flat=True))

    # circles: inner 5, close 15, active 5% (at most 100), wide the rest
    sizes = dict(people.values_list("circle__name").annotate(n=Count("id")))
    assert sizes == {"inner": 5, "close": 15, "active": 15, "wide": 265}

    # contact decays: close ties see a lot of us, many weak ties a handful, dormant ties went silent 3+ years ago
    per_person = dict(Participation.objects.filter(owner=alice, occurred_at__lte=NOW)
                      .values_list("person_id").annotate(n=Count("id")))
    inner = people.filter(circle__name="inner").values_list("id", flat=True)
    assert min(per_person[i] for i in inner) >= 90
    assert sum(1 for n in per_person.values() if n <= 10) >= 30
    dormant = people.filter(last_contact_at__lt=NOW - timedelta(days=3 * 365))
    assert dormant.count() >= 10
    assert sum(1 for p in dormant.values_list("id", flat=True) if per_person[p] >= 20) >= 5
    assert not people.filter(last_contact_at__isnull=True).exists()
    assert not people.filter(last_contact_at__gt=NOW).exists()

    # groups of 2-6 and events with many attendees
    sizes = Counter(Participation.objects.filter(owner=alice).values_list("interaction_id", flat=True))
    kind_of = dict(Interaction.objects.filter(owner=alice).values_list("id", "kind"))
    groups = [n for i, n in sizes.items() if kind_of[i] != "event" and n > 1]
    assert groups and max(groups) <= 6
    assert max(n for i, n in sizes.items() if kind_of[i] == "event") >= 8
    assert people.exclude(met_at_event=None).exists()
    for person in people.exclude(met_at_event=None):
        assert Participation.objects.filter(person=person, interaction=person.met_at_event).exists()
        assert person.met_at_event.kind == "event"

    # birthdays for about 60%, some without a year, and someone born on 29 February
    with_birthday = people.exclude(birthday_month=None)
    assert 0.45 <= with_birthday.count() / 300 <= 0.75
    assert with_birthday.filter(birthday_year=None).exists()
    assert with_birthday.filter(birthday_month=2, birthday_day=29).exists()
    for year, month, day in with_birthday.values_list("birthday_year", "birthday_month", "birthday_day"):
        text = f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"
        assert normalize.birthday_or_error(text)[1] is None

    # organisations (about one per 15 people), job histories with changes, a few people out of work
    assert Organisation.objects.filter(owner=alice).count() == 20
    assert {"company", "school", "community", "association"} <= set(
        Organisation.objects.filter(owner=alice).values_list("kind", flat=True))
    assert not Organisation.objects.filter(owner=alice, kind="company", domain="").exists()
    histories = Counter(Affiliation.objects.filter(owner=alice).values_list("person_id", flat=True))
    assert set(histories.values()) <= {1, 2, 3, 4} and len(histories) == 300
    assert max(histories.values()) >= 3
    assert people.filter(current_organisation=None).exists()
    assert people.exclude(current_organisation=None).count() > 250
    promoted = (Affiliation.objects.filter(owner=alice).values("person_id", "organisation_id")
                .annotate(n=Count("id")).filter(n__gt=1))
    assert promoted.exists()

    # names from many cultures, with their own letters
    names = list(people.values_list("display_name", flat=True))
    assert any(not name.isascii() for name in names)
    assert len(set(names)) > 250

    # ties: colleagues, friends, family, mentors, introductions; undirected pairs stored low id first
    ties = Tie.objects.filter(owner=alice)
    assert {"colleague", "friend", "family", "mentor", "introduced"} <= set(ties.values_list("kind", flat=True))
    assert not ties.exclude(kind="mentor").filter(person_a__gt=F("person_b")).exists()
    assert people.exclude(introduced_by=None).exists()

    # tags of every kind, with folded keys; every row belongs to alice and remembers the demo origin
    tags = Tag.objects.filter(owner=alice)
    assert {"tag", "interest", "expertise"} == set(tags.values_list("kind", flat=True))
    assert all(key == normalize.fold(name) for name, key in tags.values_list("name", "key"))
    origin = Origin.objects.get(owner=alice)
    assert (origin.kind, origin.label) == ("demo", "demo --people 300 --seed 7")
    for model in (Organisation, Affiliation, Interaction, Tie, Email, Phone, Url):
        assert not model.objects.filter(owner=alice).exclude(origin=origin).exists(), model
        assert not model.objects.exclude(owner=alice).exists(), model


def test_contact_details_are_stored_as_the_normalisers_would_store_them(alice):
    build_demo(alice, people=300, seed=5, now=NOW)
    phones = list(Phone.objects.filter(owner=alice).values_list("raw", "e164"))
    assert len({e164[:4] for _, e164 in phones}) >= 10  # many countries
    for raw, e164 in phones:
        assert normalize.phone_or_error(raw, None) == (raw, e164, None)
    emails = list(Email.objects.filter(owner=alice).values_list("address", "key", "label"))
    assert {"personal", "work"} <= {label for _, _, label in emails}
    assert len({key for _, key, _ in emails}) == len(emails)
    for address, key, _ in emails:
        assert normalize.email_or_error(address) == (address, None)
        assert key == normalize.email_key(address)
    urls = list(Url.objects.filter(owner=alice).values_list("url", "key"))
    assert sum("linkedin.com/in/" in url for url, _ in urls) > 150
    for url, key in urls:
        assert key == normalize.url_key(url)


def test_a_tiny_network_is_still_a_network_and_quick(alice):
    started = time.perf_counter()
    stats = build_demo(alice, people=50, seed=2, now=NOW)
    assert time.perf_counter() - started < 2
    assert stats["people"] == 50 and stats["organisations"] == 3
    assert stats["interactions"] >= 50 * 10
    assert stats["ties"] > 0
    people = Person.objects.filter(owner=alice)
    assert people.filter(circle__name="inner").exists() and people.filter(circle__name="wide").exists()
    assert build_demo(alice, people=1, seed=2, now=NOW)["people"] == 1


def test_clearing_a_user_leaves_other_users_alone(alice, bob):
    build_demo(alice, people=60, seed=1, now=NOW)
    build_demo(bob, people=40, seed=1, now=NOW)
    clear_user_data(alice)
    for model in (Person, Organisation, Interaction, Participation, Tie, Tag, Email, Affiliation, Origin):
        assert not model.objects.filter(owner=alice).exists(), model
    assert Person.objects.filter(owner=bob).count() == 40
    assert Participation.objects.filter(owner=bob).count() > 0
    assert Person.tags.through.objects.filter(person__owner=bob).exists()
