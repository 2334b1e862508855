"""People as a CSV file that a spreadsheet opens safely and Google Contacts imports.

The layout is Google Contacts' current export (First Name, ..., Labels, E-mail 1 - Label, E-mail 1 -
Value, ...), with "netweave ..." columns after it for what Google has no column for (the display name,
pronouns, location, how we met, interests, expertise, circle, job history, id, extra). Google ignores
those; `importers.csvfiles.GoogleCsvImporter` reads all of it back.

A cell that starts with =, +, -, @, TAB or CR would be run as a formula by Excel, LibreOffice or Google
Sheets ("CSV injection"), so it gets a leading apostrophe, which spreadsheets show as "this is text".
A cell that already starts with an apostrophe before one of those (or before another apostrophe) gets
one more, so reading back strips exactly one and every value survives: "+44 20 7946 0000" is written
"'+44 20 7946 0000" and read as "+44 20 7946 0000".
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_QUOTED_STARTS = FORMULA_STARTS + ("'",)

NAME_COLUMNS = {
    "First Name": "given_name", "Middle Name": "middle_name", "Last Name": "family_name",
    "Phonetic First Name": None, "Phonetic Middle Name": None, "Phonetic Last Name": None,
    "Name Prefix": "prefix", "Name Suffix": "suffix", "Nickname": "nickname",
}
ADDRESS_COLUMNS = (("Formatted", None), ("Street", "street"), ("City", "locality"), ("PO Box", "po_box"),
                   ("Region", "region"), ("Postal Code", "postcode"), ("Country", "country"),
                   ("Extended Address", "extended"))
NETWEAVE_COLUMNS = ("netweave Display Name", "netweave Pronouns", "netweave Location", "netweave How We Met",
                    "netweave Interests", "netweave Expertise", "netweave Circle", "netweave Archived",
                    "netweave Job History", "netweave ID", "netweave Extra")
MULTI = " ::: "  # how Google joins several values in one cell


def escape_cell(value: str) -> str:
    """The cell as written: an apostrophe in front of anything a spreadsheet would run as a formula."""
    if value[:1] in FORMULA_STARTS or (value[:1] == "'" and value[1:2] in _QUOTED_STARTS and value[1:2]):
        return "'" + value
    return value


def unescape_cell(value: str) -> str:
    """The value escape_cell was given."""
    if value[:1] == "'" and value[1:2] and value[1:2] in _QUOTED_STARTS:
        return value[1:]
    return value


def _text(value) -> str:
    return "" if value is None else str(value)


def _current_job(record: dict) -> tuple[str, str]:
    """The organisation and title to show: given outright, or the open role that started last."""
    if "organisation" in record or "title" in record:
        return _text(record.get("organisation")), _text(record.get("title"))
    open_roles = [a for a in record.get("affiliations") or [] if not a.get("end")]
    if not open_roles:
        return "", ""
    latest = max(open_roles, key=lambda a: a.get("start") or "")  # max keeps the first of equals
    return _text(latest.get("organisation")), _text(latest.get("title"))


def _formatted(address: dict) -> str:
    place = " ".join(p for p in (address.get("postcode"), address.get("locality")) if p)
    lines = (address.get("street"), address.get("extended"), address.get("po_box"), place,
             address.get("region"), address.get("country"))
    return "\n".join(_text(line) for line in lines if line)


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str) if value else ""


class _Row:
    """One person's cells, before the number of e-mail, phone, address and website columns is known."""

    def __init__(self, record: dict):
        names = {column: _text(record.get(key)) if key else "" for column, key in NAME_COLUMNS.items()}
        has_parts = any(names[c] for c in ("First Name", "Middle Name", "Last Name", "Name Prefix", "Name Suffix"))
        organisation, title = _current_job(record)
        self.head = [
            *names.values(),
            "" if has_parts else _text(record.get("display_name")),  # File As: Google shows it when no name
            organisation, title, "", _text(record.get("birthday")), _text(record.get("notes")), "",
            MULTI.join(record.get("tags") or []),
        ]
        self.emails = [(_text(e.get("label")), _text(e.get("address"))) for e in record.get("emails") or []]
        self.phones = [(_text(p.get("label")), _text(p.get("number") or p.get("raw")))
                       for p in record.get("phones") or []]
        self.urls = [(_text(u.get("label")), _text(u.get("url"))) for u in record.get("urls") or []]
        self.addresses = [
            [_text(a.get("label"))]
            + [_formatted(a) if key is None else _text(a.get(key)) for _, key in ADDRESS_COLUMNS]
            for a in record.get("addresses") or []
        ]
        self.tail = [
            _text(record.get("display_name")), _text(record.get("pronouns")), _text(record.get("location")),
            _text(record.get("met_how")), MULTI.join(record.get("interests") or []),
            MULTI.join(record.get("expertise") or []), _text(record.get("circle")),
            "yes" if record.get("archived") else "", _json(record.get("affiliations")), _text(record.get("id")),
            _json(record.get("extra")),
        ]

    def cells(self, counts: dict[str, int]) -> list[str]:
        out = list(self.head)
        for name in ("emails", "phones"):
            pairs = getattr(self, name)
            for n in range(counts[name]):
                out.extend(pairs[n] if n < len(pairs) else ("", ""))
        width = 1 + len(ADDRESS_COLUMNS)
        for n in range(counts["addresses"]):
            out.extend(self.addresses[n] if n < len(self.addresses) else [""] * width)
        for n in range(counts["urls"]):
            out.extend(self.urls[n] if n < len(self.urls) else ("", ""))
        return out + self.tail


def header(counts: dict[str, int]) -> list[str]:
    out = [*NAME_COLUMNS, "File As", "Organization Name", "Organization Title", "Organization Department",
           "Birthday", "Notes", "Photo", "Labels"]
    for n in range(1, counts["emails"] + 1):
        out += [f"E-mail {n} - Label", f"E-mail {n} - Value"]
    for n in range(1, counts["phones"] + 1):
        out += [f"Phone {n} - Label", f"Phone {n} - Value"]
    for n in range(1, counts["addresses"] + 1):
        out += [f"Address {n} - Label"] + [f"Address {n} - {column}" for column, _ in ADDRESS_COLUMNS]
    for n in range(1, counts["urls"] + 1):
        out += [f"Website {n} - Label", f"Website {n} - Value"]
    return out + list(NETWEAVE_COLUMNS)


def write_csv(records: Iterable[dict], out: TextIO, *, bom: bool = True) -> int:
    """Write people (`exchange.export.person_record` dicts) to `out`; return how many.

    The rows are held until the widest person is known (Google wants as many "E-mail N" columns as the
    person with most addresses has); a row is a short list of strings, so 30,000 people fit easily.
    `bom` writes a byte-order mark, without which Excel reads UTF-8 as its local code page."""
    rows = [_Row(record) for record in records]
    counts = {name: max([1] + [len(getattr(r, name)) for r in rows])
              for name in ("emails", "phones", "addresses", "urls")}
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header(counts))
    for row in rows:
        writer.writerow([escape_cell(c) for c in row.cells(counts)])
    return len(rows)
