"""The ripple tree page: a nested list of what descends from a person, and nobody else's."""

from __future__ import annotations

import pytest
from django.test import Client

from netweave.people.models import Person
from netweave.ripple.tests.support import make_introduction



def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def ana(alice, make_person):
    ana, bo, cy = make_person("Ana Lima"), make_person("Bo Chen"), make_person("Cy Diaz")
    Person.objects.filter(pk=bo.pk).update(introduced_by=ana)
    make_introduction(alice, ana, cy, outcome="met")
    return ana


def test_charlie_gets_404_for_alices_ripple(charlie, ana):
    assert client_for(charlie).get(f"/people/{ana.pk}/ripple/").status_code == 404


def test_the_page_lists_what_descends_as_a_nested_list(alice, ana):
    response = client_for(alice).get(f"/people/{ana.pk}/ripple/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ana Lima introduced you to Bo Chen" in page
    assert "you introduced Ana Lima to Cy Diaz: they met" in page
    assert "1 person and 1 introduction, 1 generation deep" in page


def test_a_nonsense_depth_falls_back_to_the_default(alice, ana):
    assert client_for(alice).get(f"/people/{ana.pk}/ripple/?depth=999").status_code == 200
    assert client_for(alice).get(f"/people/{ana.pk}/ripple/?depth=x").status_code == 200


def test_a_person_with_no_ripple_says_so(alice, make_person):
    lone = make_person("Lone Wolf")
    assert "Nothing descends from Lone Wolf yet" in client_for(alice).get(f"/people/{lone.pk}/ripple/").content.decode()


def test_logged_out_visitors_are_sent_to_log_in(client, ana):
    assert client.get(f"/people/{ana.pk}/ripple/").status_code == 302
