"""What every API router needs: the acting user's origin, owner-scoped lookups, and pages of a list."""

from __future__ import annotations

from typing import Annotated

from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Schema
from pydantic import BeforeValidator

from netweave.accounts.auth import origin_label
from netweave.core.models import Origin

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_ID = 2**63 - 1  # the largest id a row can have; a larger one would make the database raise, not miss

def _whole_number(value):
    """Lax parsing reads JSON true as 1 and 2.0 as 2: an id that is not a whole number is refused instead. (Text
    of digits stays welcome: a query string's and a path's ids arrive as text.)"""
    if isinstance(value, (bool, float)):
        raise ValueError("an id is a whole number, not true, false or a decimal")
    return value


# An object's id in a body or a query: out-of-range numbers are a 422 naming the field, not a 500.
Id = Annotated[int, BeforeValidator(_whole_number), Field(ge=1, le=MAX_ID)]


# ---- error bodies: what api.py's handlers (and ninja's own 400, 401 and 404) send ----------------------

class Problem(Schema):
    """400 (the body is not JSON), 401 (no valid token or session) and 404 (none of mine has that id)."""

    detail: str


class FieldError(Schema):
    loc: list[str] = Field(description='Where: ["body", "emails[0]"], ["query", "limit"], ["path", "person_id"].')
    msg: str
    type: str


class Candidate(Schema):
    id: int
    display_name: str


class Unprocessable(Schema):
    """422: every field refused, each with why."""

    detail: list[FieldError]
    candidates: list[Candidate] | None = Field(None, description="Who a name could mean, when it was ambiguous.")


class Existing(Schema):
    id: int
    display_name: str | None = Field(None, description="For a person.")
    name: str | None = Field(None, description="For an organisation.")


class Conflict(Schema):
    """409: the value already belongs to someone, who is named so a client can offer a merge."""

    detail: str
    field: str
    value: str
    existing: list[Existing]


ERROR_SCHEMAS = (Problem, Unprocessable, Conflict)


def error_response(description: str, schema: type[Schema]) -> dict:
    """An OpenAPI response whose body is one of ERROR_SCHEMAS (api.py puts them in the components)."""
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema.__name__}"}}}}


def conflict(description: str) -> dict:
    """openapi_extra for a route that answers 409 (api.py documents the other errors of every route)."""
    return {"responses": {409: error_response(description, Conflict)}}


class PageParams(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}.")
    offset: int = Field(0, ge=0, le=10**12)


def page(queryset: QuerySet, params: PageParams) -> dict:
    """One page of a list: {count, items}. The count ignores limit and offset."""
    return {
        "count": queryset.count(),
        "items": list(queryset[params.offset: params.offset + params.limit]),
    }


def owned(queryset_or_model, user, pk: int) -> Model:
    """The user's object with this id, or 404: another user's object is as absent as a missing one."""
    qs = queryset_or_model if isinstance(queryset_or_model, QuerySet) else queryset_or_model.objects.all()
    found = qs.filter(owner=user, pk=pk).first() if 0 < pk <= MAX_ID else None
    if found is None:
        raise Http404(f"no {qs.model._meta.verbose_name} {pk}")
    return found


def origin_for(request: HttpRequest) -> Origin:
    """The origin every write of this request records: an API call, by this token or the browser."""
    from netweave.people.services import new_origin

    return new_origin(request.auth, Origin.Kind.API, origin_label(request))
