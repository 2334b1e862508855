"""Opportunities and contributions: what the services keep and refuse, the invitations that followed a
contribution, and the lineage of an opportunity for ripple."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.core.errors import Invalid, NotFound
from netweave.givefirst import introductions
from netweave.opportunities import services
from netweave.opportunities.lineage import lineage_hook, opportunity_lineage
from netweave.opportunities.models import Opportunity, OpportunityPerson
from netweave.opportunities.queries import came_through, contributions, opportunities, reputation
from netweave.people.models import Organisation

TODAY_FIELDS = {"day": date(2026, 3, 1)}


@pytest.fixture
def cast(alice, make_person):
    return {"ana": make_person("Ana Lima"), "bo": make_person("Bo Chen"), "cy": make_person("Cy Diaz")}


def test_an_opportunity_keeps_its_people_with_roles_and_finds_its_organisation_by_name(alice, cast):
    acme = Organisation.objects.create(owner=alice, name="Acme", key="acme")
    made = services.add_opportunity(alice, title="Staff engineer", kind="job", organisation="  ACME ",
                                    people=[(cast["ana"], "referrer"), (cast["bo"], "contact"), (cast["ana"], "other")],
                                    **TODAY_FIELDS)
    assert made.organisation == acme and made.status == "open" and made.status_changed_at is not None
    assert [(link.person.display_name, link.role) for link in came_through(made)] == [
        ("Ana Lima", "referrer"), ("Bo Chen", "contact")]


def test_a_new_organisation_name_is_created_only_for_an_opportunity_that_is_saved(alice, cast):
    with pytest.raises(Invalid) as refused:
        services.add_opportunity(alice, title=" ", organisation="Globex")
    assert "title" in refused.value.errors and not Organisation.objects.filter(name="Globex").exists()
    made = services.add_opportunity(alice, title="Advisory board", kind="collaboration", organisation="Globex")
    assert made.organisation.name == "Globex"


def test_unknown_kinds_statuses_and_roles_are_refused_naming_the_field(alice, cast):
    with pytest.raises(Invalid) as refused:
        services.add_opportunity(alice, title="x", kind="gig", status="maybe", people=[(cast["ana"], "boss")])
    assert set(refused.value.errors) == {"kind", "status", "people[0].role"}


def test_someone_elses_person_introduction_or_contribution_is_refused_like_a_missing_one(alice, bob, make_person):
    bobs = make_person("Bo Chen", owner=bob)
    other = make_person("Cy Diaz", owner=bob)
    intro = introductions.propose(bob, bobs, other, reason="both into Rust")
    talk = services.add_contribution(bob, title="Bob's talk")
    with pytest.raises(Invalid) as refused:
        services.add_opportunity(alice, title="x", people=[(bobs, "referrer")], introduction=intro,
                                 contribution=talk)
    assert refused.value.errors == {"people[0].person": "no such person", "introduction": "no such introduction",
                                    "contribution": "no such contribution"}
    assert not Opportunity.objects.exists()


def test_a_status_change_is_kept_with_its_time_and_a_bad_one_is_refused(alice, cast):
    made = services.add_opportunity(alice, title="Keynote", kind="speaking")
    first = made.status_changed_at
    services.set_status(made, "pursuing")
    assert Opportunity.objects.get(pk=made.pk).status == "pursuing" and made.status_changed_at >= first
    with pytest.raises(Invalid):
        services.set_status(made, "lost-ish")
    assert Opportunity.objects.get(pk=made.pk).status == "pursuing"


def test_linking_a_person_again_changes_their_role_and_unlinking_removes_them(alice, cast):
    made = services.add_opportunity(alice, title="Project", kind="project", people=[(cast["ana"], "referrer")])
    services.link_person(made, cast["ana"], "decider")
    services.link_person(made, cast["bo"], "contact")
    assert [(l.person_id, l.role) for l in came_through(made)] == [(cast["ana"].pk, "decider"),
                                                                   (cast["bo"].pk, "contact")]
    assert services.unlink_person(made, cast["ana"]) is True and services.unlink_person(made, cast["ana"]) is False
    assert [l.person_id for l in came_through(made)] == [cast["bo"].pk]


def test_the_list_filters_by_status_kind_person_and_whether_in_play(alice, cast):
    job = services.add_opportunity(alice, title="Job", kind="job", people=[(cast["ana"], "referrer")])
    talk = services.add_opportunity(alice, title="Talk", kind="speaking", status="won")
    assert list(opportunities(alice, in_play=True)) == [job]
    assert list(opportunities(alice, in_play=False)) == [talk]
    assert list(opportunities(alice, kind="speaking")) == [talk]
    assert list(opportunities(alice, person=cast["ana"])) == [job]
    assert list(opportunities(alice, status="won")) == [talk]


def test_a_contribution_lists_the_invitations_that_followed_and_counts_them(alice, cast):
    talk = services.add_contribution(alice, title="Scaling Postgres", kind="talk", audience="PyCon Lisbon",
                                     url="https://example.org/slides", day=date(2026, 2, 1))
    article = services.add_contribution(alice, title="On queues", kind="article", day=date(2026, 2, 10))
    services.add_opportunity(alice, title="Keynote at DjangoCon", kind="speaking", contribution=talk, status="won")
    services.add_opportunity(alice, title="Consulting", kind="project", contribution=talk)
    rows = {c.title: (c.followed, c.won) for c in contributions(alice)}
    assert rows == {"Scaling Postgres": (2, 1), "On queues": (0, 0)}
    assert [c.title for c in contributions(alice)] == ["On queues", "Scaling Postgres"]
    found = reputation(alice)
    assert (found.contributions, found.by_kind, found.followed, found.invitations, found.won) == (
        2, {"talk": 1, "article": 1}, 1, 2, 1)
    services.delete_contribution(article)
    services.delete_contribution(talk)
    assert Opportunity.objects.filter(owner=alice).count() == 2  # what followed stays, unlinked


def test_a_contribution_refuses_a_link_that_is_no_web_address_and_an_empty_title(alice):
    with pytest.raises(Invalid) as refused:
        services.add_contribution(alice, title="", url="not a link", kind="podcast")
    assert set(refused.value.errors) == {"title", "url", "kind"}


def test_the_lineage_hook_names_the_people_the_introduction_and_the_contribution(alice, cast):
    intro = introductions.propose(alice, cast["bo"], cast["cy"], reason="both work on search")
    talk = services.add_contribution(alice, title="Search at scale", audience="FOSDEM", day=date(2026, 2, 1))
    made = services.add_opportunity(alice, title="Search consultancy", kind="project",
                                    people=[(cast["ana"], "referrer")], introduction=intro, contribution=talk)
    steps = lineage_hook(made)
    assert [(s.kind, s.object_id, s.person_id) for s in steps] == [
        ("opportunity_person", cast["ana"].pk, cast["ana"].pk), ("introduction", intro.pk, None),
        ("contribution", talk.pk, None)]
    assert [s.text for s in steps] == [
        "came through Ana Lima (referred me)", "via your introduction of Bo Chen to Cy Diaz (proposed)",
        "after your talk “Search at scale” (FOSDEM)"]
    assert steps[2].day == "2026-02-01"


def test_an_opportunitys_lineage_runs_on_through_how_the_first_person_came_in(alice, cast):
    from netweave.people.services import new_origin, update_person

    update_person(cast["ana"], {"introduced_by": cast["bo"].pk}, origin=new_origin(alice, "web", "test"))
    made = services.add_opportunity(alice, title="Job", people=[(cast["ana"], "referrer")])
    lineage = opportunity_lineage(alice, made.pk)
    assert lineage.subject == {"kind": "opportunity", "id": made.pk, "name": "Job"}
    assert [s.kind for s in lineage.steps][:2] == ["opportunity_person", "introduced_by"]
    assert lineage.steps[1].text == "Bo Chen introduced you to Ana Lima"
    own = services.add_opportunity(alice, title="Talk", contribution=services.add_contribution(alice, title="T"))
    assert opportunity_lineage(alice, own.pk).root == "your own contribution"
    with pytest.raises(NotFound):
        opportunity_lineage(alice, 10**9)


def test_a_person_merged_into_another_moves_their_opportunity_links_along(alice, cast, origin):
    from netweave.people.merging import merge_people

    made = services.add_opportunity(alice, title="Job", people=[(cast["ana"], "referrer"), (cast["bo"], "contact")])
    merge_people(cast["ana"], cast["bo"], origin=origin)
    assert [(l.person_id, l.role) for l in came_through(Opportunity.objects.get(pk=made.pk))] == [
        (cast["ana"].pk, "referrer")]
    assert OpportunityPerson.objects.filter(opportunity=made).count() == 2


def test_ripple_finds_an_opportunitys_lineage_by_kind_and_its_hook_from_the_package(alice, cast):
    from netweave.opportunities import lineage_hook as package_hook
    from netweave.ripple.lineage import lineage_of

    made = services.add_opportunity(alice, title="Job", people=[(cast["ana"], "contact")])
    assert lineage_of(alice, "opportunity", made.pk).subject["id"] == made.pk
    assert [s.text for s in package_hook(made)] == ["came through Ana Lima (my contact there)"]
    with pytest.raises(NotFound):
        lineage_of(alice, "opportunity", 10**12)


def test_the_ripple_descendants_of_people_are_the_opportunities_they_brought(alice, bob, cast, origin):
    from netweave.opportunities.lineage import ripple_descendants
    from netweave.people.merging import merge_people

    job = services.add_opportunity(alice, title="Staff engineer", people=[(cast["ana"], "referrer"),
                                                                          (cast["bo"], "contact")])
    services.add_opportunity(alice, title="Talk", kind="speaking", status="won", people=[(cast["bo"], "referrer")])
    found = ripple_descendants(alice, [cast["ana"].pk, cast["bo"].pk, cast["cy"].pk])
    assert {pid: [n.name for n in nodes] for pid, nodes in found.items()} == {
        cast["ana"].pk: ["Staff engineer"], cast["bo"].pk: ["Staff engineer", "Talk"]}
    assert found[cast["bo"].pk][1].how == "brought you “Talk” (speaking; referred me; won)"
    merge_people(cast["ana"], cast["bo"], origin=origin)
    assert [n.id for n in ripple_descendants(alice, [cast["ana"].pk])[cast["ana"].pk]].count(job.pk) == 1
    assert ripple_descendants(bob, [cast["ana"].pk]) == {}


def test_a_lineage_puts_the_first_person_last_so_their_own_chain_follows_them(alice, cast):
    from netweave.people.services import new_origin, update_person

    update_person(cast["ana"], {"introduced_by": cast["cy"].pk}, origin=new_origin(alice, "web", "test"))
    talk = services.add_contribution(alice, title="Search at scale")
    made = services.add_opportunity(alice, title="Job", contribution=talk,
                                    people=[(cast["ana"], "referrer"), (cast["bo"], "contact")])
    assert [s.text for s in opportunity_lineage(alice, made.pk).steps][:4] == [
        "after your talk “Search at scale”", "came through Bo Chen (my contact there)",
        "came through Ana Lima (referred me)", "Cy Diaz introduced you to Ana Lima"]
    intro = introductions.propose(alice, cast["bo"], cast["cy"], reason="both work on search")
    only = services.add_opportunity(alice, title="Project", introduction=intro)
    lineage = opportunity_lineage(alice, only.pk)
    assert [s.kind for s in lineage.steps] == ["introduction"] and lineage.root == "your own idea: no ask behind it"
