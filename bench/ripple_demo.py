"""Benchmark the ripple on a synthetic network: building the graph from the database, keeping it current, and
warm-path queries.

    python bench/ripple_demo.py [--people 30000] [--seed 7] [--calls 50] [--json] [--keep] [--home PATH]

Like today.py it builds a demo network in a fresh temporary NETWEAVE_HOME (SQLite) and deletes it afterwards
unless --keep; --home PATH measures an existing home instead (its user "demo"; each refresh measurement logs a
real interaction, so use a home you can spare). It reports:
- the full build (every layer read with aggregate queries, then assembled into the Snapshot): seconds, people,
  ties, snapshot size;
- a new process starting from the copy on disk (NETWEAVE_HOME/ripple);
- the change-stamp check every request pays when nothing changed;
- the incremental refresh after logging one interaction between two people (and after adding one tie);
- warm paths to a person (best 3, in-process and GET /api/v1/paths), to an organisation and to a tag;
- the insights (brokers) once, cold, and the ego network a graph view would draw.
No targets are asserted; the figures go in the issue's closing note. Besides wall time it reports the CPU time
this process used (p50), which a machine shared with other work inflates much less.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo_parser, demo_user, measure_in_home, log, machine, percentile, reexec_in_venv  # noqa: E402


def timed(name: str, calls: int, work, warmup: int = 2) -> dict:
    """p50/p95/max of work(i) over `calls` calls after a few unmeasured ones; work returns a status."""
    for i in range(warmup):
        work(-1 - i)
    timings, cpu, statuses = [], [], {}
    for i in range(calls):
        started, used = time.perf_counter(), time.process_time()
        status = work(i)
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - used) * 1000)
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {"name": name, "calls": calls, "statuses": statuses, "p50_ms": round(percentile(timings, 50), 1),
            "p95_ms": round(percentile(timings, 95), 1), "max_ms": round(max(timings), 1),
            "cpu_p50_ms": round(percentile(cpu, 50), 1)}


def once(name: str, work) -> dict:
    started, used = time.perf_counter(), time.process_time()
    detail = work()
    return {"name": name, "seconds": round(time.perf_counter() - started, 3),
            "cpu_seconds": round(time.process_time() - used, 3), "detail": detail}


def measure(user, calls: int, seed: int) -> dict:
    from datetime import timedelta

    from django.test import Client

    from netweave.core import clock
    from netweave.interactions.services import log_interaction
    from netweave.people.models import Organisation, Person, Tag
    from netweave.people.services import link_people
    from netweave.ripple import cache, insights, queries, services

    rng = random.Random(seed)
    ids = list(Person.objects.filter(owner=user, archived=False).order_by("id").values_list("id", flat=True))
    targets = Person.objects.in_bulk(rng.sample(ids, min(len(ids), calls + 4)))
    order = list(targets)

    results: dict = {"once": [], "timed": []}
    cache.forget()
    build = once("full build (read every layer, assemble)", lambda: cache.build(user) and None)
    build["detail"] = dict(cache.last_refresh[user.pk])
    net = cache.network(user)
    build["detail"]["snapshot_mib"] = round(net.snapshot.nbytes / 2**20, 1)
    results["once"].append(build)

    def from_disk():
        cache.forget()
        cache.network(user)
        return dict(cache.last_refresh[user.pk])

    results["once"].append(once("new process: load from disk and assemble", from_disk))
    results["timed"].append(timed("change-stamp check (nothing changed)", calls,
                                  lambda i: cache.read_stamp(user.pk) and "ok"))
    results["timed"].append(timed("cache.network() when nothing changed", calls,
                                  lambda i: cache.network(user) and "ok"))

    refreshes = []

    def log_one(i):
        a, b = targets[order[i % len(order)]], targets[order[(i + 1) % len(order)]]
        log_interaction(user, kind="meeting", occurred_at=clock.now() - timedelta(minutes=5), participants=[a, b],
                        summary="Bench coffee", source="bench")
        started, used = time.perf_counter(), time.process_time()
        cache.network(user)  # the stamp check, the re-read of what changed, the assembly (and now and then a save)
        refreshes.append(dict(cache.last_refresh[user.pk]))
        return time.perf_counter() - started, time.process_time() - used

    spent = [log_one(i) for i in range(min(20, calls))]
    timings, cpu = [w * 1000 for w, _ in spent], [c * 1000 for _, c in spent]
    results["timed"].append({"name": "refresh after logging one interaction", "calls": len(timings),
                             "statuses": {"ok": len(timings)}, "p50_ms": round(percentile(timings, 50), 1),
                             "p95_ms": round(percentile(timings, 95), 1), "max_ms": round(max(timings), 1),
                             "cpu_p50_ms": round(percentile(cpu, 50), 1), "detail": refreshes[-1]})
    a, b = targets[order[-1]], targets[order[-2]]
    link_people(user, a, b, "friend", evidence="bench")
    results["once"].append(once("refresh after adding one tie", lambda: cache.network(user) and None))
    results["once"][-1]["detail"] = dict(cache.last_refresh[user.pk])

    results["timed"].append(timed("warm paths to a person, best 3 (in-process)", calls,
                                  lambda i: services.warm_paths(user, person=targets[order[i % len(order)]])
                                  and "ok"))
    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    client.force_login(user)
    results["timed"].append(timed("GET /api/v1/paths?to=ID", calls,
                                  lambda i: client.get(f"/api/v1/paths?to={order[i % len(order)]}").status_code))
    busy = list(Organisation.objects.filter(owner=user, current_people__archived=False).order_by("id")
                .values_list("id", flat=True).distinct()[:200])
    orgs = Organisation.objects.in_bulk(busy)
    results["timed"].append(timed("warm paths to an organisation, best 3", min(calls, len(busy)),
                                  lambda i: services.warm_paths(user, organisation=orgs[busy[i % len(busy)]])
                                  and "ok"))
    tags = list(Tag.objects.filter(owner=user).order_by("id")[:20])
    results["timed"].append(timed("warm paths to a tag, best 3", min(calls, 20),
                                  lambda i: services.warm_paths(user, tag=tags[i % len(tags)]) and "ok"))
    results["timed"].append(timed("best path as node ids (graph highlight)", calls,
                                  lambda i: queries.path_nodes(user, order[i % len(order)]) and "ok"))
    insights._results.clear()
    results["once"].append(once("brokers, cold (2,000 most connected)", lambda: len(insights.brokers(user)["items"])))
    results["once"].append(once("who should meet, warm", lambda: len(insights.who_should_meet(user)["items"])))
    results["once"].append(once("ego network, 5,000 nodes", lambda: len(queries.ego_network(user)["edges"])))
    return results


def run(args) -> dict:
    user, build, counts = demo_user(args.people, args.seed)
    people, interactions = counts["people"], counts["interactions"]
    log(f"{people:,} people, {interactions:,} interactions; timing ...")
    return {"machine": machine(), "people": people, "interactions": interactions, "demo_build": build,
            **measure(user, args.calls, args.seed)}


def print_table(results: dict) -> None:
    m = results["machine"]
    print(f"Machine: {m['cpus']} CPUs, {m['memory_gb']} GB memory; Python {m['python']}, SQLite {m['sqlite']}")
    print(f"Network: {results['people']:,} people, {results['interactions']:,} interactions")
    for r in results["once"]:
        detail = r["detail"] if isinstance(r["detail"], dict) else {"result": r["detail"]}
        extra = ", ".join(f"{k}={v}" for k, v in detail.items())
        print(f"{r['name']:<48} {r['seconds']:>8.3f} s (cpu {r['cpu_seconds']:.3f} s)   {extra}")
    header = f"{'measurement':<48} {'n':>5} {'p50':>9} {'p95':>9} {'max':>9} {'cpu p50':>9}"
    print(header)
    print("-" * len(header))
    for r in results["timed"]:
        failed = "" if set(r["statuses"]) <= {"ok", "200"} else f"  FAILED {r['statuses']}"
        print(f"{r['name']:<48} {r['calls']:>5} {r['p50_ms']:>7.1f}ms {r['p95_ms']:>7.1f}ms {r['max_ms']:>7.1f}ms"
              f" {r['cpu_p50_ms']:>7.1f}ms{failed}")


def main(argv: list[str] | None = None) -> int:
    parser = demo_parser(__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=50)
    args = parser.parse_args(argv)
    return measure_in_home("netweave-bench-ripple-", args, run, print_table)


if __name__ == "__main__":
    reexec_in_venv()
    sys.exit(main())
