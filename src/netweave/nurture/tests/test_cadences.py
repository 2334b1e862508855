"""Cadences: defaults by circle, the user's own by circle, tag or person, and which one applies to whom."""

from __future__ import annotations

import pytest

from netweave.core.errors import Invalid
from netweave.nurture import services
from netweave.nurture.cadences import Cadences, cadence_table, every, rule_for
from netweave.nurture.models import Cadence
from netweave.people.circles import add_circle, change_circle
from netweave.people.models import Circle, Tag


def circle(owner, name):
    return Circle.objects.get(owner=owner, name=name)


def tag(owner, name):
    return Tag.objects.get(owner=owner, name=name)


def test_the_default_circles_are_weekly_monthly_quarterly_and_yearly(alice):
    found = Cadences(alice)
    assert {found.circle_names[cid]: days for cid, days in found.circle_days.items()} == {
        "inner": 7, "close": 30, "active": 90, "wide": 365}


def test_a_persons_circle_gives_their_cadence_with_its_words(make_person):
    ana = make_person("Ana Lima", circle="close")
    rule = rule_for(ana)
    assert (rule.days, rule.scope, rule.words) == (30, "circle", "close circle, every month")


def test_someone_in_no_circle_and_without_a_cadence_has_none(make_person):
    assert rule_for(make_person("Bo Chen")) is None


def test_a_new_or_renamed_circle_has_no_cadence_until_given_one(alice, make_person):
    board = add_circle(alice, "Board members")
    change_circle(circle(alice, "close"), name="Close friends")
    found = Cadences(alice)
    assert board.pk not in found.circle_days
    assert circle(alice, "Close friends").pk not in found.circle_days
    services.set_cadence(alice, 60, circle=board)
    assert rule_for(make_person("Cy Diaz", circle="Board members")).words == "Board members circle, every two months"


def test_a_tag_cadence_beats_the_circle_and_the_shortest_tag_wins(alice, make_person):
    ana = make_person("Ana Lima", circle="close", tags=["investor", "climate"])
    services.set_cadence(alice, 120, tag=tag(alice, "investor"))
    assert (rule_for(ana).days, rule_for(ana).source) == (120, "tagged investor")
    services.set_cadence(alice, 14, tag=tag(alice, "climate"))
    assert (rule_for(ana).days, rule_for(ana).words) == (14, "tagged climate, every two weeks")


def test_a_persons_own_cadence_beats_their_tags_and_circle(alice, make_person):
    ana = make_person("Ana Lima", circle="inner", tags=["climate"])
    services.set_cadence(alice, 3, tag=tag(alice, "climate"))
    services.set_cadence(alice, 45, person=ana)
    assert (rule_for(ana).days, rule_for(ana).words) == (45, "your cadence for them, every 45 days")
    assert services.clear_cadence(alice, person=ana) is True
    assert rule_for(ana).days == 3


def test_setting_a_circle_cadence_replaces_the_default_and_clearing_restores_it(alice):
    close = circle(alice, "close")
    services.set_cadence(alice, 21, circle=close)
    services.set_cadence(alice, 20, circle=close)
    assert Cadence.objects.filter(owner=alice).count() == 1
    assert Cadences(alice).circle_days[close.pk] == 20
    assert services.clear_cadence(alice, circle=close) is True
    assert Cadences(alice).circle_days[close.pk] == 30
    assert services.clear_cadence(alice, circle=close) is False


@pytest.mark.parametrize("days, why", [
    (0, "at least 1"), (-7, "at least 1"), ("-1", "at least 1"), (3651, "at most 3650"), (10**12, "at most"),
    ("weekly", "whole number"), ("", "whole number"), (1.5, "whole number"), (True, "whole number"), (None, "whole"),
])
def test_a_cadence_of_zero_or_less_or_absurd_is_refused_naming_days(alice, days, why):
    with pytest.raises(Invalid) as refused:
        services.set_cadence(alice, days, circle=circle(alice, "close"))
    assert list(refused.value.errors) == ["days"] and why in refused.value.errors["days"]
    assert not Cadence.objects.exists()


def test_a_cadence_names_exactly_one_target(alice, make_person):
    with pytest.raises(Invalid) as refused:
        services.set_cadence(alice, 7)
    assert "target" in refused.value.errors
    with pytest.raises(Invalid):
        services.set_cadence(alice, 7, circle=circle(alice, "close"), person=make_person("Bo Chen"))


def test_a_cadence_for_someone_elses_circle_tag_or_person_is_refused(alice, bob, make_person):
    bobs = make_person("Bo Chen", owner=bob, tags=["chess"])
    for target in ({"circle": circle(bob, "close")}, {"tag": tag(bob, "chess")}, {"person": bobs}):
        with pytest.raises(Invalid):
            services.set_cadence(alice, 7, **target)
        with pytest.raises(Invalid):
            services.clear_cadence(alice, **target)
    assert not Cadence.objects.exists()


def test_the_cadence_table_lists_every_circle_and_the_tags_and_people_with_one(alice, make_person):
    ana = make_person("Ana Lima", tags=["climate"])
    services.set_cadence(alice, 14, tag=tag(alice, "climate"))
    services.set_cadence(alice, 10, person=ana)
    services.set_cadence(alice, 60, circle=circle(alice, "active"))
    table = cadence_table(alice)
    assert [(c["name"], c["days"], c["default"]) for c in table["circles"]] == [
        ("inner", 7, True), ("close", 30, True), ("active", 60, False), ("wide", 365, True)]
    assert table["tags"] == [{"id": tag(alice, "climate").pk, "name": "climate", "days": 14}]
    assert table["people"] == [{"id": ana.pk, "name": "Ana Lima", "days": 10}]


def test_cadences_read_as_words():
    assert [every(d) for d in (1, 7, 30, 90, 365, 45)] == [
        "every day", "every week", "every month", "every quarter", "every year", "every 45 days"]


def test_resolving_everyones_cadence_takes_three_queries(alice, make_person, django_assert_num_queries):
    for n in range(20):
        make_person(f"Person {n}", circle="close", tags=["climate", f"t{n}"])
    services.set_cadence(alice, 14, tag=tag(alice, "climate"))
    with django_assert_num_queries(3):
        found = Cadences(alice)
    assert len(found.person_tag) == 20
