"""Reading mentorships and learnings: the lists every surface shows, and finding learnings by their words."""

from __future__ import annotations

from django.db.models import Count, Max, QuerySet

from netweave.mentorship.models import Learning, Mentorship
from netweave.mentorship.search_sources import LEARNING_KIND

SEARCHED = 100  # learnings a query returns at most: the best matches


def mentorships(owner, *, role: str | None = None, active: bool | None = None) -> QuerySet:
    """The owner's mentorships with each one's number of sessions and last session day; open ones first."""
    found = (Mentorship.objects.filter(owner=owner).select_related("person")
             .annotate(session_count=Count("sessions"), last_session=Max("sessions__day")))
    if role:
        found = found.filter(role=role)
    if active is not None:
        found = found.filter(ended__isnull=active)
    return found.order_by("role", "-started", "-id")


def learnings(owner, query: str = "", *, person=None, topic: str = "", limit: int = 200) -> list[Learning]:
    """What I learned, newest first, at most `limit`. With a query, the learnings search everywhere finds for it
    (every word, as a prefix, in the text or topic; accents and case aside), best first. `person`: a Person or its
    id."""
    found = Learning.objects.filter(owner=owner).select_related("person")
    if person is not None:
        found = found.filter(person=person)
    if topic:
        found = found.filter(topic__iexact=topic.strip())
    if not (query or "").strip():
        return list(found.order_by("-day", "-id")[:limit])
    from netweave.search.queries import search

    ranked = [h.object_id for h in search(owner, query, kinds=[LEARNING_KIND], limit=SEARCHED).hits]
    rows = {row.pk: row for row in found.filter(pk__in=ranked)}
    return [rows[pk] for pk in ranked if pk in rows][:limit]


def topics(owner) -> list[str]:
    """The topics used so far, for a form's suggestions."""
    return sorted({t for t in Learning.objects.filter(owner=owner).exclude(topic="")
                   .values_list("topic", flat=True).distinct()[:500]}, key=str.casefold)
