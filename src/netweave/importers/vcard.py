"""vCard import (2.1, 3.0, 4.0): address books exported by phones, Apple, Google, Outlook, Thunderbird and Monica.

Each card becomes a `PersonRecord` in `clean_person`'s shape. What the model has no column for (X- properties,
IMPP, a second ORG, an EMAIL that is not an email, the UID...) is kept as content lines in
`extra["vcard"]["properties"]`, which `exchange.vcard_writer` writes back verbatim, so an import followed by an
export loses nothing. The card's own text is kept in `raw` besides.

Labels: TYPE parameters and Apple's grouped X-ABLabel become one lower-case vocabulary: places ("home", "work",
"school", "other") then kinds ("mobile", "fax", "pager", "main", ...), e.g. "work", "home fax", "mobile"; Apple's
built-in labels read as words ("_$!<HomePage>!$_" is "homepage"); a label someone typed stays as typed. A
preferred value (TYPE=pref, PREF=1) comes first in its list.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

from netweave.importers.base import Importer, check_size
from netweave.importers.records import PersonRecord, Record, Skip
from netweave.importers.vcard_lines import (
    Card,
    Prop,
    decode_bytes,
    label_from_ablabel,
    label_from_types,
    make_prop,
    rewritten,
    split_cards,
    split_escaped,
    unescape,
)
from netweave.people import normalize
from netweave.people.photos import sniff as sniff_image

DROPPED = {"VERSION", "PRODID", "PROFILE"}  # the card's structure and maker, not the person
_DATE = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T[0-9:.]*(?:Z|[+-][0-9:]+)?)?$")
_NO_YEAR = re.compile(r"^--(\d{2})-?(\d{2})(?:T[0-9:.]*(?:Z|[+-][0-9:]+)?)?$")
_NOT_BASE64 = re.compile(r"[^A-Za-z0-9+/]")
_TAG_SPLIT = re.compile(r"\\?,")
# Plain addresses and numbers that the full checks (email_validator, the phone rules) always accept: the full
# checks cost 20-50 us each, most of the time of a 10,000-card import, so they only see the unusual ones.
_PLAIN_EMAIL = re.compile(r"^[A-Za-z0-9_%+'-]+(?:\.[A-Za-z0-9_%+'-]+)*@"
                          r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+"
                          r"(?:com|org|net|edu|gov|io|de|uk|fr|nl|ca|au|it|es|ch|se|jp|br|in|us|co|eu|info|biz|me)$")
_PLAIN_PHONE = re.compile(r"^\+?\(?(?:[0-9][ ()./-]*){2,}[0-9]$")  # three digits at least, as the phone rules want
APPLE_NO_YEAR = "1604"  # Apple's stand-in year for a birthday without one (a leap year, so 29 February fits)


class VCardImporter(Importer):
    name = "vcard"
    label = "vCard"
    suffixes = (".vcf", ".vcard")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        return super().sniff(path, head) or _starts_a_vcard(head)

    def read(self, path: Path) -> Iterator[Record]:
        check_size(path)
        text = decode_bytes(path.read_bytes(), self.options.encoding)
        for card in split_cards(text):  # the whole file's structure is checked before the first record
            yield _CardReader(card, self.options.encoding).record()


def _starts_a_vcard(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) >= 4 and head[1] == 0 and head[3] == 0):
        text = head.decode("utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-16-le", errors="ignore")
    else:
        text = head.decode("utf-8", errors="ignore")
    return text.lstrip("\ufeff \t\r\n").upper().startswith("BEGIN:VCARD")


class _CardReader:
    """One card's properties, sorted into the person's fields and the lines kept for export."""

    def __init__(self, card: Card, encoding: str | None):
        self.card = card
        self.version = next((t.partition(":")[2].strip() for _, t, _ in card.lines if t[:8].upper() == "VERSION:"),
                            "3.0")
        self.props = [make_prop(n, text, kind, version=self.version, where=f"card {card.number}, line {n}",
                                qp_charset=encoding) for n, text, kind in card.lines]
        self.fn: str | None = None
        self.name_parts: dict[str, str] | None = None
        self.nickname = self.organisation = self.title = self.birthday = self.key = ""
        self.org_units: list[str] | None = None
        self.seen = {"N": False, "ORG": False, "TITLE": False, "NICKNAME": False}
        self.lists: dict[str, list[tuple[int, int, dict]]] = {"emails": [], "phones": [], "urls": [], "addresses": []}
        self.notes: list[str] = []
        self.tags: list[str] = []
        self.photo: bytes | None = None
        self.netweave: dict = {}  # what a netweave export carried in X-NETWEAVE (see exchange.vcard_writer)
        self.labels: dict[str, str] = {}  # group -> its X-ABLabel
        self.labelled: set[str] = set()  # groups whose label went into the model with their value

    def record(self) -> Record:
        where = self.card.where
        kinds = ("KIND", "X-ADDRESSBOOKSERVER-KIND")  # Apple's groups say it the second way
        if any(unescape(p.value).strip().lower() == "group" for p in self.props if p.name in kinds):
            return Skip(where, "is a contact group (KIND:group), not a person")
        for prop in self.props:
            if prop.name == "X-ABLABEL" and prop.group:
                self.labels.setdefault(prop.group.lower(), label_from_ablabel(unescape(prop.value)))
        kept: list[Prop] = []
        for prop in self.props:
            if prop.name in DROPPED:
                continue
            handler = _HANDLERS.get(prop.name)
            if prop.name == "X-ABLABEL" or handler is None or not handler(self, prop):
                kept.append(prop)
        properties = [rewritten(p) if p.needs_rewrite else p.text for p in kept
                      if not (p.name == "X-ABLABEL" and p.group.lower() in self.labelled)]
        data = self._data()
        if not data.get("display_name"):
            if not any(p.name not in DROPPED for p in self.props):
                return Skip(where, "is empty")
            return Skip(where, "has no name, organisation, email address, phone number or web address to know "
                               "the person by")
        vcard: dict = {"version": self.version, "properties": properties}
        if self.org_units:
            vcard["org"] = self.org_units
        extra = self.netweave.get("extra") if isinstance(self.netweave.get("extra"), dict) else {}
        data["extra"] = {**extra, "vcard": vcard}
        for field in NETWEAVE_FIELDS:
            if self.netweave.get(field):
                data[field] = self.netweave[field]
        return PersonRecord(where=where, data=data, key=self.key, photo=self.photo, raw=self.card.raw)

    def _data(self) -> dict:
        # The preferred first, the rest in the card's order.
        lists = {name: [item for *_, item in sorted(items, key=lambda t: t[:2])] for name, items in self.lists.items()}
        # A card is never dropped for want of a name: whatever else it has names the person.
        names = [self.fn or "", normalize.join_name(self.name_parts) if self.name_parts else "", self.nickname,
                 self.organisation]
        names += [lists[kind][0][key] for kind, key in (("emails", "address"), ("phones", "number"), ("urls", "url"))
                  if lists[kind]]
        display = next((name for name in names if name.strip()), "")
        data: dict = {"display_name": display} if display else {}
        if self.name_parts:
            data.update(self.name_parts)
        for name, value in (("nickname", self.nickname), ("birthday", self.birthday),
                            ("organisation", self.organisation), ("title", self.title)):
            if value:
                data[name] = value
        data.update({name: items for name, items in lists.items() if items})
        if self.notes:
            data["notes"] = "\n\n".join(self.notes)
        if self.tags:
            data["tags"] = self.tags
        return data

    # Each handler returns True when the property went into the model (or was empty), False to keep its line.

    def _first_text(self, prop: Prop, attr: str) -> bool:
        if self.seen[prop.name]:
            return False
        self.seen[prop.name] = True
        setattr(self, attr, unescape(prop.value))
        return True

    def fn_(self, prop: Prop) -> bool:
        text = unescape(prop.value)
        if not text.strip():
            return True
        if self.fn is not None:
            return False
        self.fn = text
        return True

    def n_(self, prop: Prop) -> bool:
        parts = split_escaped(prop.value, ";")
        if self.seen["N"] or len(parts) > 5:
            return False
        self.seen["N"] = True
        parts += [""] * (5 - len(parts))
        names = {}
        for field, part in zip(("family_name", "given_name", "middle_name", "prefix", "suffix"), parts):
            # 3.0/4.0 list several names in one part with commas ("Richter,James"); 2.1 commas are text.
            values = [part] if self.version == "2.1" else split_escaped(part, ",")
            joiner = ", " if field in ("prefix", "suffix") else " "
            names[field] = joiner.join(v for v in (unescape(v) for v in values) if v)
        if any(v.strip() for v in names.values()):
            self.name_parts = names
        return True

    def nickname_(self, prop: Prop) -> bool:
        return True if not unescape(prop.value).strip() else self._first_text(prop, "nickname")

    def title_(self, prop: Prop) -> bool:
        return True if not unescape(prop.value).strip() else self._first_text(prop, "title")

    def org_(self, prop: Prop) -> bool:
        units = [unescape(u) for u in split_escaped(prop.value, ";")]
        while units and not units[-1].strip():
            units.pop()
        if not units:
            return True
        if self.seen["ORG"]:
            return False
        self.seen["ORG"] = True
        self.organisation = units[0]
        if len(units) > 1:
            self.org_units = units  # a department: kept so the export writes ORG whole again
        return True

    def _add(self, kind: str, prop: Prop, item: dict) -> bool:
        label = self.labels.get(prop.group.lower()) if prop.group else None
        if label is not None:
            self.labelled.add(prop.group.lower())
        types = prop.types
        item["label"] = label if label is not None else label_from_types(types)
        self.lists[kind].append((_preference(prop, types), len(self.lists[kind]), item))
        return True

    def email_(self, prop: Prop) -> bool:
        address = unescape(prop.value).strip()
        if address[:7].lower() == "mailto:":
            address = address[7:]
        if not address:
            return True
        if not (len(address) <= 254 and _PLAIN_EMAIL.match(address)) and normalize.email_or_error(address)[1]:
            return False
        return self._add("emails", prop, {"address": address})

    def tel_(self, prop: Prop) -> bool:
        number = _tel(unescape(prop.value))
        if not number:
            return True
        if not _PLAIN_PHONE.match(number) and normalize.phone_or_error(number, None)[2]:
            return False
        return self._add("phones", prop, {"number": number})

    def url_(self, prop: Prop) -> bool:
        url = unescape(prop.value).strip()
        if not url:
            return True
        if not normalize.is_web_address(url):
            return False
        return self._add("urls", prop, {"url": url})

    def adr_(self, prop: Prop) -> bool:
        parts = [unescape(p) for p in split_escaped(prop.value, ";")]
        if len(parts) > 7:
            return False
        if not any(p.strip() for p in parts):
            return True
        parts += [""] * (7 - len(parts))
        fields = ("po_box", "extended", "street", "locality", "region", "postcode", "country")
        return self._add("addresses", prop, dict(zip(fields, parts)))

    def bday_(self, prop: Prop) -> bool:
        if self.birthday:
            return False
        self.birthday = _birthday(prop)
        return bool(self.birthday)

    def note_(self, prop: Prop) -> bool:
        text = unescape(prop.value)
        if text.strip():
            self.notes.append(text)
        return True

    def categories_(self, prop: Prop) -> bool:
        # Thunderbird escapes the commas between categories, so an escaped comma separates too.
        for piece in _TAG_SPLIT.split(prop.value):
            tag = unescape(piece).strip()
            if tag and tag.casefold() not in {t.casefold() for t in self.tags}:
                self.tags.append(tag)
        return True

    def photo_(self, prop: Prop) -> bool:
        if not prop.value.strip():
            return True
        if self.photo is not None:
            return False
        self.photo = _image(prop)
        return self.photo is not None

    def x_netweave_(self, prop: Prop) -> bool:
        try:
            payload = json.loads(unescape(prop.value))
        except ValueError:
            return False  # not ours after all: kept as a property like any other X- line
        if not isinstance(payload, dict) or self.netweave:
            return False
        self.netweave = payload
        return True

    def uid_(self, prop: Prop) -> bool:
        self.key = self.key or unescape(prop.value).strip()
        return False  # kept in extra as well, so an export carries it


# Fields a vCard has no property for, carried by a netweave export in one X-NETWEAVE line of JSON.
NETWEAVE_FIELDS = ("pronouns", "location", "met_how", "interests", "expertise")

_HANDLERS = {
    "FN": _CardReader.fn_, "N": _CardReader.n_, "NICKNAME": _CardReader.nickname_, "TITLE": _CardReader.title_,
    "ORG": _CardReader.org_, "EMAIL": _CardReader.email_, "TEL": _CardReader.tel_, "URL": _CardReader.url_,
    "ADR": _CardReader.adr_, "BDAY": _CardReader.bday_, "NOTE": _CardReader.note_,
    "CATEGORIES": _CardReader.categories_, "PHOTO": _CardReader.photo_, "UID": _CardReader.uid_,
    "X-NETWEAVE": _CardReader.x_netweave_,
}


def _preference(prop: Prop, types: list[str]) -> int:
    """1 for the most preferred (PREF=1, TYPE=pref), 101 for a value that says nothing."""
    for value in prop.param("PREF"):
        if value.strip().isdigit():
            return max(1, min(100, int(value)))
    return 1 if "pref" in types else 101


def _tel(text: str) -> str:
    """The number of a TEL value; a tel: URI's extension becomes " ext. N", which the phone rules read."""
    text = text.strip()
    if text[:4].lower() != "tel:":
        return text
    number, *params = text[4:].split(";")
    ext = next((p[4:] for p in params if p[:4].lower() == "ext="), "")
    return unquote(number) + (f" ext. {ext}" if ext else "")



