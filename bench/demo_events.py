"""Export a user's interactions as a SNAP temporal contact log, for `netweave lab strength`.

    python bench/demo_events.py OUT.txt [--people 30000] [--seed 7]          # a fresh demo network
    python bench/demo_events.py OUT.txt --home ~/.local/share/netweave --user ana   # someone's own data

Each past interaction becomes one line per participant, `source target unix_seconds`, with me as node 0 and
each person as their id. A one-to-one interaction they started is written `them 0 t`, any other `0 them t`;
a group interaction is always written from me, so its lines share a source and a second and the lab reads
them back as one contact with that many participants (who in the group started it is not recorded); two
interactions of mine in the same second are moved a second apart so they stay two. Plans (interactions after
now) are left out.

Without --home it builds the demo network in a temporary NETWEAVE_HOME (SQLite) and deletes it afterwards.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def export(user, out: Path) -> dict:
    """Write the user's past interactions to `out`; returns counts."""
    from netweave.core import clock
    from netweave.interactions.models import Participation

    rows = (Participation.objects.filter(owner=user, occurred_at__lte=clock.now())
            .order_by("occurred_at", "interaction_id")
            .values_list("interaction_id", "person_id", "occurred_at", "interaction__initiated_by").iterator(20_000))
    lines = contacts = 0
    with open(out, "w", encoding="utf-8") as handle:
        handle.write(f"# netweave interactions of {user.username}: source target unix_seconds; me = 0\n")
        group: list[tuple[int, int, str]] = []
        current = None

        mine: set[int] = set()  # seconds already used by a contact from me

        def flush() -> None:
            nonlocal lines, contacts
            if not group:
                return
            seconds = group[0][1]
            if len(group) == 1 and group[0][2] == "them":
                handle.write(f"{group[0][0]} 0 {seconds}\n")
            else:
                while seconds in mine:  # two interactions in one second would read back as one group
                    seconds += 1
                mine.add(seconds)
                handle.writelines(f"0 {pid} {seconds}\n" for pid, _, _ in group)
            lines += len(group)
            contacts += 1

        for interaction_id, person_id, occurred_at, initiated_by in rows:
            if interaction_id != current:
                flush()
                group, current = [], interaction_id
            group.append((person_id, int(occurred_at.timestamp()), initiated_by))
        flush()
    return {"lines": lines, "interactions": contacts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=30000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--home", help="Export from this NETWEAVE_HOME instead of building a demo network.")
    parser.add_argument("--user", default="demo")
    args = parser.parse_args(argv)

    home = args.home or tempfile.mkdtemp(prefix="netweave-events-")
    os.environ["NETWEAVE_HOME"] = home
    os.environ["DJANGO_SETTINGS_MODULE"] = "netweave.settings"
    if not args.home:
        os.environ.pop("NETWEAVE_DATABASE_URL", None)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
    try:
        from netweave.cli_support import django_ready

        django_ready()
        from django.contrib.auth import get_user_model

        User = get_user_model()
        if args.home:
            user = User.objects.get(username=args.user)
        else:
            from netweave.demo.generator import build_demo

            user = User.objects.create_user(args.user, password="demo-password")
            log(f"building {args.people:,} people (seed {args.seed}) ...")
            build_demo(user, people=args.people, seed=args.seed, strengths=False)
        started = time.perf_counter()
        counts = export(user, args.out)
        log(f"wrote {counts['lines']:,} lines ({counts['interactions']:,} interactions) to {args.out} "
            f"in {time.perf_counter() - started:.1f} s")
    finally:
        if not args.home:
            from django.db import connections

            connections.close_all()
            shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
