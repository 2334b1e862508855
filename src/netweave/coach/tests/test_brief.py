"""What a brief says about one person, and the questions it chooses: hand-built people for each kind of
context, and the demo network for the whole."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netweave.coach.questions import OPENINGS
from netweave.coach.tests.conftest import NOW
from netweave.coach.tests.support import assert_well_formed, brief_of
from netweave.interactions.models import Participation
from netweave.people.models import Person


def kinds(brief) -> list[str]:
    return [q.kind for q in brief.questions]


def test_a_job_change_since_we_last_spoke_is_news_and_gets_the_first_question(person, meet):
    from netweave.people.services import new_origin, update_person

    ana = person("Ana Lima", organisation="Oldco", title="Analyst")
    meet(ana, 100, summary="Coffee with Ana")
    update_person(ana, {"organisation": "Acme", "title": "Head of Data"}, origin=new_origin(ana.owner, "web"))
    brief = brief_of(ana)
    assert brief.organisation == "Acme" and brief.title == "Head of Data"
    news = brief.since.items[0]
    assert news.kind == "new_job" and news.day == NOW.date()
    assert news.text == "new job: Head of Data at Acme (after Oldco)"
    first = brief.questions[0]
    assert first.kind == "job_change" and "Acme" in first.text
    assert first.draws_on == f"the job change on {NOW.date().isoformat()}"
    assert_well_formed(brief)


def test_a_role_held_when_we_met_is_not_news(person, meet):
    ana = person("Ana Lima", organisation="Acme", title="Head of Data")
    meet(ana, 100)
    brief = brief_of(ana)
    assert brief.since.items == [] and "job_change" not in kinds(brief)


def test_a_promotion_and_a_school_joined_read_as_such(person, meet):
    from netweave.people.services import add_affiliation, end_affiliation, get_or_create_organisation

    ana = person("Ana Lima")
    analyst = add_affiliation(ana, "Acme", title="Analyst", start=date(2024, 1, 1))
    meet(ana, 60)
    end_affiliation(analyst, NOW.date() - timedelta(days=10))
    add_affiliation(ana, "Acme", title="Lead Analyst", start=NOW.date() - timedelta(days=10))
    school = get_or_create_organisation(ana.owner, "Open University", kind="school")
    add_affiliation(ana, school, title="MSc", start=NOW.date() - timedelta(days=20))
    texts = [h.text for h in brief_of(ana).since.items]
    assert texts == ["promotion to Lead Analyst at Acme", "joined Open University as MSc"]


def test_an_open_ask_appears_with_a_question_about_it_and_a_closed_one_does_not(alice, person, meet):
    from netweave.givefirst.models import Ask
    from netweave.givefirst.services import add_ask, add_offer, close_need

    ana = person("Ana Lima")
    meet(ana, 30)
    ask = add_ask(alice, person=ana, kind="hire", topic="a senior Rust engineer")
    gone = add_ask(alice, person=ana, kind="advice", topic="pricing")
    close_need(gone, "withdrawn")
    lapsed = add_ask(alice, person=ana, kind="job", topic="a board seat", expires_on=NOW.date() + timedelta(days=5))
    Ask.objects.filter(pk=lapsed.pk).update(expires_on=NOW.date() - timedelta(days=1))
    add_offer(alice, person=ana, kind="mentoring", topic="data strategy")
    brief = brief_of(ana)
    assert [(a.id, a.topic) for a in brief.asks] == [(ask.pk, "a senior Rust engineer")]
    assert [o.topic for o in brief.offers] == ["data strategy"]
    about = [q for q in brief.questions if q.source == f"ask:{ask.pk}"]
    assert len(about) == 1 and about[0].kind == "open_ask"
    assert about[0].text == "You were looking for a senior Rust engineer — did you find someone?"
    assert "a senior Rust engineer" in about[0].draws_on
    assert not any("pricing" in q.text or "board seat" in q.text for q in brief.questions)


def test_someone_with_nothing_known_gets_the_unknown_lines_and_opening_questions(person):
    nobody = person("Nadia Noone", added=3)
    brief = brief_of(nobody)
    assert brief.unknown == ["no meetings logged", "no notes on how you met", "no job or organisation known",
                             "no location known", "no interests or expertise noted", "no people in common known"]
    assert brief.talks == [] and brief.last_contact_at is None and brief.balance == "nothing exchanged yet"
    assert brief.since.label == f"since you added them on {(NOW - timedelta(days=3)).date().isoformat()}"
    assert kinds(brief) == ["no_history"] * 3
    assert [q.text for q in brief.questions] == list(OPENINGS[:3])
    assert all(q.draws_on == "nothing logged yet: an opening question" for q in brief.questions)


def test_a_first_meeting_with_what_little_is_known_asks_about_it_first(person):
    bea = person("Bea Costa", location="Porto, Portugal", interests=["surfing"], met_how="At a friend's wedding")
    brief = brief_of(bea)
    assert "no notes on how you met" not in brief.unknown and "no meetings logged" in brief.unknown
    assert kinds(brief)[:2] == ["shared_interest", "how_we_met"]
    assert brief.questions[0].text in ("What got you into surfing?",
                                       "Have you come across anything good on surfing lately?")
    assert_well_formed(brief)


def test_what_we_last_talked_about_is_the_latest_few_with_notes_and_a_question_citing_it(person, meet, make_person):
    ana = person("Ana Lima")
    bo = make_person("Bo Chen")
    meet(ana, 300, summary="Old lunch")
    meet(ana, 200, summary="Call with Ana about pricing", kind="call")
    dinner = meet([ana, bo], 90, summary="Dinner with Ana and Bo")
    latest = meet(ana, 45, summary="Lunch with Ana", notes="She is hiring for the data team. Wants intros to "
                                                           "people who have run one before.")
    meet(ana, -7, summary="Breakfast with Ana")  # a plan, not a topic
    brief = brief_of(ana)
    assert [t.summary for t in brief.talks] == ["Lunch with Ana", "Dinner with Ana and Bo",
                                                "Call with Ana about pricing"]
    assert brief.talks[0].excerpt.startswith("She is hiring for the data team.")
    assert brief.talks[1].others == ["Bo Chen"]
    assert brief.next_plan.summary == "Breakfast with Ana"
    cited = [q for q in brief.questions if q.source == f"interaction:{latest.pk}"]
    assert cited[0].text == "In January you were hiring for the data team — did you find someone?"
    assert cited[0].draws_on == "the meeting of 2026-01-24: “Lunch with Ana”"
    assert brief.questions[0] == cited[0]  # the most specific, most recent context
    pricing = [q for q in brief.questions if "pricing" in q.text]  # a topic beats a plain "anything new?"
    assert len(pricing) == 1 and pricing[0].kind == "last_topic"
    assert not any(q.source == f"interaction:{dinner.pk}" for q in brief.questions)


@pytest.mark.parametrize("summary, notes, asked", [
    ("Heard Ana is working on the launch", "", "In February you mentioned the launch — how did it go?"),
    ("Call with Ana", "Moving to Berlin in spring; wants tips.", "In February you were moving to Berlin in spring — "
                                                                 "how is the move going?"),
    ("Remember to ask Ana about her thesis defence", "", "In February you mentioned your studies — how are they "
                                                         "going?"),
    ("Lunch with Ana: sourdough", "", None),  # no cue: the topic after the colon
])
def test_what_we_last_talked_about_is_picked_up_by_its_most_particular_cue(person, meet, summary, notes, asked):
    ana = person("Ana Lima")
    talk = meet(ana, 20, summary=summary, notes=notes, kind="call")
    [question] = [q for q in brief_of(ana).questions if q.source == f"interaction:{talk.pk}"]
    if asked:
        assert question.text == asked
    else:
        assert "sourdough" in question.text and "“" not in question.text


def test_milestones_birthdays_and_people_met_since_we_last_spoke(alice, person, meet, make_person):
    from netweave.nurture.services import add_milestone
    from netweave.people.models import Tie
    from netweave.people.services import link_people

    ana = person("Ana Lima", birthday="1990-02-20")
    cy = make_person("Cy Diaz")
    meet(ana, 40)
    add_milestone(ana, kind="launch", day=NOW.date() - timedelta(days=5), text="Launched Tidepool 2.0")
    add_milestone(ana, kind="award", day=NOW.date() - timedelta(days=60), text="Before we last spoke")
    link_people(alice, ana, cy, Tie.Kind.INTRODUCED)
    brief = brief_of(ana)
    assert [h.kind for h in brief.since.items] == ["tie", "milestone", "birthday"]
    assert brief.since.items[1].text == "launch: Launched Tidepool 2.0"
    assert brief.since.items[2].text == "birthday on 20 February (turned 36)"
    assert brief.since.items[0].text == "introduced to Cy Diaz"
    by_kind = {q.kind: q for q in brief.questions}
    assert by_kind["milestone"].text == "How has the launch gone — what are people saying?"
    assert by_kind["milestone"].draws_on == "the milestone of 2026-03-05: Launched Tidepool 2.0"
    assert by_kind["birthday"].draws_on == "their birthday on 2026-02-20"
    assert_well_formed(brief)


def test_a_long_silence_is_named_in_a_question(person, meet):
    ana = person("Ana Lima", added=900)
    meet(ana, 400, summary="Drinks with Ana after work")
    brief = brief_of(ana)
    silence = [q for q in brief.questions if q.kind == "long_silence"]
    assert silence[0].text in ("It's been 13 months — what has kept you busy since February 2025?",
                               "It's been 13 months! What's the biggest change for you since February 2025?")
    assert silence[0].draws_on == "no contact since 2025-02-03"
    assert brief.questions[0] == silence[0]


def test_common_ground_names_people_places_and_schools_we_share(alice, person, meet, make_person):
    from netweave.people.services import add_affiliation, get_or_create_organisation, link_people

    ana = person("Ana Lima", location="Lisbon, Portugal", interests=["jazz"], expertise=["pricing"])
    bo = make_person("Bo Chen", location="lisbon")
    make_person("Cy Diaz", location="Lisbonne, France")  # another place that merely starts alike
    di = make_person("Di Ng", location="Porto")
    school = get_or_create_organisation(alice, "Universidade de Lisboa", kind="school")
    add_affiliation(ana, school, title="BSc", start=date(2008, 9, 1), end=date(2011, 7, 1))
    add_affiliation(di, school, start=date(2009, 9, 1), end=date(2012, 7, 1))
    link_people(alice, ana, bo, "colleague")
    meet(ana, 10, summary="Coffee with Ana")
    meet(di, 2, summary="Coffee with Di")
    common = brief_of(ana).common
    assert common.interests == ["jazz"] and common.expertise == ["pricing"]
    assert [(m.display_name, m.tie) for m in common.mutual] == [("Bo Chen", "colleague")]
    [place] = common.places
    assert (place.name, place.others, [e.display_name for e in place.examples]) == ("Lisbon", 1, ["Bo Chen"])
    [group] = common.groups
    assert (group.name, group.kind, group.title, group.others) == ("Universidade de Lisboa", "school", "BSc", 1)
    assert [e.display_name for e in group.examples] == ["Di Ng"]


def test_another_users_people_asks_and_places_never_reach_my_brief(alice, bob, person, meet, make_person):
    from netweave.givefirst.services import add_ask

    ana = person("Ana Lima", location="Lisbon, Portugal")
    meet(ana, 10)
    bobs = make_person("Ana Lima", owner=bob, location="Lisbon, Portugal")
    make_person("Bo Chen", owner=bob, location="Lisbon")
    add_ask(bob, person=bobs, kind="hire", topic="a Rust engineer")
    brief = brief_of(ana)
    assert brief.asks == [] and brief.common.places[0].others == 0
    assert all("Rust" not in q.text for q in brief.questions)
    from netweave.coach.brief import person_for_brief

    with pytest.raises(Person.DoesNotExist):
        person_for_brief(bob, ana.pk)


def test_the_demo_network_gives_every_brief_three_to_five_questions_and_cites_recent_talks(alice, now):
    from netweave.demo.generator import build_demo

    build_demo(alice, people=60, seed=3, now=NOW)
    people = list(Person.objects.filter(owner=alice).order_by("id"))
    for one in people:
        assert_well_formed(brief_of(one))
    recent = [p for p in sorted(people, key=lambda p: p.last_contact_at or NOW - timedelta(days=9999),
                                reverse=True)][:5]
    for one in recent:
        brief = brief_of(one)
        latest = list(Participation.objects.filter(person=one, occurred_at__lte=NOW)
                      .order_by("-occurred_at", "-interaction_id").values_list("interaction_id", flat=True)[:3])
        assert [t.id for t in brief.talks] == latest
        talks = {f"interaction:{t.id}": t for t in brief.talks}
        citing = [q for q in brief.questions if q.source in talks]
        assert citing, (one.display_name, [q.text for q in brief.questions])
        assert all(talks[q.source].day.isoformat() in q.draws_on for q in citing)


def test_a_brief_takes_a_bounded_number_of_queries_however_long_the_history(alice, now, django_assert_max_num_queries):
    from django.db.models import Count

    from netweave.coach.brief import gather, person_for_brief
    from netweave.demo.generator import build_demo

    build_demo(alice, people=60, seed=3, now=NOW)
    busiest = (Person.objects.filter(owner=alice).annotate(n=Count("participations")).order_by("-n", "id")
               .values_list("id", "n"))
    (most, n_most), (least, n_least) = busiest[0], busiest.reverse()[0]
    assert n_most > 20 * max(1, n_least)
    for pid in (most, least):
        with django_assert_max_num_queries(22):
            gather(alice, person_for_brief(alice, pid))


def test_a_cue_followed_by_a_colon_reads_as_an_aside_in_the_question(person, meet):
    ana = person("Ana Lima")
    talk = meet(ana, 45, summary="Lunch with Ana", notes="They are hiring: two roles in Rust.")
    cited = [q for q in brief_of(ana).questions if q.source == f"interaction:{talk.pk}"]
    assert cited[0].text == "In January you were hiring (two roles in Rust) — did you find someone?"
