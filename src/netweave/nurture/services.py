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
