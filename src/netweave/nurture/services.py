"""Every change to keeping in touch: cadences, what I did with someone on the today list, and my settings.
The web app, the API and the CLI all call these."""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, timedelta

from django.db import transaction

from netweave.core import clock
from netweave.core.errors import Invalid
from netweave.core.models import Origin
from netweave.interactions.models import Interaction
from netweave.nurture.cadences import clean_days, rule_for
from netweave.nurture.models import Cadence, Nudge, NurtureSettings
from netweave.nurture.today import CHECKIN, checkin_key, local_today
from netweave.people.models import Circle, Person, Tag

DONE_KIND = "message"
DONE_SUMMARY = "Checked in"
SNOOZE_DAYS = 3
MAX_SNOOZE_DAYS = 365
SKIP_WITHOUT_CADENCE_DAYS = 30
MAX_DAILY_LIMIT = 100


def _target(owner, circle: Circle | None, tag: Tag | None, person: Person | None) -> dict:
    """The one thing a cadence is for, as Cadence's fields; another user's object is refused like a missing one."""
    given = {scope: obj for scope, obj in (("circle", circle), ("tag", tag), ("person", person)) if obj is not None}
    if len(given) != 1:
        raise Invalid({"target": "name exactly one circle, tag or person"})
    (scope, obj), = given.items()
    if obj.owner_id != owner.pk:
        raise Invalid({scope: f"no such {scope}"})
    return {"scope": scope, scope: obj}


@transaction.atomic
def set_cadence(owner, days, *, circle: Circle | None = None, tag: Tag | None = None,
                person: Person | None = None) -> Cadence:
    """Keep in touch every `days` days with a circle, everyone with a tag, or one person (replacing the
    cadence it had). Refuses a cadence below one day or above ten years, naming `days`."""
    days = clean_days(days)
    target = _target(owner, circle, tag, person)
    cadence, _ = Cadence.objects.update_or_create(owner=owner, **target, defaults={"days": days})
    return cadence


@transaction.atomic
def clear_cadence(owner, *, circle: Circle | None = None, tag: Tag | None = None,
                  person: Person | None = None) -> bool:
    """Remove the user's own cadence for a circle, tag or person. A default circle goes back to its default;
    a person goes back to their tags' or circle's. Returns whether there was one."""
    deleted, _ = Cadence.objects.filter(owner=owner, **_target(owner, circle, tag, person)).delete()
    return bool(deleted)


def _record(person: Person, status: str, day: date, until: date | None) -> Nudge:
    # One row per person and day: the last thing done with today's suggestion is the one that counts.
    nudge, _ = Nudge.objects.update_or_create(
        owner_id=person.owner_id, person=person, kind=CHECKIN, key=checkin_key(day),
        defaults={"status": status, "until": until},
    )
    return nudge


@transaction.atomic
def mark_done(person: Person, *, kind: str | None = None, summary: str | None = None, source: str = "",
              origin: Origin | None = None) -> Interaction:
    """I reached out: log it as an interaction I started, now (so the clock resets and the strength
    follows), and record the check-in as done today. Kind defaults to a message, summary to "Checked in"."""
    from netweave.interactions.services import log_interaction

    interaction = log_interaction(
        person.owner, kind=kind or DONE_KIND, occurred_at=clock.now(), participants=[person],
        summary=summary if summary and summary.strip() else DONE_SUMMARY, initiated_by=Interaction.Initiator.ME,
        source=source, origin=origin,
    )
    _record(person, Nudge.Status.DONE, local_today(person.owner), None)
    return interaction


@transaction.atomic
def snooze(person: Person, until: date | None = None) -> Nudge:
    """Not today: hide them from the list until `until` (default: in three days), when they are offered
    again if still due. The day must be after today and within a year."""
    today = local_today(person.owner)
    until = until or today + timedelta(days=SNOOZE_DAYS)
    if isinstance(until, datetime) or not isinstance(until, date):
        raise Invalid({"until": "must be a day, such as 2026-05-01"})
    if until <= today:
        raise Invalid({"until": f"must be after today ({today.isoformat()})"})
    if until > today + timedelta(days=MAX_SNOOZE_DAYS):
        raise Invalid({"until": f"must be within {MAX_SNOOZE_DAYS} days"})
    return _record(person, Nudge.Status.SNOOZED, today, until)


@transaction.atomic
def skip(person: Person) -> Nudge:
    """Not this round: hide them for one cadence from today, i.e. until they would next be due had we talked
    today. Someone without a cadence is hidden for thirty days."""
    today = local_today(person.owner)
    rule = rule_for(person)
    days = rule.days if rule else SKIP_WITHOUT_CADENCE_DAYS
    return _record(person, Nudge.Status.SKIPPED, today, today + timedelta(days=days))