def _birthday(prop: Prop) -> str:
    """"YYYY-MM-DD" or "--MM-DD", or "" for what is not a date the model can hold (text, a year alone, 1776)."""
    if any(v.strip().lower() == "text" for v in prop.param("VALUE")):
        return ""
    value = unescape(prop.value).strip()
    if match := _DATE.match(value):
        year, month, day = match.groups()
        omitted = year == APPLE_NO_YEAR or year in prop.param("X-APPLE-OMIT-YEAR")
        text = f"--{month}-{day}" if omitted else f"{year}-{month}-{day}"
    elif match := _NO_YEAR.match(value):
        text = f"--{match.group(1)}-{match.group(2)}"
    else:
        return ""
    return "" if normalize.birthday_or_error(text)[1] else text


def _image(prop: Prop) -> bytes | None:
    """The photo's bytes when it is embedded (base64 or a data: URI) and is a PNG, JPEG, GIF or WebP."""
    value = prop.value.strip()
    if value[:5].lower() == "data:":
        header, _, payload = value[5:].replace("\\,", ",").partition(",")
        data = _base64(payload) if header.lower().endswith(";base64") else unquote_to_bytes(payload)
    elif prop.encoding == "BASE64":
        data = _base64(value)
    else:
        return None  # a link to a photo elsewhere: kept as it is
    return data if data and sniff_image(data[:16]) else None


def _base64(text: str) -> bytes | None:
    text = _NOT_BASE64.sub("", text.replace("-", "+").replace("_", "/"))
    if len(text) % 4 == 1:
        text = text[:-1]  # a cut-off last character: the image before it may still be whole enough
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
