"""Input no client should send still gets a 4xx naming what is wrong, never a 500."""

import pytest

from netweave.accounts.tests.clients import loc_fields
from netweave.core.models import Origin
from netweave.people.models import Person

BIG = 2**70  # beyond a 64-bit id: the database would raise rather than miss


@pytest.fixture
def ana(make_person):
    return make_person("Ana Lima", organisation="Acme")


@pytest.mark.parametrize("path", [
    f"people/{BIG}", f"organisations/{BIG}", f"interactions/{BIG}", f"ties/{BIG}", "people/0",
])
def test_an_id_no_row_can_have_is_a_404(as_alice, path):
    assert as_alice.get(path).status_code == 404


@pytest.mark.parametrize("query", [f"organisation={BIG}", f"circle={BIG}", f"tag={BIG}", "circle=²", "tag=¹²"])
def test_a_list_filter_of_impossible_digits_matches_nobody(as_alice, ana, query):
    response = as_alice.get(f"people?{query}")
    assert response.status_code == 200 and response.json()["count"] == 0


@pytest.mark.parametrize("path, param", [
    (f"interactions?person={BIG}", "person"), (f"ties?person={BIG}", "person"), (f"people?offset={BIG}", "offset"),
    ("interactions?since=0001-01-01T00:00:00%2B05:00", "since"), ("people?q=a%00b", "q"),
    ("organisations?q=a%00b", "q"),
])
def test_an_impossible_query_parameter_is_a_422_naming_it(as_alice, path, param):
    response = as_alice.get(path)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", param]


@pytest.mark.parametrize("path, body, field", [
    ("people", {"display_name": "x", "introduced_by": BIG}, "introduced_by"),
    ("people", {"display_name": "x", "met_at_event": BIG}, "met_at_event"),
    ("people", {"display_name": "Ana\x00"}, "display_name"),
    ("people", {"display_name": "Ana", "emails": [{"address": "a@b.example", "label": "\x00"}]}, "emails"),
    ("people", {"display_name": "Ana", "extra": {"\x00": 1}}, "extra"),
    ("people/{ana}/merge", {"other_id": BIG}, "other_id"),
    ("people/{ana}/affiliations", {"organisation": BIG}, "organisation"),
    ("ties", {"person_a": BIG, "person_b": 1, "kind": "friend"}, "person_a"),
    ("organisations", {"name": "Acme\x00"}, "name"),
    ("organisations", {"name": "Initech", "domain": "d" * 201}, "domain"),
    ("interactions", {"occurred_at": "2024-01-01T00:00Z", "summary": "x", "participants": [BIG]}, "participants[0]"),
    ("interactions", {"occurred_at": "9999-12-31T23:59:59-05:00", "summary": "x"}, "occurred_at"),
    ("interactions", {"occurred_at": "0001-01-01T00:00:00+05:00", "summary": "x"}, "occurred_at"),
    ("interactions", {"occurred_at": "2024-01-01T00:00Z", "summary": "x", "source": "s" * 41}, "source"),
])
def test_an_impossible_body_value_is_a_422_naming_the_field(as_alice, alice, ana, path, body, field):
    response = as_alice.post(path.format(ana=ana.pk), body)
    assert response.status_code == 422
    assert field in loc_fields(response)
    assert not Origin.objects.filter(owner=alice, kind="api").exists()
    assert Person.objects.filter(owner=alice).count() == 1


def test_a_union_field_is_named_without_pydantic_internals(as_alice, ana):
    response = as_alice.post(f"people/{ana.pk}/affiliations", {"organisation": [1]})
    assert response.status_code == 422
    assert set(loc_fields(response)) == {"organisation"}


def test_not_found_from_a_service_is_a_404(as_alice, ana, monkeypatch):
    from netweave.core.errors import NotFound
    from netweave.people import services

    def missing(*args, **kwargs):
        raise NotFound("no such thing")

    monkeypatch.setattr(services, "archive_person", missing)
    response = as_alice.post(f"people/{ana.pk}/archive")
    assert response.status_code == 404 and response.json() == {"detail": "no such thing"}


def test_an_ambiguous_name_from_a_service_is_a_422_listing_the_candidates(as_alice, ana, monkeypatch):
    from netweave.core.errors import Ambiguous
    from netweave.people import services

    def unsure(*args, **kwargs):
        raise Ambiguous("Ana", [ana])

    monkeypatch.setattr(services, "archive_person", unsure)
    response = as_alice.post(f"people/{ana.pk}/archive")
    assert response.status_code == 422
    assert response.json()["candidates"] == [{"id": ana.pk, "display_name": "Ana Lima"}]
    assert "could be" in response.json()["detail"][0]["msg"]


