"""The text layer of vCard (2.1, 3.0 and 4.0): bytes to cards, cards to properties, values unescaped, and the
label vocabulary that the importer (`vcard.py`) reads and the writer (`exchange/vcard_writer.py`) writes back.

Cards are found and unfolded here rather than by vobject so that every property keeps the line it began on,
2.1 quoted-printable soft breaks and unindented base64 are understood, and a broken file is refused naming
the card and line. Content lines are split by a linear scanner: vobject's line pattern backtracks
exponentially on a parameter full of commas (22 commas take over a second), and address books are input.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass, field

from netweave.importers.base import decode
from netweave.importers.records import Rejected

_BREAK = re.compile(r"(\r\n|\r|\n)")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # no vCard holds these (tab it may)
_NAME = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*")
_PARAM = re.compile(r';([^=;:"]*)(?:=((?:"[^"]*"[^";:,]*|[^";:,]*)(?:,(?:"[^"]*"[^";:,]*|[^";:,]*))*))?')
_CHARSET = re.compile(rb";\s*CHARSET=([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/=]+$")
_HEAD = re.compile(r"[^;:]*")
_CARET = re.compile(r"\^(.)")
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)
_SPLITTERS = {";": re.compile(r"\\.|;", re.DOTALL), ",": re.compile(r"\\.|,", re.DOTALL)}
_NOT_TEXT = "a vCard file is text, so this is not one"
_ENCODING_WORDS = {"QUOTED-PRINTABLE": "QUOTED-PRINTABLE", "BASE64": "BASE64", "B": "BASE64", "8BIT": "8BIT",
                   "7BIT": "7BIT"}


@dataclass(slots=True)
class Prop:
    """One content line of a card, unfolded. `value` is still escaped (quoted-printable is already decoded)."""

    line: int
    group: str
    name: str  # upper case
    params: list[tuple[str, list[str]]]  # (NAME in upper case, values); a 2.1 bare "WORK" is ("TYPE", ["WORK"])
    value: str
    text: str  # the unfolded line as the file has it
    needs_rewrite: bool = False  # 2.1 forms a 3.0/4.0 reader would not read back (bare params, QP, CHARSET)
    encoding: str = ""  # "BASE64" or "" once quoted-printable is decoded

    def param(self, name: str) -> list[str]:
        return [v for key, values in self.params if key == name for v in values]

    @property
    def types(self) -> list[str]:
        """TYPE values in lower case, split on commas ("work,voice" may arrive as one quoted value)."""
        return [t.strip().lower() for v in self.param("TYPE") for t in v.split(",") if t.strip()]


@dataclass
class Card:
    number: int  # 1-based position in the file
    line: int  # where BEGIN:VCARD is
    lines: list[tuple[int, str, str]] = field(default_factory=list)  # (line, unfolded text, "qp" or "")
    raw: str = ""

    @property
    def where(self) -> str:
        return f"card {self.number} (line {self.line})"


# ---------------------------------------------------------------------------------------------------------------
# Bytes to text


def decode_bytes(data: bytes, encoding: str | None) -> str:
    """The file as text. UTF-8 (or a BOM's encoding, or --encoding) as a whole; when that fails, line by line, so
    a 2.1 line whose CHARSET parameter names its 8-bit encoding is read in that encoding."""
    try:
        text = decode(data, encoding)
    except Rejected:
        if encoding:
            raise
        nul = data.find(b"\x00")
        if nul >= 0:
            line = data.count(b"\n", 0, nul) + 1
            raise Rejected(f"line {line}", f"contains binary data (a NUL byte); {_NOT_TEXT}") from None
        text = _decode_by_line(data)
    text = text.removesuffix("\x1a")  # an MS-DOS end-of-file mark
    bad = CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        what = "binary data (a NUL byte)" if bad.group() == "\x00" else f"the control character {ord(bad.group()):#04x}"
        raise Rejected(f"line {line}", f"contains {what}; {_NOT_TEXT}")
    return text


def _decode_by_line(data: bytes) -> str:
    data = data.removeprefix(b"\xef\xbb\xbf")
    out, charset = [], None
    for number, line in enumerate(data.split(b"\n"), 1):
        if line[:1] not in (b" ", b"\t"):
            found = _CHARSET.search(line.split(b":", 1)[0])
            charset = found.group(1).decode("ascii") if found else None
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError as exc:
            failure = exc
        try:
            if charset is None:
                raise LookupError
            out.append(line.decode(charset))
        except (LookupError, UnicodeDecodeError):
            raise Rejected(
                f"line {number}",
                f"is not valid UTF-8 text (byte {line[failure.start]:#04x}) and names no CHARSET that reads it; "
                "export it as UTF-8, or say its encoding with --encoding (for example cp1252 or latin-1)",
            ) from None
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Text to cards


def split_cards(text: str) -> list[Card]:
    """Find the cards and unfold their lines, or refuse the file naming where its structure breaks."""
    parts = _BREAK.split(text)
    lines = parts[0::2]
    cards: list[Card] = []
    card: Card | None = None
    pieces: list[str] = []  # the property being unfolded, joined once it is whole (a photo may be 50,000 lines)
    at, kind = 0, ""
    soft = False  # the last line was quoted-printable ending in "=": the next line continues it
    base64 = False  # inside a 2.1 base64 value, whose lines need not be indented

    def close_property() -> None:
        if pieces:
            card.lines.append((at, "".join(pieces), kind))
            pieces.clear()

    for index, line in enumerate(lines):
        number = index + 1
        if card is None:
            stripped = line.strip()
            if not stripped:
                continue
            if stripped.upper() == "BEGIN:VCARD":
                card = Card(len(cards) + 1, number)
                start, soft, base64 = index, False, False
                continue
            if stripped[:6].upper() == "BEGIN:":
                raise Rejected(f"line {number}", f"begins a {stripped[6:]!r}, not a vCard")
            raise Rejected(f"line {number}", f"{_short(stripped)} is outside any card (expected BEGIN:VCARD)")
        if soft and not _is_end(line):
            pieces[-1] = pieces[-1][:-1]  # the "=" of a soft line break
            pieces.append(line)
            soft = line.endswith("=")
            continue
        soft = False
        if not line.strip():
            base64 = False  # a 2.1 base64 value ends at a blank line
            continue
        if line[0] in " \t":
            if not pieces:
                raise Rejected(f"card {card.number}, line {number}",
                               "is indented, but there is no property before it to continue")
            pieces.append(line[1:])
            soft = kind == "qp" and line.endswith("=")
            continue
        if base64 and _BASE64_LINE.match(line):
            pieces.append(line)
            continue
        close_property()
        if _is_end(line):
            card.raw = "".join(parts[2 * start: 2 * index + 1])
            cards.append(card)
            card = None
            continue
        if line[:6].upper() == "BEGIN:":
            raise Rejected(f"card {card.number}, line {number}",
                           f"{line.strip()} inside the card that began at line {card.line}; that card has no END:VCARD")
        head = line.partition(":")[0].upper()
        at, kind = number, "qp" if "=QUOTED-PRINTABLE" in head or ";QUOTED-PRINTABLE" in head else ""
        pieces.append(line)
        soft = kind == "qp" and line.endswith("=")
        base64 = "BASE64" in head
    if card is not None:
        raise Rejected(card.where, "has no END:VCARD; the file may have been cut short")
    if not cards:
        raise Rejected("", "holds no vCard (no BEGIN:VCARD line)")
    return cards


def _is_end(line: str) -> bool:
    return len(line) < 24 and line.strip().upper() == "END:VCARD"


def _short(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


# ---------------------------------------------------------------------------------------------------------------
# Content lines


def parse_line(text: str) -> tuple[str, str, list[tuple[str, list[str], bool]], str] | None:
    """(group, NAME, [(param name, values, had "=")], value) of a content line, or None when it is not one."""
    found = _NAME.match(text)
    if not found:
        return None
    pos, size = found.end(), len(text)
    full = found.group()
    group, _, name = full.rpartition(".")
    if pos < size and text[pos] == ":":  # most lines have no parameters
        return group, name.upper(), [], text[pos + 1:]
    params: list[tuple[str, list[str], bool]] = []
    while pos < size and text[pos] == ";":
        match = _PARAM.match(text, pos)
        pname, raw = match.group(1).strip(), match.group(2)
        if pname or raw is not None:
            params.append((pname, _param_values(raw) if raw is not None else [], raw is not None))
        pos = match.end()
    if pos >= size or text[pos] != ":":
        return None
    return group, name.upper(), params, text[pos + 1:]


def _param_values(raw: str) -> list[str]:
    if '"' not in raw:
        return raw.split(",")
    values, current, quoted = [], [], False
    for ch in raw:
        if ch == '"':
            quoted = not quoted
        elif ch == "," and not quoted:
            values.append("".join(current))
            current = []
        else:
            current.append(ch)
    values.append("".join(current))
    return values


def make_prop(number: int, text: str, kind: str, *, version: str, where: str, qp_charset: str | None) -> Prop:
    """A Prop from an unfolded line; quoted-printable values are decoded here, in their CHARSET."""
    parsed = parse_line(text)
    if parsed is None:
        raise Rejected(where, f"{_short(text)} is not a vCard property (NAME:value)")
    group, name, raw_params, value = parsed
    params: list[tuple[str, list[str]]] = []
    rewrite = version == "2.1"
    encoding = charset = ""
    for pname, values, has_value in raw_params:
        key = pname.upper()
        if not has_value:  # 2.1: ";WORK;VOICE", ";QUOTED-PRINTABLE", ";BASE64"
            rewrite = True
            if key in _ENCODING_WORDS:
                encoding = _ENCODING_WORDS[key]
            elif key:
                params.append(("TYPE", [pname]))
            continue
        values = [_CARET.sub(_caret, v) if "^" in v else v for v in values]
        if key == "ENCODING":
            encoding = _ENCODING_WORDS.get(values[0].strip().upper(), values[0]) if values else ""
        elif key == "CHARSET":
            charset = values[0].strip() if values else ""
            # The writer writes UTF-8, so a line kept in extra must not claim another charset.
            rewrite = rewrite or charset.lower().replace("-", "") != "utf8"
        params.append((key, values))
    if encoding == "QUOTED-PRINTABLE":
        value = _decode_qp(value, charset or qp_charset)
        rewrite, encoding = True, ""
    elif encoding in ("8BIT", "7BIT"):
        encoding = ""
    return Prop(number, group, name, params, value, text, rewrite, encoding)


def _caret(match: re.Match) -> str:
    # RFC 6868: ^n is a newline, ^' a double quote, ^^ a caret, in parameter values.
    return {"n": "\n", "N": "\n", "'": '"', "^": "^"}.get(match.group(1), match.group())


def _decode_qp(value: str, charset: str | None) -> str:
    text = _qp_text(quopri.decodestring(value.encode("utf-8")), charset)
    # Outlook writes =0D=0A for a newline and the odd =0C; text keeps newlines as \n and no control characters.
    return CONTROL.sub("", _BREAK.sub("\n", text))


def _qp_text(data: bytes, charset: str | None) -> str:
    if charset:
        try:
            return data.decode(charset)
        except LookupError:
            pass
        except UnicodeDecodeError:
            # A phone's stray byte must not cost the whole address book; the raw card keeps the original.
            return data.decode(charset, errors="replace")
    for guess in ("utf-8", "cp1252"):
        try:
            return data.decode(guess)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def rewritten(prop: Prop) -> str:
    """The property as a 3.0/4.0 line, for a 2.1 or quoted-printable one kept in extra: bare parameters become
    TYPE=, quoted-printable becomes plain (escaped) text, base64 becomes ENCODING=b, CHARSET goes (it is UTF-8 now)."""
    types = [v for key, values in prop.params if key == "TYPE" for v in values]
    out = [_HEAD.match(prop.text).group()]  # group and name as the file spells them
    if types:
        out.append("TYPE=" + ",".join(_param_text(t) for t in types))
    for key, values in prop.params:
        if key not in ("TYPE", "CHARSET", "ENCODING"):
            out.append(f"{key}={','.join(_param_text(v) for v in values)}" if values else f"{key}=")
    value = prop.value
    if prop.encoding == "BASE64":
        out.append("ENCODING=b")
        value = "".join(value.split())
    elif prop.encoding:
        out.append(f"ENCODING={_param_text(prop.encoding)}")
    if "\r" in value or "\n" in value:
        value = _BREAK.sub(r"\\n", value)
    return ";".join(out) + ":" + value


def _param_text(value: str) -> str:
    # RFC 6868's carets carry what a parameter value cannot hold; the reader turns them back.
    value = value.replace("^", "^^").replace('"', "^'").replace("\r\n", "^n").replace("\r", "^n").replace("\n", "^n")
    return f'"{value}"' if any(c in value for c in ";:,") else value


# ---------------------------------------------------------------------------------------------------------------
# Values


def unescape(text: str) -> str:
    """3.0/4.0 text: \\n is a newline, \\, \\; \\\\ are themselves; Apple's \\: and any other \\x read as x."""
    if "\\" not in text:
        return text
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def split_escaped(text: str, sep: str) -> list[str]:
    """Split on `sep` where it is not escaped; the pieces stay escaped."""
    if "\\" not in text:
        return text.split(sep)
    pieces, start = [], 0
    for match in _SPLITTERS[sep].finditer(text):
        if match.group() == sep:
            pieces.append(text[start:match.start()])
            start = match.end()
    pieces.append(text[start:])
    return pieces


# ---------------------------------------------------------------------------------------------------------------
# Labels: TYPE parameters and Apple's X-ABLabel, read into one lower-case vocabulary and written back


PLACES = ("home", "work", "school", "other")
KINDS = ("mobile", "fax", "pager", "main", "iphone", "video", "text", "textphone", "car", "isdn", "modem", "bbs", "pcs")
# TYPE values that say nothing a person would call a label: how to send, not which one it is.
IGNORED_TYPES = {"pref", "internet", "voice", "msg", "x400", "dom", "intl", "postal", "parcel", "aol", "applelink",
                 "attmail", "cis", "eworld", "ibmmail", "mcimail", "powershare", "prodigy", "tlx", "uri"}
_TYPE_WORD = {"cell": "mobile", "cellular": "mobile"}
# Apple's built-in labels (_$!<HomePage>!$_), which Apple shows in the reader's language.
APPLE_LABELS = {"HomePage": "homepage", "Home": "home", "Work": "work", "Other": "other", "Mobile": "mobile",
                "Main": "main", "iPhone": "iphone", "HomeFAX": "home fax", "WorkFAX": "work fax",
                "OtherFAX": "other fax", "Pager": "pager", "AssistantPhone": "assistant", "School": "school"}
_APPLE = re.compile(r"^_\$!<(.*)>!\$_$")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def label_from_types(types: list[str]) -> str:
    """"work", "home fax", "mobile": places first, then kinds, then anything unknown, as written."""
    words: list[str] = []
    for token in types:
        if token in IGNORED_TYPES:
            continue
        word = _TYPE_WORD.get(token, token.removeprefix("x-"))
        if word and word not in words:
            words.append(word)
    return " ".join(canonical(words))


def canonical(words: list[str]) -> list[str]:
    """Places first, then kinds, then unknown words in their order: the one order the writer must match."""

    def rank(word: str) -> tuple[int, int]:
        if word in PLACES:
            return 0, PLACES.index(word)
        if word in KINDS:
            return 1, KINDS.index(word)
        return 2, 0

    return sorted(words, key=rank)  # stable: unknown words keep their order


def label_from_ablabel(text: str) -> str:
    apple = _APPLE.match(text)
    if not apple:
        return text
    token = apple.group(1)
    return APPLE_LABELS.get(token) or _CAMEL.sub(" ", token).lower()
