"""What every benchmark script shares: logging, the machine's size, percentiles, running in the checkout's
virtualenv, and a temporary NETWEAVE_HOME that never touches your data."""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SRC = BENCH.parent / "src"


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def machine() -> dict:
    memory_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count()
    import sqlite3

    return {"cpus": cpus, "memory_gb": memory_gb, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "platform": platform.platform()}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


@contextlib.contextmanager
def temporary_home(prefix: str, *, keep: bool = False, existing: str | None = None) -> Iterator[str]:
    """Point Django at a fresh NETWEAVE_HOME with the embedded SQLite (or at `existing`, which is kept), and
    delete it afterwards unless `keep`."""
    home = existing or tempfile.mkdtemp(prefix=prefix)
    os.environ["NETWEAVE_HOME"] = home
    os.environ["DJANGO_SETTINGS_MODULE"] = "netweave.settings"
    os.environ["NETWEAVE_DEBUG"] = "False"
    os.environ.pop("NETWEAVE_DATABASE_URL", None)  # always the embedded SQLite, in this home
    for path in (str(BENCH), str(SRC)):
        if path not in sys.path:
            sys.path.insert(0, path)
    try:
        yield home
    finally:
        if keep or existing:
            log(f"kept {home}")
        else:
            shutil.rmtree(home, ignore_errors=True)


def reexec_in_venv() -> None:
    """`python bench/<script>.py` with a Python that lacks Django: rerun with the checkout's virtualenv."""
    try:
        import django  # noqa: F401
    except ImportError:
        venv = BENCH.parent / ".venv"
        if (venv / "bin" / "python").exists() and Path(sys.prefix).resolve() != venv.resolve():
            os.execv(str(venv / "bin" / "python"), [str(venv / "bin" / "python"), *sys.argv])
        raise


def demo_user(people: int, seed: int) -> tuple:
    """Django set up, and the home's "demo" user, built with `people` people first when the home has none.
    Returns (user, build, counts): the build's report (None when it already existed), and how many people and
    interactions the user has."""
    import logging

    from netweave.cli_support import django_ready

    django_ready()
    from django.contrib.auth import get_user_model

    from netweave.demo.generator import build_demo
    from netweave.interactions.models import Interaction
    from netweave.people.models import Person

    logging.getLogger("django.request").setLevel(logging.ERROR)
    User = get_user_model()
    user = User.objects.filter(username="demo").first()
    build = None
    if user is None:
        user = User.objects.create_user("demo", password="demo-password")
        log(f"building {people:,} people (seed {seed}) ...")
        build = build_demo(user, people=people, seed=seed)
        log(f"built in {build['seconds']:.1f} s")
    counts = {"people": Person.objects.filter(owner=user).count(),
              "interactions": Interaction.objects.filter(owner=user).count()}
    return user, build, counts


def demo_parser(description: str):
    """The options every benchmark over a demo home shares: --people, --seed, --json, --keep and --home."""
    import argparse

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--people", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="Print the results as JSON on stdout.")
    parser.add_argument("--keep", action="store_true", help="Keep the temporary NETWEAVE_HOME and print its path.")
    parser.add_argument("--home", help="Measure this existing NETWEAVE_HOME (user 'demo') instead of building one.")
    return parser


def measure_in_home(prefix: str, args, run, print_table) -> int:
    """Run `run(args)` in a temporary (or the given) home and print its results as JSON or a table."""
    import json

    with temporary_home(prefix, keep=args.keep, existing=args.home):
        results = run(args)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)
    return 0
