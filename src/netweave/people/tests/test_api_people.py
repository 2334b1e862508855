"""/api/v1/people: reading, creating, changing and deleting people, and who may."""

import pytest

from netweave.accounts.tests.clients import loc_fields
from netweave.core.models import Origin
from netweave.people.models import Person


@pytest.fixture
def ana(make_person):
    return make_person("Ana Lima", emails=["ana@example.com"], organisation="Acme", title="CTO", tags=["rust"],
                       notes="Likes sailing", circle="close")


# ---- the stranger comes first --------------------------------------------------------------------------

@pytest.mark.parametrize("method, suffix, body", [
    ("get", "", None),
    ("patch", "", {"notes": "charlie was here"}),
    ("delete", "", None),
])
def test_a_stranger_gets_404_for_someone_elses_person(as_alice, as_charlie, ana, method, suffix, body):
    before = as_alice.get(f"people/{ana.pk}").json()
    client_call = getattr(as_charlie, method)
    response = client_call(f"people/{ana.pk}{suffix}", body) if body is not None else client_call(f"people/{ana.pk}")
    assert response.status_code == 404
    assert "Likes sailing" not in response.content.decode()
    assert as_alice.get(f"people/{ana.pk}").json() == before


def test_a_stranger_lists_nobody_of_someone_elses(as_charlie, ana):
    for query in ("", "?q=ana", "?archived=true", "?organisation=Acme", f"?organisation={ana.current_organisation_id}"):
        assert as_charlie.get(f"people{query}").json() == {"count": 0, "items": []}


def test_another_user_with_people_lists_only_their_own(as_bob, bob, ana, make_person):
    make_person("Bo Chen", owner=bob)
    assert [p["display_name"] for p in as_bob.get("people").json()["items"]] == ["Bo Chen"]


def test_a_stranger_cannot_name_someone_elses_person_as_introducer(as_charlie, charlie, ana):
    response = as_charlie.post("people", {"display_name": "Dee", "introduced_by": ana.pk})
    assert response.status_code == 422
    assert loc_fields(response) == ["introduced_by"]
    assert not Person.objects.filter(owner=charlie).exists()


# ---- create --------------------------------------------------------------------------------------------

def test_it_creates_a_person_with_every_kind_of_value(as_alice, alice):
    body = {
        "display_name": "Dr. Ana María Lima", "pronouns": "she/her",
        "emails": [{"address": "ana@example.com", "label": "work"}, "ana@home.example"],
        "phones": [{"number": "+44 20 7946 0958", "label": "mobile"}],
        "urls": ["https://www.linkedin.com/in/analima/"],
        "addresses": [{"label": "home", "locality": "Lisbon", "country": "Portugal"}],
        "birthday": "--02-29", "circle": "inner", "tags": ["rust", "Rust"], "interests": ["sailing"],
        "expertise": ["databases"], "organisation": "Acme", "title": "CTO", "location": "Lisbon",
        "met_how": "PyCon sprint", "notes": "Ask about the boat", "extra": {"shoe": "42"},
    }
    response = as_alice.post("people", body)
    assert response.status_code == 201, response.json()
    person = response.json()
    assert person["display_name"] == "Dr. Ana María Lima"
    assert (person["given_name"], person["family_name"]) == ("Ana", "Lima")
    assert person["emails"] == [{"address": "ana@example.com", "label": "work"},
                                {"address": "ana@home.example", "label": ""}]
    assert person["phones"] == [{"number": "+44 20 7946 0958", "e164": "+442079460958", "label": "mobile"}]
    assert person["urls"][0]["url"] == "https://www.linkedin.com/in/analima/"
    assert person["addresses"][0]["locality"] == "Lisbon"
    assert person["birthday"] == "--02-29"
    assert person["circle"] == "inner"
    assert (person["tags"], person["interests"], person["expertise"]) == (["rust"], ["sailing"], ["databases"])
    assert person["current_organisation"]["name"] == "Acme" and person["current_title"] == "CTO"
    assert person["affiliations"][0]["current"] is True
    assert person["extra"] == {"shoe": "42"}
    assert Person.objects.get(pk=person["id"]).owner == alice


def test_it_builds_the_display_name_from_the_name_parts(as_alice):
    response = as_alice.post("people", {"given_name": "Bo", "family_name": "Chen"})
    assert response.status_code == 201
    assert response.json()["display_name"] == "Bo Chen"


def test_it_links_who_introduced_us(as_alice, ana):
    response = as_alice.post("people", {"display_name": "Bo Chen", "introduced_by": ana.pk})
    assert response.json()["introduced_by"] == {"id": ana.pk, "display_name": "Ana Lima"}


