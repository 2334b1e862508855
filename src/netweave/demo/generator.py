"""Build a deterministic synthetic network for one user: people, organisations, job histories, interactions, ties.

The same seed and the same `now` give the same data, row for row (ids aside). The network is shaped like a
real one: names from many cultures, a few big employers and many small ones, job changes and promotions, a
handful of close ties with frequent contact, many weak ties with a few interactions, dormant ties that were
strong three to four years ago, groups of friends and colleagues who meet together, events with many
attendees, mentors, and introductions.

It writes with multi-row INSERTs inside one transaction (30,000 people and about a million interactions in
well under the three-minute target on SQLite), and computes the derived columns (current organisation and
title, last contact, next plan, search text) exactly as `people.services` would.

The plan is made in plain Python by `planner.Planner`, with `orgs`, `people`, `contacts`, `interactions` and
`ties`, from the vocabularies in `cultures`, `places` and `vocabulary`; `writer.Writer` writes it.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta

from django.db import connection, transaction

from netweave.core import clock
from netweave.demo.interactions import event_when, interactions_of
from netweave.demo.model import UTC, Progress
from netweave.demo.planner import Planner
from netweave.demo.ties import plan_ties
from netweave.core.writer import Writer
from netweave.people.normalize import fold

INTERACTIONS_PER_CHUNK = 60_000


def _midnight(value: datetime | None) -> datetime:
    """`value` as given (in UTC if it has no time zone), or today's midnight UTC if there is none."""
    if value is None:
        value = clock.now()
        value = value.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def build_demo(owner, *, people: int, seed: int, now: datetime | None = None,
               progress: Progress | None = None, strengths: bool = True) -> dict:
    """Write a synthetic network of `people` people for `owner`. Returns counts and the seconds it took.

    `progress(stage, fraction)` is called now and then with a fraction from 0 to 1. `strengths=False` leaves
    the tie strengths uncomputed (for benchmarks that time computing them).
    """
    from netweave.core.models import Origin
    from netweave.interactions.models import Interaction, Participation
    from netweave.people.models import (
        Affiliation, Circle, Email, Organisation, Person, Phone, Tag, Tie, Url,
    )
    from netweave.people.services import DEFAULT_CIRCLES, ensure_default_circles

    if people < 1:
        raise ValueError("a demo network needs at least one person")
    started = time.perf_counter()
    now = _midnight(now)
    report = progress or (lambda stage, fraction: None)
    plan = Planner(people, seed, now)
    plan.plan(progress)
    report("Writing people", 0.15)
    w = Writer(owner, now)
    stats = {"people": people, "seed": seed, "now": now.isoformat()}

    with transaction.atomic():
        ensure_default_circles(owner)
        origin = Origin.objects.create(owner=owner, kind="demo", label=f"demo --people {people} --seed {seed}")
        circles = dict(Circle.objects.filter(owner=owner, name__in=DEFAULT_CIRCLES).values_list("name", "id"))

        # Tags and organisations: reuse what the owner already has under the same key.
        existing_tags = {(k, key): i for k, key, i in Tag.objects.filter(owner=owner).values_list("kind", "key", "id")}
        missing = [t for t in plan.tags if (t[0], fold(t[1])) not in existing_tags]
        new_ids = w.insert(Tag, ("owner_id", "kind", "name", "key"),
                           [(owner.pk, kind, name, fold(name)) for kind, name in missing], ids=True)
        existing_tags.update({(k, fold(name)): i for (k, name), i in zip(missing, new_ids)})
        tag_ids = [existing_tags[(k, fold(name))] for k, name in plan.tags]

        existing_orgs = dict(Organisation.objects.filter(owner=owner).values_list("key", "id"))
        missing_orgs = [o for o in plan.orgs if o.key not in existing_orgs]
        new_ids = w.insert(Organisation, ("owner_id", "name", "key", "domain", "kind", "notes", "origin_id"),
                           [(owner.pk, o.name, o.key, o.domain, o.kind, o.notes, origin.pk) for o in missing_orgs],
                           ids=True)
        existing_orgs.update({o.key: i for o, i in zip(missing_orgs, new_ids)})
        org_ids = [existing_orgs[o.key] for o in plan.orgs]

        interaction_fields = ("owner_id", "kind", "occurred_at", "initiated_by", "summary", "notes", "source",
                              "origin_id", "created_at", "updated_at")
        event_rows, event_members = [], []
        for summary, notes, age, participants in plan.events:
            when = event_when(plan, age)
            stamp = w.dt(min(when, now))
            event_rows.append((owner.pk, "event", w.dt(when), "", summary, notes, "demo", origin.pk, stamp, stamp))
            event_members.append((participants, when))
        event_ids = w.insert(Interaction, interaction_fields, event_rows, ids=True)

        # People, with their derived columns (last contact is filled in once the interactions are written).
        person_rows = []
        contact_rows = {"emails": [], "phones": [], "urls": []}
        for p in plan.people:
            emails = [address for address, _ in p.emails]
            phones = [e164 for _, e164, _ in p.phones]
            year, month, day = p.birthday or (None, None, None)
            person_rows.append((
                owner.pk, p.display, p.prefix, p.given, p.middle, p.family, p.nickname, p.pronouns,
                year, month, day, p.location, p.met_how,
                event_ids[p.met_at_event] if p.met_at_event is not None else None,
                circles[p.circle], p.notes,
                org_ids[p.current[0]] if p.current else None, p.current[1] if p.current else "",
                plan.search_text(p, emails, phones),
                w.dt(now - timedelta(days=p.created_days)), w.dt(now),
            ))
        person_ids = w.insert(Person, (
            "owner_id", "display_name", "prefix", "given_name", "middle_name", "family_name", "nickname", "pronouns",
            "birthday_year", "birthday_month", "birthday_day", "location", "met_how", "met_at_event_id", "circle_id",
            "notes", "current_organisation_id", "current_title", "search_text", "created_at", "updated_at",
        ), person_rows, ids=True)
        del person_rows
        report("Writing contact details", 0.22)

        qn = connection.ops.quote_name
        person_table = qn(Person._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {person_table} SET {qn('introduced_by_id')} = %s WHERE {qn('id')} = %s",
                [(person_ids[p.introduced_by], person_ids[p.idx]) for p in plan.people if p.introduced_by is not None],
            )

        for p in plan.people:
            pid = person_ids[p.idx]
            for pos, (address, label) in enumerate(p.emails):
                contact_rows["emails"].append((owner.pk, pid, label, pos, origin.pk, address, address.lower()))
            for pos, (raw, e164, label) in enumerate(p.phones):
                contact_rows["phones"].append((owner.pk, pid, label, pos, origin.pk, raw, e164))
            for pos, (url, key, label) in enumerate(p.urls):
                contact_rows["urls"].append((owner.pk, pid, label, pos, origin.pk, url, key))
        value_fields = ("owner_id", "person_id", "label", "position", "origin_id")
        w.insert(Email, value_fields + ("address", "key"), contact_rows["emails"])
        w.insert(Phone, value_fields + ("raw", "e164"), contact_rows["phones"])
        w.insert(Url, value_fields + ("url", "key"), contact_rows["urls"])

        affiliation_rows = []
        for p in plan.people:
            pid = person_ids[p.idx]
            for org, title, start, end in p.affiliations:
                affiliation_rows.append((owner.pk, pid, org_ids[org], title, w.d(start), w.d(end), origin.pk))
        w.insert(Affiliation, ("owner_id", "person_id", "organisation_id", "title", "start", "end", "origin_id"),
                 affiliation_rows)
        through = Person.tags.through
        tag_rows = [(person_ids[p.idx], tag_ids[t]) for p in plan.people for t in p.tags]
        w.insert(through, ("person_id", "tag_id"), tag_rows)
        report("Writing interactions", 0.3)

        # Interactions, streamed a chunk at a time; last contact and next plan are tracked as they are written.
        last = [None] * people
        upcoming = [None] * people
        now_db = w.dt(now)
        participation_fields = ("owner_id", "interaction_id", "person_id", "occurred_at")
        totals = {"interactions": len(event_rows), "participations": 0}

        def write(rows: list[tuple], members: list[tuple[list[int], datetime]], ids: list[int] | None = None) -> None:
            if ids is None:
                ids = w.insert(Interaction, interaction_fields, rows, ids=True)
            part_rows = []
            for row, iid, (group, when) in zip(rows, ids, members):
                when_db = row[2]
                past = when <= now
                for idx in group:
                    part_rows.append((owner.pk, iid, person_ids[idx], when_db))
                    if past:
                        if last[idx] is None or when > last[idx]:
                            last[idx] = when
                    elif upcoming[idx] is None or when < upcoming[idx]:
                        upcoming[idx] = when
            w.insert(Participation, participation_fields, part_rows)
            totals["participations"] += len(part_rows)

        write(event_rows, event_members, event_ids)
        rows: list[tuple] = []
        members: list[tuple[list[int], datetime]] = []
        for i, p in enumerate(plan.people):
            for kind, when, initiated, summary, notes, group in interactions_of(plan, p):
                when_db = w.dt(when)
                stamp = when_db if when <= now else now_db
                rows.append((owner.pk, kind, when_db, initiated, summary, notes, "demo", origin.pk, stamp, stamp))
                members.append((group, when))
            if len(rows) >= INTERACTIONS_PER_CHUNK:
                write(rows, members)
                totals["interactions"] += len(rows)
                rows, members = [], []
                report("Writing interactions", 0.3 + 0.65 * (i + 1) / people)
        if rows:
            write(rows, members)
            totals["interactions"] += len(rows)
        report("Writing ties", 0.95)

        # Derived columns: each person's latest past contact (plans do not count) and earliest plan, as
        # refresh_last_contact has them.
        updates = [(w.dt(value), w.dt(upcoming[idx]), person_ids[idx])
                   for idx, value in enumerate(last) if value is not None or upcoming[idx] is not None]
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {person_table} SET {qn('last_contact_at')} = %s, {qn('next_plan_at')} = %s "
                               f"WHERE {qn('id')} = %s", updates)

        # Ties last: they draw from the plan's random stream after the interactions.
        tie_rows = []
        for (a, b, kind), (source, evidence) in plan_ties(plan).items():
            ida, idb = person_ids[a], person_ids[b]
            if kind != "mentor" and ida > idb:
                ida, idb = idb, ida
            tie_rows.append((owner.pk, ida, idb, kind, source, evidence, origin.pk))
        w.insert(Tie, ("owner_id", "person_a_id", "person_b_id", "kind", "source", "evidence", "origin_id"), tie_rows)

    # A bulk load changes the tables' shape a lot: refresh the query planner's statistics, as an import should.
    # Without them SQLite picks poor indexes (e.g. filtering the people list by a tag takes 5x longer).
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if strengths:
        from netweave.nurture.strengths import recompute_all

        report("Computing strengths", 0.96)
        recompute_all(owner, lambda done, total: report("Computing strengths", 0.96 + 0.04 * done / total), now=now)
    stats.update({
        "organisations": len(plan.orgs),
        "affiliations": len(affiliation_rows),
        "interactions": totals["interactions"],
        "participations": totals["participations"],
        "ties": len(tie_rows),
        "emails": len(contact_rows["emails"]),
        "phones": len(contact_rows["phones"]),
        "urls": len(contact_rows["urls"]),
        "tags": len(plan.tags),
        "seconds": round(time.perf_counter() - started, 2),
    })
    report("Done", 1.0)
    return stats


