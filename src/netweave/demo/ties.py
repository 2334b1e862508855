"""Ties for the demo network: colleagues, alumni, family, friends, mentors, introductions, met at an event."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netweave.demo.vocabulary import FUNCTIONS, INTERESTS

if TYPE_CHECKING:
    from netweave.demo.planner import Planner


def plan_ties(plan: Planner) -> dict[tuple[int, int, str], tuple[str, str]]:
    """(a, b, kind) -> (source, evidence); undirected kinds with a < b, mentor ties a mentors b."""
    rng = plan.rng
    out: dict[tuple[int, int, str], tuple[str, str]] = {}

    def add(a: int, b: int, kind: str, source: str, evidence: str) -> None:
        if a == b:
            return
        if kind != "mentor" and a > b:
            a, b = b, a
        if kind == "mentor" and (b, a, kind) in out:
            return
        out.setdefault((a, b, kind), (source, evidence))

    for org, members in sorted(plan.staff.items()):
        name = plan.orgs[org].name
        if len(members) < 2:
            continue
        for idx in members:
            for _ in range(min(len(members) - 1, rng.randint(1, 3))):
                add(idx, rng.choice(members), "colleague", "me", f"Both at {name}")
    for org, members in sorted(plan.alumni.items()):
        if len(members) < 2:
            continue
        name = plan.orgs[org].name
        for idx in members:
            if rng.random() < 0.25:
                add(idx, rng.choice(members), "colleague", "me", f"Worked together at {name}")
    for group in plan.families:
        relation = rng.choice(("Siblings", "Cousins", "Same family", "Parent and child", "Married"))
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                add(a, b, "family", "me", relation if len(group) == 2 else "Same family")
    for group in plan.clusters:
        city = plan.people[group[0]].city
        evidence = rng.choice((f"Friends from {city}", f"Same {rng.choice(INTERESTS)} group in {city}",
                               "Old school friends", f"Flatmates in {city} years ago"))
        for i, a in enumerate(group):
            if i:
                add(group[i - 1], a, "friend", "me", evidence)
            for b in group[i + 1:]:
                if rng.random() < 0.4:
                    add(a, b, "friend", "me", evidence)
    seniors = [p.idx for p in plan.people if p.level >= 3]
    for mentor in rng.sample(seniors, min(len(seniors), max(1, plan.n // 50))):
        m = plan.people[mentor]
        colleagues = plan.staff.get(m.current[0], []) if m.current else []
        for _ in range(rng.choice((1, 1, 2, 3))):
            pool = colleagues if colleagues and rng.random() < 0.6 else None
            mentee = rng.choice(pool) if pool else rng.randrange(plan.n)
            if plan.people[mentee].level < m.level:
                topic = rng.choice(FUNCTIONS[m.function]["expertise"])
                add(mentor, mentee, "mentor", "me", f"Mentors {plan.people[mentee].short} on {topic}")
    for p in plan.people:
        if p.introduced_by is not None:
            add(p.introduced_by, p.idx, "introduced", "introduction",
                f"{plan.people[p.introduced_by].short} introduced me to {p.short}")
    for summary, _, age, participants in plan.events:
        if age > 0 and len(participants) >= 2:
            for _ in range(rng.randint(0, 3)):
                a, b = rng.sample(participants, 2)
                add(a, b, "met_at", "me", f"Met each other at {summary}")
    return out