# ---- found by fuzzing the running server with schemathesis -------------------------------------------

@pytest.mark.parametrize("path, body, field", [
    ("people", {"display_name": "Ana \ud800"}, "display_name"),
    ("people", {"display_name": "Ana", "tags": ["\udfff"]}, "tags"),
    ("people", {"display_name": "Ana", "extra": {"\ud800": 1}}, "extra"),
    ("people", {"display_name": "Ana", "extra": {"a": ["\ud800"]}}, "extra"),
    ("organisations", {"name": "X\udfff"}, "name"),
    ("people/{ana}/affiliations", {"organisation": "Acme \ud800"}, "organisation"),
])
def test_an_unpaired_surrogate_is_a_422_naming_the_field_not_a_500(as_alice, alice, ana, path, body, field):
    # json.dumps writes "\ud800" as the escape a client would send; no database can encode the character.
    response = as_alice.post(path.format(ana=ana.pk), body)
    assert response.status_code == 422
    assert loc_fields(response) == [field]
    assert "surrogate" in response.json()["detail"][0]["msg"]
    assert Person.objects.filter(owner=alice).count() == 1


@pytest.mark.parametrize("raw", ['{"a": NaN}', '{"a": Infinity}', '{"a": [-Infinity]}', '{"a": 1e400}'])
def test_a_number_json_cannot_hold_in_extra_is_a_422_not_a_500(as_alice, alice, ana, raw):
    # Python's JSON parser takes NaN, Infinity and 1e400 (as inf); the JSON column then refuses them.
    response = as_alice.generic("POST", "/api/v1/people", '{"display_name": "Bo", "extra": %s}' % raw,
                                content_type="application/json")
    assert response.status_code == 422
    assert loc_fields(response) == ["extra"]
    assert Person.objects.filter(owner=alice).count() == 1


def test_extra_nested_too_deep_is_a_422_not_a_recursion_error(as_alice, alice, ana):
    deep = "[" * 600 + "]" * 600  # parses, but walking it recursively exceeded Python's recursion limit
    response = as_alice.generic("POST", "/api/v1/people", '{"display_name": "Bo", "extra": {"a": %s}}' % deep,
                                content_type="application/json")
    assert response.status_code == 422
    assert loc_fields(response) == ["extra"]
    assert "deep" in response.json()["detail"][0]["msg"]


def test_extra_nested_a_few_levels_is_kept(as_alice):
    extra = {"crm": {"ids": [[1, 2], {"x": [None, True, 1.5, "ok"]}]}}
    response = as_alice.post("people", {"display_name": "Bo", "extra": extra})
    assert response.status_code == 201 and response.json()["extra"] == extra


def test_name_parts_that_join_past_the_display_name_column_are_a_422(as_alice, alice, ana):
    # Each part fits its own column, the joined display name (200) does not: PostgreSQL raised a 500.
    body = {"given_name": "a" * 100, "middle_name": "b" * 100, "family_name": "c" * 100}
    response = as_alice.post("people", body)
    assert response.status_code == 422 and loc_fields(response) == ["display_name"]
    assert Person.objects.filter(owner=alice).count() == 1


def test_a_domain_that_lower_casing_lengthens_past_its_column_is_a_422(as_alice, alice):
    # "İ".lower() is two characters: 200 of them became 400, which PostgreSQL refused with a 500.
    response = as_alice.post("organisations", {"name": "Initech", "domain": "İ" * 200})
    assert response.status_code == 422 and loc_fields(response) == ["domain"]
    org = as_alice.post("organisations", {"name": "Initech", "domain": "initech.example"}).json()
    response = as_alice.patch(f"organisations/{org['id']}", {"domain": "İ" * 200})
    assert response.status_code == 422 and loc_fields(response) == ["domain"]
    assert as_alice.get(f"organisations/{org['id']}").json()["domain"] == "initech.example"


def test_a_second_organisation_whose_folded_name_is_cut_to_the_key_is_a_409(as_alice):
    # "ﷺ" folds to 18 letters, so the key is cut at 200; the duplicate check compared it uncut, missed,
    # and the service handed back the existing organisation as if created, overwriting its notes.
    name = "ﷺ" * 20
    first = as_alice.post("organisations", {"name": name, "notes": "the original"})
    assert first.status_code == 201
    again = as_alice.post("organisations", {"name": name, "notes": "overwritten"})
    assert again.status_code == 409 and again.json()["existing"][0]["id"] == first.json()["id"]
    assert as_alice.get(f"organisations/{first.json()['id']}").json()["notes"] == "the original"


