"""Benchmark netweave on a synthetic network: build time, web page latency, and the CLI's people list.

    python bench/run.py [--people 30000] [--seed 7] [--requests 100] [--json] [--out results.json]

It works in a fresh temporary NETWEAVE_HOME (SQLite), so it never touches your data. Web pages are timed
in-process with Django's test client (middleware, views, ORM and templates; no HTTP server or network).
A page that answers with an error is reported with its status code instead of a time; nothing crashes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import log, machine, percentile, reexec_in_venv, temporary_home  # noqa: E402

TARGETS_MS = {"list": 150, "search": 150, "person": 100}
TARGET_CLI_S = 2.0
TARGET_BUILD_S = 180.0








def time_requests(client, name: str, group: str, paths: list[str], warmup: int = 2) -> dict:
    """GET each path (cycling), after a couple of unmeasured warm-up requests."""
    timings, statuses, errors = [], {}, []
    for path in paths[:warmup]:
        try:
            client.get(path)
        except Exception:  # noqa: BLE001 - reported below, on the measured requests
            pass
    for path in paths:
        started = time.perf_counter()
        try:
            response = client.get(path)
            status = response.status_code
        except Exception as exc:  # noqa: BLE001 - a broken page is a result, not a crash
            status = type(exc).__name__
            if len(errors) < 3:
                errors.append(f"{path}: {exc!r}"[:300])
        elapsed = (time.perf_counter() - started) * 1000
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        if status == 200:
            timings.append(elapsed)
        elif len(errors) < 3 and f"{path}: status {status}" not in errors:
            errors.append(f"{path}: status {status}")
    ok = len(timings) == len(paths)
    result = {
        "name": name, "group": group, "requests": len(paths), "statuses": statuses, "ok": ok,
        "p50_ms": round(percentile(timings, 50), 1) if timings else None,
        "p95_ms": round(percentile(timings, 95), 1) if timings else None,
        "max_ms": round(max(timings), 1) if timings else None,
        "target_p95_ms": TARGETS_MS[group],
    }
    result["meets_target"] = ok and result["p95_ms"] is not None and result["p95_ms"] < TARGETS_MS[group]
    if errors:
        result["errors"] = errors
    return result


def netweave_command() -> list[str]:
    script = Path(sys.executable).parent / "netweave"
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from netweave.cli import main; main()"]


def time_cli(home: str, runs: int, expected: int) -> dict:
    command = netweave_command() + ["people", "list", "--json", "--user", "demo"]
    env = {**os.environ, "NETWEAVE_HOME": home}
    walls, problems, rows = [], [], None
    for _ in range(runs):
        started = time.perf_counter()
        try:
            done = subprocess.run(command, env=env, capture_output=True, timeout=300)
        except (OSError, subprocess.TimeoutExpired) as exc:
            problems.append(repr(exc)[:300])
            continue
        wall = time.perf_counter() - started
        if done.returncode != 0:
            problems.append(f"exit {done.returncode}: {done.stderr.decode(errors='replace')[-300:]}")
            continue
        try:
            rows = len(json.loads(done.stdout))
        except ValueError:
            problems.append("output is not JSON: " + done.stdout[:200].decode(errors="replace"))
            continue
        walls.append(wall)
    result = {
        "name": "netweave people list --json", "runs": runs, "ok": len(walls) == runs,
        "median_s": round(statistics.median(walls), 2) if walls else None,
        "max_s": round(max(walls), 2) if walls else None, "rows": rows, "expected_rows": expected,
        "target_s": TARGET_CLI_S,
    }
    result["meets_target"] = result["ok"] and result["median_s"] < TARGET_CLI_S
    if problems:
        result["errors"] = problems[:3]
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--requests", type=int, default=100, help="Requests per page scenario.")
    parser.add_argument("--cli-runs", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="Print the results as JSON on stdout.")
    parser.add_argument("--out", help="Also write the JSON results to this file.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary NETWEAVE_HOME and print its path.")
    parser.add_argument("--strict", action="store_true", help="Exit with status 1 when a target is missed.")
    args = parser.parse_args(argv)

    with temporary_home("netweave-bench-", keep=args.keep) as home:
        results = run(args, home)

    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=2))
    missed = [r for r in results["pages"] + [results["cli"], results["build"], results["duplicates"]]
              if not r.get("meets_target")]
    return 1 if args.strict and missed else 0


def run(args, home: str) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    from netweave.cli_support import django_ready

    started = time.perf_counter()
    django_ready()
    migrate_s = time.perf_counter() - started
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client

    from netweave.demo.generator import build_demo
    from netweave.people.models import Organisation, Person, Tag

    user = get_user_model().objects.create_user("demo", password="demo-password")
    log(f"building {args.people:,} people (seed {args.seed}) in {home} ...")
    last = [0.0]

    def progress(stage: str, fraction: float) -> None:
        if fraction - last[0] >= 0.1 or fraction >= 1:
            last[0] = fraction
            log(f"  {stage} {fraction:.0%}")

    stats = build_demo(user, people=args.people, seed=args.seed, progress=progress)
    build = {"name": "demo build", "seconds": stats["seconds"], "target_s": TARGET_BUILD_S,
             "meets_target": stats["seconds"] < TARGET_BUILD_S, "stats": stats}
    log(f"built in {stats['seconds']:.1f} s: {stats['interactions']:,} interactions")

    rng = random.Random(args.seed)
    n = args.requests
    people = Person.objects.filter(owner=user)
    ids = list(people.values_list("id", flat=True))
    families = [f for f, _ in people.exclude(family_name="").values_list("family_name")
                .annotate(c=Count("id")).order_by("-c", "family_name")[:10]]
    givens = sorted({g[:4] for g in people.values_list("given_name", flat=True) if len(g) >= 4})
    names = list(people.filter(id__in=rng.sample(ids, min(5, len(ids)))).values_list("display_name", flat=True))
    orgs = list(Organisation.objects.filter(owner=user).annotate(c=Count("current_people"))
                .order_by("-c").values_list("name", flat=True)[:3])
    cities = [loc.split(",")[0] for loc in people.exclude(location="").values_list("location", flat=True)[:3]]
    queries = families + rng.sample(givens, min(8, len(givens))) + names + orgs + cities + ["jose", "zzqx"]
    tags = [t for t in Tag.objects.filter(owner=user).annotate(c=Count("people")).order_by("-c")
            .values_list("name", flat=True)[:10]]
    busiest = list(people.annotate(c=Count("participations")).order_by("-c").values_list("id", flat=True)[:5])
    deep = max(2, args.people // 100)

    from urllib.parse import quote

    import logging

    logging.getLogger("django.request").setLevel(logging.ERROR)  # a 404 is in the table; keep 500 tracebacks
    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    client.force_login(user)
    scenarios = [
        ("GET /people/", "list", ["/people/"] * n),
        (f"GET /people/?page={deep}", "list", [f"/people/?page={deep}"] * n),
        ("GET /people/?q=... (varied)", "search", [f"/people/?q={quote(queries[i % len(queries)])}" for i in range(n)]),
        ("GET /people/?circle=close", "list", ["/people/?circle=close"] * n),
        ("GET /people/?tag=... (top tags)", "list", [f"/people/?tag={quote(tags[i % len(tags)])}" for i in range(n)]),
        ("GET /people/<id>/ (random)", "person", [f"/people/{rng.choice(ids)}/" for _ in range(n)]),
        ("GET /people/<id>/ (busiest 5)", "person", [f"/people/{busiest[i % len(busiest)]}/" for i in range(n)]),
    ]
    pages = []
    for name, group, paths in scenarios:
        log(f"timing {name} x{len(paths)} ...")
        pages.append(time_requests(client, name, group, paths))
    log("timing the duplicates scan x3 ...")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from duplicates import time_scan

    duplicates = time_scan(user, runs=3)
    log(f"timing netweave people list --json x{args.cli_runs} ...")
    from django.db import connections

    connections.close_all()
    cli = time_cli(home, args.cli_runs, args.people)
    return {
        "machine": machine(), "people": args.people, "seed": args.seed, "requests": n,
        "migrate_s": round(migrate_s, 2), "build": build, "pages": pages, "cli": cli, "duplicates": duplicates,
        "queries": queries, "tags": tags, "deep_page": deep,
    }


def print_table(results: dict) -> None:
    m = results["machine"]
    print(f"Machine: {m['cpus']} CPUs, {m['memory_gb']} GB memory; Python {m['python']}, SQLite {m['sqlite']}")
    b = results["build"]
    s = b["stats"]
    print(f"Demo: {s['people']:,} people, {s['organisations']:,} organisations, {s['interactions']:,} interactions, "
          f"{s['participations']:,} participations, {s['ties']:,} ties (seed {results['seed']})")
    print()
    header = f"{'measurement':<36} {'n':>5} {'p50':>9} {'p95':>9} {'max':>9}  {'target':<12} result"
    print(header)
    print("-" * len(header))
    print(f"{'demo build':<36} {1:>5} {b['seconds']:>8.1f}s {'':>9} {'':>9}  {'< 180 s':<12} "
          f"{'ok' if b['meets_target'] else 'MISSED'}")
    for r in results["pages"]:
        if r["p50_ms"] is None:
            cells = f"{'-':>9} {'-':>9} {'-':>9}"
        else:
            cells = f"{r['p50_ms']:>7.1f}ms {r['p95_ms']:>7.1f}ms {r['max_ms']:>7.1f}ms"
        if not r["ok"]:
            verdict = "FAILED " + ", ".join(f"{k}x{v}" for k, v in sorted(r["statuses"].items()) if k != "200")
        else:
            verdict = "ok" if r["meets_target"] else "MISSED"
        print(f"{r['name']:<36} {r['requests']:>5} {cells}  {'p95 < ' + str(r['target_p95_ms']) + ' ms':<12} {verdict}")
    c = results["cli"]
    if c["median_s"] is None:
        cells = f"{'-':>9} {'-':>9} {'-':>9}"
    else:
        cells = f"{c['median_s']:>8.2f}s {'':>9} {c['max_s']:>8.2f}s"
    verdict = ("ok" if c["meets_target"] else "MISSED") if c["ok"] else "FAILED"
    if c["ok"] and c["rows"] != c["expected_rows"]:
        verdict += f" ({c['rows']:,} rows, expected {c['expected_rows']:,})"
    print(f"{c['name']:<36} {c['runs']:>5} {cells}  {'< 2 s':<12} {verdict}")
    d = results["duplicates"]
    label = f"duplicates scan ({d['pairs']:,} pairs)"
    print(f"{label:<36} {d['runs']:>5} {d['median_s']:>8.2f}s {'':>9} {d['max_s']:>8.2f}s  {'< 10 s':<12} "
          f"{'ok' if d['meets_target'] else 'MISSED'}")
    for r in results["pages"] + [c]:
        for error in r.get("errors", []):
            print(f"  {r['name']}: {error}")




if __name__ == "__main__":
    reexec_in_venv()
    sys.exit(main())
