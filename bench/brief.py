"""Benchmark preparation briefs on a synthetic network: one person's brief, its web page and API, and an event's.

    python bench/brief.py [--people 30000] [--seed 7] [--sample 50] [--json] [--keep] [--home PATH]

Like today.py it builds a demo network in a fresh temporary NETWEAVE_HOME (SQLite) and deletes it afterwards
unless --keep; --home PATH measures an existing home instead (its user "demo"; nothing is written). It briefs
--sample people, a third of them the best connected (most interactions), a sixth the ones with most ties and the
rest drawn at random, and reports p50 and p95 of `coach.brief.gather` in-process, of GET /people/<id>/brief/ and
of GET /api/v1/people/<id>/brief, the most queries one brief took, and the time to brief the demo's largest
upcoming event. Target: a brief in under 300 ms at 30,000 people and about a million interactions.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo_parser, demo_user, measure_in_home, log, machine, percentile, reexec_in_venv  # noqa: E402

TARGET_MS = 300.0


def sample(user, size: int, seed: int) -> list[int]:
    """The best connected people (by interactions, then by ties) and a random rest, without repeats."""
    from django.db.models import Count

    from netweave.interactions.models import Participation
    from netweave.people.models import Person, Tie

    busiest = list(Participation.objects.filter(owner=user).values("person_id").annotate(n=Count("id"))
                   .order_by("-n").values_list("person_id", flat=True)[:size // 3])
    tied: dict[int, int] = {}
    for a, b in Tie.objects.filter(owner=user).values_list("person_a_id", "person_b_id"):
        tied[a] = tied.get(a, 0) + 1
        tied[b] = tied.get(b, 0) + 1
    hubs = sorted(tied, key=lambda pid: -tied[pid])[:size // 6]
    everyone = list(Person.objects.filter(owner=user).values_list("id", flat=True))
    chosen = list(dict.fromkeys(busiest + hubs))
    rng = random.Random(seed)
    while len(chosen) < min(size, len(everyone)):
        pid = rng.choice(everyone)
        if pid not in chosen:
            chosen.append(pid)
    return chosen


def timed(name: str, ids: list[int], work, target: float | None = TARGET_MS) -> dict:
    for pid in ids[:2]:
        work(pid)  # warm the caches once, unmeasured
    timings, statuses = [], {}
    for pid in ids:
        started = time.perf_counter()
        status = work(pid)
        timings.append((time.perf_counter() - started) * 1000)
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    result = {"name": name, "calls": len(ids), "statuses": statuses, "p50_ms": round(percentile(timings, 50), 1),
              "p95_ms": round(percentile(timings, 95), 1), "max_ms": round(max(timings), 1), "target_p95_ms": target}
    result["ok"] = set(statuses) <= {"200", "ok"}
    result["meets_target"] = result["ok"] and (target is None or result["p95_ms"] < target)
    return result


def measure(user, ids: list[int]) -> tuple[list[dict], int]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from netweave.coach.brief import gather, person_for_brief

    most_queries = 0

    def brief(pid: int) -> str:
        nonlocal most_queries
        with CaptureQueriesContext(connection) as ctx:
            found = gather(user, person_for_brief(user, pid))
        most_queries = max(most_queries, len(ctx.captured_queries))
        return "ok" if 3 <= len(found.questions) <= 5 else "too few questions"

    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    client.force_login(user)
    results = [
        timed("coach.brief.gather (in-process)", ids, brief),
        timed("GET /people/<id>/brief/", ids, lambda pid: client.get(f"/people/{pid}/brief/").status_code),
        timed("GET /api/v1/people/<id>/brief", ids, lambda pid: client.get(f"/api/v1/people/{pid}/brief").status_code),
    ]
    return results, most_queries


def event_timing(user) -> dict | None:
    """The demo's largest upcoming event, briefed whole (everyone there, up to the page's limit)."""
    from django.db.models import Count

    from netweave.coach.occasions import event_brief
    from netweave.core import clock
    from netweave.interactions.models import Interaction

    event = (Interaction.objects.filter(owner=user, kind="event", occurred_at__gt=clock.now())
             .annotate(n=Count("participations")).order_by("-n").first())
    if event is None:
        return None
    started = time.perf_counter()
    found = event_brief(user, text=event.summary)
    seconds = time.perf_counter() - started
    return {"name": f"event brief: {found.name} ({len(found.briefs)} people)", "calls": 1, "statuses": {"ok": 1},
            "p50_ms": round(seconds * 1000, 1), "p95_ms": round(seconds * 1000, 1), "max_ms": round(seconds * 1000, 1),
            "target_p95_ms": None, "ok": True, "meets_target": True}


def main(argv: list[str] | None = None) -> int:
    parser = demo_parser(__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=50, help="How many people to brief.")
    args = parser.parse_args(argv)

    return measure_in_home("netweave-bench-brief-", args, run, print_table)


def run(args) -> dict:
    user, build, counts = demo_user(args.people, args.seed)
    people, interactions = counts["people"], counts["interactions"]
    ids = sample(user, args.sample, args.seed)
    log(f"{people:,} people, {interactions:,} interactions; briefing {len(ids)} people ...")
    results, most_queries = measure(user, ids)
    event = event_timing(user)
    if event:
        results.append(event)
    return {"machine": machine(), "people": people, "interactions": interactions, "build": build,
            "most_queries_per_brief": most_queries, "results": results}


def print_table(results: dict) -> None:
    m = results["machine"]
    print(f"Machine: {m['cpus']} CPUs, {m['memory_gb']} GB memory; Python {m['python']}, SQLite {m['sqlite']}")
    print(f"Network: {results['people']:,} people, {results['interactions']:,} interactions; "
          f"at most {results['most_queries_per_brief']} queries per brief")
    header = f"{'measurement':<52} {'n':>5} {'p50':>9} {'p95':>9} {'max':>9}  {'target':<14} result"
    print(header)
    print("-" * len(header))
    for r in results["results"]:
        target = f"p95 < {r['target_p95_ms']:.0f} ms" if r["target_p95_ms"] else ""
        verdict = ("ok" if r["meets_target"] else "MISSED") if r["ok"] else f"FAILED {r['statuses']}"
        print(f"{r['name'][:52]:<52} {r['calls']:>5} {r['p50_ms']:>7.1f}ms {r['p95_ms']:>7.1f}ms "
              f"{r['max_ms']:>7.1f}ms  {target:<14} {verdict}")


if __name__ == "__main__":
    reexec_in_venv()
    sys.exit(main())
