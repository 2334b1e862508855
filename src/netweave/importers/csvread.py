"""Reading a CSV export whole: text from bytes, the separator, the header line, and rows that remember
their line, so every message can point at it.

Shared by the LinkedIn, Google, Outlook and any-CSV importers. A file whose rows do not all have the
header's number of fields, or whose quoting is broken, is refused as a whole, naming the row and line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from netweave.importers.base import MAX_TEXT_BYTES, decode, read_text
from netweave.importers.records import Rejected

# A notes cell or our own JSON column can pass csv's default 128 KiB per field; files are capped anyway.
csv.field_size_limit(max(csv.field_size_limit(), MAX_TEXT_BYTES))

DELIMITERS = (",", "\t", ";")
PREAMBLE_ROWS = 10  # how far down a header may sit below a title or a note (LinkedIn's "Notes:" lines)


@dataclass
class Row:
    number: int  # the data row, counting from 1 after the header; blank lines do not count
    line: int  # the physical line the row starts on (quoted fields may span lines)
    cells: list[str]
    raw: str  # the row's text exactly as in the file


@dataclass
class Table:
    headers: list[str]
    delimiter: str
    header_line: int
    rows: Iterator[Row]
    name: str = ""  # what `where` calls the file ("Connections.csv"); empty for a file the engine names

    def where(self, row: Row) -> str:
        return f"{self.name} row {row.number}".strip()


def count_outside_quotes(line: str, char: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == char and not quoted:
            count += 1
    return count


def sniff_delimiter(lines: list[str]) -> str:
    """The separator the header line uses most outside quotes: comma, TAB (LinkedIn's UTF-16 files) or
    semicolon (spreadsheets and Outlook where the decimal mark is a comma). Lines above the header that
    are blank, a title ending in ":" or one quoted sentence (LinkedIn's "Notes:" preamble) are passed over;
    a header with no separator is a one-column file, whatever its values hold."""
    for line in lines[:20]:
        counts = {d: count_outside_quotes(line, d) for d in DELIMITERS}
        best = max(DELIMITERS, key=lambda d: counts[d])  # ties go to the comma, listed first
        if counts[best]:
            return best
        text = line.strip()
        if text and not text.endswith(":") and not (len(text) > 1 and text[0] == text[-1] == '"'):
            break
    return ","


def unique_headers(headers: list[str]) -> list[str]:
    """Header names usable as dict keys: a blank one is "column N", a repeated one "Email (2)"."""
    seen: dict[str, int] = {}
    out = []
    for i, header in enumerate(headers):
        name = header or f"column {i + 1}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def _blank(cells: list[str]) -> bool:
    return not cells or (len(cells) == 1 and not cells[0].strip())


def read_table(text: str, *, name: str = "", is_header: Callable[[list[str]], bool] | None = None,
               what: str = "a header line") -> Table:
    """Parse `text` as CSV. The header is the first row `is_header` accepts within the first rows, or
    without a test the first row, unless it is a one-cell title above a wider header."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise Rejected("line 1", "the file is empty; a CSV file starts with a header line")
    lines = io.StringIO(text, newline="").readlines()
    delimiter = sniff_delimiter(lines)
    reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)
    state = {"end": 0}

    def next_row() -> tuple[list[str], int, int] | None:
        try:
            cells = next(reader)
        except StopIteration:
            return None
        except csv.Error as exc:
            raise Rejected(f"line {reader.line_num}", f"is not valid CSV ({exc}); check its quotes") from exc
        start, state["end"] = state["end"] + 1, reader.line_num
        return cells, start, state["end"]

    ahead: list[tuple[list[str], int, int]] = []
    while len(ahead) < PREAMBLE_ROWS + 1 and (row := next_row()) is not None:
        ahead.append(row)
    filled = [r for r in ahead if not _blank(r[0])]
    if not filled:
        raise Rejected("line 1", "has no header line: its first lines are blank")
    if is_header is not None:
        found = next((r for r in filled if is_header([c.strip() for c in r[0]])), None)
        if found is None:
            raise Rejected(f"line {filled[0][1]}", f"is not {what}")
    else:
        found = filled[0]
        if sum(1 for c in found[0] if c.strip()) <= 1:
            wider = next((r for r in filled if len(r[0]) > 1), None)
            found = wider or found
    index = ahead.index(found)
    headers = [c.strip().lstrip("\ufeff") for c in found[0]]
    pending = ahead[index + 1:]

    def rows() -> Iterator[Row]:
        number = 0
        while True:
            item = pending.pop(0) if pending else next_row()
            if item is None:
                return
            cells, start, end = item
            if not cells or (_blank(cells) and len(headers) != 1):
                continue
            number += 1
            if len(cells) != len(headers):
                where = f"{name} row {number} (line {start})".strip()
                raise Rejected(where, f"has {len(cells)} fields where the header has {len(headers)}; "
                                      f"a value with a {_say(delimiter)} in it needs quotes")
            yield Row(number, start, cells, "".join(lines[start - 1:end]).rstrip("\r\n"))

    return Table(headers, delimiter, found[1], rows(), name)


def _say(delimiter: str) -> str:
    return {",": "comma", "\t": "TAB", ";": "semicolon"}[delimiter]


def read_path(path: Path, encoding: str | None = None, **kwargs) -> Table:
    return read_table(read_text(path, encoding), **kwargs)


def read_bytes(data: bytes, encoding: str | None = None, **kwargs) -> Table:
    if len(data) > MAX_TEXT_BYTES:
        raise Rejected("", f"is larger than {MAX_TEXT_BYTES // (1024 * 1024)} MB")
    return read_table(decode(data, encoding), **kwargs)


def head_text(head: bytes) -> str:
    """The first bytes of a file as text for sniffing: forgiving, since `head` may end mid-character."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(codec, errors="ignore")
    if len(head) >= 4 and head[1] == 0 and head[3] == 0 and head[0] != 0:
        return head.decode("utf-16-le", errors="ignore")
    return head.decode("utf-8", errors="ignore")


def head_rows(head: bytes, limit: int = PREAMBLE_ROWS + 1) -> list[list[str]]:
    """The first complete rows of `head`, parsed leniently (sniffing must never raise)."""
    text = head_text(head)
    lines = io.StringIO(text, newline="").readlines()
    if lines and len(head) >= 512 and not lines[-1].endswith(("\n", "\r")):
        lines = lines[:-1]  # cut off by the end of `head`
    delimiter = sniff_delimiter(lines)
    out = []
    try:
        for cells in csv.reader(iter(lines), delimiter=delimiter):
            if not _blank(cells):
                out.append([c.strip().lstrip("\ufeff") for c in cells])
            if len(out) >= limit:
                break
    except csv.Error:
        pass
    return out
