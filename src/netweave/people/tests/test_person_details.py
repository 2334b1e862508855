"""people.services against a real database: birthdays, circles, tags, provenance and organisations of a new person."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.core.errors import Invalid
from netweave.people.models import FieldOrigin, Organisation, Tag
from netweave.people.tests.support import rows
from netweave.people.services import create_person, new_origin, update_person


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
