"""Lineage (how a person, tie or introduction came about) and the ripple tree (what descends from a person)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netweave.core import clock
from netweave.core.errors import Invalid, NotFound
from netweave.givefirst.services import add_ask
from netweave.people.models import Person
from netweave.ripple import lineage, services, tree
from netweave.ripple.tests.support import make_introduction, meet, tie


def introduce(person, by):
    Person.objects.filter(pk=person.pk).update(introduced_by=by)
    person.refresh_from_db()
    return person


@pytest.fixture
def chain(alice, make_person):
    """A introduced B to me, and B introduced C; I met A at a conference."""
    from netweave.interactions.services import log_interaction

    a = make_person("Ana Lima", met_how="Sat next to each other at the keynote")
    event = log_interaction(alice, kind="event", occurred_at=clock.now() - timedelta(days=400), participants=[a],
                            summary="Web Summit 2025")
    Person.objects.filter(pk=a.pk).update(met_at_event=event)
    b = introduce(make_person("Bo Chen"), a)
    c = introduce(make_person("Cy Diaz"), b)
    return a, b, c


def test_a_persons_lineage_runs_back_through_who_introduced_whom_to_the_root(alice, chain):
    a, b, c = chain
    meet(alice, [c], days_ago=30, summary="Coffee after the intro")
    found = services.person_lineage(alice, c)
    assert [s.text for s in found.related] == ["first contact with Cy Diaz: Coffee after the intro"]
    assert [s.kind for s in found.steps[:3]] == ["person", "introduced_by", "introduced_by"]
    assert [s.text for s in found.steps[1:3]] == ["Bo Chen introduced you to Cy Diaz",
                                                  "Ana Lima introduced you to Bo Chen"]
    assert found.root == "you met Ana Lima at Web Summit 2025"
    assert "how you met Ana Lima: Sat next to each other at the keynote" in [s.text for s in found.steps]
    assert not found.cycle and found.steps[-1].kind == "added"


def test_a_circle_of_introductions_stops_where_it_repeats(alice, make_person):
    a = make_person("Ana Lima")
    b = introduce(make_person("Bo Chen"), a)
    introduce(a, b)
    found = services.person_lineage(alice, b)
    assert found.cycle and found.root == "a circle of introductions (each introduced by the next)"
    assert len([s for s in found.steps if s.kind == "introduced_by"]) == 2


def test_a_tie_an_introduction_made_goes_back_to_the_ask_and_the_asker(alice, chain, make_person):
    a, b, c = chain
    dee = make_person("Dee Park")
    ask = add_ask(alice, person=c, kind="hire", topic="a senior Rust engineer")
    intro = make_introduction(alice, c, dee, ask=ask, reason="Dee writes Rust")
    found = lineage.lineage_of(alice, "tie", intro.tie_id)
    kinds = [s.kind for s in found.steps]
    assert kinds[:3] == ["tie", "introduction", "ask"]
    assert found.steps[2].text == "Cy Diaz asked for a senior Rust engineer"
    assert "Ana Lima introduced you to Bo Chen" in [s.text for s in found.steps]
    assert found.root == "you met Ana Lima at Web Summit 2025"
    assert lineage.lineage_of(alice, "introduction", intro.pk).steps[1].kind == "ask"
    assert [s.text for s in services.person_lineage(alice, dee).related] == ["you introduced Dee Park to Cy Diaz"]


def test_a_tie_i_recorded_myself_is_its_own_root(alice, make_person):
    made = tie(alice, make_person("Ana Lima"), make_person("Bo Chen"), "friend", evidence="Old school friends")
    found = lineage.lineage_of(alice, "tie", made.pk)
    assert found.steps[0].text == "Ana Lima and Bo Chen: friend (Old school friends)"
    assert found.root == "you recorded it yourself"


def test_other_kinds_plug_in_and_strangers_objects_are_not_found(alice, bob, make_person):
    lineage.register("opportunity", lambda owner, pk: lineage.Lineage({"kind": "opportunity", "id": pk,
                                                                       "name": "Job"}, [], "a test"))
    try:
        assert lineage.lineage_of(alice, "opportunity", 7).root == "a test"
    finally:
        lineage._RESOLVERS.pop("opportunity")
    bobs = make_person("Bo Chen", owner=bob)
    with pytest.raises(NotFound):
        lineage.lineage_of(alice, "person", bobs.pk)
    with pytest.raises(NotFound):
        lineage.lineage_of(alice, "nonsense", 1)


def test_the_ripple_tree_holds_everyone_and_every_introduction_that_descends(alice, chain, make_person):
    a, b, c = chain
    dee, eve = make_person("Dee Park"), make_person("Eve Stone")
    introduce(eve, a)
    make_introduction(alice, b, dee, outcome="worked_together")
    found = services.ripple(alice, a)
    shown = [(level, node.kind, node.how) for level, node in tree.lines(found)]
    assert shown == [
        (0, "person", ""),
        (1, "person", "Ana Lima introduced you to Bo Chen"),
        (2, "person", "Bo Chen introduced you to Cy Diaz"),
        (2, "introduction", "you introduced Bo Chen to Dee Park: they worked together"),
        (1, "person", "Ana Lima introduced you to Eve Stone"),
    ]
    assert (found.people, found.introductions, found.depth, found.cut) == (3, 1, 2, False)


def test_a_ripple_with_a_cycle_ends(alice, make_person):
    a = make_person("Ana Lima")
    b = introduce(make_person("Bo Chen"), a)
    introduce(a, b)
    found = services.ripple(alice, a, depth=12)
    shown = [(level, node.name, node.repeat) for level, node in tree.lines(found)]
    assert shown == [(0, "Ana Lima", False), (1, "Bo Chen", False), (2, "Ana Lima", True)]


def test_the_depth_and_the_limit_cut_the_tree_and_say_so(alice, chain):
    a, b, c = chain
    found = services.ripple(alice, a, depth=1)
    assert [n.name for _, n in tree.lines(found)] == ["Ana Lima", "Bo Chen"] and found.cut
    found = services.ripple(alice, a, limit=2)
    assert found.people == 1 and found.cut
    with pytest.raises(Invalid):
        services.ripple(alice, a, depth=0)


def test_someone_with_no_descendants_has_a_bare_tree(alice, chain):
    found = services.ripple(alice, chain[2])
    assert found.root.children == [] and (found.people, found.cut) == (0, False)


def test_a_ripple_counts_introductions_i_made_with_them(alice, make_person):
    ana, bo = make_person("Ana Lima"), make_person("Bo Chen")
    meet(alice, [ana])
    make_introduction(alice, ana, bo)
    found = services.ripple(alice, ana)
    assert [n.how for _, n in tree.lines(found)][1:] == ["you introduced Ana Lima to Bo Chen"]


def test_on_the_demo_network_every_introduced_person_traces_back_and_shows_in_a_ripple(alice):
    from netweave.demo.generator import build_demo

    build_demo(alice, people=150, seed=3)
    introduced = list(Person.objects.filter(owner=alice, introduced_by__isnull=False).select_related("introduced_by"))
    assert introduced
    for person in introduced[:10]:
        found = services.person_lineage(alice, person)
        assert found.steps[1].text == f"{person.introduced_by.display_name} introduced you to {person.display_name}"
        assert found.root
        below = [n.person_id for _, n in tree.lines(services.ripple(alice, person.introduced_by, depth=1))]
        assert person.pk in below
