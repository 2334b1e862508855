"""Benchmark the duplicates scan (and a merge and its undo) on a synthetic network.

    python bench/duplicates.py [--people 30000] [--seed 7] [--runs 3] [--json] [--keep]

Like run.py it works in a fresh temporary NETWEAVE_HOME (SQLite) and deletes it afterwards unless --keep.
It reports the median wall time of `people.duplicates.scan` over --runs runs (target: under 10 s at 30,000
people), how many pairs it found, and the time to merge the two people with the most interactions and to
undo that merge. run.py calls `time_scan` too.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import log, reexec_in_venv, temporary_home  # noqa: E402

TARGET_SCAN_S = 10.0




def time_scan(user, runs: int) -> dict:
    """Median wall time of a full scan of the user's people. No warm-up: a user opening the queue pays for
    the first run too."""
    from netweave.people.duplicates import scan

    walls, found = [], []
    for _ in range(runs):
        started = time.perf_counter()
        found = scan(user)
        walls.append(time.perf_counter() - started)
    median = statistics.median(walls)
    return {"name": "duplicates scan", "runs": runs, "median_s": round(median, 2), "max_s": round(max(walls), 2),
            "pairs": len(found), "target_s": TARGET_SCAN_S, "meets_target": median < TARGET_SCAN_S}


def time_merge_and_undo(user) -> dict:
    """Merge the two people with the most interactions, then undo it: the worst case of both."""
    from django.db.models import Count

    from netweave.people.merging import merge_people, undo_merge
    from netweave.people.models import Merge, Person
    from netweave.people.services import new_origin

    kept, removed = (Person.objects.filter(owner=user).annotate(c=Count("participations")).order_by("-c")[:2])
    started = time.perf_counter()
    merge_people(kept, removed, origin=new_origin(user, "merge", "benchmark"))
    merged = time.perf_counter() - started
    started = time.perf_counter()
    undo_merge(Merge.objects.filter(owner=user).latest("pk"))
    undone = time.perf_counter() - started
    return {"name": "merge and undo (busiest two)", "merge_s": round(merged, 2), "undo_s": round(undone, 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="Print the results as JSON on stdout.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary NETWEAVE_HOME and print its path.")
    args = parser.parse_args(argv)

    with temporary_home("netweave-bench-", keep=args.keep) as home:
        from netweave.cli_support import django_ready

        django_ready()
        from django.contrib.auth import get_user_model

        from netweave.demo.generator import build_demo

        user = get_user_model().objects.create_user("demo", password="demo-password")
        log(f"building {args.people:,} people (seed {args.seed}) in {home} ...")
        stats = build_demo(user, people=args.people, seed=args.seed)
        log(f"built in {stats['seconds']:.1f} s; scanning {args.runs} times ...")
        results = {"people": args.people, "seed": args.seed, "scan": time_scan(user, args.runs),
                   "merge": time_merge_and_undo(user)}

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        s, m = results["scan"], results["merge"]
        print(f"duplicates scan of {args.people:,} people: median {s['median_s']:.2f} s of {s['runs']} runs "
              f"(max {s['max_s']:.2f} s), {s['pairs']:,} pairs; target < {TARGET_SCAN_S:.0f} s: "
              f"{'ok' if s['meets_target'] else 'MISSED'}")
        print(f"merge of the two busiest people: {m['merge_s']:.2f} s; undo: {m['undo_s']:.2f} s")
    return 0 if results["scan"]["meets_target"] else 1




if __name__ == "__main__":
    reexec_in_venv()
    sys.exit(main())
