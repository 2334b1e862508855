"""Capturing whom I met: people found or created, one interaction, follow-ups and ties, never a guess, and
never twice."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings, strategies as st

from netweave.core.errors import Invalid
from netweave.events.capturing import save_capture
from netweave.events.models import CapturedLine, EventPerson
from netweave.events.resolving import plan_capture
from netweave.events.services import add_goal
from netweave.events.planning import progress
from netweave.interactions.models import Interaction
from netweave.nurture.models import FollowUp
from netweave.people.models import Person, Tie

THREE = """Ana Lima, Acme — works on grid batteries; send her the deck by Friday
Bo Chen, CTO at Voltwise — building a battery startup
+ Cy Diaz <cy@voltwise.io> (Voltwise) - Bo's co-founder"""


def test_one_capture_makes_the_people_one_event_interaction_the_follow_ups_and_marks_everyone_met(
        alice, origin, event, make_person):
    ana = make_person("Ana Lima", organisation="Acme")
    result = save_capture(event, THREE, origin=origin)
    bo, cy = Person.objects.get(display_name="Bo Chen"), Person.objects.get(display_name="Cy Diaz")
    assert [p.display_name for p in result.created] == ["Bo Chen", "Cy Diaz"]
    assert {p.pk for p in result.met} == {ana.pk, bo.pk, cy.pk}
    interaction = Interaction.objects.get(owner=alice)
    event.refresh_from_db()
    assert event.interaction == interaction and interaction.kind == "event"
    assert interaction.summary == "Climate Tech Summit" and interaction.occurred_at == event.starts_at
    assert set(interaction.participants.all()) == {ana, bo, cy}
    assert interaction.notes.splitlines() == THREE.splitlines()
    assert (bo.current_title, bo.current_organisation.name) == ("CTO", "Voltwise")
    assert [e.address for e in cy.emails.all()] == ["cy@voltwise.io"]
    assert bo.met_at_event == interaction and bo.met_how.startswith("Met at Climate Tech Summit on ")
    assert bo.met_how.endswith("— building a battery startup")
    ana.refresh_from_db()
    assert ana.met_at_event is None and ana.met_how == ""  # known before: her record is left alone
    assert ana.last_contact_at == event.starts_at
    follow_up = FollowUp.objects.get()
    assert (follow_up.person, follow_up.interaction, follow_up.text) == (ana, interaction, "send her the deck by Friday")
    assert follow_up.due.weekday() == 4
    statuses = dict(EventPerson.objects.filter(event=event).values_list("person__display_name", "status"))
    assert statuses == {"Ana Lima": "met", "Bo Chen": "met", "Cy Diaz": "met"}
    assert EventPerson.objects.get(event=event, person=ana).note == "works on grid batteries"


def test_only_people_marked_as_met_together_are_tied_met_at(alice, origin, event):
    result = save_capture(event, THREE, origin=origin)
    tie = Tie.objects.get(owner=alice)
    assert result.ties == [tie] and tie.kind == "met_at"
    assert {tie.person_a.display_name, tie.person_b.display_name} == {"Bo Chen", "Cy Diaz"}
    assert tie.evidence.startswith("met together at Climate Tech Summit on ")


def test_an_ambiguous_name_is_never_guessed_and_saving_waits_for_a_choice(alice, origin, event, make_person):
    first = make_person("Ana Lima", organisation="Acme")
    second = make_person("Ana Lima", organisation="Brightstone")
    with pytest.raises(Invalid) as refused:
        save_capture(event, "Bo Chen\nAna Lima — from the panel", origin=origin)
    assert list(refused.value.errors) == ["lines[1]"] and "Who is “Ana Lima”?" in refused.value.errors["lines[1]"]
    assert not Person.objects.filter(display_name="Bo Chen").exists()  # nothing of it was written
    assert not Interaction.objects.exists()
    plan = plan_capture(event, "Ana Lima — from the panel")
    assert {p.pk for p in plan.lines[0].candidates} == {first.pk, second.pk}
    save_capture(event, "Ana Lima — from the panel", choices={"ana lima": str(second.pk)}, origin=origin)
    assert list(Interaction.objects.get().participants.all()) == [second]


