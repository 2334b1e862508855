"""The export's person record: the "nothing lost" promise says every value a user can set comes back out."""

from __future__ import annotations

import json
from datetime import date, timedelta

from django.utils import timezone

from netweave.exchange.export import export_all, iter_people, person_record
from netweave.interactions.services import log_interaction
from netweave.people.services import add_affiliation, create_person, end_affiliation, link_people
from netweave.people.validation import PERSON_FIELDS

# organisation and title are written as a current affiliation, and come back out as job history.
AS_AFFILIATIONS = {"organisation", "title"}


def full_person(alice, origin, make_person):
    bo = make_person("Bo Chen")
    event = log_interaction(alice, kind="event", occurred_at=timezone.now() - timedelta(days=30), participants=[bo],
                            summary="PyCon Lisbon")
    data = {
        "display_name": "Dr. Ana Maria Lima Jr.",
        "prefix": "Dr.", "given_name": "Ana", "middle_name": "Maria", "family_name": "Lima", "suffix": "Jr.",
        "nickname": "Aninha", "pronouns": "she/her", "location": "Lisbon",
        "met_how": "Sat next to each other at the keynote.\nTalked about climate models.",
        "notes": "Loves opera.\n\nAsk about her thesis.",
        "emails": [{"address": "ana@example.com", "label": "home"}, {"address": "ana@work.example", "label": "work"}],
        "phones": [{"number": "+351 912 345 678", "label": "mobile"}, {"number": "020 7946 0958", "label": "old"}],
        "urls": [{"url": "https://www.linkedin.com/in/ana-lima/", "label": "LinkedIn"}],
        "addresses": [{"label": "home", "street": "Rua Augusta 1", "locality": "Lisboa", "region": "Lisboa",
                       "postcode": "1100-048", "country": "Portugal", "po_box": "PO 12", "extended": "3º Esq"}],
        "tags": ["investor", "Café"], "interests": ["opera"], "expertise": ["climate models"],
        "birthday": "--02-29", "circle": "close", "introduced_by": bo.id, "met_at_event": event.id,
        "organisation": "Acme", "title": "CTO",
        "extra": {"x-twitter": "@analima", "vcard": {"X-CUSTOM": ["1", "2"]}},
    }
    return create_person(alice, data, origin=origin, allow_duplicate=True), data


def test_every_field_a_user_can_set_has_a_place_in_the_record(alice, origin, make_person):
    ana, _ = full_person(alice, origin, make_person)
    record = person_record(ana)
    missing = set(PERSON_FIELDS) - AS_AFFILIATIONS - set(record)
    assert not missing, f"the export drops {sorted(missing)}"
    assert {"organisation", "title"} <= set(record["affiliations"][0])


def test_every_value_set_comes_back_out_unchanged(alice, origin, make_person):
    ana, data = full_person(alice, origin, make_person)
    record = person_record(ana)
    for field in set(PERSON_FIELDS) - AS_AFFILIATIONS:
        given, exported = data[field], record[field]
        if field == "phones":
            exported = [{"number": p["number"], "label": p["label"]} for p in exported]
        if field == "addresses":
            exported = [{k: v for k, v in a.items()} for a in exported]
        if field in ("tags", "interests", "expertise"):
            given, exported = sorted(given), sorted(exported)
        assert exported == given, field
    assert record["affiliations"] == [{"organisation": "Acme", "title": "CTO", "start": None, "end": None}]


def test_a_record_fed_back_to_create_person_gives_the_same_record(alice, bob, origin, make_person):
    ana, _ = full_person(alice, origin, make_person)
    record = person_record(ana)
    again = create_person(alice, {k: v for k, v in record.items() if k in PERSON_FIELDS}, origin=origin,
                          allow_duplicate=True)
    copy = person_record(again)
    for key in ("id", "created_at", "affiliations"):
        record.pop(key), copy.pop(key)
    assert copy == record


def test_the_record_holds_job_history_with_dates_and_provenance(alice, origin, make_person):
    ana = make_person("Ana")
    old = add_affiliation(ana, "Acme", title="Engineer", start=date(2015, 1, 1))
    end_affiliation(old, date(2019, 12, 31))
    add_affiliation(ana, "Globex", title="CTO", start=date(2020, 1, 1))
    record = person_record(ana)
    assert record["affiliations"] == [
        {"organisation": "Globex", "title": "CTO", "start": "2020-01-01", "end": None},
        {"organisation": "Acme", "title": "Engineer", "start": "2015-01-01", "end": "2019-12-31"},
    ]
    assert record["provenance"]["display_name"] == str(origin)


def test_the_record_is_plain_json(alice, origin, make_person):
    ana, _ = full_person(alice, origin, make_person)
    assert json.loads(json.dumps(person_record(ana)))["display_name"] == "Dr. Ana Maria Lima Jr."


def test_the_export_holds_only_the_owners_data(alice, bob, make_person):
    ana, bo = make_person("Ana"), make_person("Bo")
    make_person("Bob's friend", owner=bob, organisation="Bobcorp")
    link_people(alice, ana, bo, "friend")
    log_interaction(alice, kind="call", occurred_at=timezone.now(), participants=[ana, bo], summary="Call")
    everything = export_all(alice)
    assert [p["display_name"] for p in everything["people"]] == ["Ana", "Bo"]
    assert everything["organisations"] == []
    assert [i["participants"] for i in everything["interactions"]] == [sorted([ana.id, bo.id])]
    assert everything["ties"] == [{"person_a": ana.id, "person_b": bo.id, "kind": "friend", "source": "me",
                                   "evidence": ""}]
    assert [p["display_name"] for p in export_all(bob)["people"]] == ["Bob's friend"]


def test_exporting_many_people_takes_a_fixed_number_of_queries(alice, origin, make_person, django_assert_max_num_queries):
    for i in range(3):
        full_person(alice, origin, make_person)
    with django_assert_max_num_queries(12) as few:
        list(iter_people(alice))
    for i in range(10):
        make_person(f"P{i}", emails=[f"p{i}@example.com"], tags=["t"], organisation="Acme", title="x", notes="n")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(list(iter_people(alice))) == 3 * 2 + 10
