"""The sources netweave ships with: people, organisations, tags (interests and expertise among them),
interactions, asks and offers."""

from __future__ import annotations

from django.urls import reverse

from netweave.search.sources import Source, register

TAGGED_SHOWN = 200  # people listed with one tag or organisation hit: "who knows" needs them, a page a few


def _person_line(row: dict) -> str:
    job = " at ".join(p for p in (row["current_title"], row["current_organisation__name"]) if p)
    return " · ".join(p for p in (job, row["location"]) if p)


def _org_people(ids: list[int]) -> dict[int, list[int]]:
    """Up to TAGGED_SHOWN people working at each organisation now, by name."""
    from netweave.people.models import Person

    return {org: list(Person.objects.filter(current_organisation_id=org, archived=False)
                      .order_by("display_name", "id").values_list("id", flat=True)[:TAGGED_SHOWN])
            for org in ids}


def _tag_people(ids: list[int]) -> dict[int, list[int]]:
    """Up to TAGGED_SHOWN people per tag, in the order they were tagged: read from the link table's tag index
    alone (who_knows looks up separately whether the people it ranks carry the tag)."""
    from netweave.people.models import Person

    through = Person.tags.through
    return {tag: list(through.objects.filter(tag_id=tag).order_by("id").values_list("person_id", flat=True)
                      [:TAGGED_SHOWN])
            for tag in ids}


def _participants(ids: list[int]) -> dict[int, list[int]]:
    from netweave.interactions.models import Participation

    found: dict[int, list[int]] = {}
    for iid, pid in Participation.objects.filter(interaction_id__in=ids).values_list("interaction_id", "person_id"):
        found.setdefault(iid, []).append(pid)
    return found


def _person_url(row: dict) -> str:
    return reverse("people:detail", args=[row["person_id"]]) if row.get("person_id") else ""


def _need_line(row: dict) -> str:
    return f"{row['kind']} · {row['status']}"


PERSON = register(Source(
    kind="person", label="People", model="people.Person",
    title=("display_name", "nickname"), keys=("search_text",), body=("notes", "met_how"),
    persons=lambda ids: {i: [i] for i in ids}, url="people:detail", visible="NOT s.archived", small=True,
    weight=1.3, extra=("current_title", "current_organisation__name", "location"), describe=_person_line,
))
ORGANISATION = register(Source(
    kind="organisation", label="Organisations", model="people.Organisation",
    title=("name",), keys=("domain", "kind"), body=("notes",), persons=_org_people, url="people:org", small=True,
    weight=1.2, describe=lambda r: " · ".join(p for p in (r["kind"], r["domain"]) if p),
))
TAG = register(Source(
    kind="tag", label="Tags and expertise", model="people.Tag",
    title=("name",), keys=("kind",), persons=_tag_people,
    url=lambda r: f"{reverse('people:list')}?tag={r['id']}", small=True, weight=1.1, describe=lambda r: r["kind"],
))
INTERACTION = register(Source(
    kind="interaction", label="Interactions", model="interactions.Interaction",
    title=("summary",), body=("notes",), persons=_participants, url="interactions:edit", weight=1.0,
    extra=("kind",), when="occurred_at", describe=lambda r: r["kind"],
))
ASK = register(Source(
    kind="ask", label="Asks", model="givefirst.Ask",
    title=("topic",), keys=("kind", "status"), body=("details",), persons="person_id", url=_person_url, small=True,
    weight=1.0, describe=_need_line,
))
OFFER = register(Source(
    kind="offer", label="Offers", model="givefirst.Offer",
    title=("topic",), keys=("kind", "status"), body=("details",), persons="person_id", url=_person_url, small=True,
    weight=1.0, describe=_need_line,
))

BUILTIN = ("person", "organisation", "tag", "interaction", "ask", "offer")