@pytest.mark.parametrize("path", ["people/abc", "people/1.5/archive", "organisations/null,null", "ties/-", "interactions/x",
                                  "affiliations/one/end"])
def test_an_id_that_is_not_a_number_is_a_json_422_naming_the_path_parameter(as_alice, path):
    # The {int:...} converter made these Django's HTML 404 page, not an answer the API documents.
    call = as_alice.post if path.endswith(("archive", "end")) else as_alice.get
    response = call(path)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response.json()["detail"][0]["loc"][0] == "path"


@pytest.mark.parametrize("path", ["people/-1", "people/0", "organisations/-5"])
def test_a_negative_or_zero_id_is_still_a_404(as_alice, path):
    assert as_alice.get(path).status_code == 404


@pytest.mark.parametrize("body, field", [({"organisation": "Acme", "start": "20240101"}, "start"),
                                         ({"organisation": "Acme", "end": 0}, "end")])
def test_a_number_for_a_date_is_a_422_not_a_date_in_1970(as_alice, ana, body, field):
    response = as_alice.post(f"people/{ana.pk}/affiliations", body)
    assert response.status_code == 422 and loc_fields(response) == [field]


def test_every_operation_documents_the_errors_it_can_answer(client):
    schema = client.get("/api/v1/openapi.json").json()
    for name in ("Problem", "Unprocessable", "Conflict"):
        assert name in schema["components"]["schemas"]
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"400", "401"} <= codes, (method, path)
            takes_input = bool(operation.get("parameters")) or "requestBody" in operation
            assert ("422" in codes) == takes_input, (method, path)
            assert ("404" in codes) == ("{" in path), (method, path)
            assert ("413" in codes) == ("requestBody" in operation), (method, path)
    assert "409" in schema["paths"]["/api/v1/people"]["post"]["responses"]
    assert "409" in schema["paths"]["/api/v1/people/{person_id}"]["patch"]["responses"]
    assert "409" in schema["paths"]["/api/v1/organisations"]["post"]["responses"]


def test_the_documented_error_bodies_are_the_ones_sent(as_alice, ana):
    from netweave.api_support import Conflict, Problem, Unprocessable

    Problem.model_validate(as_alice.get("people/999999").json())
    Problem.model_validate(as_alice.generic("POST", "/api/v1/people", "{", content_type="application/json").json())
    Problem.model_validate(as_alice.get("people?" + "&".join(["a="] * 1001)).json())
    Unprocessable.model_validate(as_alice.post("people", {"display_name": ""}).json())
    Unprocessable.model_validate(as_alice.get("people/abc").json())
    as_alice.post("organisations", {"name": "Initech"})
    Conflict.model_validate(as_alice.post("organisations", {"name": "Initech"}).json())


def test_a_body_too_large_is_a_json_413_not_djangos_html_400(as_alice, alice, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = as_alice.post("people", {"display_name": "Bo", "notes": "x" * 2000})
    assert response.status_code == 413
    assert response.json() == {"detail": "the body is larger than 1000 bytes"}
    assert not Person.objects.filter(owner=alice).exists()


def test_too_many_query_fields_is_a_json_400_not_djangos_html_page(as_alice):
    response = as_alice.get("people?" + "&".join(["a="] * 1001))
    assert response.status_code == 400
    assert "DATA_UPLOAD_MAX_NUMBER_FIELDS" in response.json()["detail"]


def test_the_schema_lists_the_kinds_the_services_accept(client):
    from netweave.interactions.models import Interaction
    from netweave.people.models import Organisation, Tie

    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    assert schemas["TieIn"]["properties"]["kind"]["enum"] == Tie.Kind.values
    assert schemas["TiePatch"]["properties"]["kind"]["enum"] == [*Tie.Kind.values, None]
    assert schemas["OrganisationIn"]["properties"]["kind"]["enum"] == ["", *Organisation.Kind.values]
    assert schemas["InteractionIn"]["properties"]["kind"]["enum"] == Interaction.Kind.values
    assert schemas["InteractionIn"]["properties"]["initiated_by"]["enum"] == Interaction.Initiator.values
