"""The weekly plan: what each queue gives, one step per person, kept for the week, the number of steps a week,
what done and skip do, and progress over the weeks."""

from __future__ import annotations

from datetime import timedelta

from netweave.interactions.models import Interaction
from netweave.nurture.models import FollowUp, Nudge
from netweave.nurture.tests.today_support import talk
from netweave.steps import services
from netweave.steps.models import Step, WeekPlan
from netweave.steps.queries import progress, week_plan
from netweave.steps.tests.plan_support import MONDAY, birthday, clock, dormant, due, person  # noqa: F401


def kinds(plan) -> list[str]:
    return [s.kind for s in plan.steps.order_by("position")]


def test_a_birthday_this_week_yields_a_congratulate_step_with_why_and_a_link(alice, birthday):
    plan = services.plan_for(alice)
    [step] = plan.steps.all()
    assert plan.week == MONDAY
    assert (step.kind, step.person_id, step.key) == ("congratulate", birthday.pk, "birthday:2026-03-13")
    assert step.title == "Congratulate Ana Lima"
    assert step.why.startswith("Turns 40, on Friday 13 March")
    assert step.url == "/nurture/celebrations/"


def test_a_birthday_next_week_is_not_a_step_this_week(alice, person):
    person("Ana Lima", birthday="1986-03-16", circle="close", contacted=5)
    assert services.plan_for(alice).steps.count() == 0


def test_a_dormant_tie_yields_a_revive_step(alice, dormant):
    [step] = services.plan_for(alice).steps.all()
    assert (step.kind, step.person_id) == ("revive", dormant.pk)
    assert step.title == "Get back in touch with Olga Berg"
    assert "no contact for 4 years" in step.why and step.url == f"/people/{dormant.pk}/"


def test_the_plan_draws_one_step_from_each_queue_in_turn(alice, birthday, dormant, due):
    plan = services.plan_for(alice)
    assert kinds(plan) == ["congratulate", "revive", "check_in"]
    assert [s.position for s in plan.steps.order_by("position")] == [1, 2, 3]


def test_when_other_queues_are_empty_the_plan_draws_more_from_the_one_that_is_not(alice, due):
    plan = services.plan_for(alice)
    assert kinds(plan) == ["check_in"] * 3
    assert [s.person.display_name for s in plan.steps.order_by("position")] == ["Di Evans", "Cy Diaz", "Bo Chen"]


def test_a_person_gets_one_step_a_week_however_many_queues_name_them(alice, person):
    person("Ana Lima", birthday="1986-03-13", circle="close", contacted=60)  # birthday and overdue
    plan = services.plan_for(alice)
    assert kinds(plan) == ["congratulate"]


def test_the_plan_is_kept_for_the_week_and_a_new_week_makes_a_new_one(alice, clock, birthday, person):
    first = services.plan_for(alice)
    before = [(s.kind, s.person_id) for s in first.steps.all()]
    person("Eve Ford", circle="close", contacted=90)  # now someone is overdue too
    clock.advance(days=3)
    again = services.plan_for(alice)
    assert again.pk == first.pk and [(s.kind, s.person_id) for s in again.steps.all()] == before
    clock.advance(days=3)  # Monday 16 March
    later = services.plan_for(alice)
    assert later.pk != first.pk and later.week == MONDAY + timedelta(days=7)
    assert WeekPlan.objects.filter(owner=alice).count() == 2


def test_the_number_of_steps_a_week_is_honoured(alice, birthday, dormant, due):
    services.update_settings(alice, per_week=2)
    assert kinds(services.plan_for(alice)) == ["congratulate", "revive"]


def test_raising_the_number_tops_up_this_weeks_plan_and_lowering_it_keeps_it(alice, birthday, dormant, due):
    plan = services.plan_for(alice)
    services.update_settings(alice, per_week=5)
    assert kinds(plan) == ["congratulate", "revive", "check_in", "check_in", "check_in"]
    services.update_settings(alice, per_week=1)
    assert plan.steps.count() == 5


def test_the_number_of_steps_a_week_is_refused_outside_one_to_ten(alice):
    for bad in (0, 11, "3", True):
        try:
            services.update_settings(alice, per_week=bad)
        except services.Invalid as exc:
            assert "per_week" in exc.errors
        else:
            raise AssertionError(f"{bad!r} was accepted")
    assert services.settings_for(alice).per_week == 3


def test_marking_a_congratulation_done_tells_the_celebrations_list(alice, birthday):
    step = services.plan_for(alice).steps.get()
    services.complete(step)
    step.refresh_from_db()
    assert step.status == "done" and step.acted_at is not None
    assert Nudge.objects.get(owner=alice, person=birthday).key == "birthday:2026-03-13"


def test_marking_a_check_in_done_logs_contact_once(alice, clock, due):
    step = services.plan_for(alice).steps.order_by("position").first()
    services.complete(step)
    assert Interaction.objects.filter(owner=alice, participants=step.person, summary="Checked in").count() == 1
    services.reopen(step)
    services.complete(step)
    assert Interaction.objects.filter(owner=alice, participants=step.person, summary="Checked in").count() == 1


def test_a_check_in_already_logged_since_the_plan_was_made_is_not_logged_again(alice, clock, due):
    step = services.plan_for(alice).steps.order_by("position").first()
    clock.advance(hours=2)
    talk(step.person, 0, clock=clock, summary="Lunch")
    services.complete(step)
    assert not Interaction.objects.filter(owner=alice, summary="Checked in").exists()


