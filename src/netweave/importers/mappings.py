"""Saved column mappings for CSV files of a layout we do not know: asked once, found again by the headers."""

from __future__ import annotations

import hashlib

from netweave.core.errors import Invalid
from netweave.importers.csvmaps import LABELLED, MAPPING_FIELDS
from netweave.importers.models import ColumnMapping
from netweave.people import normalize

# What a column may become: a person field, an address part, or "" to keep it in extra only. Emails,
# phones, URLs and address parts may carry a label: "phones:mobile".
TARGETS = MAPPING_FIELDS


def valid_target(target: str) -> bool:
    field, sep, label = target.partition(":")
    return field in TARGETS and (not sep or (field in LABELLED and bool(label.strip())))


def headers_key(headers: list[str]) -> str:
    return hashlib.sha256("\x1f".join(normalize.fold(h) for h in headers).encode()).hexdigest()


def check_mapping(headers: list[str], mapping: dict[str, str]) -> dict[str, str]:
    """The mapping, or Invalid naming a column the file lacks or a field netweave does not have."""
    errors = {}
    for header, target in mapping.items():
        if header not in headers:
            errors[header] = f"is not a column of this file; its columns are: {', '.join(headers)}"
        elif not valid_target(target):
            errors[header] = (f"{target!r} is not a field; choose one of: {', '.join(t for t in TARGETS if t)} "
                              f"(emails, phones, URLs and address parts may add a label: phones:mobile)")
    if errors:
        raise Invalid(errors)
    return dict(mapping)


def save_mapping(owner, name: str, headers: list[str], mapping: dict[str, str]) -> ColumnMapping:
    name = normalize.clean_text(name)
    if not name or len(name) > 100:
        raise Invalid({"name": "give the mapping a name of at most 100 characters"})
    mapping = check_mapping(headers, mapping)
    row, _ = ColumnMapping.objects.update_or_create(
        owner=owner, name=name, defaults={"headers_key": headers_key(headers), "mapping": mapping})
    return row


def saved_mapping_for(owner, headers: list[str]) -> ColumnMapping | None:
    return ColumnMapping.objects.filter(owner=owner, headers_key=headers_key(headers)).order_by("-updated_at").first()


def named_mapping(owner, name: str) -> ColumnMapping:
    row = ColumnMapping.objects.filter(owner=owner, name__iexact=normalize.clean_text(name)).first()
    if row is None:
        known = ", ".join(ColumnMapping.objects.filter(owner=owner).values_list("name", flat=True)) or "none yet"
        raise Invalid({"mapping": f"no saved mapping called {name!r} (saved: {known})"})
    return row
