"""Read paths the events pages, the API and the CLI share."""

from __future__ import annotations

from datetime import datetime, time

from django.db.models import Count, Q, QuerySet

from netweave.core import clock
from netweave.events.models import Event, EventPerson
from netweave.nurture.today import settings_for, zone_for

WHEN = ("", "upcoming", "past")


def day_start(owner) -> datetime:
    """The start of today where the owner is: an event of this morning is still today's, so upcoming."""
    zone = zone_for(settings_for(owner))
    return datetime.combine(clock.now().astimezone(zone).date(), time.min, tzinfo=zone)


def events(owner, when: str = "") -> QuerySet:
    """The owner's events with how many people are planned and met: upcoming ones (from today on) soonest
    first, past ones latest first, or all latest first."""
    qs = Event.objects.filter(owner=owner).annotate(
        met_count=Count("people", filter=Q(people__status=EventPerson.Status.MET)),
        planned_count=Count("people", filter=~Q(people__status=EventPerson.Status.MET)),
    )
    if when == "upcoming":
        return qs.filter(starts_at__gte=day_start(owner)).order_by("starts_at", "id")
    if when == "past":
        return qs.filter(starts_at__lt=day_start(owner)).order_by("-starts_at", "-id")
    return qs.order_by("-starts_at", "-id")


def people_by_status(event: Event) -> dict[str, list[EventPerson]]:
    """The event's people, by status ("expected", "want_to_meet", "met"), each list by name."""
    found: dict[str, list[EventPerson]] = {s.value: [] for s in EventPerson.Status}
    links = (event.people.select_related("person", "person__current_organisation")
             .order_by("person__display_name", "person_id"))
    for link in links:
        found[link.status].append(link)
    return found