def clear_user_data(owner) -> None:
    """Delete everything a user owns in the network (people, organisations, interactions, ties, tags, circles,
    origins), but not the account itself nor its API tokens."""
    from django.apps import apps

    from netweave.core.models import Origin, Owned
    from netweave.interactions.models import Interaction, Participation
    from netweave.people.models import Circle, Organisation, Person, Tag

    with transaction.atomic():
        Person.objects.filter(owner=owner).update(met_at_event=None, introduced_by=None)
        Person.tags.through.objects.filter(person__owner=owner).delete()
        Participation.objects.filter(owner=owner).delete()
        # Interactions are the big table: delete them in one statement when nothing else points at them.
        others = [r for r in Interaction._meta.related_objects
                  if r.related_model not in (Participation, Person)]
        if not others:
            with connection.cursor() as cursor:
                qn = connection.ops.quote_name
                cursor.execute(f"DELETE FROM {qn(Interaction._meta.db_table)} WHERE {qn('owner_id')} = %s",
                               [owner.pk])
        last = (Person, Organisation, Tag, Circle, Origin)
        owned = [m for m in apps.get_models() if issubclass(m, Owned) and m._meta.app_label != "accounts"]
        for model in [m for m in owned if m not in last] + list(last):
            model.objects.filter(owner=owner).delete()
