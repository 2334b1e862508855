"""Turn a person's fields as given by a form, the API or the CLI into clean values, or say what is wrong.

Every surface passes plain dicts (see `PERSON_FIELDS`); errors name the field, and for lists the
position ("emails[1]"), so a form or an API client can point at the exact input.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from netweave.core.errors import Invalid
from netweave.core.ids import parse_id
from netweave.people import normalize
from netweave.people.models import Address, Circle, Email, Person, Phone, Url

SCALAR_FIELDS = (
    "display_name", "prefix", "given_name", "middle_name", "family_name", "suffix",
    "nickname", "pronouns", "location", "met_how", "notes",
)
NAME_PARTS = ("prefix", "given_name", "middle_name", "family_name", "suffix", "nickname")
LIST_FIELDS = ("emails", "phones", "urls", "addresses")
TAG_FIELDS = {"tags": "tag", "interests": "interest", "expertise": "expertise"}
ADDRESS_PARTS = ("street", "locality", "region", "postcode", "country", "po_box", "extended")
OTHER_FIELDS = ("birthday", "circle", "introduced_by", "met_at_event", "organisation", "title", "extra")
PERSON_FIELDS = SCALAR_FIELDS + LIST_FIELDS + tuple(TAG_FIELDS) + OTHER_FIELDS


def _max_length(field: str) -> int | None:
    return Person._meta.get_field(field).max_length


def _as_item(value, main: str) -> dict:
    if isinstance(value, dict):
        return value
    return {main: value, "label": ""}


def _as_list(value, field: str, errors: dict) -> list:
    """A list of items; one bare item (a string, a dict) counts as a list of one, not a list of letters."""
    if value in (None, ""):
        return []
    if isinstance(value, (str, dict)):
        return [value]
    if isinstance(value, (list, tuple)):
        return list(value)
    errors[field] = "must be a list"
    return []


def _label(item: dict) -> str:
    return normalize.clean_text(str(item.get("label") or ""))[:40]


def _column(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def clean_person(owner, data: dict, *, partial: bool) -> dict:
    """Validate `data`; return only the keys it held, cleaned. Raises Invalid naming each bad field."""
    unknown = sorted(set(data) - set(PERSON_FIELDS))
    errors: dict[str, str] = {f: "unknown field" for f in unknown}
    out: dict = {}

    for field in SCALAR_FIELDS:
        if field in data:
            raw = data[field] if data[field] is not None else ""
            if not isinstance(raw, str):
                errors[field] = "must be text"
                continue
            value = raw.replace("\x00", "").strip() if field in ("notes", "met_how") else normalize.clean_text(raw)
            limit = _max_length(field)
            if limit and len(value) > limit:
                errors[field] = f"is {len(value)} characters long; at most {limit}"
                continue
            out[field] = value

    _derive_names(out, data, partial, errors)

    if "emails" in data:
        out["emails"] = []
        seen = set()
        for i, item in enumerate(_as_list(data["emails"], "emails", errors)):
            item = _as_item(item, "address")
            address, why = normalize.email_or_error(str(item.get("address") or ""))
            if why:
                errors[f"emails[{i}]"] = why
            elif len(address) > _column(Email, "address"):
                errors[f"emails[{i}]"] = f"is longer than {_column(Email, 'address')} characters"
            elif normalize.email_key(address) not in seen:
                seen.add(normalize.email_key(address))
                out["emails"].append({"address": address, "label": _label(item)})

    if "phones" in data:
        out["phones"] = []
        region = settings.NETWEAVE_DEFAULT_REGION
        for i, item in enumerate(_as_list(data["phones"], "phones", errors)):
            item = _as_item(item, "number")
            raw, e164, why = normalize.phone_or_error(str(item.get("number", item.get("raw")) or ""), region)
            if why:
                errors[f"phones[{i}]"] = why
            elif len(raw) > _column(Phone, "raw"):
                errors[f"phones[{i}]"] = f"is longer than {_column(Phone, 'raw')} characters"
            else:
                out["phones"].append({"raw": raw, "e164": e164, "label": _label(item)})

    if "urls" in data:
        out["urls"] = []
        for i, item in enumerate(_as_list(data["urls"], "urls", errors)):
            item = _as_item(item, "url")
            url = normalize.clean_text(str(item.get("url") or ""))
            if not normalize.is_web_address(url):
                errors[f"urls[{i}]"] = f"{url!r} is not a web address"
            elif len(url) > _column(Url, "url"):
                errors[f"urls[{i}]"] = f"is longer than {_column(Url, 'url')} characters"
            else:
                out["urls"].append({"url": url, "key": normalize.url_key(url)[: _column(Url, "key")], "label": _label(item)})

    if "addresses" in data:
        out["addresses"] = []
        for i, item in enumerate(_as_list(data["addresses"], "addresses", errors)):
            item = _as_item(item, "street")
            cleaned = {part: normalize.clean_text(str(item.get(part, "") or "")) for part in ADDRESS_PARTS}
            too_long = [p for p in ADDRESS_PARTS if len(cleaned[p]) > _column(Address, p)]
            if not any(cleaned.values()):
                errors[f"addresses[{i}]"] = "is empty"
                continue
            if too_long:
                errors[f"addresses[{i}]"] = f"{too_long[0]} is longer than {_column(Address, too_long[0])} characters"
                continue
            cleaned["label"] = _label(item)
            out["addresses"].append(cleaned)

    for field in TAG_FIELDS:
        if field in data:
            names = data[field] or []
            if isinstance(names, str):
                names = names.split(",")
            names = _as_list(names, field, errors)
            cleaned = []
            for i, name in enumerate(names):
                name = normalize.clean_text("" if name is None else str(name))
                if len(name) > 100:
                    errors[f"{field}[{i}]"] = "is longer than 100 characters"
                elif name and normalize.fold(name) not in {normalize.fold(c) for c in cleaned}:
                    cleaned.append(name)
            out[field] = cleaned

    if "birthday" in data:
        value = data["birthday"] or ""
        if isinstance(value, date):
            value = value.isoformat()
        parsed, why = normalize.birthday_or_error(value) if isinstance(value, str) else (None, "must be a date")
        if why:
            errors["birthday"] = why
        else:
            out["birthday"] = parsed

    if "circle" in data:
        name = normalize.clean_text(str(data["circle"] or ""))
        if not name:
            out["circle"] = None
        else:
            circle = Circle.objects.filter(owner=owner, name__iexact=name).first()
            if circle is None:
                choices = ", ".join(Circle.objects.filter(owner=owner).values_list("name", flat=True))
                errors["circle"] = f"no circle called {name!r}; choose one of: {choices}"
            else:
                out["circle"] = circle

    if "introduced_by" in data:
        ref = data["introduced_by"]
        if ref in (None, ""):
            out["introduced_by"] = None
        else:
            pk = parse_id(ref)
            found = Person.objects.filter(owner=owner, pk=pk).first() if pk else None
            if found is None:
                errors["introduced_by"] = f"no person with id {ref!r}"
            else:
                out["introduced_by"] = found

    if "met_at_event" in data:
        from netweave.interactions.models import Interaction

        ref = data["met_at_event"]
        if ref in (None, ""):
            out["met_at_event"] = None
        else:
            pk = parse_id(ref)
            found = Interaction.objects.filter(owner=owner, pk=pk).first() if pk else None
            if found is None:
                errors["met_at_event"] = f"no interaction with id {ref!r}"
            else:
                out["met_at_event"] = found

    for field in ("organisation", "title"):
        if field in data:
            value = normalize.clean_text(str(data[field] or ""))
            if len(value) > 200:
                errors[field] = "is longer than 200 characters"
            out[field] = value

    if "extra" in data:
        if not isinstance(data["extra"], dict):
            errors["extra"] = "must be an object"
        else:
            out["extra"] = data["extra"]

    if errors:
        raise Invalid(errors)
    return out


def _derive_names(out: dict, data: dict, partial: bool, errors: dict) -> None:
    """Fill the display name from the parts, or the parts from the display name, whichever is missing."""
    has_parts = any(out.get(p) for p in NAME_PARTS if p != "nickname")
    if "display_name" in out and not out["display_name"]:
        del out["display_name"]
    # A partial change of one part (a new family name) leaves the display name alone: the other parts
    # are not in `data`, so a name joined from them would drop them.
    if "display_name" not in out and has_parts and (not partial or "display_name" in data):
        joined = normalize.join_name(out)
        limit = _max_length("display_name")
        if len(joined) > limit:
            # Each part fits its column, but together they may not (PostgreSQL refuses what SQLite stores).
            errors.setdefault("display_name", f"the name parts join to {len(joined)} characters; at most {limit}")
        else:
            out["display_name"] = joined
    elif "display_name" in out and not any(p in data for p in NAME_PARTS if p != "nickname"):
        for part, value in normalize.split_name(out["display_name"]).items():
            if part == "nickname" and (part in data or not value):
                continue  # a nickname is not part of the display name; keep the one given or held
            out[part] = value[: _max_length(part)]
    if not partial and not out.get("display_name"):
        errors.setdefault("display_name", "a person needs a name")
    if partial and "display_name" in data and not out.get("display_name") and not has_parts:
        errors.setdefault("display_name", "a person needs a name")

