"""Benchmark the importers end to end, as a user runs them: `netweave import` into a fresh home.

    python bench/imports.py [--cards 10000] [--connections 30000] [--messages 100000] [--people 30000]
                            [--repeat 3] [--json]

Each run writes its input file once (deterministic), then for each repetition starts from an empty
home (`netweave init`) and times the `netweave import` command in a child process: wall time, and the
child's peak resident memory. The duplicate scan is timed over a demo network of --people people.
Targets (issue 3): 10,000 cards < 10 s; 30,000 connections < 15 s; 100,000 messages < 90 s and < 500 MB;
a duplicate scan over 30,000 people < 10 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import log, machine  # noqa: E402

NETWEAVE = str(Path(sys.executable).with_name("netweave"))
TARGETS = {"vcard": 10.0, "linkedin": 15.0, "mail": 90.0, "duplicates": 10.0}
FIRST = ["Ana", "Bo", "Chen", "Dara", "Eli", "Farah", "José", "Zoë", "Søren", "Łukasz", "Priya", "Omar", "Mateo"]
LAST = ["Lima", "Chen", "Okafor", "Novak", "Silva", "Müller", "García", "Tanaka", "Öztürk", "Dubois", "Patel"]
ORGS = ["Tidewater", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Acme", "Stark", "Wayne", "Wonka"]


SYLLABLES = ["ka", "ro", "mi", "ten", "sa", "lo", "vin", "dra", "ne", "tu", "bel", "ish", "or", "que", "zan", "ly"]


def _name(rng: random.Random, i: int) -> tuple[str, str]:
    """A first name from a short list and a made-up family name: like a real address book, names repeat
    rarely and never differ only by a number (which fuzzy matching would rightly call the same name)."""
    family = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()
    return rng.choice(FIRST), f"{rng.choice(LAST)}-{family}"


def write_vcards(path: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        for i in range(n):
            given, family = _name(rng, i)
            lines = ["BEGIN:VCARD", "VERSION:3.0", f"N:{family};{given};;;", f"FN:{given} {family}",
                     f"EMAIL;TYPE=INTERNET,WORK:{given.lower()}.{i}@example.org",
                     f"TEL;TYPE=CELL:+44 7700 {i % 1000000:06d}",
                     f"ORG:{rng.choice(ORGS)}", "TITLE:Engineer", f"item1.URL:https://example.org/{i}",
                     "item1.X-ABLabel:_$!<HomePage>!$_", f"X-ABUID:{i:08d}-ABCD", f"UID:card-{i}",
                     f"BDAY:19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                     "ADR;TYPE=HOME:;;1 High St;Leeds;;LS1 1AA;UK", "NOTE:Met at a conference\\, liked sailing",
                     "END:VCARD"]
            out.write("\r\n".join(lines) + "\r\n")


def write_connections(path: Path, n: int, seed: int) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write('Notes:\r\n"When exporting your connection data, you may notice that some of the email addresses '
                  'are missing."\r\n\r\n')
        out.write("First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n")
        for i in range(n):
            given, family = _name(rng, i)
            email = f"{given.lower()}.{i}@example.org" if i % 5 == 0 else ""
            out.write(f"{given},{family},https://www.linkedin.com/in/{given.lower()}-{family.lower()}-{i},{email},"
                      f"{rng.choice(ORGS)},\"Head of Things, EMEA\",{rng.randint(1, 28):02d} Oct 2024\r\n")




def measure_import(fmt: str, path: Path, repeat: int, extra: list[str]) -> dict:
    times, peaks, output = [], [], {}
    for _ in range(repeat):
        home = Path(tempfile.mkdtemp(prefix="netweave-bench-import-"))
        env = {**os.environ, "NETWEAVE_HOME": str(home)}
        try:
            subprocess.run([NETWEAVE, "user", "add", "bench"], input="bench-password\n", text=True, env=env,
                           check=True, capture_output=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            started = time.perf_counter()
            proc = subprocess.run([NETWEAVE, "import", fmt, str(path), "--json", *extra], env=env,
                                  capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            if proc.returncode != 0:
                raise SystemExit(f"import {fmt} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
            peaks.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)
            output = json.loads(proc.stdout)["files"][0]["counts"]
        finally:
            shutil.rmtree(home, ignore_errors=True)
    return {"format": fmt, "file_mb": round(path.stat().st_size / 2**20, 1), "median_s": round(statistics.median(times), 2),
            "runs_s": [round(t, 2) for t in times], "peak_rss_mb": round(max(peaks)), "counts": output,
            "target_s": TARGETS[fmt]}


def measure_duplicates(people: int, repeat: int) -> dict:
    home = Path(tempfile.mkdtemp(prefix="netweave-bench-dups-"))
    env = {**os.environ, "NETWEAVE_HOME": str(home)}
    try:
        log(f"building a {people:,}-person demo for the duplicate scan")
        subprocess.run([NETWEAVE, "demo", "--people", str(people), "--user", "bench", "--password", "bench-password"],
                       env=env, check=True, capture_output=True)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            proc = subprocess.run([NETWEAVE, "duplicates", "--json", "--user", "bench"], env=env, capture_output=True,
                                  text=True)
            times.append(time.perf_counter() - started)
            if proc.returncode != 0:
                raise SystemExit(f"duplicates failed:\n{proc.stderr[-2000:]}")
        return {"people": people, "median_s": round(statistics.median(times), 2), "runs_s": [round(t, 2) for t in times],
                "target_s": TARGETS["duplicates"], "note": "wall time of `netweave duplicates --json`, startup included"}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--connections", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=30_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--only", choices=["vcard", "linkedin", "mail", "duplicates"], action="append")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    only = set(args.only or TARGETS)
    work = Path(tempfile.mkdtemp(prefix="netweave-bench-files-"))
    results = {"machine": machine(), "results": []}
    try:
        if "vcard" in only:
            path = work / "contacts.vcf"
            write_vcards(path, args.cards, args.seed)
            log(f"importing {args.cards:,} cards")
            results["results"].append(measure_import("vcard", path, args.repeat, []))
        if "linkedin" in only:
            path = work / "Connections.csv"
            write_connections(path, args.connections, args.seed)
            log(f"importing {args.connections:,} LinkedIn connections")
            results["results"].append(measure_import("linkedin", path, args.repeat, []))
        if "mail" in only:
            path = work / "archive.mbox"
            subprocess.run([sys.executable, str(HERE / "make_mbox.py"), str(path), "--messages", str(args.messages),
                            "--seed", str(args.seed)], check=True, capture_output=True)
            log(f"importing a {args.messages:,}-message mbox")
            results["results"].append(measure_import("mail", path, args.repeat, ["--me", "me@example.com"]))
        if "duplicates" in only:
            results["results"].append(measure_duplicates(args.people, args.repeat))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=1))
        return
    print(f"machine: {results['machine']}")
    for r in results["results"]:
        name = r.get("format", "duplicates")
        verdict = "ok" if r["median_s"] < r["target_s"] else "SLOWER THAN TARGET"
        extra = f", peak {r['peak_rss_mb']} MB, {r['counts']}" if "peak_rss_mb" in r else ""
        print(f"{name:11} median {r['median_s']:6.2f} s (runs {r['runs_s']}; target < {r['target_s']} s) {verdict}{extra}")


if __name__ == "__main__":
    main()
