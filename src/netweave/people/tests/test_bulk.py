"""A bulk create writes exactly what creating each person through the service writes."""

from __future__ import annotations

import pytest

from netweave.exchange.export import person_record
from netweave.people.bulk import create_people
from netweave.people.models import Person
from netweave.people.services import create_person, new_origin
from netweave.people.validation import clean_person

EXAMPLES = [
    {"display_name": "Ana Lima"},
    {"given_name": "José", "family_name": "Álvarez", "nickname": "Pepe", "emails": ["jose@x.org", "JOSE@x.org"],
     "phones": [{"number": "+44 20 7946 0000", "label": "work"}, "+44 (0)20 7946 0000"],
     "urls": ["https://www.linkedin.com/in/jose/"], "birthday": "--02-29", "notes": "Met at PyCon",
     "organisation": "Tidewater", "title": "CTO", "tags": ["climate", "Climate"], "interests": ["sailing"],
     "expertise": ["Rust"], "addresses": [{"street": "1 Main St", "locality": "Leeds", "label": "home"}],
     "extra": {"vcard": {"properties": ["X-FOO:bar"]}}, "location": "Leeds", "pronouns": "he/him"},
    {"display_name": "Dr. Bo Chen Jr.", "organisation": "Tidewater"},
]


def _comparable(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in ("id", "created_at", "provenance")} | {
        "provenance": sorted(record["provenance"])}


@pytest.mark.parametrize("data", EXAMPLES)
def test_a_bulk_create_writes_what_create_person_writes(alice, bob, data):
    one = create_person(bob, data, origin=new_origin(bob, "import", "x"), allow_duplicate=True)
    (pk,) = create_people(alice, [clean_person(alice, data, partial=False)], origin=new_origin(alice, "import", "x"))
    many = Person.objects.get(pk=pk)
    assert _comparable(person_record(many)) == _comparable(person_record(one))
    for field in ("search_text", "current_title"):
        assert getattr(many, field) == getattr(one, field)
    assert (many.current_organisation.name if many.current_organisation else None) == (
        one.current_organisation.name if one.current_organisation else None)
    assert sorted(fo.field for fo in many.field_origins.all()) == sorted(fo.field for fo in one.field_origins.all())


def test_a_bulk_create_shares_organisations_and_tags_across_people(alice):
    cleaned = [clean_person(alice, {"display_name": f"P{i}", "organisation": "Acme", "tags": ["x"]}, partial=False)
               for i in range(3)]
    ids = create_people(alice, cleaned, origin=new_origin(alice, "import", "x"))
    people = Person.objects.filter(pk__in=ids)
    assert {p.current_organisation_id for p in people} == {people[0].current_organisation_id}
    assert people[0].current_organisation.affiliations.count() == 3
    assert {t.pk for p in people for t in p.tags.all()} == {people[0].tags.get().pk}