def test_a_promise_due_this_week_is_a_follow_up_step_and_doing_it_keeps_the_promise(alice, person):
    from netweave.nurture import services as nurture

    bo = person("Bo Chen", contacted=2)
    promise = nurture.add_follow_up(bo, "send Bo the deck by Friday")
    [step] = services.plan_for(alice).steps.all()
    assert (step.kind, step.key) == ("follow_up", f"followup:{promise.pk}")
    assert step.why == "You promised: send Bo the deck by Friday (due on Friday 13 March)."
    services.complete(step)
    assert FollowUp.objects.get(pk=promise.pk).done_at is not None


def test_asks_and_introductions_become_help_and_introduce_steps(alice, clock):
    from netweave.givefirst.tests.match_support import ask, offer

    ana, bo = person_with(alice, "Ana Lima", 70), person_with(alice, "Bo Chen", 60, expertise=["fundraising"])
    wanted = ask(alice, ana, "fundraising for our seed round")
    offer(alice, bo, "fundraising", kind="mentoring")
    services.update_settings(alice, per_week=4)
    steps = list(services.plan_for(alice).steps.order_by("position"))
    assert [s.kind for s in steps] == ["introduce"]  # one step per person: the help step would repeat them
    assert steps[0].title == "Introduce Bo Chen to Ana Lima"
    assert steps[0].url.startswith("/introductions/new/?") and f"ask={wanted.pk}" in steps[0].url


def person_with(owner, name, score, **fields):
    from netweave.nurture.tests.today_support import strength
    from netweave.people.services import create_person, new_origin

    made = create_person(owner, {"display_name": name, **fields}, origin=new_origin(owner, "web", "test"))
    strength(made, score)
    return made


def test_a_help_step_names_the_ask_and_links_to_its_helpers(alice, clock):
    from netweave.givefirst.tests.match_support import ask, offer

    ana = person_with(alice, "Ana Lima", 70)
    wanted = ask(alice, ana, "fundraising for our seed round")
    offer(alice, None, "fundraising", kind="mentoring")  # my own offer meets it
    [step] = services.plan_for(alice).steps.all()
    assert (step.kind, step.key, step.person_id) == ("help", f"ask:{wanted.pk}", ana.pk)
    assert step.title == "Help Ana Lima with fundraising for our seed round"
    assert step.url == f"/asks/{wanted.pk}/helpers/"


def test_a_skipped_step_is_not_offered_the_next_week_but_one_left_open_is(alice, clock, dormant, due):
    services.update_settings(alice, per_week=2)
    first = {s.kind: s for s in services.plan_for(alice).steps.all()}
    services.skip(first["revive"])
    clock.advance(days=7)
    second = services.plan_for(alice)
    people = {s.person_id for s in second.steps.all()}
    assert first["revive"].person_id not in people
    assert first["check_in"].person_id in people


def test_progress_counts_done_steps_week_by_week_and_the_streak(alice, clock, due):
    services.update_settings(alice, per_week=2)
    for week in range(3):
        steps = list(services.plan_for(alice).steps.order_by("position"))
        if week != 1:
            services.complete(steps[0])
        if week == 2:
            services.skip(steps[1])
        clock.advance(days=7)
    clock.advance(days=-7)  # back in the third week
    found = progress(alice, weeks=4)
    assert [(w.week, w.planned, w.done, w.skipped) for w in found.weeks] == [
        (MONDAY + timedelta(days=14), 2, 1, 1), (MONDAY + timedelta(days=7), 2, 0, 0), (MONDAY, 2, 1, 0),
        (MONDAY - timedelta(days=7), 0, 0, 0)]
    assert (found.planned, found.done, found.streak) == (6, 2, 1)


def test_a_streak_is_not_broken_before_the_week_is_over(alice, clock, due):
    services.complete(services.plan_for(alice).steps.first())
    clock.advance(days=7)
    plan = week_plan(alice)
    assert plan.done == 0 and plan.streak == 1
    services.complete(plan.steps[0])
    assert week_plan(alice).streak == 2


def test_an_empty_network_gets_an_empty_plan_not_an_error(alice, clock):
    plan = week_plan(alice)
    assert plan.steps == [] and plan.week == MONDAY and plan.per_week == 3


def test_step_numbers_are_this_weeks(alice, due):
    assert services.step_by_number(alice, 2).position == 2
    try:
        services.step_by_number(alice, 9)
    except services.NotFound as exc:
        assert "1 to 3" in str(exc)
    else:
        raise AssertionError("step 9 was found")


def test_a_deleted_person_leaves_their_step_readable(alice, due):
    from netweave.people.services import delete_person

    step = services.plan_for(alice).steps.order_by("position").first()
    delete_person(step.person)
    step = Step.objects.get(pk=step.pk)
    assert step.person is None and step.title.startswith("Check in with ")
    services.complete(step)  # nothing to tell any queue about: still marked done
    assert Step.objects.get(pk=step.pk).status == "done"


def test_someone_met_at_a_recent_event_and_not_since_is_a_follow_up_step(alice, clock, person):
    from netweave.events.models import Event, EventPerson

    event = Event.objects.create(owner=alice, name="PyCon Lisbon", starts_at=clock.now - timedelta(days=3),
                                 ends_at=clock.now - timedelta(days=3, hours=-8))
    bo, cy = person("Bo Chen", contacted=3), person("Cy Diaz", contacted=3)
    talk(cy, 1, clock=clock, summary="Coffee after PyCon")
    for who in (bo, cy):
        EventPerson.objects.create(owner=alice, event=event, person=who, status=EventPerson.Status.MET)
    [step] = services.plan_for(alice).steps.all()
    assert (step.kind, step.person_id, step.key) == ("follow_up", bo.pk, f"event:{event.pk}:{bo.pk}")
    assert step.title == "Follow up with Bo Chen after PyCon Lisbon"
    assert step.why == "You met at PyCon Lisbon (3 days ago) and have not been in touch since."
