"""`netweave lab bench-paths`: the graph engine's benchmark on a synthetic network (see ripple.engine.bench).

It needs no database and no user. At the default size (1,000,000 people, 10,000,000 ties) it takes about three
minutes and 2 GB; --compare-networkx adds a networkx graph of about 430 bytes per tie (4 GB) and, as networkx
takes 10-20 s per path question there, about 20 minutes for 10 questions of each kind."""

from __future__ import annotations

import typer

from netweave.cli_support import JsonOption, console, err, fail, print_json


def register(lab: typer.Typer) -> None:
    """Add `bench-paths` to the `lab` group."""
    lab.command("bench-paths")(bench_paths)


def bench_paths(
    nodes: int = typer.Option(1_000_000, "--nodes", min=2, help="People in the synthetic network."),
    edges: int = typer.Option(10_000_000, "--edges", min=1, help="Ties between them."),
    seed: int = typer.Option(7, "--seed", help="The generator's seed: the same seed gives the same network."),
    queries: int = typer.Option(200, "--queries", min=1, help="Questions of each kind to time."),
    builds: int = typer.Option(3, "--builds", min=1, help="Snapshot builds to time (the median is reported)."),
    k: int = typer.Option(3, "--k", min=1, help="Paths per question."),
    max_hops: int = typer.Option(4, "--max-hops", min=1, max=8, help="Longest path, in ties."),
    hop_penalty: float = typer.Option(0.7, "--hop-penalty", min=0.01, max=1.0, help="Score factor per extra hop."),
    compare_networkx: bool = typer.Option(False, "--compare-networkx", help="Also answer questions with networkx."),
    compare_nodes: int = typer.Option(None, "--compare-nodes", min=2, help="Compare on a network this size instead."),
    compare_edges: int = typer.Option(None, "--compare-edges", min=1, help="...with this many ties."),
    compare_queries: int = typer.Option(10, "--compare-queries", min=1,
                                        help="Path questions of each kind for networkx (two-hop: all of them)."),
    as_json: bool = JsonOption,
) -> None:
    """Time the snapshot build, best-k warm paths (to a person 2-4 hops away and to anyone at an organisation)
    and two-hop "who do I know there" queries on a synthetic network; optionally against networkx."""
    from netweave.ripple.engine.bench import run

    if edges > nodes * (nodes - 1) // 2:
        fail(f"{edges:,} ties do not fit between {nodes:,} people", code=2)
    if (compare_nodes is None) != (compare_edges is None):
        fail("give --compare-nodes and --compare-edges together", code=2)
    if compare_nodes is not None and compare_edges > compare_nodes * (compare_nodes - 1) // 2:
        fail(f"{compare_edges:,} ties do not fit between {compare_nodes:,} people", code=2)
    result = run(nodes, edges, seed, queries=queries, builds=builds, k=k, max_hops=max_hops, hop_penalty=hop_penalty,
                 compare=compare_networkx, compare_nodes=compare_nodes, compare_edges=compare_edges,
                 compare_queries=compare_queries, log=lambda message: err.print(message, highlight=False))
    if as_json:
        print_json(result)
        return
    print_figures(result)


def print_figures(result: dict) -> None:
    """The figures as a short report (bench/paths.py prints the same)."""
    say = lambda text: console.print(text, highlight=False)  # noqa: E731
    m = result["machine"]
    say(f"{result['nodes']:,} people, {result['edges']:,} ties, seed {result['seed']}; {m['cpus']} CPUs, "
        f"{m['memory_gb']} GB, Python {m['python']}, numpy {m['numpy']}")
    b = result["build"]
    say(f"snapshot build: median {b['median_s']} s of {len(b['runs_s'])}; arrays {b['snapshot_mb']} MiB, peak RSS "
        f"growth {b['peak_rss_growth_mb']} MiB, tracemalloc peak {b['tracemalloc_peak_mb']} MiB")
    for title, key in (("random people", "latency"), ("the best-connected people", "latency_from_hubs")):
        if key not in result:
            continue
        say(f"from {title}:")
        for name, label in (("paths_to_person", f"best-{result['k']} paths to a person"),
                            ("paths_to_organisation", f"best-{result['k']} paths to an organisation"),
                            ("two_hop", "who do I know there (2 hops)")):
            f = result[key][name]
            say(f"  {label:<38} p50 {f['p50_ms']:>8} ms  p95 {f['p95_ms']:>8} ms  max {f['max_ms']:>8} ms  "
                f"({f['count']} questions, {f['answered']} answered)")
    nx = result.get("networkx")
    if nx:
        say(f"networkx on {nx['nodes']:,} people / {nx['edges']:,} ties (graph {nx['graph_rss_mb']} MiB, "
            f"built in {nx['build_s']} s):")
        for name, speed in nx["speedup"].items():
            agree, lat = nx["agreement"][name], nx["latency"][name]
            say(f"  {name.replace('_', ' '):<24} x{speed['median_ratio']} median (x{speed['total_ratio']} total): "
                f"{lat['netweave_p50_ms']} vs {lat['networkx_p50_ms']} ms; same best score "
                f"{agree['same_best_score']}/{agree['compared']}, all {agree['same_all_scores']}/{agree['compared']}")
    say("targets:")
    for name, check in result["targets"].items():
        if isinstance(check, dict):
            say(f"  {name:<30} {check['value']!s:>10} {check['target']:<8} {'met' if check['met'] else 'MISSED'}")
    if not result["targets"]["at_target_size"]:
        say("  (the targets are set for 1,000,000 people and 10,000,000 ties)")
