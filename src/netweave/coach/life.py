"""What happened in someone's life since we last spoke, for a brief: milestones I noted, new roles (a new job,
a promotion, a school or association joined) and roles left, birthdays that passed, and people they have come
to know through an introduction or an event. Without any contact, since the day they were added.

Each comes from the person's own rows on an index (their roles are already read by the brief), so a person
with a long history costs the same as a new one.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q

from netweave.coach.brief import Happening, Here, Since
from netweave.nurture.models import Milestone
from netweave.people.models import Affiliation, Organisation, Person, Tie

SHOWN = 5
TIES_SHOWN = 3
# Ties that record something that happened to them (met someone at an event, were introduced, took on a
# mentor or mentee), unlike "colleague" or "friend", which say what I learnt, whenever I learnt it.
NEWS_TIES = (Tie.Kind.INTRODUCED, Tie.Kind.MET_AT, Tie.Kind.MENTOR)
GROUP_KINDS = (Organisation.Kind.SCHOOL, Organisation.Kind.ASSOCIATION, Organisation.Kind.COMMUNITY)


def since_last_spoke(owner, person: Person, roles: list[Affiliation], here: Here) -> Since:
    """What happened after the last contact (or after they were added), newest first."""
    if person.last_contact_at:
        moment = person.last_contact_at
        day = here.day(moment)
        since = Since(day, f"since you last spoke on {day.isoformat()}")
    else:
        moment = person.created_at
        day = here.day(moment)
        since = Since(day, f"since you added them on {day.isoformat()}")
    items = _milestones(person, day, here.today) + _roles(person, roles, day, here)
    items += _birthday(person, day, here.today) + _ties(owner, person, moment, here)
    items.sort(key=lambda h: (h.day, h.source), reverse=True)
    since.items = items
    return since


def _milestones(person: Person, day: date, today: date) -> list[Happening]:
    rows = Milestone.objects.filter(person=person, day__gt=day, day__lte=today).order_by("-day", "-id")[:SHOWN]
    return [Happening("milestone", m.day, f"{m.get_kind_display()}: {m.text}", f"milestone:{m.pk}",
                      {"kind": m.kind, "text": m.text}) for m in rows]


def _roles(person: Person, roles: list[Affiliation], day: date, here: Here) -> list[Happening]:
    """Roles begun or ended after `day`. A role that began on or before the day they were added is who they
    were when we met, not news (as in nurture.celebrations)."""
    added = here.day(person.created_at)
    started = [r for r in roles if r.start and day < r.start <= here.today and r.start > added]
    ended = [r for r in roles if r.end and day < r.end <= here.today]
    used: set[int] = set()
    found = []
    for role in started[:SHOWN]:
        org = role.organisation
        before = next((r for r in roles if r.pk != role.pk and r.end and r.end <= role.start
                       and r.organisation_id == role.organisation_id and r.title != role.title), None)
        detail = {"organisation": org.name, "title": role.title, "organisation_kind": org.kind}
        if org.kind in GROUP_KINDS:
            kind, text = "joined", f"joined {org.name}" + (f" as {role.title}" if role.title else "")
        elif before is not None:
            used.add(before.pk)
            kind, text = "promotion", f"promotion to {role.title} at {org.name}" if role.title else \
                f"new role at {org.name}"
        else:
            kind = "new_job"
            text = f"new job: {role.title} at {org.name}" if role.title else f"new job at {org.name}"
            left = next((r for r in ended if r.pk not in used and r.organisation_id != role.organisation_id
                         and abs((r.end - role.start).days) <= 31), None)
            if left is not None:
                used.add(left.pk)
                detail["left"] = left.organisation.name
                text += f" (after {left.organisation.name})"
        found.append(Happening(kind, role.start, text, f"role:{role.pk}", detail))
    for role in ended:
        if role.pk not in used and len(found) < SHOWN:
            found.append(Happening("left", role.end, f"left {role.organisation.name}", f"role:{role.pk}",
                                   {"organisation": role.organisation.name, "title": role.title,
                                    "organisation_kind": role.organisation.kind}))
    return found


def _birthday(person: Person, day: date, today: date) -> list[Happening]:
    """The latest birthday after `day`, and how many passed since then."""
    latest, count = None, 0
    upcoming = person.next_birthday(day + timedelta(days=1))
    while upcoming is not None and upcoming <= today and count < 100:
        latest, count = upcoming, count + 1
        upcoming = person.next_birthday(upcoming + timedelta(days=1))
    if latest is None:
        return []
    text = f"birthday on {latest.day} {latest:%B}"
    age = person.age_on(latest)
    if age is not None:
        text += f" (turned {age})"
    if count > 1:
        text += f"; {count} birthdays since you last spoke"
    return [Happening("birthday", latest, text, f"birthday:{latest.isoformat()}", {"age": age, "count": count})]


def _ties(owner, person: Person, moment, here: Here) -> list[Happening]:
    mine = Q(owner=owner, person_a=person) | Q(owner=owner, person_b=person)
    rows = (Tie.objects.filter(mine, kind__in=NEWS_TIES, created_at__gt=moment)
            .filter(person_a__archived=False, person_b__archived=False).order_by("-created_at", "-id")
            .values_list("person_a_id", "person_b_id", "person_a__display_name", "person_b__display_name", "kind",
                         "created_at")[:TIES_SHOWN])
    found = []
    for a, b, a_name, b_name, kind, created in rows:
        other, name = (b, b_name) if a == person.pk else (a, a_name)
        if kind == Tie.Kind.MENTOR:
            text = f"began mentoring {name}" if a == person.pk else f"found a mentor in {name}"
            how = "mentor of" if a == person.pk else "mentored by"
        else:
            how = Tie.Kind(kind).label
            text = {Tie.Kind.INTRODUCED: f"introduced to {name}", Tie.Kind.MET_AT: f"met {name}"}.get(kind,
                                                                                                     f"{how} {name}")
        found.append(Happening("tie", here.day(created), text, f"person:{other}",
                               {"person_id": other, "display_name": name, "tie": how}))
    return found
