"""Mail (an mbox file, a Maildir folder, a .eml file or a folder of them): who I wrote with, and when.

Only headers are read (From, To, Cc, Bcc of my own messages, Date, Message-ID, In-Reply-To, References,
Subject, List-Id, List-Unsubscribe, Precedence, Auto-Submitted, Delivered-To, X-Original-To); bodies
only when the user asked (`options.bodies`). `mailthreads.Threads` turns them into one InteractionRecord
per thread, per correspondent, per day (kind "email"):

- the thread is its root Message-ID: the first of References, else In-Reply-To, else the message's own
  id; a message with no id at all gets a stable hash of From, Date and Subject;
- when I send, the correspondents are To, Cc and Bcc without me; when someone else does, the sender and
  the others in To and Cc (only the sender when there are more than 20 others: an announcement). `create` is True for the people I wrote to at least once in the mailbox (in
  any thread), False for everyone else: ten years of newsletters must not become contacts;
- initiated_by is "me" when my message came first that day in that thread with that person, else "them";
  occurred_at is that first message's time; the day is the current time zone's;
- summary: the subject of that first message without "Re:", "Fwd:" and their kin ("(no subject)");
- key f"mail/{root id}/{address}/{YYYY-MM-DD}" (the root id without its angle brackets; hashed when the
  key would pass the database's 300 characters).

Left out, and counted in one Skip per reason at the end ("1,234 mailing-list messages ..."): mailing
lists (List-Id, List-Unsubscribe), Precedence bulk/list/junk, Auto-Submitted other than "no", automated
senders (no-reply, donotreply, notifications, mailer-daemon, postmaster, list owners and bounce
addresses; such addresses are also dropped from the recipients), messages without a readable Date or
dated more than a day ahead, without a sender, second copies of a Message-ID, notes to myself, and
headers that cannot be read at all. Nothing in one message makes the import fail.

Who I am: `options.me`; when empty, the address mail was delivered to most (Delivered-To, X-Original-To),
else the address in the most messages, said in a Skip ("your own address was taken to be ...") and kept
in `inferred_me`.

An mbox is streamed line by line (any size): a message starts at a "From " line that carries a time
and a year ("From sender Sun Aug  7 11:40:37 2022"), so "From time to time" in a body does not split a
message. Each message's header block is read up to `MAX_HEADER_BYTES` (256 KB). Maildir: every file in a
cur/ or new/ folder (tmp/ holds deliveries not finished), sub-folders included; in other folders, .eml
files, and .mbox/.mbx files as mboxes. `where` is "message N (line L)" in an mbox, else the file's path
inside the folder.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from django.utils import timezone

from netweave.core import clock
from netweave.importers.base import Importer
from netweave.importers.mailheaders import (
    address, addresses, body_text, bulk_reason, decode_words, first, first_id, is_robot, read_headers, sent_at,
)
from netweave.importers.mailthreads import Message, Threads, clean_subject
from netweave.importers.records import Record, Rejected

MAX_HEADER_BYTES = 256 * 1024
MAX_BODY_BYTES = 1024 * 1024  # of one message, read only when bodies are kept
LINE_CHUNK = 64 * 1024  # a line longer than this is read in pieces, never whole

_SEPARATOR = re.compile(rb"From \S*[ \t].*\d{1,2}:\d\d.*\d{4}")
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")
_NOT_MAIL_FOLDERS = {".notmuch", ".git", "tmp"}


class MailImporter(Importer):
    name = "mail"
    label = "Mail (mbox, Maildir, .eml)"
    suffixes = (".mbox", ".mbx", ".eml")

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> bool:
        if path.is_dir():
            return (path / "cur").is_dir() or (path / "new").is_dir() or any(path.glob("*.eml"))
        return path.suffix.lower() in cls.suffixes or head.startswith(b"From ") or _looks_like_headers(head)

    def read(self, path: Path) -> Iterator[Record]:
        self.inferred_me = ""
        self._me = {a for a in (address(x) for x in self.options.me) if a}
        self._seen: set[str] = set()
        self._strings: dict[str, str] = {}
        self._now = clock.now()
        local = timezone.get_current_timezone()
        if path.is_dir():
            threads = Threads("folder", self._me, local, self.options.bodies)
            self._read_folder(path, threads)
        else:
            kind = _file_kind(path)
            threads = Threads("mbox" if kind == "mbox" else path.name, self._me, local, self.options.bodies)
            if kind == "mbox":
                with _open(path) as stream:
                    self._read_mbox(stream, threads)
            else:
                self._read_file(path, path.name, threads)
        yield from threads.records()
        self.inferred_me = threads.inferred_me

    # ---- sources ---------------------------------------------------------------------------------------

    def _read_folder(self, root: Path, threads: Threads) -> None:
        found = maildir = False
        for folder, subfolders, files in os.walk(root):
            subfolders[:] = sorted(d for d in subfolders if d not in _NOT_MAIL_FOLDERS)
            here = Path(folder)
            in_maildir = here.name in ("cur", "new")
            maildir = maildir or in_maildir
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = here / name
                where = path.relative_to(root).as_posix()
                suffix = path.suffix.lower()
                if in_maildir or suffix == ".eml":
                    found = True
                    self._read_file(path, where, threads)
                elif suffix in (".mbox", ".mbx"):
                    found = True
                    try:
                        with _open(path) as stream:
                            self._read_mbox(stream, threads, prefix=f"{where}, ")
                    except Rejected:
                        threads.skip("file", where)
                else:
                    threads.skip("other", where)
        threads.label = "Maildir" if maildir else "folder"
        if not found:
            raise Rejected("", "has no mail in it: give a Maildir (a folder with cur/ and new/), a folder "
                               "of .eml files, an mbox file or one .eml file")

    def _read_file(self, path: Path, where: str, threads: Threads) -> None:
        """One message in a file of its own (a .eml, a Maildir file): its header block, and its body when kept."""
        header: list[bytes] = []
        size = 0
        too_big = False
        body = b""
        try:
            with open(path, "rb") as stream:
                readline = stream.readline
                opening = at_line_start = True
                while True:
                    line = readline(LINE_CHUNK)
                    if not line:
                        break
                    starts = at_line_start
                    at_line_start = line[-1:] == b"\n"
                    if opening and line[:5] == b"From " and not _HEADER_LINE.match(line):
                        continue  # an mbox envelope line some programs write at the top of a saved message
                    opening = False
                    if starts and (line == b"\n" or line == b"\r\n"):
                        break
                    if size >= MAX_HEADER_BYTES:
                        too_big = True
                        continue
                    if not starts and header:
                        header[-1] += line
                    else:
                        header.append(line)
                    size += len(line)
                if self.options.bodies:
                    body = stream.read(MAX_BODY_BYTES)
        except OSError:
            threads.skip("file", where)
            return
        self._take(header, body, too_big, where, threads)

    def _read_mbox(self, stream: BinaryIO, threads: Threads, prefix: str = "") -> None:
        """Split the stream on "From " lines, handing each message's header lines (and body, when kept) on
        as soon as they are read: nothing of the file is held but the message at hand."""
        keep_body = self.options.bodies
        readline = stream.readline
        number = line_no = start = size = body_size = 0
        at_line_start = True
        in_header = taken = too_big = False
        header: list[bytes] = []
        body: list[bytes] = []
        while True:
            line = readline(LINE_CHUNK)
            if not line:
                break
            starts = at_line_start
            at_line_start = line[-1:] == b"\n"
            if starts:
                line_no += 1
                if line[:5] == b"From " and (number == 0 or _SEPARATOR.match(line)):
                    if number and not taken:
                        self._take(header, b"".join(body), too_big, f"{prefix}message {number} (line {start})", threads)
                    number += 1
                    start, header, body, size, body_size = line_no, [], [], 0, 0
                    in_header, taken, too_big = True, False, False
                    continue
                if number == 0:
                    if line.strip():
                        raise Rejected(f"{prefix}line {line_no}", "is not an mbox: an mbox starts with a 'From ' line")
                    continue
            elif number == 0:
                continue
            if in_header:
                if starts and (line == b"\n" or line == b"\r\n"):
                    in_header = False
                    if not keep_body:
                        self._take(header, b"", too_big, f"{prefix}message {number} (line {start})", threads)
                        taken, header = True, []
                elif size >= MAX_HEADER_BYTES:
                    too_big = True
                else:
                    if not starts and header:
                        header[-1] += line
                    else:
                        header.append(line)
                    size += len(line)
            elif keep_body and body_size < MAX_BODY_BYTES:
                body.append(line)
                body_size += len(line)
        if number and not taken:
            self._take(header, b"".join(body), too_big, f"{prefix}message {number} (line {start})", threads)

    # ---- one message ----------------------------------------------------------------------------------

    def _take(self, lines: list[bytes], body: bytes, too_big: bool, where: str, threads: Threads) -> None:
        try:
            self._message(lines, body, too_big, where, threads)
        except Exception:  # one message with headers past reading never stops the mailbox
            threads.skip("unreadable", where)

    def _message(self, lines: list[bytes], body: bytes, too_big: bool, where: str, threads: Threads) -> None:
        headers = read_headers(lines)
        if too_big:
            threads.skip("toobig", where)
        senders = addresses(headers.get("from", []))
        sender_name, sender = senders[0] if senders else ("", "")
        date_text = first(headers, "date")
        subject = first(headers, "subject")
        own = first_id(first(headers, "message-id"))
        if not own:
            seed = f"{sender}|{date_text}|{subject}".encode("utf-8", "surrogateescape")
            own = "nomsgid-" + hashlib.sha256(seed).hexdigest()[:24]
        if own in self._seen:
            threads.skip("duplicate", where)
            return
        self._seen.add(own)
        delivered = {a for _, a in addresses(headers.get("delivered-to", []) + headers.get("x-original-to", []))}
        threads.delivered.update(delivered)

        reason = bulk_reason(headers, sender)
        if reason:
            threads.skip(reason, where)
            return
        when = sent_at(date_text)
        if when is None:
            threads.skip("date", where)
            return
        if when > self._now + timedelta(days=1):
            threads.skip("future", where)
            return
        if not sender:
            threads.skip("sender", where)
            return

        threads.name(sender, sender_name, 2)
        recipients = {}
        for name, recipient in addresses(headers.get("to", []) + headers.get("cc", []) + headers.get("bcc", [])):
            if recipient != sender and not is_robot(recipient):
                recipients[self._intern(recipient)] = None
                threads.name(recipient, name, 1)
        root = first_id(first(headers, "references")) or first_id(first(headers, "in-reply-to")) or own
        text = body_text(lines, body) if self.options.bodies else ""
        threads.add(Message(when, self._intern(root), self._intern(sender), tuple(recipients),
                            clean_subject(decode_words(subject)), where, text))

    def _intern(self, text: str) -> str:
        """One string object for each address and thread id, however many messages repeat it."""
        return self._strings.setdefault(text, text)


# ---- what a file is ----------------------------------------------------------------------------------------


def _open(path: Path) -> BinaryIO:
    try:
        return open(path, "rb", buffering=1024 * 1024)
    except OSError as exc:
        raise Rejected("", f"cannot be read: {exc.strerror or exc}") from exc


def _file_kind(path: Path) -> str:
    try:
        with open(path, "rb") as stream:
            head = stream.read(8192)
    except OSError as exc:
        raise Rejected("", f"cannot be read: {exc.strerror or exc}") from exc
    start = head.lstrip(b"\r\n")
    if not start.strip():
        raise Rejected("", "is empty: there is no mail in it")
    if path.suffix.lower() == ".eml":
        return "eml"
    if start.startswith(b"From "):
        return "mbox"
    if _looks_like_headers(start):
        return "eml"
    raise Rejected("line 1", "is not mail: an mbox starts with a 'From ' line, a message with headers "
                             "such as 'From:' and 'Date:'")


def _looks_like_headers(head: bytes) -> bool:
    if not _HEADER_LINE.match(head):
        return False
    block = head.replace(b"\r\n", b"\n").split(b"\n\n", 1)[0].lower()
    names = set(re.findall(rb"(?m)^([a-z-]+)[ \t]*:", block))
    return len(names & {b"from", b"to", b"date", b"subject", b"message-id", b"received", b"return-path",
                        b"mime-version", b"delivered-to"}) >= 2