# ---- validation ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("body, field", [
    ({"display_name": "Ana", "emails": ["not-an-email"]}, "emails[0]"),
    ({"display_name": "Ana", "emails": ["ana@example.com", {"address": "nope"}]}, "emails[1]"),
    ({"display_name": "Ana", "phones": ["call me"]}, "phones[0]"),
    ({"display_name": "Ana", "urls": ["not a url"]}, "urls[0]"),
    ({"display_name": "Ana", "addresses": [{}]}, "addresses[0]"),
    ({"notes": "no name"}, "display_name"),
    ({"display_name": "   "}, "display_name"),
    ({"display_name": "Ana", "birthday": "1990-02-30"}, "birthday"),
    ({"display_name": "Ana", "circle": "besties"}, "circle"),
    ({"display_name": "Ana", "introduced_by": 999999}, "introduced_by"),
    ({"display_name": "Ana", "met_at_event": 999999}, "met_at_event"),
    ({"display_name": "x" * 201}, "display_name"),
])
def test_a_value_the_service_refuses_is_a_422_naming_the_field(as_alice, body, field):
    response = as_alice.post("people", body)
    assert response.status_code == 422
    assert field in loc_fields(response)
    error = response.json()["detail"][0]
    assert error["loc"][0] == "body" and error["type"] == "value_error" and error["msg"]


@pytest.mark.parametrize("body, field", [
    ({"display_name": 42}, "display_name"),
    ({"display_name": "Ana", "emails": [{"adress": "ana@example.com"}]}, "emails[0].adress"),
    ({"display_name": "Ana", "emails": "ana@example.com"}, "emails"),
    ({"display_name": "Ana", "tags": [["nested"]]}, "tags[0]"),
    ({"display_name": "Ana", "introduced_by": "Bo"}, "introduced_by"),
    ({"display_name": "Ana", "nmae": "typo"}, "nmae"),
])
def test_a_body_of_the_wrong_shape_is_a_422_naming_the_field(as_alice, body, field):
    response = as_alice.post("people", body)
    assert response.status_code == 422
    assert field in loc_fields(response)


def test_a_refused_person_leaves_nothing_behind(as_alice, alice):
    response = as_alice.post("people", {"display_name": "Ana", "organisation": "Acme", "emails": ["bad"]})
    assert response.status_code == 422
    assert not Person.objects.filter(owner=alice).exists()
    assert not Origin.objects.filter(owner=alice, kind="api").exists()


