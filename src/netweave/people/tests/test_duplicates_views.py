"""The duplicates review queue and the merges page: what they show, what their buttons do, and that a
stranger reaches none of it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netweave.people.merging import merge_people
from netweave.people.models import DuplicateDismissal, Merge, Person
from netweave.people.services import new_origin


@pytest.fixture
def pair(make_person):
    ana = make_person("Ana Lima", emails=["ana@x.org"], organisation="Acme", title="CTO")
    other = make_person("Ana M. Lima", emails=["ANA@x.org"], phones=["+44 20 7946 0958"])
    return ana, other


@pytest.fixture
def merged(alice, make_person):
    kept, removed = make_person("Bo Chen"), make_person("Bo C.")
    merge_people(kept, removed, origin=new_origin(alice, "merge", "test"))
    return Merge.objects.get()


def test_the_queue_shows_each_pair_side_by_side_with_reasons_and_confidence(client, alice, pair):
    client.force_login(alice)
    page = client.get(reverse("people:duplicates")).content.decode()
    assert "same email ana@x.org" in page and "likely</strong>" in page
    assert "Ana Lima" in page and "Ana M. Lima" in page and "CTO, Acme" in page and "+44 20 7946 0958" in page
    assert f"Merge, keeping #{pair[0].pk}" in page and f"Merge, keeping #{pair[1].pk}" in page
    assert "Not the same person" in page


def test_the_people_list_links_to_the_queue_and_the_merges(client, alice):
    client.force_login(alice)
    page = client.get(reverse("people:list")).content.decode()
    assert reverse("people:duplicates") in page and reverse("people:merges") in page


def test_merging_from_the_queue_keeps_the_chosen_person_and_comes_back(client, alice, pair):
    ana, other = pair
    client.force_login(alice)
    response = client.post(reverse("people:duplicate_merge"), {"keep": other.pk, "remove": ana.pk, "page": "2"},
                           follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('people:duplicates')}?page=2"
    assert "Merged Ana Lima into Ana M. Lima" in response.content.decode()
    assert list(Person.objects.values_list("pk", flat=True)) == [other.pk]
    assert Merge.objects.get().kept_id == other.pk


def test_not_the_same_person_removes_the_pair_for_good(client, alice, pair):
    client.force_login(alice)
    response = client.post(reverse("people:duplicate_dismiss"), {"a": pair[1].pk, "b": pair[0].pk}, follow=True)
    assert "are not the same person" in response.content.decode()
    assert DuplicateDismissal.objects.filter(person_a=pair[0], person_b=pair[1]).exists()
    assert "No likely duplicates" in client.get(reverse("people:duplicates")).content.decode()


def test_with_htmx_a_dismissal_answers_with_the_card_that_replaces_the_pair(client, alice, pair):
    client.force_login(alice)
    response = client.post(reverse("people:duplicate_dismiss"), {"a": pair[0].pk, "b": pair[1].pk},
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response.content.decode().startswith('<article class="card">')
    assert "not the same person" in response.content.decode()


def test_dismissing_a_person_against_themselves_says_why(client, alice, pair):
    client.force_login(alice)
    response = client.post(reverse("people:duplicate_dismiss"), {"a": pair[0].pk, "b": pair[0].pk}, follow=True)
    assert "is the same person" in response.content.decode()
    assert not DuplicateDismissal.objects.exists()


def test_the_merges_page_lists_merges_and_undoes_one(client, alice, merged):
    client.force_login(alice)
    page = client.get(reverse("people:merges")).content.decode()
    assert "Bo C." in page and "Bo Chen" in page and reverse("people:merge_undo", args=[merged.pk]) in page
    response = client.post(reverse("people:merge_undo", args=[merged.pk]), follow=True)
    assert "two people again" in response.content.decode()
    assert sorted(Person.objects.values_list("display_name", flat=True)) == ["Bo C.", "Bo Chen"]
    assert "undone" in client.get(reverse("people:merges")).content.decode()


def test_an_undo_that_is_refused_says_why_on_the_merges_page(client, alice, merged):
    client.force_login(alice)
    client.post(reverse("people:merge_undo", args=[merged.pk]))
    response = client.post(reverse("people:merge_undo", args=[merged.pk]), follow=True)
    assert "Cannot undo: this merge was already undone" in response.content.decode()


def test_a_stranger_sees_none_of_the_pairs_or_merges(client, charlie, pair, merged):
    client.force_login(charlie)
    queue = client.get(reverse("people:duplicates"))
    merges = client.get(reverse("people:merges"))
    assert queue.status_code == merges.status_code == 200
    assert "Ana" not in queue.content.decode() and "Bo C" not in merges.content.decode()


def test_a_stranger_gets_404_for_every_button_and_nothing_changes(client, charlie, pair, merged):
    ana, other = pair
    client.force_login(charlie)
    assert client.post(reverse("people:duplicate_merge"), {"keep": ana.pk, "remove": other.pk}).status_code == 404
    assert client.post(reverse("people:duplicate_dismiss"), {"a": ana.pk, "b": other.pk}).status_code == 404
    assert client.post(reverse("people:merge_undo", args=[merged.pk])).status_code == 404
    assert Person.objects.filter(pk__in=[ana.pk, other.pk]).count() == 2
    assert not DuplicateDismissal.objects.exists()
    merged.refresh_from_db()
    assert merged.undone_at is None and not Person.objects.filter(display_name="Bo C.").exists()


def test_the_pages_need_a_login_and_the_buttons_a_post(client, alice, merged):
    assert client.get(reverse("people:duplicates")).status_code == 302
    client.force_login(alice)
    assert client.get(reverse("people:duplicate_merge")).status_code == 405
    assert client.get(reverse("people:merge_undo", args=[merged.pk])).status_code == 405
