"""The circle list is the user's own: add, rename, reorder and remove circles."""

from __future__ import annotations

import pytest
from django.urls import reverse

from netweave.core.errors import Invalid
from netweave.people.circles import add_circle, change_circle, circles_with_counts, remove_circle
from netweave.people.models import Circle, Person


def test_a_new_circle_goes_last_and_can_hold_people(alice, make_person):
    board = add_circle(alice, "  Board  members ")
    assert board.name == "Board members"
    assert [c.name for c in circles_with_counts(alice)] == ["inner", "close", "active", "wide", "Board members"]
    make_person("Ana Lima", circle="board members")
    assert circles_with_counts(alice).get(pk=board.pk).people_count == 1


def test_a_circle_name_must_be_new_and_not_blank(alice):
    for bad in ("", "   ", "Inner", "x" * 61):
        with pytest.raises(Invalid) as caught:
            add_circle(alice, bad)
        assert "name" in caught.value.errors
    with pytest.raises(Invalid) as caught:
        add_circle(alice, "alumni", position=-1)
    assert "position" in caught.value.errors


def test_renaming_and_reordering_keep_the_people_in_it(alice, make_person):
    ana = make_person("Ana Lima", circle="close")
    close = Circle.objects.get(owner=alice, name="close")
    change_circle(close, name="Close friends", position=0)
    assert Person.objects.get(pk=ana.pk).circle.name == "Close friends"
    with pytest.raises(Invalid):
        change_circle(close, name="wide")


def test_removing_a_circle_keeps_its_people_in_no_circle(alice, make_person):
    ana = make_person("Ana Lima", circle="wide")
    assert remove_circle(Circle.objects.get(owner=alice, name="wide")) == 1
    assert Person.objects.get(pk=ana.pk).circle is None


def test_circles_of_another_user_are_separate(alice, bob):
    add_circle(bob, "Bob's crew")
    assert "Bob's crew" not in [c.name for c in circles_with_counts(alice)]
    add_circle(alice, "Bob's crew")  # the same name is fine for another owner


def test_the_circles_page_edits_the_list(client, alice, make_person):
    client.force_login(alice)
    assert client.post(reverse("people:circles"), {"name": "Alumni"}).status_code == 302
    alumni = Circle.objects.get(owner=alice, name="Alumni")
    client.post(reverse("people:circle", args=[alumni.pk]), {"name": "Old classmates", "position": "9"})
    assert Circle.objects.get(pk=alumni.pk).name == "Old classmates"
    html = client.get(reverse("people:circles")).content.decode()
    assert "Old classmates" in html
    response = client.post(reverse("people:circles"), {"name": "inner"})
    assert "already a circle" in response.content.decode()
    client.post(reverse("people:circle_remove", args=[alumni.pk]))
    assert not Circle.objects.filter(pk=alumni.pk).exists()


def test_a_stranger_gets_404_for_someone_elses_circle(client, alice, charlie):
    close = Circle.objects.get(owner=alice, name="close")
    client.force_login(charlie)
    assert client.post(reverse("people:circle", args=[close.pk]), {"name": "mine", "position": "1"}).status_code == 404
    assert client.post(reverse("people:circle_remove", args=[close.pk])).status_code == 404
    assert 'value="close"' not in client.get(reverse("people:circles")).content.decode()
    assert Circle.objects.get(pk=close.pk).name == "close"
