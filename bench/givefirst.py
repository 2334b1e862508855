"""Benchmark give-first matching on a synthetic network: helpers for an ask, asks for a person, the weekly help
list, and introduction suggestions over the whole network.

    python bench/givefirst.py [--people 30000] [--seed 7] [--asks 300] [--offers 2000] [--calls 20] [--json]
                              [--keep] [--home PATH]

Like today.py it builds the demo network (with strengths) in a fresh temporary NETWEAVE_HOME (SQLite) and
deletes it afterwards unless --keep; --home PATH measures an existing home instead (its user "demo"). Then it
adds --asks open asks and --offers open offers, drawn from the demo's own vocabulary (its expertise, roles and
fields), to people chosen at random (offers mostly on something the person is tagged with); in an existing
home it first removes the asks and offers an earlier run added. It reports median and p95 of
`matching.helpers_for` over --calls asks (with interactions found through the search app's index, when it is
installed, and through the bounded scan that stands in for it) and of `matching.asks_for` over --calls people,
of `helping.help_this_week` (5 calls), and of `suggestions.suggest_introductions` (3 calls).
Targets at 30,000 people: one ask matched in < 300 ms; suggestions over the whole network in < 5 s (wall
time, p95). CPU time is shown beside it, and the load average: other work on the machine lengthens wall time.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import demo_parser, demo_user, measure_in_home, log, machine, percentile, reexec_in_venv  # noqa: E402

TARGET_MATCH_MS = 300.0
TARGET_SUGGEST_S = 5.0
LABEL = "bench/givefirst.py"


def ask_text(rng: random.Random, kind: str) -> str:
    from netweave.demo.vocabulary import FIELDS, FUNCTIONS, TOPICS

    function = rng.choice(list(FUNCTIONS.values()))
    role, skill, field = rng.choice(function["roles"]), rng.choice(function["expertise"]), rng.choice(FIELDS)
    return {
        "hire": rng.choice((f"a {role}", f"a senior {role} who knows {skill}", f"{skill} engineers")),
        "cofounder": rng.choice((f"a technical co-founder for a {field.lower()} startup", f"a co-founder with {skill}")),
        "advice": rng.choice((f"advice on {skill}", f"{skill}", rng.choice(TOPICS).removeprefix("the "))),
        "job": rng.choice((f"a {role} role", f"a job in {field}")),
        "funding": rng.choice((f"seed funding for a {field} startup", "angel investors for our pre-seed round",
                               f"a Series A lead who knows {field}")),
        "introduction": f"an introduction to someone in {rng.choice((field, skill))}",
        "other": rng.choice(TOPICS),
    }[kind]


def offer_text(rng: random.Random, kind: str, skill: str) -> str:
    from netweave.demo.vocabulary import FIELDS

    return {
        "expertise": skill,
        "mentoring": f"{skill} for early-career people",
        "introductions": f"people in {rng.choice(FIELDS)}",
        "review": rng.choice((f"your {skill} plans", "pitch decks", "CVs for engineering roles")),
        "other": f"office hours on {skill}",
    }[kind]


def add_needs(user, asks: int, offers: int, seed: int) -> None:
    from netweave.core.models import Origin
    from netweave.demo.vocabulary import FUNCTIONS
    from netweave.givefirst.models import Ask, Offer
    from netweave.people.models import Person

    Ask.objects.filter(owner=user, origin__label=LABEL).delete()
    Offer.objects.filter(owner=user, origin__label=LABEL).delete()
    origin = Origin.objects.create(owner=user, kind="cli", label=LABEL)
    rng = random.Random(f"givefirst-bench:{seed}")
    ids = list(Person.objects.filter(owner=user, archived=False).values_list("id", flat=True))
    skills: dict[int, list[str]] = {}
    for pid, name in Person.tags.through.objects.filter(person__owner=user, tag__kind="expertise").values_list(
            "person_id", "tag__name"):
        skills.setdefault(pid, []).append(name)
    every_skill = sorted({s for f in FUNCTIONS.values() for s in f["expertise"]})
    ask_kinds = (("hire", 25), ("advice", 25), ("funding", 12), ("job", 12), ("cofounder", 8),
                 ("introduction", 12), ("other", 6))
    rows = []
    for i in range(asks):
        kind = rng.choices([k for k, _ in ask_kinds], [w for _, w in ask_kinds])[0]
        person = None if i % 20 == 0 else rng.choice(ids)  # some are mine
        rows.append(Ask(owner=user, person_id=person, kind=kind, topic=ask_text(rng, kind)[:200], origin=origin))
    Ask.objects.bulk_create(rows, batch_size=500)
    offer_kinds = (("expertise", 40), ("mentoring", 20), ("introductions", 15), ("review", 15), ("other", 10))
    rows = []
    for i in range(offers):
        kind = rng.choices([k for k, _ in offer_kinds], [w for _, w in offer_kinds])[0]
        person = None if i % 100 == 0 else rng.choice(ids)
        own = skills.get(person, [])
        skill = rng.choice(own) if own and rng.random() < 0.8 else rng.choice(every_skill)
        rows.append(Offer(owner=user, person_id=person, kind=kind, topic=offer_text(rng, kind, skill)[:200],
                          origin=origin))
    Offer.objects.bulk_create(rows, batch_size=500)


def timed(action) -> tuple[float, float]:
    """(wall, CPU) milliseconds of one call. SQLite runs in this process, so CPU time is the work itself; on a
    machine busy with other work the wall time is longer by however long this process waited for a core."""
    started, cpu = time.perf_counter(), time.process_time()
    action()
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000


def summary(name: str, timings: list[tuple[float, float]], target: float | None) -> dict:
    wall, cpu = [w for w, _ in timings], [c for _, c in timings]
    p95 = percentile(wall, 95)
    return {"name": name, "calls": len(wall), "median_ms": round(statistics.median(wall), 1),
            "p95_ms": round(p95, 1), "max_ms": round(max(wall), 1), "cpu_median_ms": round(statistics.median(cpu), 1),
            "cpu_p95_ms": round(percentile(cpu, 95), 1), "target_ms": target,
            "meets_target": target is None or p95 < target}


def measure(user, calls: int, seed: int) -> list[dict]:
    from netweave.givefirst.helping import help_this_week
    from netweave.givefirst.matching import asks_for, helpers_for
    from netweave.givefirst.models import Ask
    from netweave.givefirst.suggestions import suggest_introductions
    from netweave.people.models import Person

    from netweave.givefirst import talk

    rng = random.Random(seed)
    asks = list(Ask.objects.filter(owner=user, origin__label=LABEL).order_by("id"))
    sample = rng.sample(asks, min(calls, len(asks)))
    for ask in asks[:5]:  # warm-up: imports (the search app reverses URLs, which loads every URLconf), caches
        helpers_for(user, ask)
    results = []
    modes = [("search index", True), ("bounded scan", False)] if talk._search() is not None else [
        ("bounded scan", False)]
    for mode, use_search in modes:
        talk.USE_SEARCH = use_search
        found = []
        timings = [timed(lambda: found.append(helpers_for(user, ask))) for ask in sample]
        results.append(summary(f"matching.helpers_for, {mode} (one ask)", timings, TARGET_MATCH_MS))
        log(f"helpers_for ({mode}): {sum(1 for f in found if f)} of {len(found)} asks had helpers; e.g. "
            f"{sample[0]} → {[(m.display_name, m.evidence[:3]) for m in found[0][:2]]}")
    talk.USE_SEARCH = True
    people = rng.sample(list(Person.objects.filter(owner=user).values_list("id", flat=True)), calls)
    subjects = list(Person.objects.filter(pk__in=people).select_related("current_organisation"))
    results.append(summary("matching.asks_for (one person)",
                           [timed(lambda: asks_for(user, p)) for p in subjects], TARGET_MATCH_MS))
    week = []
    results.append(summary("helping.help_this_week (5 items)",
                           [timed(lambda: week.append(help_this_week(user))) for _ in range(5)], None))
    log(f"help_this_week: {[item.why for item in week[-1]]}")
    made = []
    results.append(summary("suggestions.suggest_introductions (network)",
                           [timed(lambda: made.append(suggest_introductions(user))) for _ in range(3)],
                           TARGET_SUGGEST_S * 1000))
    log(f"suggestions: {len(made[-1])}; best: {[(s.a_name, s.b_name, s.reasons) for s in made[-1][:3]]}")
    return results


def run(args) -> dict:
    user, build, counts = demo_user(args.people, args.seed)
    add_needs(user, args.asks, args.offers, args.seed)
    people, interactions = counts["people"], counts["interactions"]
    log(f"{people:,} people, {interactions:,} interactions, {args.asks} asks, {args.offers} offers; timing ...")
    results = measure(user, args.calls, args.seed)
    # Other work on the machine slows every figure: say how busy it was while measuring.
    return {"machine": machine(), "load_average": [round(x, 2) for x in os.getloadavg()], "people": people,
            "interactions": interactions, "asks": args.asks, "offers": args.offers, "build": build,
            "results": results}


def print_table(results: dict) -> None:
    m = results["machine"]
    print(f"Machine: {m['cpus']} CPUs, {m['memory_gb']} GB memory; Python {m['python']}, SQLite {m['sqlite']}; "
          f"load average {', '.join(map(str, results['load_average']))} (1, 5, 15 min)")
    print(f"Network: {results['people']:,} people, {results['interactions']:,} interactions, "
          f"{results['asks']} asks, {results['offers']} offers")
    header = (f"{'measurement':<52} {'n':>4} {'median':>10} {'p95':>10} {'max':>10} {'CPU p50':>10} {'CPU p95':>10}"
              f"  {'target':<16} result")
    print(header)
    print("-" * len(header))
    for r in results["results"]:
        target = f"p95 < {r['target_ms']:.0f} ms" if r["target_ms"] else ""
        verdict = "ok" if r["meets_target"] else "MISSED"
        print(f"{r['name']:<52} {r['calls']:>4} {r['median_ms']:>8.1f}ms {r['p95_ms']:>8.1f}ms "
              f"{r['max_ms']:>8.1f}ms {r['cpu_median_ms']:>8.1f}ms {r['cpu_p95_ms']:>8.1f}ms  {target:<16} "
              f"{verdict if r['target_ms'] else ''}")


def main(argv: list[str] | None = None) -> int:
    parser = demo_parser(__doc__.splitlines()[0])
    parser.add_argument("--asks", type=int, default=300)
    parser.add_argument("--offers", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args(argv)
    return measure_in_home("netweave-bench-givefirst-", args, run, print_table)


if __name__ == "__main__":
    reexec_in_venv()
    sys.exit(main())
