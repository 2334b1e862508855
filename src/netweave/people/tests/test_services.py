"""people.services against a real database: creating, changing and archiving people."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from netweave.core.errors import Duplicate, Invalid
from netweave.people import services
from netweave.people.models import Email, FieldOrigin, Person, Phone, Url
from netweave.people.tests.support import rows
from netweave.people.services import add_affiliation, archive_person, create_person, new_origin, update_person


# ---------------------------------------------------------------- create_person: names


def test_it_derives_name_parts_from_a_display_name(alice, origin):
    ana = create_person(alice, {"display_name": "Dr. Ana Maria Lima Jr."}, origin=origin)
    assert (ana.prefix, ana.given_name, ana.middle_name, ana.family_name, ana.suffix) == (
        "Dr.", "Ana", "Maria", "Lima", "Jr.")


def test_it_derives_the_display_name_from_name_parts(alice, origin):
    ana = create_person(alice, {"given_name": "Ana", "middle_name": "Maria", "family_name": "Lima"}, origin=origin)
    assert ana.display_name == "Ana Maria Lima"


def test_it_collapses_whitespace_in_names_but_keeps_line_breaks_in_notes(alice, origin):
    ana = create_person(alice, {"display_name": "  Ana \t Lima ", "notes": " line one\nline two \n"}, origin=origin)
    assert ana.display_name == "Ana Lima"
    assert ana.notes == "line one\nline two"


def test_it_refuses_a_person_without_a_name_and_writes_nothing(alice, origin):
    before = rows()
    with pytest.raises(Invalid) as caught:
        create_person(alice, {"emails": ["ana@example.com"]}, origin=origin)
    assert "display_name" in caught.value.errors
    assert rows() == before


# ---------------------------------------------------------------- create_person: contact values


def test_it_stores_labelled_emails_phones_urls_and_addresses_in_order(alice, origin):
    ana = create_person(alice, {
        "display_name": "Ana Lima",
        "emails": [{"address": "ana@work.example", "label": "work"}, {"address": "ana@home.example", "label": "home"}],
        "phones": [{"number": "+351 912 345 678", "label": "mobile"}],
        "urls": [{"url": "https://www.linkedin.com/in/ana-lima/", "label": "LinkedIn"}],
        "addresses": [{"label": "home", "street": "Rua Augusta 1", "locality": "Lisboa", "postcode": "1100-048",
                       "country": "Portugal"}],
    }, origin=origin)
    assert [(e.address, e.label) for e in ana.emails.all()] == [("ana@work.example", "work"),
                                                                 ("ana@home.example", "home")]
    assert [(p.raw, p.e164, p.label) for p in ana.phones.all()] == [("+351 912 345 678", "+351912345678", "mobile")]
    url = ana.urls.get()
    assert (url.url, url.key, url.label, url.is_linkedin) == (
        "https://www.linkedin.com/in/ana-lima/", "linkedin.com/in/ana-lima", "LinkedIn", True)
    address = ana.addresses.get()
    assert (address.label, address.street, address.locality, address.country) == (
        "home", "Rua Augusta 1", "Lisboa", "Portugal")


def test_it_stores_the_lower_cased_key_of_each_email_for_matching(alice, origin):
    ana = create_person(alice, {"display_name": "Ana", "emails": ["Ana.Lima@EXAMPLE.com"]}, origin=origin)
    email = ana.emails.get()
    assert (email.address, email.key) == ("Ana.Lima@example.com", "ana.lima@example.com")


def test_it_keeps_a_number_without_country_code_raw_when_no_region_is_set(alice, origin, settings):
    settings.NETWEAVE_DEFAULT_REGION = None
    ana = create_person(alice, {"display_name": "Ana", "phones": ["020 7946 0958"]}, origin=origin)
    phone = ana.phones.get()
    assert (phone.raw, phone.e164) == ("020 7946 0958", "")
    assert str(phone) == "020 7946 0958"


def test_it_normalises_a_number_without_country_code_in_the_default_region(alice, origin, settings):
    settings.NETWEAVE_DEFAULT_REGION = "GB"
    ana = create_person(alice, {"display_name": "Ana", "phones": ["020 7946 0958"]}, origin=origin)
    phone = ana.phones.get()
    assert (phone.raw, phone.e164) == ("020 7946 0958", "+442079460958")


def test_it_refuses_an_invalid_email_naming_the_field_and_writes_nothing(alice, origin):
    before = rows()
    with pytest.raises(Invalid) as caught:
        create_person(alice, {"display_name": "Ana", "emails": ["ana-at-example"], "tags": ["x"]}, origin=origin)
    assert list(caught.value.errors) == ["emails[0]"]
    assert rows() == before


def test_it_refuses_an_invalid_phone_naming_its_position(alice, origin):
    with pytest.raises(Invalid) as caught:
        create_person(alice, {"display_name": "Ana", "phones": ["+44 20 7946 0958", "not a phone"]}, origin=origin)
    assert list(caught.value.errors) == ["phones[1]"]


def test_it_keeps_one_row_when_the_same_phone_or_url_is_given_twice(alice, origin):
    ana = create_person(alice, {
        "display_name": "Ana",
        "phones": ["+44 20 7946 0958", "+44 (0)20 7946 0958"],
        "urls": ["https://linkedin.com/in/ana", "https://www.linkedin.com/in/ana/"],
    }, origin=origin)
    assert ana.phones.count() == 1
    assert ana.urls.count() == 1


# ---------------------------------------------------------------- create_person: duplicates


def test_a_second_person_with_an_existing_email_is_refused_naming_the_existing_person(alice, origin, make_person):
    ana = make_person("Ana Lima", emails=["ana@example.com"])
    before = rows()
    with pytest.raises(Duplicate) as caught:
        create_person(alice, {"display_name": "A. Lima", "emails": ["other@example.com", "ANA@example.com"]},
                      origin=origin)
    assert caught.value.field == "emails"
    assert caught.value.existing == [ana]
    assert "Ana Lima" in str(caught.value)
    assert rows() == before


def test_allow_duplicate_creates_the_second_person_anyway(alice, origin, make_person):
    make_person("Ana Lima", emails=["ana@example.com"])
    twin = create_person(alice, {"display_name": "A. Lima", "emails": ["ana@example.com"]}, origin=origin,
                         allow_duplicate=True)
    assert Email.objects.filter(owner=alice, key="ana@example.com").count() == 2
    assert twin.emails.get().address == "ana@example.com"


def test_someone_who_already_shares_an_email_can_still_be_edited(alice, origin, make_person):
    make_person("Ana Lima", emails=["ana@example.com"])
    twin = create_person(alice, {"display_name": "A. Lima", "emails": ["ana@example.com"]}, origin=origin,
                         allow_duplicate=True)
    update_person(twin, {"emails": ["ANA@example.com", "a.lima@work.example"], "location": "Porto"}, origin=origin)
    assert sorted(e.key for e in twin.emails.all()) == ["a.lima@work.example", "ana@example.com"]
    assert twin.location == "Porto"


def test_an_edit_adding_an_email_someone_else_has_is_still_a_duplicate(alice, origin, make_person):
    ana = make_person("Ana Lima", emails=["ana@example.com"])
    bo = make_person("Bo Chen", emails=["bo@example.com"])
    with pytest.raises(Duplicate) as caught:
        update_person(bo, {"emails": ["bo@example.com", "ana@example.com"]}, origin=origin)
    assert caught.value.existing == [ana]
    assert [e.address for e in Email.objects.filter(person=bo)] == ["bo@example.com"]


def test_another_users_person_with_the_same_email_is_no_duplicate(alice, bob, origin, make_person):
    make_person("Ana Lima", owner=bob, emails=["ana@example.com"])
    ana = create_person(alice, {"display_name": "Ana Lima", "emails": ["ana@example.com"]}, origin=origin)
    assert ana.owner == alice


# ---------------------------------------------------------------- update_person


def test_a_partial_update_changes_only_the_fields_given(alice, origin, make_person):
    ana = make_person("Ana Lima", notes="old", location="Lisbon", emails=["ana@example.com"], tags=["x"],
                      birthday="1990-01-05", circle="close")
    update_person(ana, {"notes": "new"}, origin=origin)
    ana = Person.objects.get(pk=ana.pk)
    assert (ana.display_name, ana.given_name, ana.family_name, ana.notes, ana.location, ana.birthday,
            ana.circle.name) == ("Ana Lima", "Ana", "Lima", "new", "Lisbon", "1990-01-05", "close")
    assert [e.address for e in ana.emails.all()] == ["ana@example.com"]
    assert [t.name for t in ana.tags.all()] == ["x"]


def test_changing_one_name_part_keeps_the_display_name_and_the_other_parts(alice, origin, make_person):
    ana = make_person("Ana Lima")
    update_person(ana, {"family_name": "Silva"}, origin=origin)
    ana = Person.objects.get(pk=ana.pk)
    assert (ana.display_name, ana.given_name, ana.family_name) == ("Ana Lima", "Ana", "Silva")


def test_changing_the_display_name_splits_it_again_but_keeps_the_nickname(alice, origin, make_person):
    ana = make_person("Ana Lima", nickname="Aninha")
    update_person(ana, {"display_name": "Ana Silva"}, origin=origin)
    ana = Person.objects.get(pk=ana.pk)
    assert (ana.display_name, ana.given_name, ana.family_name, ana.nickname) == ("Ana Silva", "Ana", "Silva", "Aninha")


def test_an_update_through_a_stale_object_keeps_what_others_wrote_since(alice, origin, make_person):
    from netweave.interactions.services import log_interaction

    ana = make_person("Ana Lima")                        # this object does not see what follows
    when = timezone.now() - timedelta(days=2)
    log_interaction(alice, kind="call", occurred_at=when, participants=[ana], summary="Call")
    add_affiliation(Person.objects.get(pk=ana.pk), "Acme", title="CTO")
    update_person(ana, {"notes": "new"}, origin=origin)
    fresh = Person.objects.get(pk=ana.pk)
    assert fresh.last_contact_at == when
    assert (fresh.current_organisation.name, fresh.current_title) == ("Acme", "CTO")
    assert (ana.last_contact_at, ana.notes) == (when, "new")


def test_replacing_emails_keeps_unchanged_rows_and_removes_dropped_ones(alice, origin, make_person):
    ana = make_person("Ana", emails=["keep@example.com", "drop@example.com"])
    keep = ana.emails.get(key="keep@example.com")
    cli = new_origin(alice, "cli", "edit")
    update_person(ana, {"emails": ["new@example.com", "KEEP@example.com"]}, origin=cli)
    rows_now = {e.key: e for e in Email.objects.filter(person=ana)}
    assert set(rows_now) == {"keep@example.com", "new@example.com"}
    assert rows_now["keep@example.com"].id == keep.id
    assert rows_now["keep@example.com"].origin == origin
    assert rows_now["new@example.com"].origin == cli
    assert [e.key for e in ana.emails.all()] == ["new@example.com", "keep@example.com"]


def test_replacing_phones_matches_rows_by_their_normalised_number(alice, origin, make_person):
    ana = make_person("Ana", phones=["+44 20 7946 0958"])
    row = ana.phones.get()
    update_person(ana, {"phones": [{"number": "+44 (0)20 7946 0958", "label": "work"}]}, origin=origin)
    updated = Phone.objects.get(person=ana)
    assert (updated.id, updated.label, updated.raw) == (row.id, "work", "+44 (0)20 7946 0958")


def test_updating_with_the_same_two_links_keeps_both(alice, origin, make_person):
    ana = make_person("Ana", urls=["https://www.youtube.com/watch?v=aaa", "https://www.youtube.com/watch?v=bbb"])
    update_person(ana, {"urls": ["https://www.youtube.com/watch?v=aaa", "https://www.youtube.com/watch?v=bbb"]},
                  origin=origin)
    assert sorted(u.url for u in ana.urls.all()) == ["https://www.youtube.com/watch?v=aaa",
                                                     "https://www.youtube.com/watch?v=bbb"]


def test_an_empty_list_removes_every_value_of_that_kind(alice, origin, make_person):
    ana = make_person("Ana", emails=["a@example.com"], phones=["+351912345678"])
    update_person(ana, {"emails": []}, origin=origin)
    assert ana.emails.count() == 0
    assert ana.phones.count() == 1


def test_an_update_refuses_an_email_that_belongs_to_another_person(alice, origin, make_person):
    ana = make_person("Ana", emails=["ana@example.com"])
    bo = make_person("Bo", emails=["bo@example.com"])
    with pytest.raises(Duplicate) as caught:
        update_person(bo, {"emails": ["bo@example.com", "Ana@Example.com"], "notes": "x"}, origin=origin)
    assert caught.value.existing == [ana]
    assert [e.address for e in Person.objects.get(pk=bo.pk).emails.all()] == ["bo@example.com"]
    assert Person.objects.get(pk=bo.pk).notes == ""


def test_an_update_may_keep_the_persons_own_emails(alice, origin, make_person):
    ana = make_person("Ana", emails=["ana@example.com"])
    update_person(ana, {"emails": ["ana@example.com", "ana2@example.com"]}, origin=origin)
    assert ana.emails.count() == 2


def test_an_archived_persons_email_does_not_block_a_new_person(alice, origin, make_person):
    old = make_person("Ana (old)", emails=["ana@example.com"])
    archive_person(old)
    create_person(alice, {"display_name": "Ana", "emails": ["ana@example.com"]}, origin=origin)


def test_a_person_cannot_introduce_themselves(alice, origin, make_person):
    ana = make_person("Ana", notes="before")
    with pytest.raises(Invalid) as caught:
        update_person(ana, {"introduced_by": ana.id, "notes": "after"}, origin=origin)
    assert "introduced_by" in caught.value.errors
    fresh = Person.objects.get(pk=ana.pk)
    assert (fresh.introduced_by, fresh.notes) == (None, "before")
    assert (ana.introduced_by, ana.notes) == (None, "before")


def test_an_introducer_is_recorded(alice, origin, make_person):
    bo = make_person("Bo")
    ana = make_person("Ana", introduced_by=bo.id)
    assert ana.introduced_by == bo
    assert list(bo.introduced.all()) == [ana]


def test_an_update_that_fails_half_way_writes_nothing(alice, origin, make_person, monkeypatch):
    ana = make_person("Ana Lima", notes="before", emails=["a@example.com"], tags=["old"])

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "set_tags", broken)
    with pytest.raises(RuntimeError):
        update_person(ana, {"notes": "after", "emails": ["b@example.com"], "tags": ["new"]}, origin=origin)
    fresh = Person.objects.get(pk=ana.pk)
    assert fresh.notes == "before"
    assert [e.address for e in fresh.emails.all()] == ["a@example.com"]
    assert [t.name for t in fresh.tags.all()] == ["old"]
    assert not FieldOrigin.objects.filter(person=ana, field="notes").exclude(origin=origin).exists()


def test_an_invalid_update_writes_nothing(alice, origin, make_person):
    ana = make_person("Ana Lima", notes="before")
    before = rows()
    with pytest.raises(Invalid):
        update_person(ana, {"notes": "after", "birthday": "2023-02-29"}, origin=origin)
    assert rows() == before
    assert Person.objects.get(pk=ana.pk).notes == "before"


def test_extra_values_are_added_to_not_replaced(alice, origin, make_person):
    ana = make_person("Ana", extra={"x-twitter": "@ana"})
    update_person(ana, {"extra": {"x-mastodon": "@ana@example.social"}}, origin=origin)
    assert ana.extra == {"x-twitter": "@ana", "x-mastodon": "@ana@example.social"}


def test_a_new_title_alone_changes_the_current_role(alice, origin, make_person):
    ana = make_person("Ana", organisation="Acme", title="Engineer")
    update_person(ana, {"title": "CTO"}, origin=origin)
    assert (ana.current_organisation.name, ana.current_title) == ("Acme", "CTO")
    assert ana.affiliations.get().title == "CTO"


def test_a_new_organisation_adds_an_affiliation_and_keeps_the_old_one(alice, origin, make_person):
    ana = make_person("Ana", organisation="Acme", title="Engineer")
    update_person(ana, {"organisation": "Globex", "title": "CTO"}, origin=origin)
    assert sorted((a.organisation.name, a.title) for a in ana.affiliations.all()) == [
        ("Acme", "Engineer"), ("Globex", "CTO")]
    assert (ana.current_organisation.name, ana.current_title) == ("Globex", "CTO")


# ---------------------------------------------------------------- archive


def test_archiving_hides_a_person_and_unarchiving_brings_them_back(alice, make_person):
    from netweave.people.queries import people_list

    ana = make_person("Ana")
    archive_person(ana)
    ana.refresh_from_db()
    assert ana.archived and ana.archived_at is not None
    assert list(people_list(alice)) == []
    assert list(people_list(alice, archived=True)) == [ana]
    archive_person(ana, archived=False)
    ana.refresh_from_db()
    assert not ana.archived and ana.archived_at is None
    assert list(people_list(alice)) == [ana]


# ---------------------------------------------------------------- rules of one row


def test_name_parts_that_join_to_more_than_the_display_name_holds_are_refused_naming_display_name(alice, origin):
    parts = {"prefix": "P" * 40, "given_name": "G" * 100, "middle_name": "M" * 100, "family_name": "F" * 58}
    before = rows()
    with pytest.raises(Invalid) as caught:
        create_person(alice, parts, origin=origin)
    assert caught.value.errors == {"display_name": "the name parts join to 301 characters; at most 200"}
    assert rows() == before
    ok = create_person(alice, {**parts, "family_name": "F", "middle_name": "M" * 56}, origin=origin)
    assert len(ok.display_name) == 200


@pytest.mark.parametrize(("url", "href"), [
    ("example.com:8080/x", "https://example.com:8080/x"),
    ("localhost:3000", "https://localhost:3000"),
    ("example.org/me", "https://example.org/me"),
    ("https://ok.example/a:b", "https://ok.example/a:b"),
    ("HTTP://ok.example", "HTTP://ok.example"),
    ("javascript:alert(1)", ""),
    ("JavaScript://example.com/%0Aalert(1)", ""),
    ("data:text/html,x", ""),
    ("mailto:ana@example.com", ""),
])
def test_a_url_links_only_over_http_and_a_colon_before_digits_is_a_port_not_a_scheme(url, href):
    assert Url(url=url).href == href


def test_tags_by_kind_groups_the_prefetched_tags_without_another_query(alice, make_person, django_assert_num_queries):
    make_person("Ana", tags=["python", "Investor"], interests=["opera"])
    ana = Person.objects.prefetch_related("tags").get(display_name="Ana")
    with django_assert_num_queries(0):
        grouped = ana.tags_by_kind()
    assert grouped == {"tag": ["Investor", "python"], "interest": ["opera"], "expertise": []}
