"""The "reach out today" list and what done, snooze and skip do to it, with a controlled clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from netweave.core.errors import Invalid
from netweave.interactions.models import Interaction
from netweave.interactions.queries import timeline
from netweave.nurture import services
from netweave.nurture.models import Nudge
from netweave.nurture.tests.today_support import NOW, UTC, clock, no_strengths, person, strength, talk  # noqa: F401
from netweave.nurture.today import due_list
from netweave.people.services import archive_person


def names(listing) -> list[str]:
    return [item.display_name for item in listing.items]


def test_an_overdue_tie_is_listed_with_its_reason_in_words_and_what_we_last_talked_about(alice, person, clock):
    ana = person("Ana Lima", circle="close")
    talk(ana, 60, clock=clock, summary="Lunch about her move to Lisbon", kind="meeting")
    talk(ana, 41, clock=clock, summary="Call about the data platform")
    item = due_list(alice).items[0]
    assert item.display_name == "Ana Lima"
    assert item.reason == "close circle, every month: last contact 41 days ago, 11 days overdue"
    assert (item.days_since, item.days_overdue, item.cadence_days) == (41, 11, 30)
    assert item.last_summary == "Call about the data platform"
    assert item.last_summary_at == NOW - timedelta(days=41)


def test_someone_not_yet_due_is_not_listed_and_someone_due_today_is(alice, person):
    person("Ana Lima", circle="close", contacted=29)
    person("Bo Chen", circle="close", contacted=30)
    listing = due_list(alice)
    assert names(listing) == ["Bo Chen"]
    assert listing.items[0].reason.endswith("last contact 30 days ago, due today")


def test_a_plan_in_the_future_is_not_what_we_last_talked_about(alice, person, clock):
    ana = person("Ana Lima", circle="inner", contacted=10)
    talk(ana, -3, clock=clock, summary="Dinner next week")
    item = due_list(alice).items[0]
    assert item.last_summary == "Call with Ana Lima" and item.days_since == 10


def test_the_more_overdue_and_the_closer_rank_first(alice, person):
    person("Wide and very late", circle="wide", contacted=800)
    person("Inner and a little late", circle="inner", contacted=9)
    person("Close and late", circle="close", contacted=75)
    person("Active and late", circle="active", contacted=200)
    no_strengths(alice)
    assert names(due_list(alice)) == [
        "Close and late", "Inner and a little late", "Active and late", "Wide and very late"]


def test_a_stronger_tie_ranks_above_a_weaker_one_equally_overdue(alice, person):
    weak = person("Weak tie", circle="close", contacted=50)
    strong = person("Strong tie", circle="close", contacted=50)
    unknown = person("Unknown strength", circle="close", contacted=50)
    strength(weak, 10)
    strength(strong, 90)
    from netweave.nurture.models import Strength

    Strength.objects.filter(person=unknown).delete()
    listing = due_list(alice)
    assert names(listing) == ["Strong tie", "Unknown strength", "Weak tie"]
    assert [i.strength for i in listing.items] == [90, None, 10]


def test_someone_never_contacted_is_due_one_cadence_after_being_added_below_the_truly_overdue(alice, person):
    person("New and inner", circle="inner", added=6)
    assert due_list(alice).items == []
    person("Added a while ago", circle="inner", added=20)
    person("Overdue wide", circle="wide", contacted=400)
    listing = due_list(alice)
    assert names(listing) == ["Overdue wide", "Added a while ago"]
    fresh = listing.items[1]
    assert fresh.never_contacted and fresh.last_contact_at is None and fresh.last_summary == ""
    assert fresh.reason == "inner circle, every week: nothing logged since you added them 20 days ago, 13 days overdue"


def test_archived_people_and_people_without_a_cadence_never_appear(alice, person):
    gone = person("Gone", circle="inner", contacted=100)
    person("No circle", contacted=1000)
    archive_person(gone)
    assert due_list(alice).items == []


def test_a_tag_or_person_cadence_decides_and_names_itself(alice, person):
    from netweave.people.models import Tag

    ana = person("Ana Lima", circle="wide", tags=["investor"], contacted=20)
    bo = person("Bo Chen", circle="inner", contacted=20)
    services.set_cadence(alice, 14, tag=Tag.objects.get(owner=alice, name="investor"))
    services.set_cadence(alice, 60, person=bo)
    listing = due_list(alice)
    assert names(listing) == ["Ana Lima"]
    assert listing.items[0].reason == "tagged investor, every two weeks: last contact 20 days ago, 6 days overdue"


def test_the_list_is_capped_at_the_daily_limit_and_done_check_ins_use_up_the_day(alice, person):
    for n in range(8):
        person(f"Person {n}", circle="close", contacted=40 + n)
    listing = due_list(alice)
    assert len(listing.items) == 5 and listing.due_count == 8 and listing.daily_limit == 5
    services.update_settings(alice, daily_limit=2)
    first, second = due_list(alice).items
    services.mark_done(_person(first.person_id))
    listing = due_list(alice)
    assert names(listing) == [second.display_name] and listing.done_today == 1
    services.mark_done(_person(second.person_id))
    assert due_list(alice).items == [] and due_list(alice).due_count == 6
    assert len(due_list(alice, limit=50).items) == 6


def _person(pk):
    from netweave.people.models import Person

    return Person.objects.get(pk=pk)


def test_done_logs_a_message_i_started_now_resets_the_clock_and_shows_on_the_timeline(alice, person, clock):
    ana = person("Ana Lima", circle="close", contacted=41)
    interaction = services.mark_done(ana)
    assert (interaction.kind, interaction.summary, interaction.initiated_by) == ("message", "Checked in", "me")
    assert interaction.occurred_at == NOW
    ana.refresh_from_db()
    assert ana.last_contact_at == NOW
    assert timeline(ana)[0].summary == "Checked in"
    assert Nudge.objects.get(person=ana).status == "done"
    assert due_list(alice).items == []
    clock.advance(days=30)
    assert names(due_list(alice)) == ["Ana Lima"]


def test_done_takes_the_kind_and_summary_chosen_and_refuses_an_unknown_kind(alice, person):
    ana = person("Ana Lima", circle="close", contacted=41)
    assert services.mark_done(ana, kind="call", summary="Caught up on her new job").kind == "call"
    with pytest.raises(Invalid) as refused:
        services.mark_done(ana, kind="telepathy")
    assert "kind" in refused.value.errors
    assert Interaction.objects.filter(owner=alice, summary="Caught up on her new job").count() == 1


def test_a_snooze_hides_someone_until_the_day_and_then_they_come_back(alice, person, clock):
    ana = person("Ana Lima", circle="close", contacted=41)
    nudge = services.snooze(ana)
    assert (nudge.status, nudge.until) == ("snoozed", date(2026, 3, 13))
    assert due_list(alice).items == []
    clock.advance(days=2)
    assert due_list(alice).items == []
    clock.advance(days=1)
    assert names(due_list(alice)) == ["Ana Lima"]
    assert services.snooze(ana, date(2026, 4, 1)).until == date(2026, 4, 1)


@pytest.mark.parametrize("until", [date(2026, 3, 10), date(2026, 3, 1), date(2027, 6, 1)])
def test_a_snooze_must_be_after_today_and_within_a_year(alice, person, until):
    ana = person("Ana Lima", circle="close", contacted=41)
    with pytest.raises(Invalid) as refused:
        services.snooze(ana, until)
    assert list(refused.value.errors) == ["until"]
    assert not Nudge.objects.exists()


def test_a_skip_hides_someone_until_they_are_next_due_one_cadence_from_today(alice, person, clock):
    ana = person("Ana Lima", circle="close", contacted=41)
    loner = person("No cadence", contacted=41)
    assert services.skip(ana).until == date(2026, 4, 9)
    assert services.skip(loner).until == date(2026, 4, 9)
    clock.advance(days=29)
    assert due_list(alice).items == []
    clock.advance(days=1)
    assert names(due_list(alice)) == ["Ana Lima"]


def test_the_users_time_zone_decides_what_today_is_around_midnight(alice, person, clock, settings):
    settings.TIME_ZONE = "UTC"
    clock.now = datetime(2026, 3, 10, 10, 30, tzinfo=UTC)  # 00:30 on 11 March in Kiritimati (UTC+14)
    ana = person("Ana Lima", circle="close")
    talk(ana, 0, clock=clock)
    from netweave.interactions.models import Participation

    Participation.objects.filter(person=ana).update(occurred_at=datetime(2026, 2, 9, 9, 0, tzinfo=UTC))
    from netweave.people.services import refresh_last_contact

    refresh_last_contact([ana.pk])  # last contact 9 Feb, 09:00 UTC: 23:00 that day in Kiritimati
    assert due_list(alice).items == []  # in UTC it is 10 March: 29 days
    services.update_settings(alice, time_zone="Pacific/Kiritimati")
    listing = due_list(alice)
    assert listing.day == date(2026, 3, 11)
    assert listing.items[0].reason.endswith("last contact 30 days ago, due today")
    services.update_settings(alice, time_zone="Pacific/Pago_Pago")  # UTC-11: still 9 March there
    assert due_list(alice).day == date(2026, 3, 9) and due_list(alice).items == []


def test_a_snooze_ends_at_the_users_midnight_not_the_servers(alice, person, clock):
    services.update_settings(alice, time_zone="Asia/Tokyo")  # UTC+9
    ana = person("Ana Lima", circle="close", contacted=41)
    clock.now = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)  # already 11 March in Tokyo
    assert services.snooze(ana).until == date(2026, 3, 14)
    clock.now = datetime(2026, 3, 13, 14, 59, tzinfo=UTC)  # 23:59 on the 13th in Tokyo
    assert due_list(alice).items == []
    clock.now = datetime(2026, 3, 13, 15, 0, tzinfo=UTC)  # midnight: the 14th
    assert names(due_list(alice)) == ["Ana Lima"]


@pytest.mark.parametrize("changes, field", [
    ({"daily_limit": 0}, "daily_limit"), ({"daily_limit": 101}, "daily_limit"), ({"daily_limit": "5"}, "daily_limit"),
    ({"time_zone": "Mars/Olympus_Mons"}, "time_zone"), ({"time_zone": "../../etc/passwd"}, "time_zone"),
])
def test_settings_refuse_a_limit_below_one_and_an_unknown_time_zone(alice, changes, field):
    with pytest.raises(Invalid) as refused:
        services.update_settings(alice, **changes)
    assert list(refused.value.errors) == [field]


def test_a_stranger_has_nothing_due_and_his_settings_are_his_own(alice, charlie, person):
    person("Ana Lima", circle="close", contacted=41)
    services.update_settings(alice, daily_limit=3)
    assert due_list(charlie).items == [] and due_list(charlie).daily_limit == 5


def test_the_list_takes_a_fixed_number_of_queries_however_many_are_due(alice, person, django_assert_max_num_queries):
    for n in range(30):
        person(f"Person {n}", circle="close", contacted=40 + n, tags=["climate"] if n % 3 else [])
    from netweave.people.models import Tag

    services.set_cadence(alice, 20, tag=Tag.objects.get(owner=alice, name="climate"))
    with django_assert_max_num_queries(12):
        listing = due_list(alice, limit=30)
    assert len(listing.items) == 30


def test_a_plan_whose_time_has_come_counts_as_contact(alice, person, clock):
    ana = person("Ana Lima", circle="close", contacted=40)
    talk(ana, -2, clock=clock, summary="Lunch on Thursday")
    assert names(due_list(alice)) == ["Ana Lima"]
    clock.advance(days=3)
    assert due_list(alice).items == []


def test_a_stored_time_zone_this_system_does_not_know_falls_back_to_the_servers(alice, person, clock, settings):
    from netweave.nurture.models import NurtureSettings

    settings.TIME_ZONE = "Asia/Tokyo"
    clock.now = datetime(2026, 3, 10, 16, 0, tzinfo=UTC)  # 11 March in Tokyo
    NurtureSettings.objects.create(owner=alice, time_zone="Gone/Zone")
    assert due_list(alice).day == date(2026, 3, 11)


def test_a_snooze_until_a_moment_rather_than_a_day_is_refused(alice, person, clock):
    ana = person("Ana Lima", circle="close", contacted=41)
    with pytest.raises(Invalid) as refused:
        services.snooze(ana, clock.now + timedelta(days=3))
    assert list(refused.value.errors) == ["until"]
