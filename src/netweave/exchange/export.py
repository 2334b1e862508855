"""Everything a user has, as plain JSON-ready data: people with every value, organisations,
interactions and ties. The same records serve `netweave export --json`, merge snapshots and backups."""

from __future__ import annotations

from collections.abc import Iterator

from netweave.interactions.models import Interaction
from netweave.people.models import Organisation, Person, Tag, Tie

FORMAT = "netweave-export"
VERSION = 1


def person_record(person: Person) -> dict:
    # .all() so iter_people's prefetch serves it; select_related here cost one query per person.
    origins = {fo.field: str(fo.origin) for fo in person.field_origins.all()}
    tags = person.tags_by_kind()
    return {
        "id": person.id,
        "display_name": person.display_name,
        "prefix": person.prefix,
        "given_name": person.given_name,
        "middle_name": person.middle_name,
        "family_name": person.family_name,
        "suffix": person.suffix,
        "nickname": person.nickname,
        "pronouns": person.pronouns,
        "birthday": person.birthday,
        "location": person.location,
        "photo": person.photo.name if person.photo else "",
        "met_how": person.met_how,
        "met_at_event": person.met_at_event_id,
        "introduced_by": person.introduced_by_id,
        "circle": person.circle.name if person.circle_id else "",
        "tags": tags[Tag.Kind.TAG],
        "interests": tags[Tag.Kind.INTEREST],
        "expertise": tags[Tag.Kind.EXPERTISE],
        "notes": person.notes,
        "archived": person.archived,
        "emails": [{"address": e.address, "label": e.label} for e in person.emails.all()],
        "phones": [{"number": p.raw, "e164": p.e164, "label": p.label} for p in person.phones.all()],
        "urls": [{"url": u.url, "label": u.label} for u in person.urls.all()],
        "addresses": [
            {k: getattr(a, k) for k in ("label", "street", "locality", "region", "postcode", "country", "po_box", "extended")}
            for a in person.addresses.all()
        ],
        "affiliations": [
            {
                "organisation": a.organisation.name,
                "title": a.title,
                "start": a.start.isoformat() if a.start else None,
                "end": a.end.isoformat() if a.end else None,
            }
            for a in person.affiliations.all()
        ],
        "extra": person.extra,
        "provenance": origins,
        "created_at": person.created_at.isoformat(),
    }


def iter_people(owner, batch: int = 1000) -> Iterator[dict]:
    qs = (
        Person.objects.filter(owner=owner)
        .select_related("circle")
        .prefetch_related("tags", "emails", "phones", "urls", "addresses", "affiliations__organisation",
                          "field_origins__origin")
        .order_by("id")
    )
    for person in qs.iterator(chunk_size=batch):
        yield person_record(person)


def iter_interactions(owner, batch: int = 5000) -> Iterator[dict]:
    qs = Interaction.objects.filter(owner=owner).prefetch_related("participations").order_by("id")
    for i in qs.iterator(chunk_size=batch):
        yield {
            "id": i.id, "kind": i.kind, "occurred_at": i.occurred_at.isoformat(), "initiated_by": i.initiated_by,
            "summary": i.summary, "notes": i.notes, "source": i.source, "external_id": i.external_id,
            "participants": sorted(p.person_id for p in i.participations.all()),
        }


def export_all(owner) -> dict:
    return {
        "format": FORMAT,
        "version": VERSION,
        "organisations": [
            {"id": o.id, "name": o.name, "domain": o.domain, "kind": o.kind, "notes": o.notes}
            for o in Organisation.objects.filter(owner=owner).order_by("id")
        ],
        "people": list(iter_people(owner)),
        "interactions": list(iter_interactions(owner)),
        "ties": [
            {"person_a": t.person_a_id, "person_b": t.person_b_id, "kind": t.kind, "source": t.source, "evidence": t.evidence}
            for t in Tie.objects.filter(owner=owner).order_by("id")
        ],
    }
