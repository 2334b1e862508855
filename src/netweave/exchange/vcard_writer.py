"""vCard export: people in their export form (`exchange.export.person_record`) written as vCard 4.0 or 3.0.

Lines end in CRLF and are folded at 75 octets; text is escaped as RFC 6350 says. Labels the standard has a
TYPE for ("home", "work", "mobile", "home fax"...) are written as TYPE; any other label as Apple's grouped
X-ABLabel, which Apple and Google both read (Apple's own labels, like "homepage", in Apple's form). The first
value of each kind is marked preferred. The properties an import kept in `extra["vcard"]["properties"]` are
written back as they were, so `read(write(people))` gives the same people (see importers/vcard.py).

Birthdays without a year: 4.0 has "--MMDD"; 3.0 has nothing, so Apple's own form is written
(BDAY;X-APPLE-OMIT-YEAR=1604:1604-MM-DD), which Apple shows without a year. Google reads 4.0's "--MMDD":
export 4.0 for Google, 3.0 for Apple.
"""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable, Iterable
from typing import TextIO

from netweave.importers.vcard_lines import APPLE_LABELS, CONTROL, PLACES, canonical, parse_line
from netweave.people.photos import sniff as sniff_image

VERSIONS = ("3.0", "4.0")
PRODID = "-//netweave//netweave//EN"
_STRUCTURE = {"BEGIN", "END", "VERSION", "PRODID"}  # written by the writer itself, never twice
_NEEDS_ESCAPE = re.compile(r"\r\n|[\\,;\r\n]")
# What is said with TYPE (standard, read by Apple and Google alike); any other label goes in an X-ABLabel.
WRITE_TYPES = {"TEL": {"home": "home", "work": "work", "mobile": "cell", "fax": "fax", "pager": "pager",
                       "video": "video", "text": "text"},
               "EMAIL": {"home": "home", "work": "work"},
               "ADR": {"home": "home", "work": "work"},
               "URL": {"home": "home", "work": "work"}}
APPLE_BY_LABEL = {label: token for token, label in APPLE_LABELS.items()}


def write_vcards(records: Iterable[dict], out: TextIO, *, version: str = "4.0",
                 photo: Callable[[dict], bytes | None] = lambda r: None) -> int:
    """Write one card per record to `out` (open it with newline="" so CRLF stays CRLF). Returns the number of
    cards written."""
    if version not in VERSIONS:
        raise ValueError(f"vCard version must be one of {', '.join(VERSIONS)}, not {version!r}")
    count = 0
    for record in records:
        out.write("".join(fold(line) for line in _card(record, version, photo(record))))
        count += 1
    return count


def _card(record: dict, version: str, image: bytes | None) -> list[str]:
    vcard = (record.get("extra") or {}).get("vcard") or {}
    kept = [CONTROL.sub("", line) for line in vcard.get("properties") or [] if _writable(line)]
    groups = _Groups(kept)
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"PRODID:{PRODID}"]
    parts = [record.get(k) or "" for k in ("family_name", "given_name", "middle_name", "prefix", "suffix")]
    lines.append("FN:" + escape(record.get("display_name") or " ".join(p for p in parts if p)))
    if any(parts) or version == "3.0":  # 3.0 requires N
        lines.append("N:" + ";".join(escape(p) for p in parts))
    if record.get("nickname"):
        lines.append("NICKNAME:" + escape(record["nickname"]))
    for name, key, items in (("EMAIL", "address", record.get("emails")), ("TEL", "number", record.get("phones")),
                             ("URL", "url", record.get("urls"))):
        items = items or []
        for i, item in enumerate(items):
            value = item.get(key) or (item.get("raw") if name == "TEL" else "") or ""
            lines += _labelled(name, escape(value), item.get("label") or "", i == 0 and len(items) > 1, version, groups)
    addresses = record.get("addresses") or []
    for i, item in enumerate(addresses):
        value = ";".join(escape(item.get(k) or "") for k in
                         ("po_box", "extended", "street", "locality", "region", "postcode", "country"))
        lines += _labelled("ADR", value, item.get("label") or "", i == 0 and len(addresses) > 1, version, groups)
    lines += _job(record, vcard.get("org"))
    if record.get("birthday"):
        lines.append(_birthday(record["birthday"], version))
    if record.get("notes"):
        lines.append("NOTE:" + escape(record["notes"]))
    tags = [t.replace(",", " ") for t in record.get("tags") or [] if t]  # a comma would split the tag on reading
    if tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in tags))
    if image:
        lines += _photo(image, version)
    lines += _netweave(record)
    lines += kept
    lines.append("END:VCARD")
    return lines


def _netweave(record: dict) -> list[str]:
    """What vCard has no property for (pronouns, location, how we met, interests, expertise, and every other
    key of extra: values kept aside, other sources' details) as one X-NETWEAVE line of JSON, so a netweave
    import of the export gives it all back. Other programs keep it as an unknown property."""
    from netweave.importers.vcard import NETWEAVE_FIELDS

    payload = {field: record[field] for field in NETWEAVE_FIELDS if record.get(field)}
    extra = {k: v for k, v in (record.get("extra") or {}).items() if k != "vcard"}
    if extra:
        payload["extra"] = extra
    if not payload:
        return []
    return ["X-NETWEAVE:" + escape(json.dumps(payload, ensure_ascii=False, sort_keys=True))]


