"""The newer features for a demo user, made through each app's own services so every rule holds: asks and offers,
the give-and-take ledger, introductions in several states, an upcoming event with goals and a past one captured,
mentorships with sessions, learnings, a contribution and opportunities.

`netweave demo` calls `seed_extras` after `build_demo`; `build_demo` itself (which tests and benchmarks time and
compare row for row) stays as it is. The same seed on the same network makes the same picks; dates are relative
to today in the user's time zone, since the services refuse a ledger entry in the future or an event captured
before it starts.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.db import transaction

from netweave.core.models import Origin
from netweave.demo.places import HUB_CITIES
from netweave.demo.vocabulary import FIELDS, FUNCTIONS, TOPICS
from netweave.events import services as events
from netweave.events.capturing import save_capture
from netweave.events.models import EventPerson
from netweave.givefirst import introductions, services as give
from netweave.givefirst.intro_drafts import STEP_FOR_STATE
from netweave.givefirst.models import Ask, Exchange, Introduction, Offer
from netweave.mentorship import services as mentoring
from netweave.mentorship.models import Mentorship
from netweave.nurture.models import Strength
from netweave.nurture.today import local_today, settings_for, zone_for
from netweave.opportunities import services as opportunities
from netweave.opportunities.models import Contribution, Opportunity, OpportunityPerson
from netweave.people.models import Person

State = Introduction.State
STRONG_POOL = 30  # the closest ties introductions and ledger entries are drawn from
EXPERT_POOL = 200  # people with expertise tags considered for offers and "want to meet"
PAIR_TRIES = 400  # pairs tried per introduction before giving up (a small, tightly knit network)
# Each introduction's path through the machine, from proposed; the last state is where it stays.
INTRO_PATHS: tuple[tuple[str, ...], ...] = (
    (State.PROPOSED,),
    (State.PROPOSED, State.ASKED_A),
    (State.PROPOSED, State.ASKED_A, State.A_AGREED),
    (State.PROPOSED, State.ASKED_A, State.A_AGREED, State.ASKED_B, State.B_AGREED, State.MADE),
    (State.PROPOSED, State.ASKED_A, State.A_AGREED, State.ASKED_B, State.B_AGREED, State.MADE, State.CONCLUDED),
    (State.PROPOSED, State.ASKED_A, State.A_AGREED, State.ASKED_B, State.DECLINED),
)
KINDS = ("asks", "offers", "exchanges", "introductions", "events", "goals", "event_people", "mentorships",
         "sessions", "learnings", "contributions", "opportunities")


def seed_extras(user, *, seed: int) -> dict:
    """Add asks, offers, exchanges, introductions, events, mentorships, learnings, a contribution and
    opportunities to `user`'s demo network. Returns how many of each it made (fewer in a tiny network)."""
    counts = dict.fromkeys(KINDS, 0)
    strong = _strongest(user)
    if len(strong) < 2:
        return counts
    seeder = _Seeder(user, seed, strong, counts)
    with transaction.atomic():
        seeder.run()
    return counts


def _strongest(user) -> list[Person]:
    """The user's closest people, strongest first (by last contact when strengths were never computed)."""
    ids = list(Strength.objects.filter(owner=user, person__archived=False, score__gt=0)
               .order_by("-score", "person_id").values_list("person_id", flat=True)[:STRONG_POOL])
    if len(ids) < STRONG_POOL:
        more = (Person.objects.filter(owner=user, archived=False).exclude(pk__in=ids)
                .order_by("-last_contact_at", "id").values_list("id", flat=True)[:STRONG_POOL - len(ids)])
        ids += list(more)
    found = Person.objects.filter(pk__in=ids).select_related("current_organisation").in_bulk()
    return [found[pk] for pk in ids]


def _experts(user) -> dict[int, list[str]]:
    """Person id to their expertise tags, for the first EXPERT_POOL people who have any."""
    rows = (Person.tags.through.objects.filter(person__owner=user, person__archived=False, tag__kind="expertise")
            .order_by("person_id", "tag__name").values_list("person_id", "tag__name"))
    found: dict[int, list[str]] = defaultdict(list)
    for pid, name in rows:
        if pid not in found and len(found) >= EXPERT_POOL:
            break
        found[pid].append(name)
    return dict(found)


