"""Benchmark the "reach out today" list on a synthetic network: the query, the home page, the API, losing touch.

    python bench/today.py [--people 30000] [--seed 7] [--calls 100] [--json] [--keep] [--home PATH]

Like run.py it builds a demo network in a fresh temporary NETWEAVE_HOME (SQLite) and deletes it afterwards
unless --keep; --home PATH measures an existing home instead (its user "demo"; 20 of its people are marked
done, so use a home you can spare). It reports p50 and p95 of
`nurture.today.due_list` called --calls times in-process, of the home page (which is the today list) and of
GET /api/v1/today through Django's test client, and of the losing-touch page. Target: p95 < 200 ms for the
list and the home page at 30,000 people and about a million interactions.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo_parser, demo_user, measure_in_home, log, machine, percentile, reexec_in_venv  # noqa: E402

TARGET_MS = 200.0




def timed(name: str, calls: int, work, target: float | None = TARGET_MS, warmup: int = 2) -> dict:
    """p50/p95/max of `work()` over `calls` calls, after a couple of unmeasured ones; work returns a status."""

    for _ in range(warmup):
        work()
    timings, statuses = [], {}
    for _ in range(calls):
        started = time.perf_counter()
        status = work()
        timings.append((time.perf_counter() - started) * 1000)
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    result = {"name": name, "calls": calls, "statuses": statuses, "p50_ms": round(percentile(timings, 50), 1),
              "p95_ms": round(percentile(timings, 95), 1), "max_ms": round(max(timings), 1), "target_p95_ms": target}
    result["ok"] = set(statuses) <= {"200", "ok"}
    result["meets_target"] = result["ok"] and (target is None or result["p95_ms"] < target)
    return result


def measure(user, calls: int) -> list[dict]:
    from django.test import Client

    from netweave.nurture.today import due_list

    listing = due_list(user)
    log(f"{listing.due_count:,} people due; the list shows {len(listing.items)}")
    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    client.force_login(user)
    results = [
        timed("nurture.today.due_list (in-process)", calls, lambda: due_list(user) and "ok"),
        timed("GET / (home page: the today list)", calls, lambda: client.get("/").status_code),
        timed("GET /api/v1/today", calls, lambda: client.get("/api/v1/today").status_code),
        timed("nurture.today.due_list, 50 shown", calls, lambda: due_list(user, limit=50) and "ok"),
        timed("GET /nurture/losing-touch/", max(10, calls // 5), lambda: client.get("/nurture/losing-touch/")
              .status_code, target=None),
    ]
    return results


def mark_done_timing(user, runs: int = 20) -> dict:
    """Marking a check-in done logs an interaction (and refreshes the person's last contact and strength)."""
    from netweave.nurture import services
    from netweave.nurture.today import due_list
    from netweave.people.models import Person

    ids = [item.person_id for item in due_list(user, limit=runs).items]
    people = Person.objects.in_bulk(ids)

    remaining = iter(ids)  # each call marks the next person done: a second "done" for one is not the case timed

    def work():
        services.mark_done(people[next(remaining)], source="bench")
        return "ok"

    return timed("nurture.services.mark_done", len(ids) - 2, work, target=None)


def main(argv: list[str] | None = None) -> int:
    parser = demo_parser(__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100)
    args = parser.parse_args(argv)

    return measure_in_home("netweave-bench-today-", args, run, print_table)


def run(args) -> dict:
    user, build, counts = demo_user(args.people, args.seed)
    people, interactions = counts["people"], counts["interactions"]
    log(f"{people:,} people, {interactions:,} interactions; timing ...")
    pages = measure(user, args.calls)
    pages.append(mark_done_timing(user))
    return {"machine": machine(), "people": people, "interactions": interactions, "build": build, "results": pages}


def print_table(results: dict) -> None:
    m = results["machine"]
    print(f"Machine: {m['cpus']} CPUs, {m['memory_gb']} GB memory; Python {m['python']}, SQLite {m['sqlite']}")
    print(f"Network: {results['people']:,} people, {results['interactions']:,} interactions")
    header = f"{'measurement':<40} {'n':>5} {'p50':>9} {'p95':>9} {'max':>9}  {'target':<14} result"
    print(header)
    print("-" * len(header))
    for r in results["results"]:
        target = f"p95 < {r['target_p95_ms']:.0f} ms" if r["target_p95_ms"] else ""
        verdict = ("ok" if r["meets_target"] else "MISSED") if r["ok"] else f"FAILED {r['statuses']}"
        print(f"{r['name']:<40} {r['calls']:>5} {r['p50_ms']:>7.1f}ms {r['p95_ms']:>7.1f}ms {r['max_ms']:>7.1f}ms  "
              f"{target:<14} {verdict}")




if __name__ == "__main__":
    reexec_in_venv()
    sys.exit(main())
