"""The REST API at /api/v1: mounts each app's router and turns service errors into HTTP answers.

Every route acts for request.auth (a bearer token's owner, or the logged-in browser) and reads only
that user's rows: another user's object is a 404, never a 403.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import ValidationError

from netweave.accounts.auth import api_auth
from netweave.api_support import ERROR_SCHEMAS, Problem, Unprocessable, error_response
from netweave.core.errors import Ambiguous, Duplicate, Invalid, NotFound
from netweave.events.api import router as events_router
from netweave.coach.api import router as coach_router
from netweave.givefirst.api import router as givefirst_router
from netweave.ripple.api import router as ripple_router
from netweave.search.api import router as search_router
from netweave.importers.api import router as imports_router
from netweave.interactions.api import router as interactions_router
from netweave.nurture.api import router as nurture_router
from netweave.nurture.api_celebrations import router as celebrations_router
from netweave.people.api import affiliations as affiliations_router
from netweave.people.api import router as people_router
from netweave.people.api_circles import router as circles_router
from netweave.people.api_duplicates import duplicates_router, merges_router
from netweave.people.api_organisations import router as organisations_router
from netweave.people.api_ties import router as ties_router
from netweave.reminders.api import router as reminders_router
from netweave.steps.api import router as steps_router
from netweave.mentorship.api import router as mentorship_router
from netweave.opportunities.api import router as opportunities_router


def document_errors(schema: dict) -> dict:
    """Add the error answers every operation can give to the OpenAPI schema ninja builds.

    Ninja documents only the answers a route declares, but every route can also answer 401, and 400, 404
    or 422 depending on what it takes; a client (or a fuzzer checking answers against the schema) should
    find each of those documented, with its body. 409 is declared by the routes that raise it.
    """
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in ERROR_SCHEMAS:
        definition = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(definition.pop("$defs", {}))
        components[model.__name__] = definition
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            params = operation.get("parameters") or []
            errors = {400: error_response("The request cannot be read: the body is not JSON, or there are more "
                                          "query fields than the server takes.", Problem)}
            if "requestBody" in operation:
                errors[413] = error_response("The body is larger than the server takes.", Problem)
            if operation.get("security"):
                errors[401] = error_response("No valid token, and no logged-in browser session.", Problem)
            if any(p.get("in") == "path" for p in params):
                errors[404] = error_response("None of the caller's objects has that id.", Problem)
            if params or "requestBody" in operation:
                errors[422] = error_response("A value is refused; each error names its field.", Unprocessable)
            responses = operation.setdefault("responses", {})
            for status, response in errors.items():
                if status not in responses and str(status) not in responses:
                    responses[status] = response
    return schema


class NetweaveAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        return document_errors(super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params))


api = NetweaveAPI(
    title="netweave",
    version="1",
    description="A personal CRM's people, organisations, interactions and ties. "
                "Authenticate with `Authorization: Bearer <token>` (`netweave token create`) or a browser session.",
    auth=api_auth,
    urls_namespace="api",
)
api.add_router("/people", people_router)
api.add_router("/affiliations", affiliations_router)
api.add_router("/organisations", organisations_router)
api.add_router("/interactions", interactions_router)
api.add_router("/ties", ties_router)
api.add_router("/circles", circles_router)
api.add_router("/duplicates", duplicates_router)
api.add_router("/merges", merges_router)
api.add_router("/imports", imports_router)
api.add_router("/events", events_router)
api.add_router("", nurture_router)
api.add_router("", reminders_router)
api.add_router("", celebrations_router)
api.add_router("", givefirst_router)
api.add_router("", ripple_router)
api.add_router("/search", search_router)
api.add_router("", coach_router)
api.add_router("", steps_router)
api.add_router("", mentorship_router)
api.add_router("", opportunities_router)


# Pydantic puts the member of a union that failed into the location ("organisation.constrained-int");
# clients care about the field, so those tags are dropped. No schema of ours has a field named like them.
_UNION_TAGS = re.compile(r"^(str|int|float|bool|list|dict|none|date|datetime)$|[^a-z0-9_]")


def field_path(parts) -> str:
    """("emails", 0, "address") -> "emails[0].address": the way services name fields in Invalid."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not _UNION_TAGS.search(str(part)):
            out += f".{part}" if out else str(part)
    return out


def _error(source: str, field: str, msg: str, kind: str = "value_error") -> dict:
    return {"loc": [source, field] if field else [source], "msg": msg, "type": kind}


@api.exception_handler(ValidationError)
def schema_invalid(request: HttpRequest, exc: ValidationError):
    """Ninja's 422, with each location written as services write it: ["body", "emails[0].address"].

    Ninja puts the view's parameter name after "body" ("payload"); clients never chose that name, so
    it is dropped, and a body error and a service error name a field the same way.
    """
    errors = []
    for error in exc.errors:
        source, *rest = error.get("loc") or ["body"]
        if source == "body" and rest:
            rest = rest[1:]
        errors.append(_error(source, field_path(rest), error.get("msg", "invalid"), error.get("type", "value_error")))
    return api.create_response(request, {"detail": errors}, status=422)


@api.exception_handler(Invalid)
def service_invalid(request: HttpRequest, exc: Invalid):
    errors = [_error("body", field, why) for field, why in exc.errors.items()]
    return api.create_response(request, {"detail": errors}, status=422)


@api.exception_handler(Duplicate)
def duplicate(request: HttpRequest, exc: Duplicate):
    """409 with who already has the value, so a client can offer a merge instead of a second copy."""
    existing = [
        {"id": obj.pk, "display_name": str(obj)} if hasattr(obj, "display_name") else {"id": obj.pk, "name": str(obj)}
        for obj in exc.existing
    ]
    body = {"detail": str(exc), "field": exc.field, "value": exc.value, "existing": existing}
    return api.create_response(request, body, status=409)


@api.exception_handler(NotFound)
def not_found(request: HttpRequest, exc: NotFound):
    return api.create_response(request, {"detail": str(exc) or "Not Found"}, status=404)


@api.exception_handler(SuspiciousOperation)
def unreadable(request: HttpRequest, exc: SuspiciousOperation):
    """Django's own refusals of a request it will not read (too many query fields, a body too large),
    answered in JSON as the schema documents them, not as Django's HTML error page."""
    logging.getLogger(f"django.security.{exc.__class__.__name__}").warning("%s", exc)
    if isinstance(exc, RequestDataTooBig):
        detail = f"the body is larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes"
        return api.create_response(request, {"detail": detail}, status=413)
    return api.create_response(request, {"detail": str(exc) or "Bad Request"}, status=400)


@api.exception_handler(Ambiguous)
def ambiguous(request: HttpRequest, exc: Ambiguous):
    candidates = [{"id": c.pk, "display_name": str(c)} for c in exc.candidates]
    body = {"detail": [_error("body", "", str(exc))], "candidates": candidates}
    return api.create_response(request, body, status=422)