def _writable(line) -> bool:
    """A kept property that cannot break the card: one content line the importer reads, not BEGIN, END, VERSION
    or PRODID. (Anything else in extra was not put there by an import, and is not written.)"""
    if not isinstance(line, str) or "\r" in line or "\n" in line:
        return False
    parsed = parse_line(line)
    if parsed is None or parsed[1] in _STRUCTURE:
        return False
    # Quoted-printable (which an import decodes) would make a reader join the next line to a value ending in "=".
    return not any("QUOTED-PRINTABLE" in (name + "=" + ",".join(values)).upper() for name, values, _ in parsed[2])


class _Groups:
    """Fresh group names (item1, item2...) for labelled values, never one a kept property already uses."""

    def __init__(self, kept: list[str]):
        self.used = {parse_line(line)[0].lower() for line in kept}
        self.n = 0

    def next(self) -> str:
        while True:
            self.n += 1
            if f"item{self.n}" not in self.used:
                return f"item{self.n}"


def _labelled(name: str, value: str, label: str, pref: bool, version: str, groups: _Groups) -> list[str]:
    types = types_for_label(name, label)
    group = ""
    if types is None:
        group, types = groups.next() + ".", []
    params = ""
    if pref and version == "3.0":
        types = [*types, "pref"]
    elif pref:
        params += ";PREF=1"
    if types:
        params = f";TYPE={','.join(types)}" + params
    lines = [f"{group}{name}{params}:{value}"]
    if group:
        lines.append(f"{group}X-ABLabel:{escape(ablabel_for(label))}")
    return lines


def _job(record: dict, org_units: list | None) -> list[str]:
    """ORG and TITLE from the current affiliation (the first without an end); a department an import kept goes
    back with its organisation, and only while the person is still there."""
    current = next((a for a in record.get("affiliations") or [] if a.get("end") is None), None)
    organisation = (current or {}).get("organisation") or ""
    title = (current or {}).get("title") or ""
    if current is None:
        # A card with a title and no organisation: the import kept the title aside; the card gives it back.
        title = next((u.get("value") for u in (record.get("extra") or {}).get("unusable") or []
                      if isinstance(u, dict) and u.get("field") == "title" and isinstance(u.get("value"), str)), "")
    lines = []
    units = [str(u) for u in org_units or []]
    if units and units[0] == organisation:
        lines.append("ORG:" + ";".join(escape(u) for u in units))
    elif organisation:
        lines.append("ORG:" + escape(organisation))
    if title:
        lines.append("TITLE:" + escape(title))
    return lines


def _birthday(text: str, version: str) -> str:
    month, day = text[-5:-3], text[-2:]
    if text.startswith("--"):
        return f"BDAY:--{month}{day}" if version == "4.0" else f"BDAY;X-APPLE-OMIT-YEAR=1604:1604-{month}-{day}"
    year = text[:4]
    return f"BDAY:{year}{month}{day}" if version == "4.0" else f"BDAY:{year}-{month}-{day}"


def _photo(image: bytes, version: str) -> list[str]:
    kind = sniff_image(image[:16])
    if kind is None:
        return []  # not an image we know: better no photo than one no reader shows
    data = base64.b64encode(image).decode("ascii")
    if version == "4.0":
        return [f"PHOTO:data:{kind[0]};base64,{data}"]
    return [f"PHOTO;ENCODING=b;TYPE={kind[0].split('/')[1].upper()}:{data}"]


def types_for_label(name: str, label: str) -> list[str] | None:
    """The TYPE values the importer reads back as exactly `label`, or None when only an X-ABLabel can say it."""
    allowed = WRITE_TYPES.get(name, {})
    words = label.split(" ") if label else []
    if " ".join(words) != label or any(w not in allowed for w in words) or canonical(words) != words:
        return None
    if sum(w in PLACES for w in words) > 1 or len(set(words)) != len(words):
        return None
    return [allowed[w] for w in words]


def ablabel_for(label: str) -> str:
    token = APPLE_BY_LABEL.get(label)
    return f"_$!<{token}>!$_" if token else label


def escape(text: str) -> str:
    """Text for a property value: backslash, comma, semicolon and newlines escaped, control characters dropped."""
    text = CONTROL.sub("", text)
    return _NEEDS_ESCAPE.sub(lambda m: "\\n" if m.group() in ("\r\n", "\r", "\n") else "\\" + m.group(), text)


def fold(line: str) -> str:
    """The line folded at 75 octets (continuations begin with one space, never splitting a character), with CRLF."""
    if len(line) <= 75 and (line.isascii() or len(line.encode("utf-8")) <= 75):
        return line + "\r\n"
    if line.isascii():
        chunks = [line[:75]] + [line[i:i + 74] for i in range(75, len(line), 74)]
        return "\r\n ".join(chunks) + "\r\n"
    chunks, current, size, limit = [], [], 0, 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            chunks.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(ch)
        size += width
    chunks.append("".join(current))
    return "\r\n ".join(chunks) + "\r\n"
