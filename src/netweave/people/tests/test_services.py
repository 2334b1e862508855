"""people.services against a real database: creating, changing and archiving people, job history, ties."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from netweave.core.errors import Duplicate, Invalid
from netweave.people import services
from netweave.people.models import (
    Address, Affiliation, Email, FieldOrigin, Organisation, Person, Phone, Tag, Tie, Url,
)
from netweave.people.services import (
    add_affiliation, archive_person, create_person, end_affiliation, link_people, new_origin, update_person,
    update_tie,
)


def rows() -> dict:
    """How many rows each person table holds, to prove a refused call wrote nothing."""
    return {m.__name__: m.objects.count() for m in (Person, Email, Phone, Url, Address, Tag, FieldOrigin,
                                                      Affiliation, Organisation)}


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


def test_another_users_person_with_the_same_email_is_no_duplicate(alice, bob, origin, make_person):
    make_person("Ana Lima", owner=bob, emails=["ana@example.com"])
    ana = create_person(alice, {"display_name": "Ana Lima", "emails": ["ana@example.com"]}, origin=origin)
    assert ana.owner == alice


# ---------------------------------------------------------------- create_person: birthdays


def test_it_stores_a_birthday_with_a_year(alice, origin):
    ana = create_person(alice, {"display_name": "Ana", "birthday": "1990-01-05"}, origin=origin)
    assert (ana.birthday_year, ana.birthday_month, ana.birthday_day, ana.birthday) == (1990, 1, 5, "1990-01-05")
    assert ana.age_on(date(2024, 1, 4)) == 33
    assert ana.age_on(date(2024, 1, 5)) == 34


def test_it_stores_a_birthday_without_a_year(alice, origin):
    ana = create_person(alice, {"display_name": "Ana", "birthday": "--07-14"}, origin=origin)
    assert (ana.birthday_year, ana.birthday_month, ana.birthday_day, ana.birthday) == (None, 7, 14, "--07-14")
    assert ana.age_on(date(2024, 7, 14)) is None


def test_it_accepts_29_february_in_a_leap_year_and_without_a_year(alice, origin):
    leap = create_person(alice, {"display_name": "Leap", "birthday": "2024-02-29"}, origin=origin)
    yearless = create_person(alice, {"display_name": "Yearless", "birthday": "--02-29"}, origin=origin)
    assert leap.birthday == "2024-02-29"
    assert yearless.birthday == "--02-29"


def test_it_refuses_29_february_in_a_common_year_and_writes_nothing(alice, origin):
    before = rows()
    with pytest.raises(Invalid) as caught:
        create_person(alice, {"display_name": "Ana", "birthday": "2023-02-29"}, origin=origin)
    assert "2023" in caught.value.errors["birthday"]
    assert rows() == before


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 1, 10), date(2023, 2, 28)),  # common year: the last day of February
        (date(2023, 2, 28), date(2023, 2, 28)),  # today counts
        (date(2023, 3, 1), date(2024, 2, 29)),   # passed: next year's, a leap year
        (date(2024, 2, 29), date(2024, 2, 29)),
        (date(2024, 12, 31), date(2025, 2, 28)),
    ],
)
def test_the_next_birthday_of_someone_born_on_29_february(alice, origin, today, expected):
    leap = create_person(alice, {"display_name": "Leap", "birthday": "--02-29"}, origin=origin)
    assert leap.next_birthday(today) == expected


def test_someone_without_a_birthday_has_no_next_birthday(make_person):
    assert make_person("Ana").next_birthday(date(2024, 1, 1)) is None


# ---------------------------------------------------------------- create_person: circles and tags


def test_it_places_a_person_in_a_circle_by_name(alice, origin):
    ana = create_person(alice, {"display_name": "Ana", "circle": "Close"}, origin=origin)
    assert ana.circle.name == "close"


def test_it_refuses_an_unknown_circle_listing_the_choices(alice, origin):
    with pytest.raises(Invalid) as caught:
        create_person(alice, {"display_name": "Ana", "circle": "besties"}, origin=origin)
    why = caught.value.errors["circle"]
    assert all(name in why for name in ("inner", "close", "active", "wide"))


def test_tags_interests_and_expertise_are_deduplicated_ignoring_case_and_accents(alice, origin):
    ana = create_person(alice, {
        "display_name": "Ana",
        "tags": ["Café", "cafe", "CAFÉ", "investor"],
        "interests": ["Ópera", "opera"],
        "expertise": ["Machine Learning", "machine learning ", "Python"],
    }, origin=origin)
    assert sorted(t.name for t in ana.tags.filter(kind="tag")) == ["Café", "investor"]
    assert [t.name for t in ana.tags.filter(kind="interest")] == ["Ópera"]
    assert sorted(t.name for t in ana.tags.filter(kind="expertise")) == ["Machine Learning", "Python"]


def test_a_tag_is_shared_between_people_whatever_its_spelling(alice, origin):
    ana = create_person(alice, {"display_name": "Ana", "tags": ["Café"]}, origin=origin)
    bo = create_person(alice, {"display_name": "Bo", "tags": ["CAFE"]}, origin=origin)
    assert Tag.objects.filter(owner=alice, kind="tag").count() == 1
    assert ana.tags.get() == bo.tags.get()


def test_an_interest_and_a_tag_of_the_same_name_stay_apart(alice, origin):
    ana = create_person(alice, {"display_name": "Ana", "tags": ["climate"], "interests": ["climate"]}, origin=origin)
    assert sorted(ana.tags.values_list("kind", flat=True)) == ["interest", "tag"]


# ---------------------------------------------------------------- create_person: provenance


def test_each_scalar_field_written_records_its_origin(alice, origin):
    ana = create_person(alice, {"display_name": "Ana Lima", "notes": "met at PyCon", "location": "Lisbon",
                                "pronouns": "she/her", "birthday": "--01-05", "circle": "close"}, origin=origin)
    recorded = dict(FieldOrigin.objects.filter(person=ana).values_list("field", "origin_id"))
    assert recorded == {field: origin.id for field in (
        "display_name", "given_name", "family_name", "notes", "location", "pronouns", "birthday", "circle")}


def test_email_and_phone_rows_carry_the_origin_that_wrote_them(alice, origin):
    ana = create_person(alice, {"display_name": "Ana", "emails": ["ana@example.com"], "phones": ["+351912345678"],
                                "urls": ["example.com/ana"], "addresses": ["Rua Augusta 1"]}, origin=origin)
    for related in (ana.emails, ana.phones, ana.urls, ana.addresses):
        assert related.get().origin == origin


def test_a_later_edit_records_its_own_origin_only_for_the_fields_it_changed(alice, origin, make_person):
    ana = make_person("Ana Lima", notes="old", location="Lisbon")
    cli = new_origin(alice, "cli", "netweave edit")
    update_person(ana, {"notes": "new", "location": "Lisbon"}, origin=cli)
    recorded = dict(FieldOrigin.objects.filter(person=ana).values_list("field", "origin_id"))
    assert recorded["notes"] == cli.id
    assert recorded["location"] == origin.id
    assert recorded["display_name"] == origin.id


# ---------------------------------------------------------------- create_person: organisation


def test_an_organisation_and_title_on_create_make_a_current_affiliation(alice, origin):
    ana = create_person(alice, {"display_name": "Ana", "organisation": "Acme Corp", "title": "CTO"}, origin=origin)
    affiliation = ana.affiliations.get()
    assert (affiliation.organisation.name, affiliation.title, affiliation.end, affiliation.origin) == (
        "Acme Corp", "CTO", None, origin)
    assert (ana.current_organisation.name, ana.current_title) == ("Acme Corp", "CTO")


def test_people_at_the_same_organisation_share_one_row_whatever_its_case(alice, origin):
    ana = create_person(alice, {"display_name": "Ana", "organisation": "Acme Corp"}, origin=origin)
    bo = create_person(alice, {"display_name": "Bo", "organisation": "ACME corp"}, origin=origin)
    assert ana.current_organisation == bo.current_organisation
    assert Organisation.objects.filter(owner=alice).count() == 1


def test_the_organisation_and_title_are_searchable(alice, origin):
    from netweave.people.queries import people_list

    create_person(alice, {"display_name": "Ana", "organisation": "Acme Corp", "title": "Chief Scientist"},
                  origin=origin)
    assert [p.display_name for p in people_list(alice, query="acme scientist")] == ["Ana"]


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


# ---------------------------------------------------------------- affiliations


def test_the_current_role_is_the_open_affiliation_that_started_last(make_person):
    ana = make_person("Ana")
    add_affiliation(ana, "Acme", title="Engineer", start=date(2015, 1, 1))
    add_affiliation(ana, "Globex", title="CTO", start=date(2020, 6, 1))
    add_affiliation(ana, "Board of Initech", title="Advisor", start=date(2018, 1, 1))
    ana.refresh_from_db()
    assert (ana.current_organisation.name, ana.current_title) == ("Globex", "CTO")


def test_a_dated_open_affiliation_beats_an_undated_one(make_person):
    ana = make_person("Ana")
    add_affiliation(ana, "Acme", title="Engineer", start=date(2015, 1, 1))
    add_affiliation(ana, "Somewhere", title="Volunteer")
    ana.refresh_from_db()
    assert ana.current_organisation.name == "Acme"


def test_among_undated_affiliations_the_newest_is_current(make_person):
    ana = make_person("Ana")
    add_affiliation(ana, "Acme")
    add_affiliation(ana, "Globex")
    ana.refresh_from_db()
    assert ana.current_organisation.name == "Globex"


def test_ending_the_current_role_moves_it_to_the_next_open_one_then_to_none(make_person):
    ana = make_person("Ana")
    acme = add_affiliation(ana, "Acme", title="Engineer", start=date(2015, 1, 1))
    globex = add_affiliation(ana, "Globex", title="CTO", start=date(2020, 6, 1))
    end_affiliation(globex, date(2023, 1, 31))
    ana.refresh_from_db()
    assert (ana.current_organisation.name, ana.current_title) == ("Acme", "Engineer")
    end_affiliation(acme, date(2023, 2, 28))
    ana.refresh_from_db()
    assert (ana.current_organisation, ana.current_title) == (None, "")
    assert [a.end for a in ana.affiliations.all()] == [date(2023, 1, 31), date(2023, 2, 28)]


def test_ending_an_affiliation_without_a_date_ends_it_today(make_person):
    from netweave.core import clock

    affiliation = add_affiliation(make_person("Ana"), "Acme", start=date(2015, 1, 1))
    assert end_affiliation(affiliation).end == clock.today()


def test_an_ended_title_is_no_longer_found_by_search(alice, make_person):
    from netweave.people.queries import people_list

    ana = make_person("Ana")
    affiliation = add_affiliation(ana, "Acme", title="Astronaut", start=date(2015, 1, 1))
    assert list(people_list(alice, query="astronaut")) == [ana]
    end_affiliation(affiliation, date(2020, 1, 1))
    assert list(people_list(alice, query="astronaut")) == []
    assert list(people_list(alice, query="acme")) == [ana]  # past employers stay searchable


def test_ending_before_the_start_is_refused_naming_end(make_person):
    affiliation = add_affiliation(make_person("Ana"), "Acme", start=date(2020, 1, 1))
    with pytest.raises(Invalid) as caught:
        end_affiliation(affiliation, date(2019, 12, 31))
    assert list(caught.value.errors) == ["end"]
    affiliation.refresh_from_db()
    assert affiliation.end is None


def test_adding_an_affiliation_that_ends_before_it_starts_is_refused(make_person):
    ana = make_person("Ana")
    with pytest.raises(Invalid) as caught:
        add_affiliation(ana, "Acme", start=date(2020, 1, 1), end=date(2019, 1, 1))
    assert list(caught.value.errors) == ["end"]
    assert not ana.affiliations.exists()


def test_an_ended_affiliation_is_history_not_the_current_role(make_person):
    ana = make_person("Ana")
    add_affiliation(ana, "Acme", title="Engineer", start=date(2015, 1, 1), end=date(2019, 1, 1))
    ana.refresh_from_db()
    assert ana.current_organisation is None


def test_another_users_organisation_is_refused(alice, bob, make_person):
    from netweave.people.services import get_or_create_organisation

    bobs = get_or_create_organisation(bob, "Acme")
    with pytest.raises(Invalid) as caught:
        add_affiliation(make_person("Ana"), bobs)
    assert "organisation" in caught.value.errors


# ---------------------------------------------------------------- ties


def test_an_undirected_tie_is_stored_lower_id_first_and_found_from_either_side(alice, make_person):
    ana, bo = make_person("Ana"), make_person("Bo")
    tie = link_people(alice, bo, ana, "colleague", evidence="both at Acme")
    assert (tie.person_a, tie.person_b) == (ana, bo)
    again = link_people(alice, ana, bo, "colleague", evidence="same team")
    assert again.pk == tie.pk
    assert Tie.objects.count() == 1
    assert again.evidence == "both at Acme\nsame team"
    assert tie.other(ana) == bo and tie.other(bo) == ana
    assert list(services.ties_of(bo)) == [tie]


def test_linking_the_same_pair_with_the_same_evidence_does_not_repeat_it(alice, make_person):
    ana, bo = make_person("Ana"), make_person("Bo")
    link_people(alice, ana, bo, "friend", evidence="school")
    assert link_people(alice, bo, ana, "friend", evidence="school").evidence == "school"


def test_two_kinds_of_tie_between_one_pair_are_two_rows(alice, make_person):
    ana, bo = make_person("Ana"), make_person("Bo")
    link_people(alice, ana, bo, "colleague")
    link_people(alice, ana, bo, "friend")
    assert Tie.objects.count() == 2


def test_a_mentor_tie_keeps_its_direction(alice, make_person):
    ana, bo = make_person("Ana"), make_person("Bo")
    tie = link_people(alice, bo, ana, "mentor")
    assert (tie.person_a, tie.person_b) == (bo, ana)
    assert tie.describe_from(bo) == "mentor of"
    assert tie.describe_from(ana) == "mentored by"
    reverse = link_people(alice, ana, bo, "mentor")
    assert reverse.pk != tie.pk and (reverse.person_a, reverse.person_b) == (ana, bo)


def test_an_undirected_tie_reads_the_same_from_both_sides(alice, make_person):
    ana, bo = make_person("Ana"), make_person("Bo")
    tie = link_people(alice, ana, bo, "met_at")
    assert tie.describe_from(ana) == tie.describe_from(bo) == "met at"


def test_a_person_cannot_be_tied_to_themselves(alice, make_person):
    ana = make_person("Ana")
    with pytest.raises(Invalid) as caught:
        link_people(alice, ana, ana, "friend")
    assert "person_b" in caught.value.errors
    assert not Tie.objects.exists()


def test_a_tie_to_another_users_person_is_refused(alice, bob, make_person):
    ana, bobs = make_person("Ana"), make_person("Bo", owner=bob)
    with pytest.raises(Invalid) as caught:
        link_people(alice, ana, bobs, "friend")
    assert caught.value.errors == {"person_b": "no such person"}
    with pytest.raises(Invalid):
        link_people(bob, ana, bobs, "friend")
    assert not Tie.objects.exists()


def test_an_unknown_tie_kind_is_refused(alice, make_person):
    with pytest.raises(Invalid) as caught:
        link_people(alice, make_person("Ana"), make_person("Bo"), "nemesis")
    assert "kind" in caught.value.errors


def test_turning_a_mentor_tie_into_an_undirected_one_stores_it_lower_id_first(alice, make_person):
    ana, bo = make_person("Ana"), make_person("Bo")
    tie = update_tie(link_people(alice, bo, ana, "mentor"), kind="friend")
    assert (tie.person_a, tie.person_b) == (ana, bo)
    assert link_people(alice, ana, bo, "friend").pk == tie.pk


def test_changing_a_tie_to_a_kind_the_pair_already_has_is_refused(alice, make_person):
    ana, bo = make_person("Ana"), make_person("Bo")
    link_people(alice, ana, bo, "friend")
    mentor = link_people(alice, bo, ana, "mentor")
    with pytest.raises(Invalid) as caught:
        update_tie(mentor, kind="friend")
    assert "kind" in caught.value.errors


# Job changes, titles and other decisions recorded in the closing note of the core issue.

def test_a_new_company_for_someone_known_ends_the_old_job_today_and_starts_the_new_one(alice, origin, make_person):
    from datetime import date

    from netweave.core import clock
    from netweave.people.services import add_affiliation, update_person

    ana = make_person("Ana Lima")
    add_affiliation(ana, "Acme", title="Engineer", start=date(2015, 3, 1), origin=origin)
    add_affiliation(ana, services.get_or_create_organisation(alice, "Python Software Foundation", kind="association"),
                    title="Fellow", start=date(2018, 1, 1), origin=origin)
    update_person(ana, {"organisation": "Globex", "title": "CTO"}, origin=origin)
    ana.refresh_from_db()
    assert (ana.current_organisation.name, ana.current_title) == ("Globex", "CTO")
    roles = {a.organisation.name: a for a in ana.affiliations.all()}
    assert roles["Acme"].end == clock.today()
    assert roles["Globex"].start == clock.today() and roles["Globex"].end is None
    assert roles["Python Software Foundation"].end is None


def test_a_title_without_any_organisation_is_refused_rather_than_dropped(alice, origin, make_person):
    from netweave.people.services import update_person

    with pytest.raises(Invalid) as caught:
        create_person(alice, {"display_name": "Eli", "title": "Consultant"}, origin=origin)
    assert "title" in caught.value.errors
    assert not Person.objects.filter(display_name="Eli").exists()
    bo = make_person("Bo Chen")
    with pytest.raises(Invalid):
        update_person(bo, {"title": "Consultant"}, origin=origin)


def test_a_number_that_is_not_real_in_the_default_region_is_kept_raw(alice, origin, settings):
    settings.NETWEAVE_DEFAULT_REGION = "GB"
    person = create_person(alice, {"display_name": "Sam", "phones": ["415 555 2671", "07911 123456"]}, origin=origin)
    phones = {p.raw: p.e164 for p in person.phones.all()}
    assert phones == {"415 555 2671": "", "07911 123456": "+447911123456"}


def test_someone_born_on_29_february_turns_a_year_older_on_28_february_in_common_years(make_person):
    from datetime import date

    leapling = make_person("Lea", birthday="2000-02-29")
    assert leapling.age_on(date(2023, 2, 27)) == 22
    assert leapling.age_on(date(2023, 2, 28)) == 23
    assert leapling.next_birthday(date(2023, 1, 1)) == date(2023, 2, 28)
