"""From read mail headers to interactions: one per thread, per correspondent, per day (`mail.py` reads).

A `Threads` collects every message the reader keeps (small tuples, no bodies unless asked for) and every
message it leaves out (counted per reason), then, once the whole mailbox is read, decides who I am when
nobody said, groups the messages and yields the records, then one Skip per reason with its count.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, tzinfo
from typing import NamedTuple

from netweave.importers.records import ContactRef, InteractionRecord, Note, Record, Skip

MAX_KEY = 300  # Interaction.external_id
MAX_SUMMARY = 500  # Interaction.summary
MAX_NOTES = 10_000  # the bodies of one interaction, when they are kept
MAX_BYSTANDERS = 20  # others in To/Cc of someone else's message who count as correspondents too

# Reply and forward markers of the common mail programs and languages, any number of them: "Re: Fwd: Re[2]:".
_PREFIX = re.compile(r"^(?:\s*(?:re|fwd?|aw|wg|sv|vs|antw|tr|rif|ref|res|enc)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+",
                     re.IGNORECASE)


class Message(NamedTuple):
    """What one kept message contributes. Addresses are lower-case; `recipients` excludes the sender."""

    when: datetime
    root: str  # the thread's root Message-ID
    sender: str
    recipients: tuple[str, ...]
    subject: str
    where: str
    body: str = ""


# Why messages are left out: the words of the Skip, singular and plural.
REASONS = {
    "list": ("mailing-list message (List-Id or List-Unsubscribe)", "mailing-list messages (List-Id or List-Unsubscribe)"),
    "bulk": ("bulk message (Precedence: bulk, list or junk)", "bulk messages (Precedence: bulk, list or junk)"),
    "auto": ("automated message (Auto-Submitted)", "automated messages (Auto-Submitted)"),
    "robot": ("message from an automated sender (no-reply, notifications, mailer-daemon, list owner, bounces)",
              "messages from automated senders (no-reply, notifications, mailer-daemon, list owners, bounces)"),
    "date": ("message without a readable date", "messages without a readable date"),
    "future": ("message dated in the future", "messages dated in the future"),
    "sender": ("message without a sender address", "messages without a sender address"),
    "duplicate": ("second copy of a message already read (same Message-ID)",
                  "second copies of messages already read (same Message-ID)"),
    "self": ("message from you to nobody but yourself", "messages from you to nobody but yourself"),
    "unreadable": ("message whose headers could not be read", "messages whose headers could not be read"),
    "toobig": ("message whose headers pass 256 KB: only the first 256 KB were read",
               "messages whose headers pass 256 KB: only the first 256 KB of each were read"),
    "file": ("file that cannot be read", "files that cannot be read"),
    "other": ("file that is not mail (not .eml, .mbox, nor in a Maildir's cur/ or new/)",
              "files that are not mail (not .eml, .mbox, nor in a Maildir's cur/ or new/)"),
}


def clean_subject(subject: str) -> str:
    """"Re: Fwd: Budget" -> "Budget", whitespace of folded headers collapsed."""
    return _PREFIX.sub("", " ".join(subject.split())).strip()


class Threads:
    def __init__(self, label: str, me: set[str], local: tzinfo, bodies: bool = False):
        self.label = label  # the Skips' `where`: "mbox", "Maildir", "folder" or a file name
        self.me = set(me)
        self.local = local
        self.bodies = bodies
        self.messages: list[Message] = []
        self.names: dict[str, tuple[int, str]] = {}  # address -> (how sure, name): a From name beats a To name
        self.delivered: Counter = Counter()  # Delivered-To and X-Original-To: the mailbox's owner
        self.skipped: dict[str, list] = {}  # reason -> [count, first where]
        self.inferred_me = ""
        self.inferred_how = ""

    def skip(self, reason: str, where: str) -> None:
        entry = self.skipped.get(reason)
        if entry is None:
            self.skipped[reason] = [1, where]
        else:
            entry[0] += 1

    def name(self, address: str, name: str, sure: int) -> None:
        if name and name.lower() != address:
            known = self.names.get(address)
            if known is None or known[0] < sure:
                self.names[address] = (sure, name)

    def add(self, message: Message) -> None:
        self.messages.append(message)

    # ---- after the whole mailbox -------------------------------------------------------------------------

    def records(self) -> Iterator[Record]:
        me = self.me or self._guess_me()
        groups: dict[tuple[str, str, object], list] = {}
        written_to: set[str] = set()
        local = self.local
        for message in self.messages:
            mine = message.sender in me
            if mine:
                people = [r for r in message.recipients if r not in me]
                if not people:
                    self.skip("self", message.where)
                    continue
                written_to.update(people)
            else:
                people = [message.sender]
                bystanders = [r for r in message.recipients if r not in me]
                if len(bystanders) <= MAX_BYSTANDERS:  # more: an announcement, not a conversation with each
                    people.extend(bystanders)
            day = message.when.astimezone(local).date()
            for address in people:
                key = (message.root, address, day)
                group = groups.get(key)
                if group is None:
                    groups[key] = group = [message.when, mine, message.where, message.subject, []]
                elif message.when < group[0]:
                    group[0:4] = [message.when, mine, message.where, message.subject]
                if self.bodies and message.body:
                    group[4].append((message.when, mine, message.sender, message.body))
        self.messages = []  # the groups hold what is needed; let the tuples go before yielding

        if self.inferred_me and groups:
            yield Note(self.label, f"your own address was taken to be {self.inferred_me} ({self.inferred_how}); "
                                   f"if that is wrong, import again saying which addresses are yours")
        for (root, address, day), (when, mine, where, subject, bodies) in sorted(
                groups.items(), key=lambda item: (item[1][0], item[0][1])):
            yield InteractionRecord(
                where=where,
                key=_key(root, address, day.isoformat()),
                kind="email",
                occurred_at=when.astimezone(local),
                summary=_clip(subject or "(no subject)", MAX_SUMMARY),
                participants=[ContactRef(name=self.names.get(address, (0, ""))[1], email=address,
                                         create=address in written_to)],
                notes=self._notes(bodies) if bodies else "",
                initiated_by="me" if mine else "them",
            )
        for reason, (count, where) in self.skipped.items():
            singular, plural = REASONS[reason]
            text = f"1 {singular}" if count == 1 else f"{count:,} {plural}"
            yield Skip(self.label, f"{text} (first: {where})", count=count)

    def _notes(self, bodies: list) -> str:
        parts = []
        for when, mine, sender, body in sorted(bodies, key=lambda b: b[0]):
            who = "Me" if mine else (self.names.get(sender, (0, ""))[1] or sender)
            parts.append(f"{who}, {when.astimezone(self.local):%Y-%m-%d %H:%M}:\n{body}")
        return _clip("\n\n".join(parts), MAX_NOTES)

    def _guess_me(self) -> set[str]:
        """Who I am when nobody said: the address mail was delivered to most (Delivered-To, X-Original-To),
        else the address in the most kept messages (an inbox has me in To, a Sent folder in From), ties
        going to the one more often a recipient."""
        if self.delivered:
            address = min(self.delivered.items(), key=lambda item: (-item[1], item[0]))[0]
            self.inferred_how = "the address most mail was delivered to"
        else:
            seen: Counter = Counter()
            received: Counter = Counter()
            for message in self.messages:
                seen[message.sender] += 1
                seen.update(message.recipients)
                received.update(message.recipients)
            if not seen:
                return set()
            address = min(seen, key=lambda a: (-seen[a], -received[a], a))
            self.inferred_how = "the address in most messages"
        self.inferred_me = address
        return {address}


def _key(root: str, address: str, day: str) -> str:
    key = f"mail/{root}/{address}/{day}"
    if len(key) > MAX_KEY:
        root = "sha256-" + hashlib.sha256(root.encode()).hexdigest()[:40]
        key = f"mail/{root}/{address}/{day}"
    if len(key) > MAX_KEY:
        address = "sha256-" + hashlib.sha256(address.encode()).hexdigest()[:40]
        key = f"mail/{root}/{address}/{day}"
    return key


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
