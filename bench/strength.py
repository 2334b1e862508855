"""Benchmark tie strengths on a synthetic network: recomputing every strength, and one new interaction.

    python bench/strength.py [--people 30000] [--seed 7] [--runs 3] [--singles 30] [--json] [--keep]
    python bench/strength.py --tune EVENTS [--check EVENTS ...] [--horizon-days 30] [--cutoffs 5]

Like run.py it builds the demo network (without strengths) in a fresh temporary NETWEAVE_HOME (SQLite) and
deletes it afterwards unless --keep. It times:
- the first `recompute_all` (every Strength row created), then --runs nightly recomputes, each a day later
  than the last so scores move and a point a day is written (target: under 30 s);
- --singles calls of `log_interaction` with 1 to 3 participants, drawn from everyone and from the busiest
  people, each timed whole and for `refresh_strengths` of its participants alone (target: under 50 ms);
- the person page of the busiest people, which shows the strength and its chart (run.py's target: 100 ms).
Times are medians (p95 beside them for the many small ones).

--tune chooses the model's weights with the lab instead (no database): on one SNAP temporal file (see
demo_events.py) it tries each weight over a range with the others fixed, keeps the value with the best mean
AUC, and goes round twice; then it scores the chosen weights and the current ones on the --check files, which
the choice never saw.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SRC, log, temporary_home  # noqa: E402

TARGET_ALL_S = 30.0
TARGET_ONE_MS = 50.0




def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def singles(user, people: list[int], count: int, rng: random.Random) -> dict:
    """Log `count` interactions with 1-3 of `people` each: the whole call, and the strength refresh alone."""
    from netweave.core import clock
    from netweave.interactions.services import log_interaction
    from netweave.nurture.strengths import refresh_strengths
    from netweave.people.models import Person

    whole, alone = [], []
    for i in range(count):
        group = list(Person.objects.filter(pk__in=rng.sample(people, rng.randint(1, 3))))
        when = clock.now() - timedelta(hours=rng.randint(1, 72))
        whole.append(timed(lambda: log_interaction(user, kind=rng.choice(["meeting", "call", "email"]),
                                                   occurred_at=when, participants=group,
                                                   summary=f"Benchmark {i}", initiated_by="me")))
        alone.append(timed(lambda: refresh_strengths(user, [p.pk for p in group])))
    return {"count": count, "log_interaction_median_ms": _ms(statistics.median(whole)),
            "log_interaction_p95_ms": _ms(_p95(whole)),
            "strength_refresh_median_ms": _ms(statistics.median(alone)), "strength_refresh_p95_ms": _ms(_p95(alone)),
            "meets_target": statistics.median(whole) * 1000 < TARGET_ONE_MS}


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def run(args, home: str) -> dict:
    from netweave.cli_support import django_ready

    django_ready()
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.test import Client

    from netweave.core import clock
    from netweave.demo.generator import build_demo
    from netweave.nurture.models import Strength, StrengthPoint
    from netweave.nurture.strengths import recompute_all
    from netweave.people.models import Person
    from run import machine, time_requests

    user = get_user_model().objects.create_user("demo", password="demo-password")
    log(f"building {args.people:,} people (seed {args.seed}) in {home} ...")
    stats = build_demo(user, people=args.people, seed=args.seed, strengths=False)
    log(f"built in {stats['seconds']:.1f} s: {stats['interactions']:,} interactions, "
        f"{stats['participations']:,} participations")

    first = timed(lambda: recompute_all(user))
    log(f"first recompute (creating {Strength.objects.filter(owner=user).count():,} rows): {first:.1f} s")
    nightly = []
    for day in range(1, args.runs + 1):
        points = StrengthPoint.objects.filter(owner=user).count()
        nightly.append(timed(lambda: recompute_all(user, now=clock.now() + timedelta(days=day))))
        log(f"recompute a day later: {nightly[-1]:.1f} s, "
            f"{StrengthPoint.objects.filter(owner=user).count() - points:,} points written")
    ranked = Strength.objects.filter(owner=user).order_by("-score").values_list("score", flat=True)
    total = ranked.count()
    spread = {f"p{q}": ranked[int(total * (100 - q) / 100)] for q in (99, 90, 50, 10)}

    rng = random.Random(args.seed)
    ids = list(Person.objects.filter(owner=user).values_list("id", flat=True))
    busiest = list(Person.objects.filter(owner=user).annotate(c=Count("participations")).order_by("-c")
                   .values_list("id", flat=True)[:20])
    log(f"logging {args.singles} interactions with random people, then with the busiest ...")
    random_people = singles(user, ids, args.singles, rng)
    busy_people = singles(user, busiest, args.singles, rng)

    import logging

    logging.getLogger("django.request").setLevel(logging.ERROR)
    client = Client(raise_request_exception=False, HTTP_HOST="127.0.0.1")
    client.force_login(user)
    page = time_requests(client, "GET /people/<id>/ (busiest 20, with strength)", "person",
                         [f"/people/{busiest[i % len(busiest)]}/" for i in range(args.requests)])
    return {
        "machine": machine(), "people": args.people, "seed": args.seed, "build": stats,
        "recompute_all": {"first_s": round(first, 2), "runs": args.runs,
                          "median_s": round(statistics.median(nightly), 2), "max_s": round(max(nightly), 2),
                          "target_s": TARGET_ALL_S, "meets_target": statistics.median(nightly) < TARGET_ALL_S},
        "scores": spread,
        "one_interaction": {"random_people": random_people, "busiest_people": busy_people,
                            "target_ms": TARGET_ONE_MS},
        "person_page": page,
    }


GRID = {
    "recency_share": [0.0, 0.25, 0.5, 0.65, 0.8, 1.0],
    "frequency_half": [0.25, 0.5, 1.0, 2.0, 4.0, 8.0],
    "depth_weight": [0.0, 0.15, 0.3, 0.5],
    "balance_weight": [0.0, 0.1, 0.2],
    "known_weight": [0.0, 0.1, 0.2],
    "half_life_days": [30.0, 60.0, 90.0, 180.0, 365.0],
}


def tune(args) -> dict:
    from dataclasses import asdict, replace

    from netweave.nurture.lab import Ties, evaluate, read_events
    from netweave.nurture.strength import MODEL

    def figures(ties, model) -> dict:
        return evaluate(ties, horizon_days=args.horizon_days, cutoffs=args.cutoffs, min_history=args.min_history,
                        model=model)

    ties = Ties(read_events(Path(args.tune)))
    best = MODEL
    best_auc = figures(ties, best)["auc"]["strength"]
    tried = [{"model": asdict(best), "auc": best_auc}]
    log(f"current weights: {best_auc}")
    for _ in range(2):
        for name, values in GRID.items():
            for value in values:
                if getattr(best, name) == value:
                    continue
                model = replace(best, **{name: value})
                auc = figures(ties, model)["auc"]["strength"]
                tried.append({"model": asdict(model), "auc": auc})
                log(f"  {name}={value}: {auc}")
                if auc is not None and auc > best_auc + 0.0005:  # a gain smaller than this is noise, not a reason
                    best, best_auc = model, auc
            log(f"{name} -> {getattr(best, name)} ({best_auc})")
    checks = {}
    for path in args.check:
        held = Ties(read_events(Path(path)))
        checks[path] = {"chosen": figures(held, best), "current": figures(held, MODEL)}
        log(f"{path}: chosen {checks[path]['chosen']['auc']}, current {checks[path]['current']['auc']}")
    return {"tuned_on": args.tune, "chosen": asdict(best), "auc": best_auc, "current": asdict(MODEL),
            "tried": tried, "checks": checks}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="Nightly recomputes to time.")
    parser.add_argument("--singles", type=int, default=30, help="Interactions to log per group of people.")
    parser.add_argument("--requests", type=int, default=40, help="Person pages to request.")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary NETWEAVE_HOME and print its path.")
    parser.add_argument("--tune", help="Choose the weights with the lab on this SNAP temporal file instead.")
    parser.add_argument("--check", nargs="*", default=[], help="With --tune: files to score the choice on.")
    parser.add_argument("--horizon-days", type=float, default=30)
    parser.add_argument("--cutoffs", type=int, default=5)
    parser.add_argument("--min-history", type=int, default=5)
    args = parser.parse_args(argv)
    if args.tune:
        sys.path.insert(0, str(SRC))
        print(json.dumps(tune(args), indent=2))
        return 0

    with temporary_home("netweave-bench-strength-", keep=args.keep) as home:
        results = run(args, home)
    if args.json:
        print(json.dumps(results, indent=2, default=str))
    else:
        every, one = results["recompute_all"], results["one_interaction"]
        print(f"machine: {results['machine']}")
        print(f"recompute every strength ({args.people:,} people): first {every['first_s']} s, then median "
              f"{every['median_s']} s of {every['runs']} (target {TARGET_ALL_S:g} s)")
        for name in ("random_people", "busiest_people"):
            r = one[name]
            print(f"one interaction, {name.replace('_', ' ')}: log_interaction median {r['log_interaction_median_ms']} "
                  f"ms (p95 {r['log_interaction_p95_ms']}), strength refresh alone {r['strength_refresh_median_ms']} "
                  f"ms (target {TARGET_ONE_MS:g} ms)")
        page = results["person_page"]
        print(f"person page, busiest: p50 {page['p50_ms']} ms, p95 {page['p95_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