@transaction.atomic
def update_settings(owner, *, daily_limit=None, time_zone: str | None = None) -> NurtureSettings:
    """Change how many people the today list offers (1 to 100) and the time zone that decides what "today"
    is (an IANA name such as "Europe/Lisbon"; empty: the server's)."""
    settings, _ = NurtureSettings.objects.get_or_create(owner=owner)
    errors = {}
    if daily_limit is not None:
        if isinstance(daily_limit, bool) or not isinstance(daily_limit, int):
            errors["daily_limit"] = "must be a whole number"
        elif not 1 <= daily_limit <= MAX_DAILY_LIMIT:
            errors["daily_limit"] = f"must be between 1 and {MAX_DAILY_LIMIT}"
        else:
            settings.daily_limit = daily_limit
    if time_zone is not None:
        time_zone = time_zone.strip()
        if time_zone and time_zone not in zoneinfo.available_timezones():
            errors["time_zone"] = f"{time_zone[:64]!r} is not a time zone; write one like Europe/Lisbon"
        else:
            settings.time_zone = time_zone
    if errors:
        raise Invalid(errors)
    settings.save()
    return settings


# ---- celebrations, milestones and follow-ups ------------------------------------------------------------

MAX_MILESTONE_TEXT = 300
MAX_FOLLOW_UP_TEXT = 500


def _clean_text(text, field: str, limit: int) -> str:
    from netweave.people.normalize import clean_text

    text = clean_text(text if isinstance(text, str) else "")
    if not text:
        raise Invalid({field: "say in a few words what it is"})
    if len(text) > limit:
        raise Invalid({field: f"is {len(text)} characters long; at most {limit}"})
    return text


def _celebration_nudge(person: Person, key: str, status: str) -> Nudge:
    from netweave.nurture.celebrations import kind_of

    kind = kind_of(key)
    if kind is None:
        raise Invalid({"key": "is not a celebration's key, such as birthday:2026-12-01"})
    nudge, _ = Nudge.objects.update_or_create(owner_id=person.owner_id, person=person, kind=kind, key=key,
                                              defaults={"status": status, "until": None})
    return nudge


@transaction.atomic
def congratulate(person: Person, key: str) -> Nudge:
    """I congratulated them: the celebration with this key ("birthday:2026-12-01") is not offered again."""
    return _celebration_nudge(person, key, Nudge.Status.DONE)


@transaction.atomic
def skip_celebration(person: Person, key: str) -> Nudge:
    """Not this one: the celebration with this key is not offered again."""
    return _celebration_nudge(person, key, Nudge.Status.SKIPPED)


@transaction.atomic
def add_milestone(person: Person, *, kind: str, day: date, text: str):
    """Note something worth congratulating (a launch, an award, a move, a new child); it is offered on the
    celebrations list from its day (up to 30 days after)."""
    from netweave.nurture.models import Milestone

    errors = {}
    if kind not in Milestone.Kind.values:
        errors["kind"] = f"must be one of {', '.join(Milestone.Kind.values)}"
    if isinstance(day, datetime) or not isinstance(day, date):
        errors["day"] = "must be a day, such as 2026-05-01"
    try:
        text = _clean_text(text, "text", MAX_MILESTONE_TEXT)
    except Invalid as exc:
        errors.update(exc.errors)
    if errors:
        raise Invalid(errors)
    return Milestone.objects.create(owner_id=person.owner_id, person=person, kind=kind, day=day, text=text)


@transaction.atomic
def add_follow_up(person: Person, text: str, *, due: date | None = None, interaction: Interaction | None = None):
    """Note a promise to someone ("send her the deck by Friday"), due on `due`, else on the day its words name,
    else in a week (from today in the user's zone). An interaction it came from must be the owner's."""
    from netweave.nurture.followups import MAX_AHEAD_DAYS, parse_due
    from netweave.nurture.models import FollowUp

    text = _clean_text(text, "follow_up", MAX_FOLLOW_UP_TEXT)
    if interaction is not None and interaction.owner_id != person.owner_id:
        raise Invalid({"interaction": "no such interaction"})
    if interaction is not None and not interaction.participations.filter(person=person).exists():
        raise Invalid({"interaction": f"{person.display_name} did not take part in it"})
    today = local_today(person.owner)
    if due is None:
        due = parse_due(text, today)
    elif isinstance(due, datetime) or not isinstance(due, date):
        raise Invalid({"due": "must be a day, such as 2026-05-01"})
    elif due > today + timedelta(days=MAX_AHEAD_DAYS):
        raise Invalid({"due": "must be within five years"})
    return FollowUp.objects.create(owner_id=person.owner_id, person=person, interaction=interaction, text=text,
                                   due=due)


@transaction.atomic
def finish_follow_up(follow_up):
    """I kept the promise: it leaves the list. Finishing it again keeps the first time."""
    if follow_up.done_at is None:
        follow_up.done_at = clock.now()
        follow_up.save(update_fields=["done_at"])
    return follow_up
