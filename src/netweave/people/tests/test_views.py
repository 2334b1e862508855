"""The people pages: what each one shows, and that nobody but the owner sees anything."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netweave.people.models import Affiliation, Person, Tie
from netweave.people.services import add_affiliation, link_people


@pytest.fixture
def ana(make_person):
    return make_person("Ana Lima", emails=["ana@tidewater.example"], organisation="Tidewater", title="CTO",
                       tags=["climate"], notes="Cares about her team's growth.")


@pytest.fixture
def bo(make_person):
    return make_person("Bo Chen")


def _pages(person, tie, affiliation):
    org = person.current_organisation_id
    return {
        "get": [
            reverse("people:detail", args=[person.pk]),
            reverse("people:edit", args=[person.pk]),
            reverse("people:photo", args=[person.pk]),
            reverse("people:org", args=[org]),
            reverse("interactions:timeline", args=[person.pk]),
        ],
        "post": [
            reverse("people:edit", args=[person.pk]),
            reverse("people:archive", args=[person.pk]),
            reverse("people:affiliation_add", args=[person.pk]),
            reverse("people:tie_add", args=[person.pk]),
            reverse("people:affiliation_end", args=[affiliation.pk]),
            reverse("people:tie_delete", args=[tie.pk]),
            reverse("people:org", args=[org]),
        ],
    }


def test_a_stranger_gets_404_for_every_page_of_someone_elses_person(client, charlie, ana, bo):
    tie = link_people(ana.owner, ana, bo, "colleague")
    affiliation = Affiliation.objects.get(person=ana)
    client.force_login(charlie)
    pages = _pages(ana, tie, affiliation)
    for url in pages["get"]:
        assert client.get(url).status_code == 404, url
    for url in pages["post"]:
        assert client.post(url, {"display_name": "Hacked", "organisation": "X", "other": "Bo Chen",
                                 "kind": "friend", "name": "X"}).status_code == 404, url
    ana.refresh_from_db()
    assert ana.display_name == "Ana Lima" and not ana.archived
    assert Tie.objects.filter(pk=tie.pk).exists()
    assert Affiliation.objects.get(pk=affiliation.pk).end is None


def test_a_stranger_sees_none_of_someone_elses_people_in_lists(client, charlie, ana):
    client.force_login(charlie)
    assert "Ana Lima" not in client.get(reverse("people:list")).content.decode()
    assert "Ana Lima" not in client.get(reverse("people:list") + "?q=ana").content.decode()
    assert "Tidewater" not in client.get(reverse("people:orgs")).content.decode()
    assert "Ana Lima" not in client.get(reverse("home")).content.decode()


def test_pages_need_a_login(client, ana):
    for url in (reverse("home"), reverse("people:list"), reverse("people:detail", args=[ana.pk])):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_person_page_shows_profile_job_history_ties_and_timeline(client, alice, ana, bo):
    from netweave.interactions.services import log_interaction
    from netweave.interactions.when import parse_when

    link_people(alice, ana, bo, "mentor", evidence="She coached him at Tidewater")
    log_interaction(alice, kind="call", occurred_at=parse_when("yesterday"), participants=[ana, bo],
                    summary="Call about the data platform")
    client.force_login(alice)
    html = client.get(reverse("people:detail", args=[ana.pk])).content.decode()
    for text in ("Ana Lima", "ana@tidewater.example", "CTO", "Tidewater", "climate", "mentor of", "Bo Chen",
                 "Call about the data platform", "Cares about her team"):
        assert text in html, text


def test_the_people_list_searches_and_filters(client, alice, make_person):
    make_person("José Álvarez", circle="close", tags=["investor"])
    make_person("Joanna Smith", organisation="Acme")
    make_person("Wei Zhang")
    client.force_login(alice)
    url = reverse("people:list")
    assert "José Álvarez" in client.get(url + "?q=jose").content.decode()
    assert "Wei Zhang" not in client.get(url + "?q=jose").content.decode()
    assert "José Álvarez" in client.get(url + "?circle=close").content.decode()
    assert "Joanna Smith" not in client.get(url + "?circle=close").content.decode()
    assert "José Álvarez" in client.get(url + "?tag=Investor").content.decode()
    assert "Joanna Smith" in client.get(url + "?org=acme").content.decode()
    partial = client.get(url + "?q=wei", headers={"HX-Request": "true", "HX-Target": "results"}).content.decode()
    assert "Wei Zhang" in partial and "<html" not in partial


def test_the_people_list_pages_through_many_people(client, alice, make_person):
    from netweave.people.services import new_origin

    origin = new_origin(alice, "demo")
    Person.objects.bulk_create([Person(owner=alice, display_name=f"Person {i:03d}") for i in range(120)])
    client.force_login(alice)
    html = client.get(reverse("people:list") + "?page=3").content.decode()
    assert "Page 3 of 3" in html and "Person 119" in html and "Person 000" not in html
    assert origin.kind == "demo"


def test_hostile_search_text_is_harmless(client, alice, make_person):
    make_person("Ana Lima")
    client.force_login(alice)
    for q in ('"', "%", "_", "*", "a' OR 1=1 --", "NEAR(", "王伟", "x" * 5000, "(ana) AND"):
        assert client.get(reverse("people:list"), {"q": q}).status_code == 200


def test_adding_a_person_with_an_existing_email_offers_a_merge(client, alice, ana):
    client.force_login(alice)
    form = {"display_name": "Ana L.", "emails": "ANA@tidewater.example\nana.personal@example.com", "circle": ""}
    response = client.post(reverse("people:new"), form)
    assert response.status_code == 200
    assert "already belongs to" in response.content.decode()
    assert Person.objects.filter(owner=alice).count() == 1

    response = client.post(reverse("people:new"), {**form, "on_duplicate": str(ana.pk)})
    assert response.status_code == 302
    assert Person.objects.filter(owner=alice).count() == 1
    assert {e.address for e in Person.objects.get(pk=ana.pk).emails.all()} == {
        "ana@tidewater.example", "ana.personal@example.com"}


def test_invalid_email_and_phone_are_reported_on_their_fields_and_nothing_is_saved(client, alice):
    client.force_login(alice)
    response = client.post(reverse("people:new"), {"display_name": "Dana", "emails": "dana-at-example",
                                                   "phones": "call me maybe", "circle": ""})
    form = response.context["form"]
    assert "emails" in form.errors and "phones" in form.errors
    assert not Person.objects.filter(owner=alice).exists()


def test_editing_keeps_address_parts_the_text_box_cannot_show(client, alice, ana):
    from netweave.people.services import new_origin, update_person

    update_person(ana, {"addresses": [{"label": "home", "street": "Rua Augusta 12", "locality": "Lisboa",
                                       "postcode": "1100-053", "country": "Portugal"}]},
                  origin=new_origin(alice, "web"))
    client.force_login(alice)
    form = client.get(reverse("people:edit", args=[ana.pk])).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data["location"] = "Lisbon"
    assert client.post(reverse("people:edit", args=[ana.pk]), data).status_code == 302
    address = Person.objects.get(pk=ana.pk).addresses.get()
    assert (address.locality, address.postcode) == ("Lisboa", "1100-053")


def test_job_history_and_ties_are_edited_from_the_person_page(client, alice, ana, bo):
    client.force_login(alice)
    client.post(reverse("people:affiliation_add", args=[ana.pk]),
                {"organisation": "Oakleaf", "title": "VP Engineering", "start": "2026-01-05"})
    ana.refresh_from_db()
    assert (ana.current_organisation.name, ana.current_title) == ("Oakleaf", "VP Engineering")
    client.post(reverse("people:tie_add", args=[ana.pk]), {"other": "bo chen", "kind": "friend"})
    assert Tie.objects.filter(owner=alice, kind="friend").count() == 1
    add_affiliation(bo, "Oakleaf", title="Engineer")
    assert "Bo Chen" in client.get(reverse("people:org", args=[ana.current_organisation_id])).content.decode()


def test_a_stored_javascript_url_is_shown_as_text_not_as_a_link(client, alice, make_person):
    person = make_person("Mallory", urls=["javascript://example.com/%0Aalert(1)", "example.org/me", "http://ok.example"])
    client.force_login(alice)
    html = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert 'href="javascript' not in html
    assert 'href="https://example.org/me"' in html and 'href="http://ok.example"' in html


def test_the_people_list_counts_a_plan_as_contact_once_its_time_has_passed(client, alice, make_person):
    from datetime import timedelta

    from django.utils import timezone

    from netweave.interactions.models import Interaction, Participation
    from netweave.interactions.services import log_interaction

    ana = make_person("Ana Lima")
    plan = log_interaction(alice, kind="meeting", occurred_at=timezone.now() + timedelta(hours=1),
                           participants=[ana], summary="Lunch")
    assert Person.objects.get(pk=ana.pk).last_contact_at is None
    past = timezone.now() - timedelta(minutes=5)  # the hour goes by
    Interaction.objects.filter(pk=plan.pk).update(occurred_at=past)
    Participation.objects.filter(interaction=plan).update(occurred_at=past)
    Person.objects.filter(pk=ana.pk).update(next_plan_at=past)
    client.force_login(alice)
    assert "never" not in client.get(reverse("people:list")).content.decode()
    assert Person.objects.get(pk=ana.pk).last_contact_at == past
