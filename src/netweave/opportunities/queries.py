"""Reading opportunities and contributions: the lists every surface shows, the people each came through, and
the log of contributions with the invitations that followed each."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from netweave.opportunities.models import Contribution, Opportunity, OpportunityPerson

IN_PLAY = (Opportunity.Status.OPEN, Opportunity.Status.PURSUING)


def opportunities(owner, *, status: str | None = None, kind: str | None = None, person=None,
                  in_play: bool | None = None) -> QuerySet:
    """The owner's opportunities, newest first, with their organisation, introduction, contribution and the
    people they came through (read together, not one query per row). `person`: a Person or its id."""
    found = (Opportunity.objects.filter(owner=owner)
             .select_related("organisation", "contribution", "introduction__person_a", "introduction__person_b")
             .prefetch_related(Prefetch("links", OpportunityPerson.objects.select_related("person").order_by("id"))))
    if status:
        found = found.filter(status=status)
    if kind:
        found = found.filter(kind=kind)
    if person is not None:
        found = found.filter(links__person=person).distinct()
    if in_play is not None:
        found = found.filter(status__in=IN_PLAY) if in_play else found.exclude(status__in=IN_PLAY)
    return found.order_by("-day", "-id")


def came_through(opportunity: Opportunity) -> list[OpportunityPerson]:
    """The people it came through, each once (a merge can leave one person linked twice: the first link wins)."""
    links = opportunity.links.all()
    if "links" not in getattr(opportunity, "_prefetched_objects_cache", {}):
        links = links.select_related("person").order_by("id")
    seen, out = set(), []
    for link in links:
        if link.person_id not in seen:
            seen.add(link.person_id)
            out.append(link)
    return out


def contributions(owner, *, kind: str | None = None) -> QuerySet:
    """What I gave, published or spoke about, newest first, each with the number of opportunities that
    followed it and how many of those were won."""
    found = Contribution.objects.filter(owner=owner).annotate(
        followed=Count("opportunities"),
        won=Count("opportunities", filter=Q(opportunities__status=Opportunity.Status.WON)))
    if kind:
        found = found.filter(kind=kind)
    return found.order_by("-day", "-id")


@dataclass
class Reputation:
    contributions: int
    by_kind: dict[str, int]  # contributions by kind
    followed: int  # contributions with at least one opportunity after them
    invitations: int  # opportunities that followed a contribution
    won: int  # of those, won


def reputation(owner) -> Reputation:
    """What my contributions led to, in numbers: how many, of what kind, and the invitations that followed."""
    kinds = Counter(dict(Contribution.objects.filter(owner=owner).order_by().values("kind")
                         .annotate(n=Count("id")).values_list("kind", "n")))
    after = Opportunity.objects.filter(owner=owner, contribution__isnull=False)
    return Reputation(contributions=sum(kinds.values()), by_kind=dict(kinds),
                      followed=after.order_by().values("contribution_id").distinct().count(),
                      invitations=after.count(), won=after.filter(status=Opportunity.Status.WON).count())
