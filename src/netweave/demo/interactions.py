"""Interactions and events for the demo network: how often and how people are in touch, and how they met."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from netweave.demo.cultures import CULTURES
from netweave.demo.model import DORMANT_FROM, DORMANT_TO, HISTORY_DAYS, UTC, Person, cumulative, weighted
from netweave.demo.places import HUB_CITIES
from netweave.demo.vocabulary import (
    EVENT_FORMS, FIELDS, FUNCTIONS, INTERACTION_NOTES, INTERESTS, MET_HOW, MILESTONES, PERSON_NOTES, PLACES, TOPICS,
)

if TYPE_CHECKING:
    from netweave.demo.planner import Planner

# Interaction profiles: how many interactions over the history, and how they are spread in time.
PROFILES = {
    #           (min, max)   kind mix
    "inner":    ((100, 160), "close"),
    "close":    ((55, 90), "close"),
    "fading":   ((30, 60), "close"),    # used to be close, nothing for 5+ months
    "active":   ((30, 60), "work"),
    "warm":     ((50, 95), "work"),
    "regular":  ((18, 50), "work"),
    "weak":     ((1, 10), "weak"),
    "dormant":  ((25, 60), "dormant"),
}
KIND_MIX = {
    "close": (("message", 34), ("call", 14), ("video", 10), ("meeting", 22), ("email", 12), ("note", 8)),
    "work": (("email", 30), ("message", 18), ("video", 18), ("meeting", 18), ("call", 10), ("note", 6)),
    "weak": (("email", 35), ("message", 20), ("meeting", 20), ("video", 12), ("call", 8), ("note", 5)),
    "dormant": (("meeting", 25), ("call", 20), ("email", 25), ("message", 20), ("video", 5), ("note", 5)),
}
SUMMARIES = {
    ("meeting", "me"): ("Coffee with {n} about {t}", "Lunch with {n}: {t}", "Met {n} at {p}",
                        "Breakfast with {n} to talk about {t}", "Walk with {n}, talked about {t}",
                        "Drinks with {n} after work", "Catch-up with {n} at {p}"),
    ("meeting", "them"): ("{n} invited me for coffee: {t}", "Lunch with {n}: {t}", "Met {n} at {p}",
                          "{n} asked to meet about {t}", "Dinner with {n}"),
    ("call", "me"): ("Called {n} about {t}", "Call with {n} about {t}", "Phone catch-up with {n}"),
    ("call", "them"): ("{n} called about {t}", "Call with {n} about {t}", "{n} rang to ask about {t}"),
    ("video", "me"): ("Video call with {n} on {t}", "Zoom with {n}: {t}", "Google Meet with {n} about {t}"),
    ("video", "them"): ("Video call with {n} on {t}", "{n} set up a call about {t}", "Zoom with {n}: {t}"),
    ("message", "me"): ("Messaged {n} about {t}", "Sent {n} congratulations on {m}", "WhatsApp to {n}: {t}",
                        "Texted {n} about {t}"),
    ("message", "them"): ("{n} messaged about {t}", "{n} shared an article on {t}", "{n} asked about {t}",
                          "{n} sent photos from the trip"),
    ("email", "me"): ("Emailed {n} about {t}", "Sent {n} notes on {t}", "Followed up with {n} on {t}"),
    ("email", "them"): ("Email from {n} re: {t}", "{n} sent an update on {t}", "{n} asked for advice on {t}"),
    ("note", ""): ("Note: {n} is looking into {t}", "Heard {n} is working on {t}", "{n} mentioned {t}",
                   "Remember to ask {n} about {t}"),
}
GROUP_SUMMARIES = {
    "meeting": ("Dinner with {n} and {o}", "Lunch with {n} and {o}: {t}", "Drinks with {n} and {o}",
                "Workshop on {t} with {n} and {o}"),
    "call": ("Conference call with {n} and {o} about {t}",),
    "video": ("Team call with {n} and {o} about {t}", "Zoom with {n} and {o}: {t}"),
    "message": ("Group chat with {n} and {o} about {t}",),
    "email": ("Thread with {n} and {o} re: {t}",),
}


def plan_events(plan: Planner) -> list[list]:
    """Conferences and meetups as [summary, notes, age in days, participants]: many participants, two still to come."""
    rng, n = plan.rng, plan.n
    count = 2 + max(2, round(n / 120))  # two still to come, and at least two that happened
    events: list[list] = []
    cities = [c for cu in CULTURES for c in cu.cities] + list(HUB_CITIES)
    for i in range(count):
        age = -rng.randint(3, 60) if i < 2 else rng.randint(2, DORMANT_TO)
        when = plan.today - timedelta(days=age)
        city = rng.choice(cities)[0]
        form = rng.choice(EVENT_FORMS)
        org = plan.orgs[rng.choice(plan.communities)].name if plan.communities else "Open Source"
        if "{org}" in form and not plan.communities:
            form = EVENT_FORMS[0]
        summary = form.format(city=city, field=rng.choice(FIELDS), year=when.year, n=rng.randint(3, 120), org=org)
        notes = ""
        if rng.random() < 0.3:
            notes = f"Goals: meet two people working on {rng.choice(FIELDS).lower()}; " \
                    f"follow up with the speakers within a week."
        size = min(rng.randint(8, 60), max(3, n // 4))
        participants: list[int] = []
        seen: set[int] = set()
        for idx in rng.sample(range(n), min(n, size * 2)):
            if len(participants) >= size:
                break
            if plan.people[idx].quiet_days <= max(age, 0) and idx not in seen:
                seen.add(idx)
                participants.append(idx)
        events.append([summary, notes, age, participants])
    return events


def event_when(plan: Planner, age: int) -> datetime:
    """When an event `age` days before today starts: on the hour, and never on a Sunday."""
    day = plan.today - timedelta(days=age)
    if day.weekday() == 6:
        day -= timedelta(days=1)
    if age > 0 and day >= plan.today:
        day = plan.today - timedelta(days=1)
    return datetime(day.year, day.month, day.day, plan.rng.choice((9, 10, 14, 18, 19)), 0, tzinfo=UTC)


def plan_introductions(plan: Planner) -> None:
    """How people met (at an event, introduced by someone close, or otherwise), and notes on some of them."""
    rng = plan.rng
    past_events = [i for i, e in enumerate(plan.events) if 2 <= e[2] <= DORMANT_TO]
    introducers = [p.idx for p in plan.people if p.profile in ("inner", "close", "active", "warm")]
    for p in plan.people:
        if p.profile in ("inner", "dormant", "fading"):
            continue
        r = rng.random()
        if r < 0.08 and past_events:
            e = rng.choice(past_events)
            event = plan.events[e]
            p.met_at_event = e
            p.known_days = event[2]
            if p.idx not in event[3]:
                event[3].append(p.idx)
            p.met_how = f"Met at {event[0]}."
        elif r < 0.16 and introducers:
            by = rng.choice(introducers)
            if by != p.idx:
                p.introduced_by = by
                p.met_how = f"Introduced by {plan.people[by].display}" + rng.choice((
                    ".", f" who thought we should talk about {rng.choice(TOPICS)}.",
                    f"; both of us work on {rng.choice(FIELDS).lower()}."))
    for p in plan.people:
        if not p.met_how and rng.random() < 0.35:
            p.met_how = rng.choice(MET_HOW).format(
                past_org=plan.orgs[p.affiliations[0][0]].name, field=rng.choice(FIELDS), city=p.city,
                topic=rng.choice(TOPICS),
                community=plan.orgs[rng.choice(plan.communities)].name if plan.communities else "local tech")
        if rng.random() < 0.25:
            interest = next((plan.tags[t][1] for t in p.tags if plan.tags[t][0] == "interest"),
                            rng.choice(INTERESTS))
            expertise = next((plan.tags[t][1] for t in p.tags if plan.tags[t][0] == "expertise"),
                             rng.choice(FUNCTIONS[p.function]["expertise"]))
            p.notes = rng.choice(PERSON_NOTES).format(
                interest=interest, expertise=expertise, topic=rng.choice(TOPICS),
                city=rng.choice(HUB_CITIES)[0])


def interactions_of(plan: Planner, p: Person):
    """Yield (kind, occurred_at, initiated_by, summary, notes, participant indices) for one person."""
    rng = plan.rng
    low, high = PROFILES[p.profile][0]
    mix = KIND_MIX[PROFILES[p.profile][1]]
    kinds = [k for k, _ in mix]
    kinds_cum = cumulative(w for _, w in mix)
    count = rng.randint(low, high)
    span = max(1, min(p.known_days, HISTORY_DAYS))
    ages = []
    for _ in range(count):
        u = rng.random()
        if p.profile == "dormant":
            age = rng.randint(DORMANT_FROM, DORMANT_TO)
        elif p.profile == "fading":
            age = 150 + int((HISTORY_DAYS - 150) * u ** 0.8)
        elif p.profile == "weak":
            # most contact soon after we met, then it thins out
            known = max(1, min(p.known_days, DORMANT_TO))
            age = 1 + int((known - 1) * (1 - u ** 2.5))
        else:
            bias = {"inner": 1.3, "close": 1.2, "active": 1.1, "warm": 1.0, "regular": 0.9}[p.profile]
            age = 1 + int((span - 1) * u ** bias)
        ages.append(age)
    if p.profile in ("inner", "close", "active", "warm") and rng.random() < 0.06:
        ages.append(-rng.randint(1, 45))  # a plan
    if p.introduced_by is not None:
        first = min(max(ages) + rng.randint(1, 10), DORMANT_TO)
        introducer = plan.people[p.introduced_by]
        yield ("email", _when(plan, first, "email"), "them",
               f"Intro from {introducer.short}: meet {p.short}", "", [p.idx, p.introduced_by])
    pools = [pool for pool in (plan.staff.get(p.current[0]) if p.current else None,
                               plan.cluster_of.get(p.idx), plan.family_of.get(p.idx)) if pool and len(pool) > 1]
    for age in ages:
        kind = weighted(rng, kinds, kinds_cum)
        initiated = "" if kind == "note" else ("me" if rng.random() < 0.5 else "them")
        when = _when(plan, age, kind)
        participants = [p.idx]
        if pools and kind != "note" and rng.random() < 0.08:
            for _ in range(rng.choice((1, 1, 2, 2, 3, 4, 5))):
                other = rng.choice(rng.choice(pools))
                if other not in participants and plan.people[other].quiet_days <= age:
                    participants.append(other)
        topic = rng.choice(p.topics) if p.topics and rng.random() < 0.3 else rng.choice(TOPICS)
        if len(participants) > 1:
            others = [plan.people[i].short for i in participants[1:]]
            o = others[0] if len(others) == 1 else f"{len(others)} others"
            summary = rng.choice(GROUP_SUMMARIES[kind]).format(n=p.short, o=o, t=topic)
        else:
            summary = rng.choice(SUMMARIES[(kind, initiated)]).format(
                n=p.short, t=topic, p=rng.choice(PLACES), m=rng.choice(MILESTONES))
        notes = ""
        if rng.random() < 0.08:
            notes = rng.choice(INTERACTION_NOTES).format(
                expertise=rng.choice(p.topics) if p.topics else rng.choice(FIELDS), topic=topic,
                city=rng.choice(HUB_CITIES)[0])
        yield kind, when, initiated, summary, notes, participants


def _when(plan: Planner, age: int, kind: str) -> datetime:
    """`age` days before today, at an hour that suits the kind; most meetings and calls move off weekends."""
    rng = plan.rng
    day = plan.today - timedelta(days=age)
    if kind in ("meeting", "call", "video"):
        if day.weekday() >= 5 and rng.random() < 0.8:
            day += timedelta(days=7 - day.weekday()) if age <= 0 else -timedelta(days=day.weekday() - 4)
        hour, minute = rng.randint(8, 18), rng.choice((0, 0, 15, 30, 30, 45))
    elif kind == "note":
        hour, minute = rng.randint(17, 23), rng.randint(0, 59)
    else:
        hour, minute = rng.randint(7, 23), rng.randint(0, 59)
    if age > 0 and day >= plan.today:
        day = plan.today - timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)
