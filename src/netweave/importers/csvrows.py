"""One CSV row into one person: where each column goes (a `Layout`), and the values clean_person will take.

A value the model would refuse (an email that is not one, a phone of letters, a birthday we cannot read,
a name too long for its column) is not put in a field: it stays in `extra["csv"]` under its header, so
one bad cell costs nobody their import and nothing is lost.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from django.conf import settings

from netweave.importers.csvdates import birthday_text, is_empty_date, parse_birthday
from netweave.importers.csvmaps import ADDRESS_PARTS, Target
from netweave.people.normalize import clean_text, email_or_error, is_web_address, join_name, looks_like_phone

NAME_PARTS = ("prefix", "given_name", "middle_name", "family_name", "suffix")
TEXT_FIELDS = NAME_PARTS + ("display_name", "nickname", "pronouns", "location", "organisation", "title",
                            "display_fallback")
LONG_FIELDS = ("notes", "met_how")
LIST_KEYS = {"emails": "address", "phones": "number", "urls": "url"}
TAG_FIELDS = ("tags", "interests", "expertise")
BIRTHDAY_PARTS = ("birthday", "birthday_year", "birthday_month", "birthday_day")
# Google puts every contact in "My Contacts"; as a tag it would say nothing.
SYSTEM_GROUPS = {"my contacts", "mycontacts"}
GOOGLE_LABELS = {"home", "work", "other", "mobile", "main", "home fax", "work fax", "other fax", "pager",
                 "google voice", "profile", "blog", "home page", "homepage", "ftp", "school"}
ANY_TAG_SPLIT = re.compile(r"\s*(?::::|;|,)\s*")
GOOGLE_TAG_SPLIT = re.compile(r" ::: ")


@cache
def limits() -> dict[str, int]:
    """Column lengths, so a value too long for its column goes to extra instead of failing the person."""
    from netweave.people.models import Address, Email, Person, Phone, Url

    person_fields = NAME_PARTS + ("display_name", "nickname", "pronouns", "location")
    out = {f: Person._meta.get_field(f).max_length for f in person_fields}
    out |= {p: Address._meta.get_field(p).max_length for p in ADDRESS_PARTS}
    out |= {"organisation": 200, "title": 200, "display_fallback": out["display_name"],
            "emails": Email._meta.get_field("address").max_length, "phones": Phone._meta.get_field("raw").max_length,
            "urls": Url._meta.get_field("url").max_length}
    return out


_DOT_ATOM = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")


@lru_cache(maxsize=4096)
def _domain_takes_mail(domain: str) -> bool:
    return email_or_error(f"a@{domain}")[1] is None


def valid_email(value: str) -> bool:
    """email_or_error's verdict; a plain local part needs only its domain checked, and domains repeat."""
    local, at, domain = value.rpartition("@")
    if at and len(value) <= 254 and len(local) <= 64 and _DOT_ATOM.match(local):
        return _domain_takes_mail(domain.lower())
    return email_or_error(value)[1] is None


def valid_value(kind: str, value: str) -> bool:
    """Whether clean_person will take `value` as an email, phone or URL (so one bad cell fails no person)."""
    if not value or len(value) > limits()[kind]:
        return False
    if kind == "emails":
        return valid_email(value)
    if kind == "phones":
        return looks_like_phone(value)
    return is_web_address(value)


def tidy_label(text: str) -> str:
    """Google marks the primary value "* Home"; its own labels come back lower-cased like ours."""
    label = clean_text(text).removeprefix("* ").removeprefix("*").strip()
    return label.casefold() if label.casefold() in GOOGLE_LABELS else label


def month_first() -> bool:
    """Whether 03/04/1980 is 4 March here: in the US (or with no region set, as Outlook's default), yes."""
    region = getattr(settings, "NETWEAVE_DEFAULT_REGION", None)
    return region in (None, "", "US", "PH", "FM", "MH", "PW")


