"""Strengths in the database: computed from people's participations by `nurture.strength`, stored on `Strength`,
with a `StrengthPoint` for the day each time a score moves.

`refresh_strengths(owner, ids)` is called by `people.services.refresh_last_contact`, which every path that changes
participations calls (logging, editing and deleting interactions, imports and their undo, merges and theirs),
so a strength is current as soon as an interaction is. It works a chunk of 5,000 people at a time in a handful of
queries, whoever asks. `recompute_all(owner)` does every person (each day, or after the half-life changes).

A day's point is written only when the score differs from the one stored: the stored score is always the score
of the person's latest point, so the history is a step line, and people whose score stands still (most weak
ties, everyone at zero) cost no row a day.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.db.models import Count, Subquery
from django.utils import timezone

from netweave.core import clock
from netweave.interactions.models import Interaction, Participation
from netweave.nurture.models import NurtureSettings, Strength, StrengthPoint
from netweave.nurture.strength import MODEL, Model, score
from netweave.people.models import Person

CHUNK = 5000
DAY = 86400.0
HALF_LIFE_DEFAULT = NurtureSettings._meta.get_field("half_life_days").default


class Clock:
    """One owner's model and calendar at one moment: the half-life they chose, and their time zone's days."""

    def __init__(self, owner_id: int, now: datetime):
        row = NurtureSettings.objects.filter(owner_id=owner_id).values_list("half_life_days", "time_zone").first()
        half_life, zone = row or (HALF_LIFE_DEFAULT, "")
        self.model: Model = MODEL.with_half_life(half_life)
        self.zone: tzinfo = _zone(zone)
        self.now = now
        self.today: date = now.astimezone(self.zone).date()
        # One offset for every contact, the one in force now: a summer time change moves a contact by an hour.
        self.offset = now.astimezone(self.zone).utcoffset().total_seconds()
        self.days = self.local_days(now)

    def local_days(self, moment: datetime) -> float:
        """Days since the epoch on the user's wall clock, so whole days fall at their midnight."""
        return (moment.timestamp() + self.offset) / DAY


def _zone(name: str) -> tzinfo:
    if name:
        try:
            return ZoneInfo(name)
        except (ValueError, KeyError, OSError):
            pass  # a zone this machine does not know: the server's, as when none is set
    return timezone.get_current_timezone()


def refresh_strengths(owner, person_ids, *, now: datetime | None = None) -> int:
    """Recompute and store the strengths of these people (of `owner`; None: whoever owns each). Returns how many."""
    ids = list(dict.fromkeys(person_ids))
    now = now or clock.now()
    done = 0
    for start in range(0, len(ids), CHUNK):
        done += _refresh(owner, ids[start:start + CHUNK], now)
    return done


def recompute_all(owner, progress=None, *, now: datetime | None = None) -> int:
    """Recompute every one of `owner`'s people, a chunk at a time (each in its own transaction).
    `progress(done, total)` is called after each chunk."""
    now = now or clock.now()
    ids = list(Person.objects.filter(owner=owner).order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), CHUNK):
        with transaction.atomic():
            _refresh(owner, ids[start:start + CHUNK], now)
        if progress is not None:
            progress(min(start + CHUNK, len(ids)), len(ids))
    return len(ids)


def compute(owner, person_ids, now: datetime) -> dict[int, tuple[int, dict, str]]:
    """Each person's (score, parts, explanation) at `now`, written nowhere."""
    return _compute(owner, person_ids, now)[0]


def _compute(owner, person_ids, now: datetime):
    """The results, each person's owner, and each owner's Clock: three queries per owner."""
    people = Person.objects.filter(pk__in=person_ids)
    if owner is not None:
        people = people.filter(owner=owner)
    by_owner: dict[int, dict[int, datetime]] = defaultdict(dict)
    for pid, owner_id, created_at in people.values_list("id", "owner_id", "created_at"):
        by_owner[owner_id][pid] = created_at
    found, owners, clocks = {}, {}, {}
    for owner_id, created in by_owner.items():
        here = clocks[owner_id] = Clock(owner_id, now)
        contacts = _contacts(list(created), here)
        for pid, created_at in created.items():
            owners[pid] = owner_id
            found[pid] = score(contacts.get(pid, ()), now=here.days, known_since=here.local_days(created_at),
                               model=here.model)
    return found, owners, clocks


def _contacts(ids: list[int], here: Clock) -> dict[int, list[tuple]]:
    """Everyone's past contacts as the model's tuples, with how many took part in each: two queries."""
    rows = (Participation.objects.filter(person_id__in=ids, occurred_at__lte=here.now).order_by()
            .values_list("person_id", "occurred_at", "interaction__kind", "interaction__initiated_by", "interaction_id"))
    crowds = _crowds(ids)
    # Read through the cursor, without the ORM's per-row conversions: a quarter of a full recompute's time.
    sql, params = rows.query.sql_with_params()
    found: dict[int, list[tuple]] = defaultdict(list)
    offset = here.offset
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for pid, occurred_at, kind, initiated_by, iid in cursor:
            found[pid].append(((_seconds(occurred_at) + offset) / DAY, KINDS.get(kind, kind), crowds.get(iid, 1),
                               initiated_by))
    return found


def _crowds(ids: list[int]) -> dict[int, int]:
    """How many took part in each of these people's interactions that more than one did (most are one to one)."""
    theirs = Participation.objects.filter(person_id__in=ids).values("interaction_id")
    return dict(Participation.objects.filter(interaction_id__in=Subquery(theirs)).order_by().values("interaction_id")
                .annotate(n=Count("pk")).filter(n__gt=1).values_list("interaction_id", "n"))


