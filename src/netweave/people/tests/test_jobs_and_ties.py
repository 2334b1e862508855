"""people.services against a real database: job history (affiliations, job changes) and ties between people."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.core.errors import Invalid
from netweave.people import services
from netweave.people.models import Person, Tie
from netweave.people.services import add_affiliation, create_person, end_affiliation, link_people, update_tie


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
    from netweave.people.services import update_person

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


# ---------------------------------------------------------------- promotions and ended roles


def _added_long_ago(affiliation) -> None:
    from datetime import timedelta

    from django.utils import timezone

    type(affiliation).objects.filter(pk=affiliation.pk).update(created_at=timezone.now() - timedelta(days=400))


@pytest.mark.parametrize("change", [{"organisation": "Acme", "title": "CTO"}, {"title": "CTO"}])
def test_a_new_title_at_the_same_organisation_ends_the_old_role_today_and_starts_a_new_one(
        alice, origin, make_person, change):
    from netweave.core import clock
    from netweave.people.services import update_person

    ana = make_person("Ana")
    engineer = add_affiliation(ana, "Acme", title="Engineer", start=date(2019, 4, 1), origin=origin)
    _added_long_ago(engineer)
    update_person(ana, change, origin=origin)
    ana.refresh_from_db()
    assert (ana.current_organisation.name, ana.current_title) == ("Acme", "CTO")
    history = [(a.title, a.start, a.end) for a in ana.affiliations.all()]
    assert history == [("CTO", clock.today(), None), ("Engineer", date(2019, 4, 1), clock.today())]


def test_a_title_changed_on_the_day_the_role_was_added_is_corrected_in_place(alice, origin, make_person):
    from netweave.people.services import update_person

    ana = make_person("Ana", organisation="Acme", title="Enginer")
    update_person(ana, {"organisation": "Acme", "title": "Engineer"}, origin=origin)
    assert [(a.title, a.end) for a in ana.affiliations.all()] == [("Engineer", None)]


def test_clearing_the_title_edits_the_role_in_place_rather_than_opening_an_untitled_one(alice, origin, make_person):
    from netweave.people.services import update_person

    ana = make_person("Ana")
    _added_long_ago(add_affiliation(ana, "Acme", title="Engineer", start=date(2019, 4, 1), origin=origin))
    update_person(ana, {"organisation": "Acme", "title": ""}, origin=origin)
    assert [(a.title, a.end) for a in ana.affiliations.all()] == [("", None)]


def test_ending_a_role_that_has_already_ended_is_refused_and_keeps_its_end_date(make_person):
    affiliation = add_affiliation(make_person("Ana"), "Acme", start=date(2015, 1, 1), end=date(2020, 3, 31))
    with pytest.raises(Invalid) as caught:
        end_affiliation(affiliation, date(2024, 1, 1))
    assert caught.value.errors == {"end": "already ended on 2020-03-31"}
    affiliation.refresh_from_db()
    assert affiliation.end == date(2020, 3, 31)
