"""Celebrations with a controlled clock: birthdays (29 February too), work anniversaries, new jobs and promotions
read from the job history, milestones, drafts, done and skip; then the API, CLI and web surfaces."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import typer
from django.urls import reverse
from typer.testing import CliRunner

from netweave.nurture import cli_celebrations, services
from netweave.nurture.celebrations import upcoming
from netweave.nurture.models import Milestone, Nudge
from netweave.nurture.tests.today_support import NOW, clock, person, talk  # noqa: F401
from netweave.people.models import Affiliation, Person
from netweave.people.services import add_affiliation, archive_person, new_origin, update_person

TODAY = NOW.date()  # Tuesday 10 March 2026


@pytest.fixture
def days(monkeypatch, clock):
    """Pin `clock.today()` to the same day as `clock.now()`: job changes are dated by it."""
    from netweave.core import clock as core_clock

    monkeypatch.setattr(core_clock, "today", lambda: clock.now.date())
    return clock


def whats(owner, **kwargs):
    return [(c.display_name, c.kind, c.day, c.what) for c in upcoming(owner, **kwargs)]


def test_a_birthday_with_a_year_says_how_old_they_turn_and_without_one_just_birthday(alice, person):
    person("Ana Lima", birthday="1986-03-15")
    person("Bo Chen", birthday="--03-12")
    person("Cy Far", birthday="1990-04-30")  # beyond two weeks
    assert whats(alice, today=TODAY) == [("Bo Chen", "birthday", date(2026, 3, 12), "birthday"),
                                         ("Ana Lima", "birthday", date(2026, 3, 15), "turns 40")]
    assert upcoming(alice, today=TODAY)[1].key == "birthday:2026-03-15"


def test_29_february_is_celebrated_on_28_february_in_a_common_year_and_on_the_day_in_a_leap_year(alice, person):
    person("Leap Ling", birthday="1988-02-29")
    assert whats(alice, today=date(2027, 2, 20)) == [("Leap Ling", "birthday", date(2027, 2, 28), "turns 39")]
    assert whats(alice, today=date(2028, 2, 20)) == [("Leap Ling", "birthday", date(2028, 2, 29), "turns 40")]
    assert whats(alice, today=date(2027, 3, 1), days=10) == []


def test_birthdays_across_new_year_come_in_order(alice, person):
    person("Ny Eve", birthday="--12-31")
    person("Ny Day", birthday="2000-01-02")
    assert whats(alice, today=date(2026, 12, 28)) == [("Ny Eve", "birthday", date(2026, 12, 31), "birthday"),
                                                      ("Ny Day", "birthday", date(2027, 1, 2), "turns 27")]


def test_archived_people_and_strangers_see_no_celebrations(alice, charlie, person):
    ana = person("Ana Lima", birthday="1986-03-15")
    assert upcoming(charlie, today=TODAY) == []
    archive_person(ana)
    assert upcoming(alice, today=TODAY) == []


def test_the_users_time_zone_decides_which_birthday_is_today(alice, person):
    person("Kiwi Kim", birthday="--03-11")
    assert whats(alice, days=0) == []  # still 10 March at noon UTC
    services.update_settings(alice, time_zone="Pacific/Auckland")  # 01:00 on 11 March there
    assert whats(alice, days=0) == [("Kiwi Kim", "birthday", date(2026, 3, 11), "birthday")]


def test_a_work_anniversary_counts_whole_years_at_the_current_role(alice, person):
    ana = person("Ana Lima")
    add_affiliation(ana, "Acme", title="Engineer", start=date(2021, 3, 12))
    bo = person("Bo Chen")
    add_affiliation(bo, "Globex", start=date(2025, 9, 1))
    add_affiliation(bo, "Initech", start=date(2020, 3, 13), end=date(2024, 1, 1))  # not current: no anniversary
    assert whats(alice, today=TODAY) == [("Ana Lima", "anniversary", date(2026, 3, 12), "5 years at Acme")]


def test_a_role_that_started_this_year_has_no_anniversary_yet(alice, person):
    ana = person("Ana Lima")
    add_affiliation(ana, "Acme", start=date(2026, 3, 1))
    assert "anniversary" not in [c.kind for c in upcoming(alice, today=date(2026, 3, 1))]


def test_an_import_that_moves_someone_to_a_new_company_is_a_new_job(alice, person, days):
    ana = person("Ana Lima", organisation="Acme", title="Engineer")
    days.advance(days=3)
    update_person(ana, {"organisation": "Globex", "title": "CTO"}, origin=new_origin(alice, "import", "linkedin"))
    found = upcoming(alice)
    assert [(c.kind, c.day, c.what, c.key) for c in found] == [
        ("new_job", TODAY + timedelta(days=3), "new job: CTO at Globex", "new_job:2026-03-13")]
    assert found[0].draft.startswith("Congratulations on the new job as CTO at Globex, Ana!")
    days.advance(days=31)
    assert upcoming(alice) == []  # old news after thirty days


def test_a_new_title_at_the_same_company_is_a_promotion(alice, person, days):
    ana = person("Ana Lima", organisation="Acme", title="Engineer")
    Affiliation.objects.filter(person=ana).update(created_at=NOW - timedelta(days=400))  # not a same-day fix
    update_person(ana, {"title": "Lead Engineer"}, origin=new_origin(alice, "import", "linkedin"))
    assert whats(alice) == [("Ana Lima", "promotion", TODAY, "promotion: Lead Engineer")]


def test_someone_first_added_with_their_job_has_no_new_job_to_celebrate(alice, person, days):
    person("Ana Lima", added=0, organisation="Acme", title="Engineer")
    bo = person("Bo Chen", added=2)
    add_affiliation(bo, "Globex", start=TODAY - timedelta(days=10))  # began before we knew them
    assert upcoming(alice) == []


def test_a_milestone_is_offered_from_its_day_with_its_words(alice, person):
    ana = person("Ana Lima")
    made = services.add_milestone(ana, kind="launch", day=TODAY - timedelta(days=2), text="launched her book")
    services.add_milestone(ana, kind="award", day=TODAY - timedelta(days=60), text="an old award")
    found = upcoming(alice)
    assert [(c.kind, c.what, c.key) for c in found] == [("milestone", "launched her book", f"milestone:{made.pk}")]
    assert found[0].draft.startswith("Congratulations on the launch, Ana!")


def test_a_milestone_is_refused_without_words_or_with_an_unknown_kind(alice, person):
    from netweave.core.errors import Invalid

    ana = person("Ana Lima")
    with pytest.raises(Invalid) as exc:
        services.add_milestone(ana, kind="party", day=TODAY, text="  ")
    assert set(exc.value.errors) == {"kind", "text"}
    assert not Milestone.objects.exists()


def test_congratulated_or_skipped_celebrations_are_not_offered_again(alice, person):
    ana = person("Ana Lima", birthday="1986-03-15")
    bo = person("Bo Chen", birthday="1986-03-15")
    services.congratulate(ana, "birthday:2026-03-15")
    assert whats(alice) == [("Bo Chen", "birthday", date(2026, 3, 15), "turns 40")]
    services.skip_celebration(bo, "birthday:2026-03-15")
    assert upcoming(alice) == []
    assert whats(alice, today=date(2027, 3, 10))[0][3] == "turns 41"  # next year's is another celebration


def test_a_key_that_names_no_celebration_is_refused(alice, person):
    from netweave.core.errors import Invalid

    ana = person("Ana Lima")
    for key in ("checkin:2026-03-10", "birthday", "", "birthday:<script>"):
        with pytest.raises(Invalid):
            services.congratulate(ana, key)
    assert not Nudge.objects.exists()


def test_the_draft_draws_on_how_we_met_how_long_we_have_known_each_other_and_what_we_last_talked_about(
        alice, person, clock):
    ana = person("Ana Lima", birthday="--03-12", met_how="At PyCon in Berlin.", contacted=6 * 365 + 5)
    talk(ana, 90, clock=clock, summary="Coffee about her move to Lisbon")
    draft = upcoming(alice)[0].draft
    assert draft == ("Happy birthday, Ana! I hope it's a great day. It's been 6 years since we met (at PyCon in "
                     "Berlin). It's been a while since our last catch-up in December 2025 (\"Coffee about her move to "
                     "Lisbon\"): I'd love to hear how things are going. Let's catch up soon.")


def test_someone_with_no_history_still_gets_a_sensible_draft(alice, person):
    person("Bo Chen", birthday="--03-12")
    assert upcoming(alice)[0].draft == "Happy birthday, Bo! I hope it's a great day. Hope all is well, and let's catch up soon."


def test_upcoming_reads_few_queries_whatever_the_number_of_people(alice, person, django_assert_max_num_queries):
    for n in range(20):
        person(f"Person {n}", birthday=f"--03-{11 + n % 5:02d}")
    with django_assert_max_num_queries(10):
        assert len(upcoming(alice)) == 20


# ---- surfaces ----------------------------------------------------------------------------------------------

def test_a_stranger_gets_404_or_nothing_from_the_celebrations_api(as_charlie, alice, person):
    ana = person("Ana Lima", birthday="1986-03-15")
    assert as_charlie.get("celebrations").json() == []
    assert as_charlie.post("celebrations/done", {"person_id": ana.pk, "key": "birthday:2026-03-15"}).status_code == 404
    assert as_charlie.post("milestones", {"person_id": ana.pk, "text": "won"}).status_code == 404
    assert not Nudge.objects.exists() and not Milestone.objects.exists()


def test_the_api_lists_celebrations_and_marks_one_done_by_key(as_alice, alice, person):
    ana = person("Ana Lima", birthday="1986-03-15")
    body = as_alice.get("celebrations").json()
    assert body[0] | {"draft": ""} == {"person_id": ana.pk, "display_name": "Ana Lima", "kind": "birthday",
                                       "day": "2026-03-15", "what": "turns 40", "draft": "",
                                       "key": "birthday:2026-03-15"}
    done = as_alice.post("celebrations/done", {"person_id": ana.pk, "key": "birthday:2026-03-15"})
    assert done.json() == {"person_id": ana.pk, "key": "birthday:2026-03-15", "status": "done"}
    assert as_alice.get("celebrations").json() == []
    assert as_alice.post("celebrations/done", {"person_id": ana.pk, "key": "nope"}).status_code == 422


def test_the_api_notes_a_milestone_that_then_comes_up(as_alice, alice, person):
    ana = person("Ana Lima")
    made = as_alice.post("milestones", {"person_id": ana.pk, "kind": "award", "text": "won the Turing award"})
    assert made.status_code == 201 and made.json()["day"] == "2026-03-10"
    assert as_alice.get("celebrations").json()[0]["what"] == "won the Turing award"
    assert as_alice.post("milestones", {"person_id": ana.pk, "kind": "party", "text": "x"}).status_code == 422


app = typer.Typer()
cli_celebrations.register(app)
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [*args, "-u", "alice"], catch_exceptions=False)


def test_the_cli_lists_celebrations_notes_milestones_and_marks_them_done(alice, person):
    person("Ana Lima", birthday="1986-03-15")
    listed = run("celebrations", "--json")
    assert json.loads(listed.stdout)[0]["what"] == "turns 40"
    assert run("celebrate", "done", "Ana Lima", "birthday:2026-03-15").exit_code == 0
    assert json.loads(run("celebrations", "--json").stdout) == []
    added = run("milestone", "add", "Ana Lima", "moved to Lisbon", "--kind", "move", "--json")
    assert json.loads(added.stdout)["kind"] == "move"
    assert "moved to Lisbon" in run("celebrations").stdout
    assert run("milestone", "add", "Ana Lima", "x", "--day", "soon").exit_code == 2


def test_a_stranger_gets_404_for_celebration_buttons_and_sees_none_on_the_home_page(client, charlie, alice, person):
    ana = person("Ana Lima", birthday="1986-03-15")
    client.force_login(charlie)
    for name in ("nurture:celebration_done", "nurture:celebration_skip"):
        assert client.post(reverse(name, args=[ana.pk]), {"key": "birthday:2026-03-15"}).status_code == 404
    assert "Ana Lima" not in client.get(reverse("home")).content.decode()
    page = client.post(reverse("nurture:milestone_new"), {"person": "Ana Lima", "kind": "award", "day": "2026-03-10",
                                                          "text": "won"})
    assert page.status_code == 200 and not Milestone.objects.exists()
    assert not Nudge.objects.exists()


def test_the_home_page_shows_whom_to_celebrate_and_done_hides_it(client, alice, person):
    ana = person("Ana Lima", birthday="1986-03-15")
    client.force_login(alice)
    page = client.get(reverse("home")).content.decode()
    assert "To celebrate" in page and "turns 40" in page and "Happy birthday, Ana!" in page
    response = client.post(reverse("nurture:celebration_done", args=[ana.pk]), {"key": "birthday:2026-03-15"})
    assert response.status_code == 302
    assert "turns 40" not in client.get(reverse("home")).content.decode()


def test_the_milestone_form_notes_one_for_the_person_named(client, alice, person):
    ana = person("Ana Lima")
    client.force_login(alice)
    form = client.get(reverse("nurture:milestone_new"), {"person": ana.pk}).content.decode()
    assert "Ana Lima" in form
    response = client.post(reverse("nurture:milestone_new"),
                           {"person": "Ana Lima", "kind": "new_child", "day": "2026-03-08", "text": "a baby girl"})
    assert response.status_code == 302
    assert Milestone.objects.get(person=ana).kind == "new_child"
    assert "Congratulations on the new baby, Ana!" in client.get(reverse("home")).content.decode()


def test_the_celebrations_page_lists_the_next_two_months_and_only_mine(client, alice, charlie, make_person):
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    soon = timezone.localdate() + timedelta(days=40)
    make_person("Ana Lima", birthday=f"--{soon.month:02d}-{soon.day:02d}")
    client.force_login(alice)
    page = client.get(reverse("nurture:celebrations")).content.decode()
    assert "Ana Lima" in page and "Draft a message" in page
    client.force_login(charlie)
    assert "Ana Lima" not in client.get(reverse("nurture:celebrations")).content.decode()


def test_a_limit_keeps_the_soonest_and_drafts_only_those(alice, make_person):
    from datetime import timedelta

    from django.utils import timezone

    from netweave.nurture.celebrations import upcoming

    today = timezone.localdate()
    for offset in (9, 2, 5):
        day = today + timedelta(days=offset)
        make_person(f"P{offset}", birthday=f"--{day.month:02d}-{day.day:02d}")
    found = upcoming(alice, today=today, limit=2)
    assert [c.display_name for c in found] == ["P2", "P5"] and all(c.draft for c in found)
