"""The read paths every surface shares: the people list with its filters and search, and name resolution."""

from __future__ import annotations

import pytest

from netweave.core.errors import Ambiguous
from netweave.people.models import Person
from netweave.people.queries import organisations, people_list, projection, resolve_person
from netweave.people.search import filter_people, terms
from netweave.people.services import add_affiliation, archive_person, end_affiliation


def names(qs) -> list[str]:
    return [p.display_name for p in qs]


@pytest.fixture
def cast(alice, bob, make_person):
    """Alice's people and one of Bob's who shares names, emails and tags with them."""
    people = {
        "ana": make_person("Ana Lima", emails=["ana@acme.example"], circle="close", tags=["Investor", "café"],
                           organisation="Acme", title="CTO", location="Lisbon", phones=["+351 912 345 678"]),
        "jose": make_person("José Álvarez", circle="inner", tags=["climate"], organisation="Globex"),
        "bo": make_person("Bo Chen", circle="wide", interests=["Climate"], organisation="acme"),
        "wang": make_person("王伟", tags=["supply chain"]),
        "arina": make_person("Арина Иванова"),
        "pct": make_person("Fifty Percent", notes="100% real"),
    }
    make_person("Ana Lima", owner=bob, emails=["ana@acme.example"], tags=["investor"], organisation="Acme")
    return people


# ---------------------------------------------------------------- people_list


def test_the_list_holds_only_the_owners_live_people_in_name_order(alice, bob, cast):
    assert names(people_list(alice)) == ["Ana Lima", "Bo Chen", "Fifty Percent", "José Álvarez", "Арина Иванова", "王伟"]
    assert names(people_list(bob)) == ["Ana Lima"]


def test_bobs_people_never_appear_in_alices_lists(alice, bob, cast):
    bobs = set(Person.objects.filter(owner=bob).values_list("id", flat=True))
    for kwargs in ({}, {"query": "ana"}, {"circle": "close"}, {"tag": "investor"}, {"organisation": "acme"},
                   {"archived": True}):
        assert not bobs & {p.id for p in people_list(alice, **kwargs)}, kwargs
    assert not bobs & {row["id"] for row in projection(alice)}


def test_a_charlie_without_people_sees_an_empty_list(charlie, cast):
    assert list(people_list(charlie)) == []
    assert list(people_list(charlie, query="ana")) == []


def test_filtering_by_circle_takes_a_name_in_any_case_or_an_id(alice, cast):
    assert names(people_list(alice, circle="CLOSE")) == ["Ana Lima"]
    assert names(people_list(alice, circle=str(cast["jose"].circle_id))) == ["José Álvarez"]
    assert names(people_list(alice, circle="nonexistent")) == []


def test_filtering_by_tag_ignores_case_and_accents_and_matches_interests(alice, cast):
    assert names(people_list(alice, tag="INVESTOR")) == ["Ana Lima"]
    assert names(people_list(alice, tag="cafe")) == ["Ana Lima"]
    assert names(people_list(alice, tag="climate")) == ["Bo Chen", "José Álvarez"]


def test_filtering_by_organisation_takes_a_name_or_an_id_and_means_the_current_one(alice, cast):
    assert names(people_list(alice, organisation="ACME")) == ["Ana Lima", "Bo Chen"]
    assert names(people_list(alice, organisation=cast["jose"].current_organisation_id)) == ["José Álvarez"]
    end_affiliation(cast["bo"].affiliations.get())
    assert names(people_list(alice, organisation="acme")) == ["Ana Lima"]


def test_filters_combine(alice, cast):
    assert names(people_list(alice, organisation="acme", query="chen")) == ["Bo Chen"]
    assert names(people_list(alice, organisation="acme", circle="close", tag="investor", query="lima")) == ["Ana Lima"]


@pytest.mark.parametrize("value", ["²", "①", "9" * 30, "0", "'; --", "%"])
def test_filters_given_odd_ids_or_names_answer_with_nobody_not_a_crash(alice, cast, value):
    for kwargs in ({"circle": value}, {"tag": value}, {"organisation": value}):
        assert list(people_list(alice, **kwargs)) == [], kwargs


