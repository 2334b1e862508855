"""Benchmark the ripple graph engine at full size: `netweave lab bench-paths` on 1,000,000 people and
10,000,000 ties, and the same questions through networkx.

    python bench/paths.py [--nodes 1000000] [--edges 10000000] [--seed 7] [--queries 200] [--json] [--out r.json]
    python bench/paths.py --no-networkx            # the engine alone (about 3 minutes)
    python bench/paths.py --compare-nodes 100000 --compare-edges 1000000 --compare-queries 30

No database: it generates the synthetic network (ripple.engine.synthetic), builds the snapshot three times
(median time; memory as the snapshot's bytes, the build's peak RSS growth and tracemalloc's peak), and times
--queries questions of each kind: best-3 warm paths to a person 2-4 hops away, best-3 paths to anyone at an
organisation, and "who do I know there" within two hops; then the same from the ten best-connected people.
networkx answers --compare-queries path questions of each kind, and every two-hop question, on the same
network (or on one of the --compare-* size): at full size its graph takes about 4 GB and a path question
takes it 10-20 s, so the default is 10, about 20 minutes in all. Targets: build < 30 s and < 2 GB, paths
p95 < 200 ms, two-hop p95 < 100 ms, >= 20x faster than networkx.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SRC, log, reexec_in_venv  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--edges", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries", type=int, default=200, help="Questions of each kind.")
    parser.add_argument("--builds", type=int, default=3, help="Snapshot builds to time.")
    parser.add_argument("--no-networkx", action="store_true", help="Skip the networkx comparison.")
    parser.add_argument("--compare-nodes", type=int, help="Compare with networkx on a network this size instead.")
    parser.add_argument("--compare-edges", type=int)
    parser.add_argument("--compare-queries", type=int, default=10)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--out", type=Path, help="Also write the JSON figures to this file.")
    args = parser.parse_args(argv)
    if (args.compare_nodes is None) != (args.compare_edges is None):
        parser.error("give --compare-nodes and --compare-edges together")
    reexec_in_venv()
    sys.path.insert(0, str(SRC))
    from netweave.ripple.cli_bench import print_figures
    from netweave.ripple.engine.bench import run

    result = run(args.nodes, args.edges, args.seed, queries=args.queries, builds=args.builds,
                 compare=not args.no_networkx, compare_nodes=args.compare_nodes, compare_edges=args.compare_edges,
                 compare_queries=args.compare_queries, log=log)
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_figures(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