EPOCH = datetime(1970, 1, 1)
KINDS = {kind: kind for kind in Interaction.Kind.values}  # one string per kind, not one per row


def _seconds(value) -> float:
    """Seconds since the epoch of a datetime column read raw: SQLite's has no time zone and is UTC."""
    if value.tzinfo is None:
        return (value - EPOCH).total_seconds()
    return value.timestamp()


def _refresh(owner, ids: list[int], now: datetime) -> int:
    results, owners, clocks = _compute(owner, ids, now)
    if not results:
        return 0
    stored = {pid: (sid, old) for pid, sid, old in
              Strength.objects.filter(person_id__in=list(results)).values_list("person_id", "id", "score")}
    fresh, updates, moved = [], [], []
    for pid, (value, parts, words) in results.items():
        if pid in stored:
            sid, old = stored[pid]
            updates.append((value, parts, words, now, sid))
            if value != old:
                moved.append((pid, value))
        else:
            fresh.append(Strength(owner_id=owners[pid], person_id=pid, score=value, parts=parts, explanation=words,
                                  computed_at=now))
            if value:
                moved.append((pid, value))
    # A nightly recompute and a logged interaction may both create someone's first row: the later one wins.
    Strength.objects.bulk_create(fresh, batch_size=500, update_conflicts=True, unique_fields=["person"],
                                 update_fields=["score", "parts", "explanation", "computed_at"])
    _update(Strength, ("score", "parts", "explanation", "computed_at"), updates)
    _write_points(moved, owners, clocks)
    return len(results)


def _write_points(moved: list[tuple[int, int]], owners: dict[int, int], clocks: dict[int, Clock]) -> None:
    """Today's point for each person whose score moved: the day's row updated in place, or a new one."""
    by_day: dict[date, list[tuple[int, int]]] = defaultdict(list)
    for pid, value in moved:
        by_day[clocks[owners[pid]].today].append((pid, value))
    for day, items in by_day.items():
        existing = dict(StrengthPoint.objects.filter(person_id__in=[pid for pid, _ in items], day=day)
                        .values_list("person_id", "id"))
        _update(StrengthPoint, ("score",), [(value, existing[pid]) for pid, value in items if pid in existing])
        StrengthPoint.objects.bulk_create(
            [StrengthPoint(owner_id=owners[pid], person_id=pid, day=day, score=value)
             for pid, value in items if pid not in existing], batch_size=500,
            update_conflicts=True, unique_fields=["person", "day"], update_fields=["score"])


def _update(model, fields: tuple[str, ...], rows: list[tuple]) -> None:
    """UPDATE each row by id (its last value) in one prepared statement: far quicker than bulk_update's CASE
    expressions for thousands of rows."""
    if not rows:
        return
    qn = connection.ops.quote_name
    columns = [model._meta.get_field(name) for name in fields]
    sets = ", ".join(f"{qn(f.column)} = %s" for f in columns)
    sql = f"UPDATE {qn(model._meta.db_table)} SET {sets} WHERE {qn(model._meta.pk.column)} = %s"
    prepared = [[f.get_db_prep_save(v, connection) for f, v in zip(columns, row[:-1])] + [row[-1]] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)


def history(person: Person, *, days: int = 180, today: date | None = None) -> list[tuple[date, int]]:
    """The person's points in the last `days` days, oldest first, with the one in force when the window opens."""
    today = today or Clock(person.owner_id, clock.now()).today
    start = today - timedelta(days=days)
    points = StrengthPoint.objects.filter(person=person)
    before = points.filter(day__lt=start).order_by("-day").values_list("day", "score").first()
    inside = list(points.filter(day__gte=start, day__lte=today).order_by("day").values_list("day", "score"))
    return ([(start, before[1])] if before else []) + inside


def sparkline(points: list[tuple[date, int]], *, today: date, days: int = 180, width: int = 180,
              height: int = 36) -> str:
    """An SVG polyline's points for a step chart of `points` up to today (empty with fewer than two days)."""
    if not points or (len(points) == 1 and points[0][0] >= today):
        return ""
    start = today - timedelta(days=days)

    def x(day: date) -> float:
        return round(max(0, (day - start).days) * width / days, 1)

    def y(value: int) -> float:
        return round(height - 2 - value * (height - 4) / 100, 1)

    coords = []
    for i, (day, value) in enumerate(points):
        if i:
            coords.append((x(day), y(points[i - 1][1])))
        coords.append((x(day), y(value)))
    coords.append((float(width), y(points[-1][1])))
    return " ".join(f"{a:g},{b:g}" for a, b in coords)


def panel(person: Person, *, days: int = 180) -> dict:
    """What the person's page shows: the stored strength (computed here, unstored, if there is none yet),
    and the step chart of its history."""
    now = clock.now()
    row = Strength.objects.filter(person=person).first()
    if row is not None:
        value, parts, words = row.score, row.parts, row.explanation
    else:
        value, parts, words = compute(person.owner, [person.pk], now)[person.pk]
    today = Clock(person.owner_id, now).today
    points = history(person, days=days, today=today)
    return {"score": value, "parts": parts, "explanation": words, "days": days,
            "spark": sparkline(points, today=today, days=days),
            "low": min((s for _, s in points), default=value), "high": max((s for _, s in points), default=value)}