def test_archived_people_are_listed_only_when_asked_for(alice, cast):
    archive_person(cast["bo"])
    assert "Bo Chen" not in names(people_list(alice))
    assert names(people_list(alice, archived=True)) == ["Bo Chen"]
    assert names(people_list(alice, query="chen")) == []


def test_the_list_needs_a_fixed_number_of_queries_however_many_people(alice, cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        for person in people_list(alice):
            _ = (person.current_organisation, person.circle)


# ---------------------------------------------------------------- search


def test_search_ignores_accents_both_ways(alice, cast):
    assert names(people_list(alice, query="jose")) == ["José Álvarez"]
    assert names(people_list(alice, query="JOSÉ")) == ["José Álvarez"]
    assert names(people_list(alice, query="alvarez")) == ["José Álvarez"]


def test_search_matches_every_word_given(alice, cast):
    assert names(people_list(alice, query="ana lisbon")) == ["Ana Lima"]
    assert names(people_list(alice, query="ana porto")) == []


def test_search_finds_people_by_email_organisation_title_tag_and_location(alice, cast):
    for query in ("ana@acme.example", "acme.example", "cto", "investor", "lisbon"):
        assert "Ana Lima" in names(people_list(alice, query=query)), query
    assert names(people_list(alice, query="globex")) == ["José Álvarez"]


def test_search_finds_a_phone_number_however_it_is_written(alice, cast):
    for query in ("912 345 678", "912-345-678", "+351912345678", "351 912345678"):
        assert names(people_list(alice, query=query)) == ["Ana Lima"], query


def test_search_reads_non_latin_scripts(alice, cast):
    assert names(people_list(alice, query="王伟")) == ["王伟"]
    assert names(people_list(alice, query="арина")) == ["Арина Иванова"]
    assert names(people_list(alice, query="ИВАНОВА")) == ["Арина Иванова"]


@pytest.mark.parametrize(
    "query",
    ['"', "'", '"ana', "ana'", "%", "%%", "_", "__", "*", "?", "(", ")", "()", "\\", "\\%", "[", "]",
     "'; DROP TABLE people_person; --", "ana OR 1=1", "a%", "%a%", "\x00", "🙂", "\u200b", "ana" * 5000],
)
def test_search_tolerates_hostile_input(alice, cast, query):
    found = names(people_list(alice, query=query))
    assert len(found) < len(cast), f"{query!r} matched everyone"


def test_percent_and_underscore_are_not_wildcards(alice, cast):
    assert names(people_list(alice, query="%")) == []
    assert names(people_list(alice, query="_")) == []
    assert names(people_list(alice, query="chen_")) == names(people_list(alice, query="chen")) == ["Bo Chen"]
    assert names(people_list(alice, query="100%")) == []  # notes are not in the people search
    # And should a % or _ ever reach the lookup, Django escapes it: it matches itself, not any text.
    qs = Person.objects.filter(owner=alice)
    assert list(qs.filter(search_text__contains="%")) == []
    assert list(qs.filter(search_text__contains="_")) == []


def test_a_query_of_only_punctuation_matches_nobody(alice, cast):
    for query in ("%", "***", "()", "...", "—", "🙂🙂"):
        assert list(people_list(alice, query=query)) == [], query


def test_a_blank_query_lists_everyone(alice, cast):
    assert len(people_list(alice, query="")) == len(cast)
    assert len(people_list(alice, query="   ")) == len(cast)


def test_terms_are_folded_words_capped_in_number(alice):
    assert terms("José  O'Brien ana@x.example (CTO)") == ["jose", "o'brien", "ana@x.example", "cto"]
    assert len(terms(" ".join(f"w{i}" for i in range(50)))) == 8


def test_a_very_long_query_of_many_words_stays_one_cheap_query(alice, cast, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(filter_people(Person.objects.filter(owner=alice), "ana " * 10000))


def test_organisations_counts_only_live_current_people(alice, cast):
    archive_person(cast["bo"])
    counts = {o.name: o.people_now for o in organisations(alice)}
    assert counts == {"Acme": 1, "Globex": 1}
    assert [o.name for o in organisations(alice, query="glob")] == ["Globex"]


def test_the_projection_holds_no_private_fields(alice, cast):
    row = next(r for r in projection(alice) if r["display_name"] == "Ana Lima")
    assert set(row) == {"id", "display_name", "current_organisation_id", "current_title"}


# ---------------------------------------------------------------- resolve_person


def test_resolve_finds_an_exact_name(alice, cast):
    assert resolve_person(alice, "Ana Lima") == cast["ana"]


def test_resolve_ignores_case_spacing_and_accents(alice, cast):
    assert resolve_person(alice, "  ana   LIMA ") == cast["ana"]
    assert resolve_person(alice, "jose alvarez") == cast["jose"]
    assert resolve_person(alice, "JOSÉ ÁLVAREZ") == cast["jose"]


def test_resolve_forgives_a_typo(alice, cast):
    assert resolve_person(alice, "Ana Lma") == cast["ana"]
    assert resolve_person(alice, "Jose Alvares") == cast["jose"]


def test_resolve_takes_an_id(alice, cast):
    assert resolve_person(alice, str(cast["bo"].id)) == cast["bo"]


def test_resolve_finds_someone_by_nickname_and_family_name(alice, make_person):
    rob = make_person("Robert Smith", nickname="Bobby")
    make_person("Roberta Smythe")
    assert resolve_person(alice, "Bobby Smith") == rob


def test_resolve_refuses_to_guess_between_two_people_of_one_first_name(alice, cast, make_person):
    souza = make_person("Ana Souza")
    with pytest.raises(Ambiguous) as caught:
        resolve_person(alice, "Ana")
    assert {cast["ana"], souza} <= set(caught.value.candidates)
    assert "could be" in str(caught.value)


def test_resolve_refuses_to_guess_between_two_people_of_one_name(alice, cast, make_person):
    twin = make_person("Ana Lima")
    with pytest.raises(Ambiguous) as caught:
        resolve_person(alice, "ana lima")
    assert set(caught.value.candidates) == {cast["ana"], twin}


def test_resolve_prefers_a_first_name_to_the_same_letters_inside_another_name(alice, make_person):
    ana = make_person("Ana Lima")
    make_person("Dana Scully")
    make_person("Juliana Paes")
    assert resolve_person(alice, "Ana") == ana


def test_resolve_of_an_unknown_name_offers_no_weak_candidates(alice, cast):
    with pytest.raises(Ambiguous) as caught:
        resolve_person(alice, "Zebediah Quux")
    assert caught.value.candidates == []
    assert "nobody called" in str(caught.value)


def test_resolve_skips_archived_people(alice, cast):
    archive_person(cast["bo"])
    with pytest.raises(Ambiguous) as caught:
        resolve_person(alice, "Bo Chen")
    assert cast["bo"] not in caught.value.candidates


def test_resolve_never_finds_another_users_people(alice, bob, cast, make_person):
    make_person("Zara Bobsfriend", owner=bob)
    bobs = Person.objects.get(owner=bob, display_name="Ana Lima")
    with pytest.raises(Ambiguous) as caught:
        resolve_person(alice, "Zara Bobsfriend")
    assert caught.value.candidates == []
    with pytest.raises(Ambiguous):
        resolve_person(alice, str(bobs.id))
    assert resolve_person(alice, "Ana Lima") == cast["ana"]
    assert resolve_person(bob, "Ana Lima") == bobs


@pytest.mark.parametrize("text", ["", "   ", "²", "①②", "9" * 40, "%", "'", "王", "\x00", "a" * 10000])
def test_resolve_answers_hostile_text_with_ambiguous_not_a_crash(alice, cast, text):
    try:
        resolve_person(alice, text)
    except Ambiguous:
        pass


def test_resolve_reads_non_latin_names(alice, cast):
    assert resolve_person(alice, "王伟") == cast["wang"]
    assert resolve_person(alice, "арина иванова") == cast["arina"]


def test_resolve_after_a_job_change_still_finds_the_person(alice, cast):
    add_affiliation(cast["ana"], "Initech")
    assert resolve_person(alice, "Ana Lima") == cast["ana"]


def test_filters_and_resolve_read_an_id_given_as_a_number_or_as_ascii_digits(alice, cast):
    acme = cast["ana"].current_organisation_id
    for value in (acme, str(acme)):
        assert names(people_list(alice, organisation=value)) == ["Ana Lima", "Bo Chen"]
    assert resolve_person(alice, f"  {cast['jose'].id} ") == cast["jose"]