def _first(person: Person) -> str:
    return person.given_name or person.display_name.split()[0]


class _Seeder:
    """One run of seed_extras: the random stream, the people it draws from, and the counts so far."""

    def __init__(self, user, seed: int, strong: list[Person], counts: dict) -> None:
        self.user = user
        self.rng = random.Random(seed)
        self.strong = strong
        self.counts = counts
        self.today = local_today(user)
        self.zone = zone_for(settings_for(user))
        self.origin = Origin.objects.filter(owner=user, kind="demo").order_by("-id").first()
        self.experts = _experts(user)
        present = sorted({name for names in self.experts.values() for name in names})
        every = sorted({e for f in FUNCTIONS.values() for e in f["expertise"]})
        # Topics people in this network really have, so matching finds helpers for the asks.
        self.topics = present or every
        self.expert_people = (Person.objects.filter(pk__in=list(self.experts)).order_by("id")
                              if self.experts else Person.objects.none())

    def days_ago(self, low: int, high: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low, high))

    def at(self, day: date, hour: int) -> datetime:
        return datetime.combine(day, time(hour), tzinfo=self.zone)

    def run(self) -> None:
        asks = self.needs()
        made = self.introductions(asks)
        self.ledger()
        past = self.events()
        mentor, meeting = self.mentorships()
        self.learnings(mentor, meeting, past)
        self.contributions_and_opportunities(made)

    # ---- asks and offers -------------------------------------------------------------------------------------

    def needs(self) -> list[Ask]:
        rng, topics = self.rng, self.topics
        mine = rng.sample(topics, min(2, len(topics)))
        asks = []
        for kind, topic, details in zip(
                (Ask.Kind.ADVICE, Ask.Kind.HIRE), mine,
                ("Weighing two approaches; would love an hour with someone who has done it.",
                 "A first hire for a small team; remote is fine.")):
            asks.append(give.add_ask(self.user, person=None, kind=kind, topic=topic, details=details,
                                     origin=self.origin))
        askers = rng.sample(self.strong[:12], min(3, len(self.strong[:12])))
        for person, kind in zip(askers, (Ask.Kind.ADVICE, Ask.Kind.JOB, Ask.Kind.HIRE)):
            topic = rng.choice(topics)
            details = f"Mentioned it when we talked about {rng.choice(TOPICS)}."
            asks.append(give.add_ask(self.user, person=person, kind=kind, topic=topic, details=details,
                                     expires_on=self.today + timedelta(days=rng.randint(20, 60)), origin=self.origin))
        self.counts["asks"] = len(asks)

        give.add_offer(self.user, person=None, kind=Offer.Kind.MENTORING, topic=rng.choice(topics),
                       details="An hour a month for someone starting out.", origin=self.origin)
        offers = 1
        expert_ids = sorted(self.experts)
        for pid in rng.sample(expert_ids, min(3, len(expert_ids))):
            person = self.expert_people.get(pk=pid)
            kind = rng.choice((Offer.Kind.EXPERTISE, Offer.Kind.REVIEW, Offer.Kind.INTRODUCTIONS))
            give.add_offer(self.user, person=person, kind=kind, topic=rng.choice(self.experts[pid]),
                           origin=self.origin)
            offers += 1
        self.counts["offers"] = offers
        return asks

    # ---- introductions ---------------------------------------------------------------------------------------

    def _pair(self, used: set[frozenset], first: Person | None = None) -> tuple[Person, Person] | None:
        """Two strong ties who do not know each other and have no introduction under way."""
        for _ in range(PAIR_TRIES):
            a = first or self.rng.choice(self.strong)
            b = self.rng.choice(self.strong)
            key = frozenset((a.pk, b.pk))
            if a.pk == b.pk or key in used:
                continue
            used.add(key)
            if introductions.already_tied(self.user, a, b) or introductions.under_way(self.user, a, b):
                continue
            return a, b
        return None

    def introductions(self, asks: list[Ask]) -> list[Introduction]:
        """One introduction per path; the first answers a contact's ask. Returns those made (or concluded)."""
        used: set[frozenset] = set()
        contact_asks = [a for a in asks if a.person_id is not None]
        made = []
        for n, path in enumerate(INTRO_PATHS):
            ask = contact_asks[0] if n == 0 and contact_asks else None
            pair = self._pair(used, ask.person) if ask else None
            if pair is None:
                ask = None
                pair = self._pair(used)
            if pair is None:
                break
            a, b = pair
            topic = ask.topic if ask else self.rng.choice(self.topics)
            reason = (f"{_first(a)} wants help with {topic}, and {_first(b)} has done it before."
                      if ask else f"Both are working on {topic}; {_first(b)} could save {_first(a)} months.")
            intro = introductions.propose(self.user, a, b, reason=reason, ask=ask, origin=self.origin)
            for state in path[1:]:
                step = STEP_FOR_STATE.get(state)
                message = introductions.draft(intro, step) if step else ""
                outcome = Introduction.Outcome.WORKED_TOGETHER if state == State.CONCLUDED else ""
                note = "B is too busy this quarter." if state == State.DECLINED else ""
                intro = introductions.advance(intro, state, message=message, outcome=outcome, note=note)
            if intro.state in (State.MADE, State.CONCLUDED):
                made.append(intro)
                self.counts["exchanges"] += 2  # making it records an introduction given to each of them
            self.counts["introductions"] += 1
        return made

    # ---- the ledger ------------------------------------------------------------------------------------------

    def ledger(self) -> None:
        rng = self.rng
        people = rng.sample(self.strong, min(6, len(self.strong)))
        entries = []
        for person, kind in zip(people[:2], (Exchange.Kind.ADVICE, Exchange.Kind.FAVOUR)):
            entries.append((kind, None, person, f"Helped {_first(person)} with {rng.choice(TOPICS)}"))
        for person, kind in zip(people[2:4], (Exchange.Kind.REFERRAL, Exchange.Kind.ADVICE)):
            entries.append((kind, person, None, f"{_first(person)} helped me with {rng.choice(TOPICS)}"))
        if len(people) >= 6:
            giver, receiver = people[4], people[5]
            entries.append((Exchange.Kind.RESOURCE, giver, receiver,
                            f"{_first(giver)} sent {_first(receiver)} notes on {rng.choice(TOPICS)} at my request"))
        for kind, giver, receiver, note in entries:
            give.record_exchange(self.user, kind=kind, giver=giver, receiver=receiver, day=self.days_ago(2, 75),
                                 note=note, origin=self.origin)
        self.counts["exchanges"] += len(entries)

    # ---- events ----------------------------------------------------------------------------------------------

    def _event_name(self, suffix: str) -> tuple[str, str]:
        field = self.rng.choice(FIELDS)
        city = self.rng.choice(HUB_CITIES)[0]
        return f"{city} {field} {suffix}", city

    def events(self):
        """An event in ten days with goals and people expected, and one twenty days ago already captured.
        Returns the past one."""
        rng, counts = self.rng, self.counts
        name, city = self._event_name(f"Summit {self.today.year}")
        day = self.today + timedelta(days=10)
        upcoming = events.create_event(self.user, {
            "name": name, "starts_at": self.at(day, 9), "ends_at": self.at(day, 18), "location": city,
            "description": "Two tracks and a long lunch; most of the people I want to see will be there.",
        }, origin=self.origin)
        goal_topics = rng.sample(self.topics, min(2, len(self.topics)))
        texts = [f"Meet three people working on {goal_topics[0]}"]
        if len(goal_topics) > 1:
            texts.append(f"Find someone to ask about {goal_topics[1]}")
        for text in texts:
            events.add_goal(upcoming, text)
        counts["goals"] += len(texts)
        for person in rng.sample(self.strong, min(3, len(self.strong))):
            events.set_person(upcoming, person, status=EventPerson.Status.EXPECTED)
            counts["event_people"] += 1
        wanted = [pid for pid in sorted(self.experts) if goal_topics[0] in self.experts[pid]]
        for pid in rng.sample(wanted, min(2, len(wanted))):
            person = self.expert_people.get(pk=pid)
            if not upcoming.people.filter(person=person).exists():
                events.set_person(upcoming, person, status=EventPerson.Status.WANT)
                counts["event_people"] += 1

        name, city = self._event_name("Meetup")
        day = self.today - timedelta(days=20)
        past = events.create_event(self.user, {
            "name": name, "starts_at": self.at(day, 18), "ends_at": self.at(day, 21), "location": city,
        }, origin=self.origin)
        met = rng.sample(self.strong, min(3, len(self.strong)))
        for person in met:
            events.set_person(past, person, status=EventPerson.Status.EXPECTED)
        lines = [f"#{met[0].pk} — talked about {rng.choice(TOPICS)}; send {_first(met[0])} the article next week"]
        lines += [f"#{p.pk} — {rng.choice(TOPICS)} is going well" for p in met[1:]]
        save_capture(past, "\n".join(lines), origin=self.origin)
        counts["event_people"] += len(met)
        counts["events"] += 2
        return past

    # ---- mentorship and learnings ----------------------------------------------------------------------------

    def mentorships(self):
        """My mentor (a session a fortnight ago) and my mentee (one last week). Returns the mentor and
        the meeting the session logged."""
        rng = self.rng
        mentor, mentee = rng.sample(self.strong[:10], 2)
        topic = rng.choice(self.topics)
        ours = mentoring.start_mentorship(self.user, mentor, role=Mentorship.Role.MENTOR,
                                          goals=f"Grow into a lead role; get much better at {topic}.",
                                          started=self.today - timedelta(days=150), origin=self.origin)
        first = mentoring.log_session(ours, day=self.today - timedelta(days=14),
                                      notes=f"Went through how {_first(mentor)} handled {rng.choice(TOPICS)}.",
                                      next_steps="Write down three decisions I would make differently.",
                                      origin=self.origin)
        theirs = mentoring.start_mentorship(self.user, mentee, role=Mentorship.Role.MENTEE,
                                            goals=f"{_first(mentee)} wants to learn {rng.choice(self.topics)}.",
                                            started=self.today - timedelta(days=60), origin=self.origin)
        mentoring.log_session(theirs, day=self.today - timedelta(days=6),
                              notes=f"Talked about {rng.choice(TOPICS)}.",
                              next_steps="Read the two chapters I suggested.", origin=self.origin)
        self.counts["mentorships"] += 2
        self.counts["sessions"] += 2
        return mentor, first.interaction

    def learnings(self, mentor: Person, mentor_meeting, past) -> None:
        rng = self.rng
        mentoring.record_learning(self.user, "Write the decision down before the meeting, not after.",
                                  person=mentor, topic=rng.choice(self.topics), interaction=mentor_meeting,
                                  origin=self.origin)
        past.refresh_from_db()
        met = past.people.filter(status=EventPerson.Status.MET).order_by("person_id").first()
        mentoring.record_learning(self.user, f"Small meetups beat big conferences for {rng.choice(self.topics)}.",
                                  person=met.person if met else None, topic=rng.choice(self.topics),
                                  interaction=past.interaction if met else None, origin=self.origin)
        self.counts["learnings"] += 2

    # ---- contributions and opportunities ---------------------------------------------------------------------

    def contributions_and_opportunities(self, made: list[Introduction]) -> None:
        rng = self.rng
        topic = rng.choice(self.topics)
        talk_name, _ = self._event_name("Meetup")
        talk = opportunities.add_contribution(
            self.user, title=f"What a year of {topic} taught us", kind=Contribution.Kind.TALK,
            day=self.today - timedelta(days=rng.randint(40, 90)), audience=talk_name,
            notes="Twenty minutes and a long Q&A.", origin=self.origin)
        self.counts["contributions"] += 1
        opportunities.add_opportunity(
            self.user, title=f"Keynote on {topic}", kind=Opportunity.Kind.SPEAKING, contribution=talk,
            day=talk.day + timedelta(days=rng.randint(5, 20)), notes="They saw the talk and asked for a longer one.",
            origin=self.origin)
        self.counts["opportunities"] += 1
        concluded = [i for i in made if i.state == State.CONCLUDED] or made
        if concluded:
            intro = concluded[0]
            b = intro.person_b
            opportunities.add_opportunity(
                self.user, title=f"Advisory project on {rng.choice(self.topics)}", kind=Opportunity.Kind.PROJECT,
                organisation=b.current_organisation, status=Opportunity.Status.PURSUING, introduction=intro,
                people=[(b, OpportunityPerson.Role.CONTACT)],
                notes=f"{_first(b)} asked me in after the introduction to {_first(intro.person_a)} worked out.",
                origin=self.origin)
            self.counts["opportunities"] += 1
