"""Write a synthetic mbox for the mail importer's benchmark, and optionally time reading it.

    python bench/make_mbox.py OUT.mbox [--messages 100000] [--seed 7] [--measure]

The mailbox belongs to me@example.com and looks like ten years of an ordinary inbox and sent folder:
personal threads going both ways over a few days (about 55% of the messages), mailing lists and
newsletters (List-Id, List-Unsubscribe, Precedence: bulk; about 30%), no-reply and notification senders,
auto-replies, and a little damage: messages without a Date or with one nobody can read, encoded-word
names and subjects, unquoted "From " lines in bodies. Headers carry the Received chains and DKIM
signatures real mail has, so the header blocks are of a realistic size. The same seed gives the same
bytes.

--measure reads the file with `MailImporter` in a fresh process and prints the wall time, the records
and Skips it yielded, and the process's peak RSS (resource.getrusage). Targets: well under 60 s and
under 500 MB for 100,000 messages.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timedelta, timezone
from email.header import Header
from email.utils import format_datetime
from pathlib import Path

ME = "me@example.com"
FIRST = ["Ana", "Bo", "Chen", "Dara", "Eli", "Farah", "Gus", "Hana", "Ivo", "Jun", "Kemal", "Lena", "Mateo",
         "Nia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera", "Wen", "Xavi", "Yara", "Zoe",
         "José", "Zoë", "Søren", "Łukasz", "Ærin", "Chloé", "Björn", "Dvořák"]
LAST = ["Lima", "Chen", "Okafor", "Novak", "Silva", "Haddad", "Kowalski", "Nguyen", "Müller", "García",
        "Rossi", "Tanaka", "Ivanova", "Smith", "Öztürk", "Dubois", "Johansson", "Mbeki", "Patel", "Kim"]
DOMAINS = ["example.org", "mail.example.net", "corp.example.com", "uni.example.edu", "studio.example.io"]
WORDS = ("budget plan review draft meeting lunch offer contract intro coffee proposal slides launch "
         "hiring feedback notes agenda invoice trip conference workshop paper deadline roadmap").split()
LISTS = [("dev-announce", "lists.example.org"), ("python-users", "lists.example.net"),
         ("book-club", "groups.example.com"), ("neighbours", "lists.example.io")]
NEWSLETTERS = ["news@shop.example.com", "digest@medium.example.com", "updates@saas.example.io",
               "hello@startup.example.co"]
ROBOTS = ["noreply@accounts.example.com", "no-reply@calendar.example.com", "notifications@tracker.example.org",
          "MAILER-DAEMON@mx.example.com", "donotreply@bank.example.com"]
START = datetime(2015, 1, 1, tzinfo=timezone.utc)
SPAN_DAYS = 3650


def person(rng: random.Random, index: int) -> tuple[str, str]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    local = f"{first}.{last}{index}".lower().encode("ascii", "ignore").decode() or f"p{index}"
    return f"{first} {last}", f"{local}@{rng.choice(DOMAINS)}"


def address_header(name: str, address: str) -> str:
    if name.isascii():
        return f'"{name}" <{address}>'
    return f"{Header(name, 'utf-8').encode()} <{address}>"


def subject_header(text: str) -> str:
    return text if text.isascii() else Header(text, "utf-8").encode()


def received(rng: random.Random, when: datetime) -> list[str]:
    lines = []
    for hop in range(rng.randint(2, 5)):
        host = f"mx{rng.randint(1, 40)}.relay{hop}.example.net"
        lines.append(f"Received: from {host} ({host} [192.0.2.{rng.randint(1, 254)}])\n"
                     f"\tby mail.example.com (Postfix) with ESMTPS id {rng.getrandbits(40):X}\n"
                     f"\tfor <{ME}>; {format_datetime(when - timedelta(seconds=hop))}")
    return lines


def dkim(rng: random.Random, domain: str) -> str:
    signature = base64.b64encode(rng.randbytes(180)).decode()
    folded = "\n\t".join(textwrap.wrap(signature, 70))
    return (f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d={domain}; s=sel1;\n"
            f"\th=from:to:subject:date:message-id; bh={base64.b64encode(rng.randbytes(32)).decode()};\n\tb={folded}")


def body(rng: random.Random) -> str:
    lines = [" ".join(rng.choices(WORDS, k=rng.randint(6, 14))).capitalize() + "." for _ in range(rng.randint(4, 30))]
    if rng.random() < 0.02:
        lines.insert(rng.randint(0, len(lines)), "")
        lines.insert(rng.randint(0, len(lines)), "From time to time we meet.")  # an unquoted From in a body
    if rng.random() < 0.05:
        lines.append(">From the archive: an mboxrd-quoted line")
    return "\n".join(lines)


def message(rng: random.Random, *, sender: tuple[str, str], to: list[tuple[str, str]], when: datetime | None,
            subject: str, msgid: str, refs: list[str], extra: list[str], date_text: str | None = None) -> str:
    headers = [] if sender[1] == ME else received(rng, when or START)
    if sender[1] != ME:
        headers.append(f"Delivered-To: {ME}")
        headers.append(dkim(rng, sender[1].split("@")[1]))
    headers.append(f"From: {address_header(*sender)}")
    headers.append("To: " + ",\n\t".join(address_header(*t) for t in to))
    if date_text is not None:
        headers.append(f"Date: {date_text}")
    elif when is not None:
        headers.append(f"Date: {format_datetime(when)}")
    headers.append(f"Subject: {subject_header(subject)}")
    headers.append(f"Message-ID: <{msgid}>")
    if refs:
        headers.append(f"In-Reply-To: <{refs[-1]}>")
        headers.append("References: " + "\n\t".join(f"<{r}>" for r in refs))
    headers.extend(extra)
    headers += ["MIME-Version: 1.0", "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
                f"X-Mailer: ExampleMail {rng.randint(1, 9)}.{rng.randint(0, 9)}"]
    stamp = (when or START).strftime("%a %b %d %H:%M:%S %Y")
    return f"From {sender[1]} {stamp}\n" + "\n".join(headers) + "\n\n" + body(rng) + "\n\n"


def generate(out: Path, count: int, seed: int) -> dict:
    rng = random.Random(seed)
    people = [person(rng, i) for i in range(max(50, count // 40))]
    me = ("Me Myself", ME)
    written = 0
    kinds = {"personal": 0, "list": 0, "newsletter": 0, "robot": 0, "auto-reply": 0, "no-date": 0}
    with open(out, "w", encoding="utf-8", newline="\n") as handle:
        while written < count:
            roll = rng.random()
            when = START + timedelta(seconds=rng.randrange(SPAN_DAYS * 86400))
            if roll < 0.26:  # a personal thread (3.5 messages on average: about 55% of all), going both ways over a few days
                other = rng.choice(people)
                cc = [rng.choice(people)] if rng.random() < 0.2 else []
                subject = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)}"
                refs: list[str] = []
                mine = rng.random() < 0.5
                for step in range(min(rng.randint(1, 6), count - written)):
                    msgid = f"{seed}.{written}.{rng.getrandbits(32):x}@{'example.com' if mine else other[1].split('@')[1]}"
                    sender, to = (me, [other] + cc) if mine else (other, [me] + cc)
                    handle.write(message(rng, sender=sender, to=to, when=when, msgid=msgid, refs=list(refs[-8:]),
                                         subject=("Re: " if step else "") + subject, extra=[]))
                    written += 1
                    kinds["personal"] += 1
                    refs.append(msgid)
                    when += timedelta(minutes=rng.randint(5, 3000))
                    mine = not mine
                continue
            msgid = f"{seed}.{written}.{rng.getrandbits(32):x}@example.net"
            roll = (roll - 0.26) / 0.74  # the rest: lists 45%, newsletters 20%, robots 20%, auto-replies 10%, no date 5%
            if roll < 0.45:
                name, domain = rng.choice(LISTS)
                extra = [f"List-Id: <{name}.{domain}>", f"List-Unsubscribe: <mailto:{name}-leave@{domain}>",
                         "Precedence: list"]
                handle.write(message(rng, sender=rng.choice(people), to=[(name, f"{name}@{domain}")], when=when,
                                     subject=f"[{name}] {rng.choice(WORDS)} {rng.choice(WORDS)}", msgid=msgid,
                                     refs=[], extra=extra))
                kinds["list"] += 1
            elif roll < 0.65:
                sender = rng.choice(NEWSLETTERS)
                handle.write(message(rng, sender=("Newsletter", sender), to=[me], when=when, msgid=msgid, refs=[],
                                     subject=f"This week: {rng.choice(WORDS)}",
                                     extra=[f"List-Unsubscribe: <https://{sender.split('@')[1]}/unsubscribe>",
                                            "Precedence: bulk"]))
                kinds["newsletter"] += 1
            elif roll < 0.85:
                handle.write(message(rng, sender=("", rng.choice(ROBOTS)), to=[me], when=when, msgid=msgid, refs=[],
                                     subject="Your receipt", extra=[]))
                kinds["robot"] += 1
            elif roll < 0.95:
                handle.write(message(rng, sender=rng.choice(people), to=[me], when=when, msgid=msgid, refs=[],
                                     subject="Out of office: away", extra=["Auto-Submitted: auto-replied"]))
                kinds["auto-reply"] += 1
            else:
                date_text = rng.choice([None, "sometime last week", "32 Foo 2019 99:99:99 +9999", ""])
                handle.write(message(rng, sender=rng.choice(people), to=[me], when=None, msgid=msgid, refs=[],
                                     subject="Déjà vu, no date", extra=[], date_text=date_text))
                kinds["no-date"] += 1
            written += 1
    return {"messages": written, "bytes": out.stat().st_size, **kinds}


MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
from django.conf import settings
settings.configure(USE_TZ=True, TIME_ZONE="UTC")
from netweave.importers.base import ImportOptions
from netweave.importers.mail import MailImporter
from netweave.importers.records import InteractionRecord, Skip
me = [a for a in sys.argv[2:]]
started = time.perf_counter()
records = skips = 0
for record in MailImporter(ImportOptions(me=me)).read(Path(sys.argv[1])):
    if isinstance(record, InteractionRecord):
        records += 1
    elif isinstance(record, Skip):
        skips += 1
        print("  skip:", record.why, file=sys.stderr)
seconds = time.perf_counter() - started
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": round(seconds, 2), "records": records, "skips": skips, "peak_rss_mb": round(peak_mb, 1)}))
"""


def measure(path: Path, me: list[str]) -> dict:
    src = Path(__file__).resolve().parent.parent / "src"
    env = {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    result = subprocess.run([sys.executable, "-c", MEASURE, str(path), *me], env=env, check=True,
                            stdout=subprocess.PIPE, text=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--measure", action="store_true", help="time MailImporter over the file afterwards")
    parser.add_argument("--infer-me", action="store_true", help="with --measure: do not say who I am")
    args = parser.parse_args()
    started = time.perf_counter()
    made = generate(args.out, args.messages, args.seed)
    print(f"wrote {made['messages']:,} messages, {made['bytes'] / 1024 / 1024:,.0f} MB, in "
          f"{time.perf_counter() - started:.1f} s: {json.dumps(made)}", file=sys.stderr)
    if args.measure:
        result = measure(args.out, [] if args.infer_me else [ME])
        print(json.dumps({**made, **result}))


if __name__ == "__main__":
    main()
