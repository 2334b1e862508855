"""Read paths for interactions: a person's timeline and a plain search of summaries."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet

from netweave.interactions.models import Interaction, Participation
from netweave.people.models import Person
from netweave.people.search import terms


def timeline(person: Person, *, limit: int = 50, before: tuple[datetime, int] | None = None) -> list[Interaction]:
    """A person's interactions, newest first, with everyone else who took part. Served by one index.

    `before` is the (occurred_at, id) of the last interaction already shown: the page holds those
    strictly older in that order, so interactions that share a time are neither skipped nor repeated.
    """
    parts = Participation.objects.filter(person=person).order_by("-occurred_at", "-interaction_id")
    if before is not None:
        when, interaction_id = before
        parts = parts.filter(Q(occurred_at__lt=when) | Q(occurred_at=when, interaction_id__lt=interaction_id))
    ids = list(parts.values_list("interaction_id", flat=True)[:limit])
    people = Prefetch("participants", queryset=Person.objects.only("id", "display_name"))
    found = Interaction.objects.filter(pk__in=ids).prefetch_related(people)
    return sorted(found, key=lambda i: (i.occurred_at, i.id), reverse=True)


def interactions_list(owner, *, person: int | None = None, kind: str = "", since=None, until=None) -> QuerySet:
    qs = Interaction.objects.filter(owner=owner)
    if person is not None:
        qs = qs.filter(participations__person_id=person)
    if kind:
        qs = qs.filter(kind=kind)
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    if until is not None:
        qs = qs.filter(occurred_at__lt=until)
    return qs.order_by("-occurred_at", "-id")


def search_interactions(owner, query: str, *, limit: int = 20) -> list[Interaction]:
    """Interactions whose summary holds every word of the query (case-insensitive), newest first."""
    words = terms(query)
    if not words:
        return []
    qs = Interaction.objects.filter(owner=owner)
    for word in words:
        qs = qs.filter(summary__icontains=word)
    return list(qs.order_by("-occurred_at")[:limit])