def test_choosing_new_for_a_shared_name_creates_another_person(alice, origin, event, make_person):
    make_person("Ana Lima")
    make_person("Ana Lima")
    result = save_capture(event, "Ana Lima, Acme", choices={"Ana Lima": "new"}, origin=origin)
    assert [p.display_name for p in result.created] == ["Ana Lima"]
    assert Person.objects.filter(display_name="Ana Lima").count() == 3


def test_the_organisation_on_the_line_tells_namesakes_apart(alice, origin, event, make_person):
    make_person("Ana Lima", organisation="Acme")
    brightstone = make_person("Ana Lima", organisation="Brightstone")
    result = save_capture(event, "ana lima, Brightstone — again", origin=origin)
    assert result.met == [brightstone] and not result.created


def test_a_name_close_to_someone_s_asks_whether_it_is_them_or_someone_new(alice, origin, event, make_person):
    ana = make_person("Ana Lima")
    plan = plan_capture(event, "Ana — from the panel\nZoe Quist")
    assert plan.lines[0].action == "choose" and plan.lines[0].candidates == [ana]
    assert plan.lines[1].action == "new"
    assert not plan.ready
    result = save_capture(event, "Ana — from the panel\nZoe Quist", choices={"ana": ana.pk}, origin=origin)
    assert [p.display_name for p in result.created] == ["Zoe Quist"] and ana in result.met


def test_an_email_address_or_an_id_finds_the_person_whatever_name_is_written(alice, origin, event, make_person):
    ana = make_person("Ana Lima", emails=["ana@acme.com"])
    bo = make_person("Bo Chen")
    result = save_capture(event, f"A. Lima <ANA@acme.com> — from the panel\nBobby #{bo.pk}", origin=origin)
    assert result.met == [ana, bo] and not result.created


def test_an_exact_name_in_another_case_or_without_accents_is_the_same_person(alice, origin, event, make_person):
    jose = make_person("José Álvarez")
    assert save_capture(event, "jose alvarez", origin=origin).met == [jose]


def test_capturing_the_same_lines_again_adds_nothing_and_new_lines_are_added(alice, origin, event, make_person):
    make_person("Ana Lima")
    save_capture(event, THREE, origin=origin)
    again = save_capture(event, THREE, origin=origin)
    assert again.captured_before == 3 and not again.created and not again.follow_ups and not again.ties
    assert Person.objects.filter(owner=alice).count() == 3 and FollowUp.objects.count() == 1
    more = save_capture(event, THREE + "\nDi Evans — fusion; call her next week", origin=origin)
    assert [p.display_name for p in more.created] == ["Di Evans"] and more.captured_before == 3
    interaction = Interaction.objects.get()
    assert interaction.participants.count() == 4 and len(interaction.notes.splitlines()) == 4
    assert FollowUp.objects.count() == 2 and CapturedLine.objects.filter(event=event).count() == 4


def test_a_changed_line_for_someone_met_adds_its_follow_up_once_and_does_not_add_them_twice(alice, origin, event):
    save_capture(event, "Ana Lima — batteries", origin=origin)
    save_capture(event, "Ana Lima — batteries; send the deck", origin=origin)
    save_capture(event, "- Ana Lima —  batteries; send the deck", origin=origin)
    assert Person.objects.filter(display_name="Ana Lima").count() == 1
    assert FollowUp.objects.count() == 1
    assert Interaction.objects.get().participants.count() == 1


def test_a_later_plus_line_ties_the_new_person_to_the_one_captured_before(alice, origin, event):
    save_capture(event, "Ana Lima", origin=origin)
    save_capture(event, "Ana Lima\n+ Bo Chen", origin=origin)
    tie = Tie.objects.get()
    assert {tie.person_a.display_name, tie.person_b.display_name} == {"Ana Lima", "Bo Chen"}


def test_two_lines_with_one_new_name_are_one_new_person(alice, origin, event):
    result = save_capture(event, "Ana Lima — batteries\nAna Lima; send the deck", origin=origin)
    assert len(result.created) == 1 and FollowUp.objects.get().person == result.created[0]


def test_an_unreadable_line_refuses_the_whole_capture_naming_the_line(alice, origin, event):
    with pytest.raises(Invalid) as refused:
        save_capture(event, "Bo Chen\n\nAna and Bo — founders", origin=origin)
    assert list(refused.value.errors) == ["lines[2]"]
    assert not Person.objects.exists() and not Interaction.objects.exists()


