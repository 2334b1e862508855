"""Contacts from CSV files: Google Contacts (legacy and current layouts), Outlook and Thunderbird (English,
German, French headers), and any other CSV through a column mapping.

Each row becomes one PersonRecord whose `data` has clean_person's shape (`csvrows.Layout`). Nothing is
dropped: a column with no home, or a value the model would refuse, is kept under `extra["csv"]` by its
header. A cell our own export escaped for spreadsheets ('+44 ..., '=...) is read back without the
apostrophe (exchange/csv_writer.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from netweave.exchange.csv_writer import unescape_cell
from netweave.importers import csvmaps
from netweave.importers.base import Importer
from netweave.importers.csvmaps import guess_mapping
from netweave.importers.csvread import Table, head_rows, head_text, read_path, unique_headers
from netweave.importers.csvrows import GOOGLE_TAG_SPLIT, Layout, month_first
from netweave.importers.records import PersonRecord, Record, Rejected, Skip

__all__ = ["GoogleCsvImporter", "OutlookCsvImporter", "GenericCsvImporter", "guess_mapping", "read_headers"]


# ----------------------------------------------------------------------------------------- importers


def read_headers(path: Path, encoding: str | None = None) -> list[str]:
    """The header line of a CSV file, for the mapping step (LinkedIn's "Notes:" preamble is skipped)."""
    return read_path(Path(path), encoding).headers


class CsvImporter(Importer):
    """Shared reading: every row through a `Layout`; subclasses say which columns go where."""

    suffixes = (".csv",)

    def layout(self, table: Table) -> Layout:
        raise NotImplementedError

    def read(self, path: Path) -> Iterator[Record]:
        table = read_path(Path(path), self.options.encoding)
        layout = self.layout(table)
        for row in table.rows:
            where = table.where(row)
            cells = [unescape_cell(c) for c in row.cells]
            if not any(c.strip() for c in cells):
                yield Skip(where, "is empty")
                continue
            data = layout.person(cells)
            if data is None:
                yield Skip(where, "names nobody: it has no name, email address, phone number or web address")
            else:
                yield PersonRecord(where=where, data=data, raw=row.raw)

    @classmethod
    def header_of(cls, path: Path, head: bytes) -> list[str] | None:
        if path.suffix.lower() not in cls.suffixes:
            return None
        rows = head_rows(head)
        return max(rows[:4], key=len) if rows else None


class GoogleCsvImporter(CsvImporter):
    name = "google"
    label = "Google Contacts (CSV)"

    def layout(self, table: Table) -> Layout:
        if not csvmaps.is_google(table.headers):
            raise Rejected(f"line {table.header_line}", "is not a Google Contacts header (no Given Name, "
                                                        "First Name and Labels, or E-mail 1 - Value columns)")
        return Layout(unique_headers(table.headers), csvmaps.google_targets(table.headers), value_split=" ::: ",
                      tag_split=GOOGLE_TAG_SPLIT, dayfirst=not month_first())

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        header = cls.header_of(path, head)
        return bool(header) and csvmaps.is_google(header)


class OutlookCsvImporter(CsvImporter):
    name = "outlook"
    label = "Outlook or Thunderbird (CSV)"
    suffixes = (".csv", ".tsv", ".txt")  # Outlook also exports "Tab Separated Values" as .txt

    def layout(self, table: Table) -> Layout:
        where = f"line {table.header_line}"
        if csvmaps.is_google(table.headers):
            raise Rejected(where, "is a Google Contacts header; import the file as Google Contacts")
        if "connected on" in {h.casefold() for h in table.headers}:
            raise Rejected(where, "is LinkedIn's Connections.csv header; import the file as LinkedIn")
        if not csvmaps.outlook_score(table.headers):
            raise Rejected(where, "is not an Outlook or Thunderbird header: none of its columns is one they write "
                                  "(First Name, E-mail Address, ...)")
        dayfirst = any(csvmaps.header_key(h) in csvmaps.DAY_FIRST for h in table.headers) or not month_first()
        return Layout(unique_headers(table.headers), csvmaps.outlook_targets(table.headers), dayfirst=dayfirst)

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        header = cls.header_of(path, head)
        if not header or csvmaps.is_google(header) or "connected on" in {h.casefold() for h in header}:
            return False
        return csvmaps.outlook_score(header) >= 2 or (len(header) == 1 and csvmaps.outlook_score(header) == 1)


class GenericCsvImporter(CsvImporter):
    """Any CSV: columns go where `options.mapping` says ({header: field}), or where guess_mapping guesses."""

    name = "csv"
    label = "Any CSV file (choose the columns)"
    suffixes = (".csv", ".tsv", ".txt")

    def layout(self, table: Table) -> Layout:
        mapping = self.options.mapping if self.options.mapping is not None else guess_mapping(table.headers)
        why = csvmaps.check_mapping(mapping)
        if why:
            raise Rejected("", why)
        targets = csvmaps.generic_targets(table.headers, mapping)
        if not any(targets):
            raise Rejected(f"line {table.header_line}", "has no column that says where a person's name, email, "
                                                        "phone or web address is; choose the columns first")
        return Layout(unique_headers(table.headers), targets, dayfirst=not month_first())

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        """Any .csv; a .txt or .tsv only when its first two lines are rows of the same columns."""
        suffix = path.suffix.lower()
        if suffix == ".csv" or suffix not in cls.suffixes:
            return suffix == ".csv"
        if "\x00" in head_text(head):
            return False
        rows = head_rows(head)
        return len(rows) >= 2 and len(rows[0]) >= 2 and len(rows[1]) == len(rows[0])