@pytest.mark.parametrize("raw", ["{not json", "{\"display_name\": ", "\xff"])
def test_malformed_json_is_a_400_not_a_500(as_alice, raw):
    response = as_alice.generic("POST", "/api/v1/people", raw.encode("latin-1"), content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("raw", ["[]", "null", "\"Ana\"", "42"])
def test_json_that_is_not_an_object_is_a_422(as_alice, raw):
    response = as_alice.generic("POST", "/api/v1/people", raw, content_type="application/json")
    assert response.status_code == 422


# ---- duplicates ----------------------------------------------------------------------------------------

def test_an_email_someone_already_has_is_a_409_offering_a_merge(as_alice, alice, ana):
    response = as_alice.post("people", {"display_name": "A. Lima", "emails": ["ANA@example.com"]})
    assert response.status_code == 409
    body = response.json()
    assert body["field"] == "emails"
    assert body["existing"] == [{"id": ana.pk, "display_name": "Ana Lima"}]
    assert "already belongs to Ana Lima" in body["detail"]
    assert Person.objects.filter(owner=alice).count() == 1


def test_allow_duplicate_keeps_both(as_alice, alice, ana):
    response = as_alice.post("people?allow_duplicate=true", {"display_name": "A. Lima", "emails": ["ana@example.com"]})
    assert response.status_code == 201
    assert Person.objects.filter(owner=alice).count() == 2


def test_an_email_only_a_stranger_has_is_no_duplicate(as_charlie, ana):
    assert as_charlie.post("people", {"display_name": "Ana", "emails": ["ana@example.com"]}).status_code == 201


def test_changing_to_an_email_someone_else_has_is_a_409(as_alice, ana, make_person):
    bo = make_person("Bo Chen", emails=["bo@example.com"])
    response = as_alice.patch(f"people/{bo.pk}", {"emails": ["ana@example.com"]})
    assert response.status_code == 409
    assert response.json()["existing"][0]["id"] == ana.pk
    assert [e.address for e in bo.emails.all()] == ["bo@example.com"]


# ---- read, update, delete -----------------------------------------------------------------------------

def test_it_reads_the_full_record(as_alice, ana, make_person):
    from netweave.people.services import link_people

    bo = make_person("Bo Chen")
    link_people(ana.owner, bo, ana, "mentor")
    person = as_alice.get(f"people/{ana.pk}").json()
    assert person["notes"] == "Likes sailing" and person["circle"] == "close" and person["tags"] == ["rust"]
    assert person["emails"] == [{"address": "ana@example.com", "label": ""}]
    assert person["current_organisation"] == {"id": ana.current_organisation_id, "name": "Acme"}
    assert person["ties"] == [{"id": person["ties"][0]["id"], "kind": "mentor", "description": "mentored by",
                               "person": {"id": bo.pk, "display_name": "Bo Chen"}}]


def test_a_missing_person_is_404(as_alice):
    assert as_alice.get("people/999999").status_code == 404


def test_patch_changes_only_the_fields_given(as_alice, ana):
    response = as_alice.patch(f"people/{ana.pk}", {"location": "Porto", "tags": ["go"], "emails": []})
    assert response.status_code == 200
    person = response.json()
    assert (person["location"], person["tags"], person["emails"]) == ("Porto", ["go"], [])
    assert person["notes"] == "Likes sailing" and person["current_title"] == "CTO"


def test_patch_with_null_clears_a_field(as_alice, ana):
    assert as_alice.patch(f"people/{ana.pk}", {"notes": None, "circle": None}).json()["notes"] == ""
    ana.refresh_from_db()
    assert ana.circle is None


def test_patch_refuses_to_blank_the_name(as_alice, ana):
    response = as_alice.patch(f"people/{ana.pk}", {"display_name": ""})
    assert response.status_code == 422 and loc_fields(response) == ["display_name"]
    ana.refresh_from_db()
    assert ana.display_name == "Ana Lima"


def test_patch_records_the_api_as_the_origin_of_the_change(as_alice, ana):
    as_alice.patch(f"people/{ana.pk}", {"location": "Porto"})
    origin = ana.field_origins.get(field="location").origin
    assert origin.kind == "api" and origin.label.startswith("API token nw_")


def test_delete_removes_the_person(as_alice, ana):
    assert as_alice.delete(f"people/{ana.pk}").status_code == 204
    assert not Person.objects.filter(pk=ana.pk).exists()
    assert as_alice.get(f"people/{ana.pk}").status_code == 404


# ---- list ----------------------------------------------------------------------------------------------

def test_the_list_pages_with_limit_and_offset(as_alice, make_person):
    for i in range(7):
        make_person(f"Person {i}")
    first = as_alice.get("people?limit=3").json()
    second = as_alice.get("people?limit=3&offset=3").json()
    last = as_alice.get("people?limit=3&offset=6").json()
    assert first["count"] == second["count"] == last["count"] == 7
    names = [p["display_name"] for page in (first, second, last) for p in page["items"]]
    assert names == [f"Person {i}" for i in range(7)]


def test_the_list_defaults_to_50(as_alice, make_person):
    for i in range(55):
        make_person(f"Person {i:02d}")
    assert len(as_alice.get("people").json()["items"]) == 50


@pytest.mark.parametrize("query", ["limit=0", "limit=501", "offset=-1", "limit=many"])
def test_a_bad_page_is_a_422_naming_the_parameter(as_alice, query):
    response = as_alice.get(f"people?{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", query.split("=")[0]]


def test_the_list_filters(as_alice, ana, make_person):
    make_person("Bo Chen", organisation="Globex", circle="wide", tags=["go"])
    archived = make_person("Cy Old")
    as_alice.post(f"people/{archived.pk}/archive")

    def names(query):
        return [p["display_name"] for p in as_alice.get(f"people?{query}").json()["items"]]

    assert names("") == ["Ana Lima", "Bo Chen"]
    assert names("q=lima") == names("q=acme") == names("q=ana@example") == ["Ana Lima"]
    assert names("circle=wide") == ["Bo Chen"]
    assert names("tag=RUST") == ["Ana Lima"]
    assert names("organisation=globex") == ["Bo Chen"]
    assert names(f"organisation={ana.current_organisation_id}") == ["Ana Lima"]
    assert names("archived=true") == ["Cy Old"]


def test_a_list_item_says_who_and_where(as_alice, ana):
    item = as_alice.get("people").json()["items"][0]
    assert item == {"id": ana.pk, "display_name": "Ana Lima", "archived": False, "circle": "close",
                    "current_organisation": {"id": ana.current_organisation_id, "name": "Acme"},
                    "current_title": "CTO", "last_contact_at": None}


def test_a_page_of_50_people_takes_a_handful_of_queries(as_alice, make_person, django_assert_max_num_queries):
    for i in range(60):
        make_person(f"Person {i:02d}", organisation=f"Org {i % 7}", circle="close", tags=["t"])
    as_alice.get("people?limit=1")  # the token's last-used time is written once, outside the count
    with django_assert_max_num_queries(4):
        response = as_alice.get("people?limit=50")
    assert len(response.json()["items"]) == 50


def test_reading_a_person_takes_a_fixed_number_of_queries(as_alice, make_person, django_assert_max_num_queries):
    big = make_person("Big", emails=[f"e{i}@example.com" for i in range(20)], tags=[f"t{i}" for i in range(20)])
    as_alice.get("people?limit=1")
    with django_assert_max_num_queries(10):
        assert as_alice.get(f"people/{big.pk}").status_code == 200