def test_it_refuses_to_capture_an_event_that_has_not_started(alice, origin, upcoming):
    with pytest.raises(Invalid) as refused:
        save_capture(upcoming, "Ana Lima", origin=origin)
    assert "has not started yet" in refused.value.errors["event"]
    with pytest.raises(Invalid):
        save_capture(upcoming.__class__.objects.get(pk=upcoming.pk), "", origin=origin)


def test_an_empty_capture_is_refused(alice, origin, event):
    with pytest.raises(Invalid) as refused:
        save_capture(event, "\n  \n", origin=origin)
    assert "one person a line" in refused.value.errors["lines"]


def test_a_preview_writes_nothing_and_says_what_saving_would_do(alice, origin, event, make_person):
    make_person("Ana Lima", organisation="Acme")
    plan = plan_capture(event, THREE.replace("Ana Lima, Acme", "Ana Lima, Initech"))
    assert [p.action for p in plan.lines] == ["existing", "new", "new"]
    assert plan.lines[0].remarks == ["your records have them at Acme; their record is left as it is"]
    assert plan.lines[0].follow_ups[0][0] == "send her the deck by Friday"
    assert plan.ties == [(1, 2)] and plan.new_names == ["Bo Chen", "Cy Diaz"]
    assert not Interaction.objects.exists() and Person.objects.count() == 1


def test_a_calendar_guest_s_address_goes_to_the_new_person_of_that_name(alice, origin, event):
    event.guests = [{"name": "Zoe Quist", "email": "zoe@example.org"}]
    event.save()
    person = save_capture(event, "Zoe Quist", origin=origin).created[0]
    assert [e.address for e in person.emails.all()] == ["zoe@example.org"]


def test_goals_count_the_people_met_who_match_their_topic(alice, origin, event):
    goal = add_goal(event, "meet two people working on batteries")
    assert (goal.target, goal.topic) == (2, "batteries")
    save_capture(event, "Ana Lima — works on grid batteries\nBo Chen — solar", origin=origin)
    (reached,) = progress(event)
    assert [name for _, name in reached.met] == ["Ana Lima"] and not reached.done
    save_capture(event, "Cy Diaz, Battery Works", origin=origin)
    (reached,) = progress(event)
    assert reached.count == 2 and reached.done


def test_renaming_or_moving_a_captured_event_moves_its_interaction(alice, origin, event):
    from netweave.events.services import update_event

    save_capture(event, "Ana Lima", origin=origin)
    event.refresh_from_db()
    earlier = event.starts_at - timedelta(days=1)
    update_event(event, {"name": "Climate Summit", "starts_at": earlier})
    interaction = Interaction.objects.get()
    assert (interaction.summary, interaction.occurred_at) == ("Climate Summit", earlier)
    assert Person.objects.get().last_contact_at == earlier


def test_capturing_an_event_of_today_counts_as_contact_now(alice, origin, event):
    save_capture(event, "Ana Lima", origin=origin)
    assert Person.objects.get().last_contact_at <= timezone.now()


def test_an_address_two_people_share_is_asked_about_and_chosen_by_the_address(alice, origin, event, make_person):
    make_person("Ana Lima", emails=["ana@acme.com"])
    second = make_person("Ana L.", emails=["ana@acme.com"])
    plan = plan_capture(event, "ana@acme.com — from the panel")
    assert plan.lines[0].action == "choose" and len(plan.lines[0].candidates) == 2
    result = save_capture(event, "ana@acme.com — from the panel", choices={"ANA@acme.com": second.pk}, origin=origin)
    assert result.met == [second]
    unknown = plan_capture(event, "zed@example.org")
    assert unknown.lines[0].action == "error" and "write their name before it" in unknown.lines[0].message


def test_a_goal_without_topic_words_counts_everyone_met(alice, origin, event):
    goal = add_goal(event, "meet five people")
    assert (goal.target, goal.topic) == (5, "")
    save_capture(event, "Ana Lima\nBo Chen", origin=origin)
    (reached,) = progress(event)
    assert reached.count == 2 and not reached.done


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_a_preview_of_any_text_never_raises_and_writes_nothing(alice, event, make_person, text):
    if not Person.objects.exists():
        make_person("Ana Lima", emails=["ana@acme.com"])
    plan = plan_capture(event, text)
    assert all(p.action in ("existing", "new", "choose", "captured", "error") for p in plan.lines)
    assert Person.objects.count() == 1 and not Interaction.objects.exists()
