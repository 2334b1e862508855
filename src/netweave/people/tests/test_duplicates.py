"""The duplicates scan: which pairs it offers, how sure it is and why, and the pairs it never offers again."""

from __future__ import annotations

import pytest

from netweave.core.errors import Invalid
from netweave.people.duplicates import dismiss, scan
from netweave.people.models import DuplicateDismissal
from netweave.people.services import archive_person


def _pair(found, a, b):
    """The candidate for two people, or None."""
    low, high = sorted((a.pk, b.pk))
    return next((c for c in found if (c.a, c.b) == (low, high)), None)


def test_a_shared_email_makes_a_likely_pair_and_says_which(alice, make_person):
    ana, other = make_person("Ana Lima", emails=["ana@x.org"]), make_person("Ana L.", emails=["ANA@x.org"])
    [found] = scan(alice)
    assert (found.a, found.b) == (ana.pk, other.pk)
    assert found.reasons[0] == "same email ana@x.org"
    assert found.confidence >= 0.9


def test_a_shared_phone_number_however_written_is_a_reason(alice, make_person):
    a, b = make_person("Ana Lima", phones=["+44 20 7946 0958"]), make_person("A Lima", phones=["+44 (0)20 7946 0958"])
    found = _pair(scan(alice), a, b)
    assert "same phone +44 20 7946 0958" in found.reasons


def test_the_same_linkedin_profile_is_a_reason_whatever_the_url_looked_like(alice, make_person):
    a = make_person("Ana Lima", urls=["https://www.linkedin.com/in/ana-lima/"])
    b = make_person("Ana L.", urls=["linkedin.com/in/Ana-Lima?trk=x"])
    found = _pair(scan(alice), a, b)
    assert found.reasons == ("same LinkedIn profile",) and found.confidence == 0.9


def test_a_shared_website_other_than_linkedin_is_not_a_reason(alice, make_person):
    make_person("Ana Lima", urls=["https://acme.example"])
    make_person("Bo Chen", urls=["https://acme.example"])
    assert scan(alice) == []


def test_alike_names_at_the_same_organisation_are_likelier_than_at_different_ones(alice, make_person):
    a = make_person("Katarzyna Nowak", organisation="Acme")
    b = make_person("Katarzyna Nowack", organisation="Acme")
    c = make_person("Katarzyna Nowakk", organisation="Globex")
    found = scan(alice)
    same, different = _pair(found, a, b), _pair(found, a, c)
    assert same.reasons == ("names 97% alike, both at Acme",)
    assert same.confidence > different.confidence
    assert different.reasons == ("names 97% alike",)


def test_names_with_or_without_accents_and_in_another_order_are_the_same_name(alice, make_person, origin):
    from netweave.people.services import update_person

    a, b = make_person("José Müller"), make_person("Muller, Jose")
    c = make_person("Müller José")
    update_person(c, {"given_name": "Müller", "family_name": "José"}, origin=origin)
    found = scan(alice)
    assert _pair(found, a, b).reasons == ("same name",)
    assert _pair(found, a, c).reasons == ("same name in another order",)


def test_an_initial_or_a_missing_middle_name_may_be_short_for_the_full_name(alice, make_person):
    john, j = make_person("John Smith"), make_person("J. Smith")
    ana, full = make_person("Ana Lima"), make_person("Ana Maria Lima")
    found = scan(alice)
    assert _pair(found, john, j).reasons == ("J. Smith may be short for John Smith",)
    assert _pair(found, ana, full).reasons == ("Ana Lima may be short for Ana Maria Lima",)


def test_different_names_without_shared_values_are_not_offered(alice, make_person):
    make_person("Ana Lima")
    make_person("Bo Chen")
    make_person("Ana Souza")
    make_person("Yu Zhou")
    make_person("Yu Zhao", organisation="Acme")
    assert scan(alice) == []


def test_two_people_sharing_an_inbox_under_different_names_are_offered_with_doubt(alice, make_person):
    a, b = make_person("Ana Lima", emails=["family@x.org"]), make_person("Bo Chen", emails=["family@x.org"])
    found = _pair(scan(alice), a, b)
    assert found.reasons == ("same email family@x.org", "though the names differ")
    assert found.confidence < 0.9


def test_a_value_many_people_share_is_a_team_inbox_not_a_reason(alice, make_person):
    for name in ("Ana Lima", "Bo Chen", "Cy Diaz", "Di Eze", "Ed Fox"):
        make_person(name, emails=["info@acme.example"])
    assert scan(alice) == []


def test_several_reasons_add_up_and_pairs_come_most_likely_first(alice, make_person):
    a = make_person("Ana Lima", emails=["ana@x.org"], organisation="Acme")
    b = make_person("Ana Lima", emails=["ana@x.org"], organisation="Acme")
    c, d = make_person("Bo Chen", organisation="Acme"), make_person("Bo Chen", organisation="Globex")
    found = scan(alice)
    assert [(x.a, x.b) for x in found] == [(a.pk, b.pk), (c.pk, d.pk)]
    assert found[0].reasons == ("same email ana@x.org", "same name, both at Acme")
    assert found[0].confidence > 0.95 > found[1].confidence


def test_archived_people_and_other_users_people_are_left_out(alice, bob, make_person):
    a = make_person("Ana Lima", emails=["ana@x.org"])
    archive_person(make_person("Ana Lima", emails=["ana@x.org"]))
    make_person("Ana Lima", owner=bob, emails=["ana@x.org"])
    assert scan(alice) == [] and len(scan(bob)) == 0
    assert a.owner == alice


def test_a_dismissed_pair_never_comes_back_whichever_way_round_it_was_dismissed(alice, make_person):
    a, b = make_person("Ana Lima", emails=["ana@x.org"]), make_person("Ana Lima", emails=["ana@x.org"])
    c = make_person("Ana Lima")
    dismiss(alice, b, a)
    found = scan(alice)
    assert _pair(found, a, b) is None
    assert _pair(found, a, c) is not None and _pair(found, b, c) is not None
    dismissal = DuplicateDismissal.objects.get()
    assert (dismissal.person_a_id, dismissal.person_b_id) == (a.pk, b.pk)
    dismiss(alice, a, b)  # again: still one row
    assert DuplicateDismissal.objects.count() == 1


def test_dismissing_a_person_against_themselves_or_someone_elses_person_is_refused(alice, bob, make_person):
    a, theirs = make_person("Ana Lima"), make_person("Ana Lima", owner=bob)
    with pytest.raises(Invalid, match="same person"):
        dismiss(alice, a, a)
    with pytest.raises(Invalid, match="no such person"):
        dismiss(alice, a, theirs)
    assert not DuplicateDismissal.objects.exists()


def test_the_remembered_scan_sees_every_change_that_matters(alice, make_person):
    from netweave.people.duplicates import scan_cached
    from netweave.people.services import new_origin, update_person

    make_person("Ana Lima", emails=["ana@x.org"])
    other = make_person("Ana Lima", emails=["ana@y.org"])
    assert len(scan_cached(alice)) == 1
    make_person("Bo Chen", phones=["+44 20 7946 0001"])
    fourth = make_person("Cy Doe", phones=["+44 20 7946 0001"])
    assert scan_cached(alice) == scan(alice) and len(scan(alice)) == 2
    update_person(fourth, {"phones": []}, origin=new_origin(alice, "web"))
    assert scan_cached(alice) == scan(alice) and len(scan(alice)) == 1
    archive_person(other)
    assert scan_cached(alice) == scan(alice) == []