@dataclass
class Layout:
    """Where a file's columns go, and how to read its cells."""

    headers: list[str]  # unique names, the keys of extra["csv"]
    targets: list[Target | None]
    value_split: str | None = None  # Google packs several values of one label into a cell with " ::: "
    tag_split: re.Pattern = ANY_TAG_SPLIT
    dayfirst: bool = False

    def person(self, cells: list[str]) -> dict | None:
        """The person a row describes, or None when it names nobody (no name, email, phone or URL)."""
        row = _RowReader(self, cells)
        return row.build()


class _RowReader:
    def __init__(self, layout: Layout, cells: list[str]):
        self.layout, self.cells = layout, cells
        self.used: set[int] = set()
        self.text: dict[str, str] = {}
        self.long: dict[str, list[str]] = {}
        self.lists: dict[str, list[dict]] = {k: [] for k in LIST_KEYS}
        self.tags: dict[str, list[str]] = {k: [] for k in TAG_FIELDS}
        self.addresses: dict[str, dict] = {}
        self.birthday: dict[str, tuple[int, Target, str]] = {}
        self.netweave: dict = {}
        self.json_extra: dict = {}

    def use(self, i: int, target: Target) -> None:
        self.used.add(i)
        if target.label_col is not None:
            self.used.add(target.label_col)

    def label(self, target: Target) -> str:
        if target.label_col is not None:
            return tidy_label(self.cells[target.label_col])
        return target.label

    def build(self) -> dict | None:
        for i, target in enumerate(self.layout.targets):
            value = self.cells[i]
            if target is None or target.field == "_label" or not value.strip():
                continue
            self.take(i, target, value)
        data = self.names()
        if data is None:
            return None
        for f in ("nickname", "pronouns", "location", "organisation", "title"):
            if f in self.text:
                data[f] = self.text[f]
        for f, parts in self.long.items():
            data[f] = "\n\n".join(parts)
        for f, items in self.lists.items():
            if items:
                data[f] = items
        for f, names in self.tags.items():
            if names:
                data[f] = list(dict.fromkeys(names))
        addresses = self.finish_addresses()
        if addresses:
            data["addresses"] = addresses
        birthday = self.finish_birthday()
        if birthday:
            data["birthday"] = birthday
        extra = dict(self.json_extra)
        if self.netweave:
            extra["netweave"] = {**extra.get("netweave", {}), **self.netweave}
        leftovers = self.leftovers()
        if leftovers:
            extra["csv"] = {**extra.get("csv", {}), **leftovers}
        if extra:
            data["extra"] = extra
        return data

    def take(self, i: int, target: Target, value: str) -> None:
        f = target.field
        if f in TEXT_FIELDS:
            v = clean_text(value)
            if f not in self.text and len(v) <= limits()[f]:
                self.text[f] = v
                if f != "display_fallback":
                    self.use(i, target)
        elif f in LONG_FIELDS:
            self.long.setdefault(f, []).append(value.strip())
            self.use(i, target)
        elif f in LIST_KEYS:
            split = self.layout.value_split
            pieces = [p for p in (clean_text(x) for x in (value.split(split) if split else [value])) if p]
            good = [p for p in pieces if valid_value(f, p)]
            label = self.label(target)
            self.lists[f].extend({LIST_KEYS[f]: p, "label": label} for p in good)
            if len(good) == len(pieces):
                self.use(i, target)
        elif f in TAG_FIELDS:
            names = (clean_text(n).removeprefix("*").strip() for n in self.layout.tag_split.split(value))
            self.tags[f].extend(n for n in names if n and n.casefold() not in SYSTEM_GROUPS and len(n) <= 100)
            self.use(i, target)
        elif f in ADDRESS_PARTS or f == "formatted":
            label = self.label(target)
            group = self.addresses.setdefault(target.group or label, {"label": label, "cols": [], "parts": {}})
            group["label"] = group["label"] or label
            group["cols"].append((i, target))
            group["parts"].setdefault(f, []).append(value)
        elif f in BIRTHDAY_PARTS:
            self.birthday.setdefault(f, (i, target, value))
        elif f == "netweave":  # "netweave:circle" and the like: our own export's columns, kept in extra
            self.netweave[target.label] = _maybe_json(value.strip())
            self.use(i, target)
        elif f == "netweave_extra":
            loaded = _maybe_json(value.strip())
            if isinstance(loaded, dict):
                self.json_extra = loaded
                self.use(i, target)

    def names(self) -> dict | None:
        text = self.text
        data = {p: text[p] for p in NAME_PARTS if p in text}
        display = text.get("display_name") or join_name(data)
        if not display and text.get("display_fallback"):
            display = text["display_fallback"]
            self.used.update(i for i, t in enumerate(self.layout.targets) if t and t.field == "display_fallback")
        display = display or text.get("nickname", "")
        if not display:
            # Not a name: keep it whole rather than let clean_person split "ana@example.com" into parts.
            first = [text.get("organisation")] + [items[0][LIST_KEYS[k]] for k, items in self.lists.items() if items]
            display = next((v for v in first if v), "")
            data["given_name"] = data["family_name"] = ""
        if not display:
            return None
        return {"display_name": display[: limits()["display_name"]], **data}

    def finish_addresses(self) -> list[dict]:
        out = []
        for group in self.addresses.values():
            parts = {p: ", ".join(v for v in map(clean_text, values) if v) for p, values in group["parts"].items()}
            formatted = parts.pop("formatted", "")
            if formatted and not any(parts.values()):
                lines = [clean_text(x) for x in group["parts"]["formatted"][0].splitlines()]
                parts["street"] = ", ".join(x for x in lines if x)
            if not any(parts.values()) or any(len(v) > limits()[p] for p, v in parts.items()):
                continue
            out.append({**{p: parts.get(p, "") for p in ADDRESS_PARTS}, "label": group["label"]})
            for i, target in group["cols"]:
                self.use(i, target)
        return out

    def finish_birthday(self) -> str | None:
        found = self.birthday
        whole = found.get("birthday")
        if whole and "birthday_month" in found and whole[2].strip().isdigit() and len(whole[2].strip()) <= 2:
            found = {**found, "birthday_day": whole}  # German Thunderbird: "Geburtstag" is the day of the month
            whole = None
        if whole:
            i, target, value = whole
            if is_empty_date(value):
                self.use(i, target)
                return None
            text = parse_birthday(value, dayfirst=self.layout.dayfirst)
            if text:
                self.use(i, target)
            return text
        month, day, year = (found.get(k) for k in ("birthday_month", "birthday_day", "birthday_year"))
        if not (month and day):
            return None
        try:
            y = int(year[2]) if year and year[2].strip() not in ("", "0", "0000") else None
            text = birthday_text(y, int(month[2]), int(day[2]))
        except ValueError:
            return None
        if text:
            for part in (month, day, year):
                if part:
                    self.use(part[0], part[1])
        return text

    def leftovers(self) -> dict[str, str]:
        """Every non-empty cell no field took, by header; a label column only with its unused value."""
        targets, cells, headers = self.layout.targets, self.cells, self.layout.headers
        labelled: dict[int, list[int]] = {}
        for i, t in enumerate(targets):
            if t is not None and t.label_col is not None:
                labelled.setdefault(t.label_col, []).append(i)
        out = {}
        for i, value in enumerate(cells):
            if i in self.used or not value.strip():
                continue
            t = targets[i]
            if t is not None and t.field == "_label" and not any(cells[j].strip() and j not in self.used
                                                                   for j in labelled.get(i, [])):
                continue
            out[headers[i]] = value
        return out


def _maybe_json(text: str):
    if text[:1] in "[{":
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text
