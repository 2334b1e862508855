"""clean_person: what every surface's input becomes, and how each refusal names the exact field."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings as hsettings
from hypothesis import strategies as st

from netweave.core.errors import Invalid
from netweave.people.validation import PERSON_FIELDS, clean_person


def refused(owner, data, *, partial=False) -> dict:
    with pytest.raises(Invalid) as caught:
        clean_person(owner, data, partial=partial)
    return caught.value.errors


def test_it_refuses_an_unknown_field_by_name(alice):
    assert refused(alice, {"display_name": "Ana", "shoe_size": 42}) == {"shoe_size": "unknown field"}


def test_it_refuses_a_person_without_a_name(alice):
    assert "display_name" in refused(alice, {"notes": "someone"})
    assert "display_name" in refused(alice, {"display_name": "   "})


def test_it_refuses_a_name_that_is_not_text(alice):
    assert refused(alice, {"display_name": ["Ana"]}) == {"display_name": "must be text"}


def test_it_refuses_a_name_longer_than_the_column(alice):
    assert "at most 200" in refused(alice, {"display_name": "A" * 201})["display_name"]


def test_it_names_every_bad_field_at_once(alice):
    errors = refused(alice, {"display_name": "Ana", "emails": ["ok@example.com", "nope"], "phones": ["x"],
                             "birthday": "1990-13-01"})
    assert set(errors) == {"emails[1]", "phones[0]", "birthday"}


def test_it_refuses_an_invalid_email_naming_the_field(alice):
    errors = refused(alice, {"display_name": "Ana", "emails": ["not-an-address"]})
    assert list(errors) == ["emails[0]"]
    assert "not-an-address" in errors["emails[0]"]


def test_it_refuses_an_invalid_phone_naming_its_position(alice):
    errors = refused(alice, {"display_name": "Ana", "phones": ["+44 20 7946 0958", "call me"]})
    assert list(errors) == ["phones[1]"]


def test_it_refuses_a_url_that_is_not_a_web_address(alice):
    assert list(refused(alice, {"display_name": "Ana", "urls": ["ana lima"]})) == ["urls[0]"]


def test_it_refuses_a_url_with_a_broken_host_instead_of_crashing(alice):
    assert list(refused(alice, {"display_name": "Ana", "urls": ["https://example.com", "http://[ana.example.com"]})) == [
        "urls[1]"
    ]


@pytest.mark.parametrize(
    ("field", "value", "name"),
    [
        ("urls", "https://example.com/" + "a" * 1000, "urls[0]"),
        ("phones", "+44 20 7946 0958 " + "1" * 80, "phones[0]"),
        ("addresses", {"street": "Rua " + "x" * 300}, "addresses[0]"),
    ],
)
def test_it_refuses_a_contact_value_longer_than_its_column(alice, field, value, name):
    # SQLite would store it anyway; PostgreSQL would fail the whole save with a DataError.
    assert name in refused(alice, {"display_name": "Ana", field: [value]})


def test_it_refuses_an_empty_address(alice):
    assert list(refused(alice, {"display_name": "Ana", "addresses": [{"label": "home"}]})) == ["addresses[0]"]


def test_it_accepts_plain_strings_or_labelled_items_for_contact_values(alice):
    cleaned = clean_person(alice, {
        "display_name": "Ana",
        "emails": ["ana@example.com", {"address": "ana@work.example", "label": "work"}],
        "urls": [{"url": "https://linkedin.com/in/ana/", "label": "LinkedIn"}],
    }, partial=False)
    assert cleaned["emails"] == [
        {"address": "ana@example.com", "label": ""},
        {"address": "ana@work.example", "label": "work"},
    ]
    assert cleaned["urls"] == [{"url": "https://linkedin.com/in/ana/", "key": "linkedin.com/in/ana", "label": "LinkedIn"}]


def test_a_single_email_given_as_text_is_one_email_not_a_list_of_letters(alice):
    cleaned = clean_person(alice, {"display_name": "Ana", "emails": "ana@example.com"}, partial=False)
    assert cleaned["emails"] == [{"address": "ana@example.com", "label": ""}]


def test_it_drops_an_email_repeated_in_other_case(alice):
    cleaned = clean_person(alice, {"display_name": "Ana", "emails": ["ana@example.com", "ANA@Example.com"]},
                           partial=False)
    assert [e["address"] for e in cleaned["emails"]] == ["ana@example.com"]


def test_it_reads_tags_from_a_comma_separated_string(alice):
    cleaned = clean_person(alice, {"display_name": "Ana", "tags": "climate, Climate ,  ,energy"}, partial=False)
    assert cleaned["tags"] == ["climate", "energy"]


def test_it_refuses_an_unknown_circle_listing_the_choices(alice):
    why = refused(alice, {"display_name": "Ana", "circle": "besties"})["circle"]
    assert "'besties'" in why
    for name in ("inner", "close", "active", "wide"):
        assert name in why


def test_it_finds_a_circle_whatever_its_case(alice):
    assert clean_person(alice, {"circle": "INNER"}, partial=True)["circle"].name == "inner"


def test_it_does_not_offer_another_users_circles(alice, bob, django_user_model):
    from netweave.people.models import Circle

    Circle.objects.create(owner=bob, name="bobs-friends", position=9)
    why = refused(alice, {"display_name": "Ana", "circle": "bobs-friends"})["circle"]
    assert "bobs-friends" not in why.split("choose one of:")[1]


@pytest.mark.parametrize("ref", [999999, "abc", "²", "9" * 30, 10**20, True, -1])
def test_it_refuses_an_introducer_that_does_not_exist_without_crashing(alice, ref):
    assert "introduced_by" in refused(alice, {"display_name": "Ana", "introduced_by": ref})


def test_it_refuses_an_introducer_who_belongs_to_another_user(alice, bob, make_person):
    bobs = make_person("Bo Chen", owner=bob)
    assert "introduced_by" in refused(alice, {"display_name": "Ana", "introduced_by": bobs.id})


def test_it_refuses_an_event_that_belongs_to_another_user(alice, bob, make_person):
    from netweave.interactions.services import log_interaction
    from django.utils import timezone

    bobs_event = log_interaction(bob, kind="event", occurred_at=timezone.now(), participants=[], summary="Party")
    assert "met_at_event" in refused(alice, {"display_name": "Ana", "met_at_event": bobs_event.id})


def test_it_refuses_29_february_in_a_common_year(alice):
    assert "2023" in refused(alice, {"display_name": "Ana", "birthday": "2023-02-29"})["birthday"]


def test_it_accepts_a_birthday_given_as_a_date(alice):
    assert clean_person(alice, {"birthday": date(1990, 1, 5)}, partial=True)["birthday"] == (1990, 1, 5)


def test_it_refuses_a_birthday_that_is_neither_text_nor_a_date(alice):
    assert "birthday" in refused(alice, {"display_name": "Ana", "birthday": 19900105})


def test_it_refuses_extra_that_is_not_an_object(alice):
    assert refused(alice, {"display_name": "Ana", "extra": ["x"]}) == {"extra": "must be an object"}


# ---------------------------------------------------------------- names


def test_it_derives_name_parts_from_a_display_name(alice):
    cleaned = clean_person(alice, {"display_name": "Dr. Ana Maria Lima"}, partial=False)
    assert (cleaned["prefix"], cleaned["given_name"], cleaned["middle_name"], cleaned["family_name"]) == (
        "Dr.", "Ana", "Maria", "Lima")


def test_it_derives_the_display_name_from_name_parts(alice):
    cleaned = clean_person(alice, {"given_name": "Ana", "family_name": "Lima", "suffix": "Jr."}, partial=False)
    assert cleaned["display_name"] == "Ana Lima Jr."


def test_it_keeps_both_when_display_name_and_parts_are_given(alice):
    cleaned = clean_person(alice, {"display_name": "Ana L.", "given_name": "Ana", "family_name": "Lima"},
                           partial=False)
    assert (cleaned["display_name"], cleaned["given_name"], cleaned["family_name"]) == ("Ana L.", "Ana", "Lima")


def test_a_nickname_alone_does_not_stop_the_name_being_split(alice):
    cleaned = clean_person(alice, {"display_name": "Ana Lima", "nickname": "Aninha"}, partial=False)
    assert (cleaned["given_name"], cleaned["family_name"], cleaned["nickname"]) == ("Ana", "Lima", "Aninha")


def test_a_partial_change_of_one_name_part_does_not_invent_a_display_name(alice):
    cleaned = clean_person(alice, {"family_name": "Silva"}, partial=True)
    assert cleaned == {"family_name": "Silva"}


def test_a_partial_change_that_blanks_the_display_name_derives_it_from_the_parts_given(alice):
    cleaned = clean_person(alice, {"display_name": "", "given_name": "Ana", "family_name": "Silva"}, partial=True)
    assert cleaned["display_name"] == "Ana Silva"


def test_a_partial_change_that_blanks_the_display_name_alone_is_refused(alice):
    assert "display_name" in refused(alice, {"display_name": ""}, partial=True)


# ---------------------------------------------------------------- hostile input

_values = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=50),
    st.lists(st.one_of(st.text(max_size=30), st.integers(), st.none(),
                       st.dictionaries(st.text(max_size=10), st.one_of(st.text(max_size=30), st.integers(), st.none()),
                                       max_size=3)), max_size=3),
    st.dictionaries(st.text(max_size=10), st.text(max_size=10), max_size=3),
)


@given(st.dictionaries(st.sampled_from(PERSON_FIELDS), _values, max_size=6))
@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_clean_person_answers_any_input_with_values_or_invalid_never_a_crash(alice, data):
    try:
        clean_person(alice, data, partial=True)
    except Invalid as exc:
        assert exc.errors
