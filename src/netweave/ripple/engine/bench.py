"""The measurements behind `netweave lab bench-paths`: a synthetic graph's snapshot build (time and memory),
warm-path and two-hop query latencies, and optionally the same queries through networkx.

Memory is reported two ways, named for what they are: `snapshot_mb` is the bytes of the snapshot's arrays;
`peak_rss_growth_mb` is how far the process's resident memory rose above where it stood, during the build
(the kernel's high-water mark, reset just before the build through /proc/self/clear_refs; where that is not
possible, getrusage's lifetime peak, which also counts the generator, and the method says so).
`tracemalloc_peak_mb` is the peak of Python and numpy allocations during a separate build.
"""

from __future__ import annotations

import gc
import os
import platform
import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np

from netweave.ripple.engine import memory
from netweave.ripple.engine.memory import MiB
from netweave.ripple.engine.paths import best_paths
from netweave.ripple.engine.snapshot import Snapshot
from netweave.ripple.engine.synthetic import synthetic_graph
from netweave.ripple.engine.twohop import two_hop
from netweave.ripple.engine.workload import Workload, describe, draw

TARGETS = {"build_s": 30.0, "build_gb": 2.0, "paths_p95_ms": 200.0, "two_hop_p95_ms": 100.0, "speedup": 20.0}


def run(nodes: int, edges: int, seed: int, *, queries: int = 200, builds: int = 3, k: int = 3, max_hops: int = 4,
        hop_penalty: float = 0.7, compare: bool = False, compare_nodes: int | None = None,
        compare_edges: int | None = None, compare_queries: int = 10, hubs: int = 10,
        log: Callable[[str], None] = lambda message: None) -> dict:
    """Every figure, as a JSON-ready dict."""
    settings = {"k": k, "max_hops": max_hops, "hop_penalty": hop_penalty}
    result: dict = {"machine": machine(), "nodes": nodes, "edges": edges, "seed": seed, "queries": queries,
                    **settings}
    log(f"generating {nodes:,} nodes and {edges:,} edges (seed {seed}) ...")
    started = time.perf_counter()
    src, dst, weight, org = synthetic_graph(nodes, edges, seed)
    result["generate_s"] = round(time.perf_counter() - started, 2)
    log(f"generated in {result['generate_s']} s; building the snapshot {builds} time(s) ...")
    snap, result["build"] = measure_build(nodes, src, dst, weight, builds)
    del src, dst, weight
    gc.collect()
    log(f"built: median {result['build']['median_s']} s, {result['build']['snapshot_mb']} MiB of arrays, "
        f"peak RSS growth {result['build']['peak_rss_growth_mb']} MiB")
    rng = np.random.default_rng(seed + 1)
    result["graph"] = describe(snap, org, rng)
    log(f"drawing {queries} questions of each kind ...")
    workload = draw(snap, org, queries, rng)
    result["latency"] = time_workload(snap, workload, **settings)
    log(_summary(result["latency"]))
    hub_work = None
    if hubs:
        top, hub_work = from_hubs(snap, org, hubs, rng)
        result["latency_from_hubs"] = {"sources": [int(h) for h in top], "degrees": [snap.degree(int(h)) for h in top],
                                       **time_workload(snap, hub_work, **settings)}
        log("from hubs: " + _summary(result["latency_from_hubs"]))
    if compare:
        if (compare_nodes or nodes, compare_edges or edges) != (nodes, edges):
            del snap, workload, hub_work, org
            gc.collect()
            snap, workload, hub_work = _graph_for_comparison(compare_nodes, compare_edges, seed, hubs, log)
        from netweave.ripple.engine.comparison import compare_with_networkx

        result["networkx"] = compare_with_networkx(snap, workload, hubs=hub_work, paths=compare_queries, log=log,
                                                   **settings)
        gc.collect()
    result["targets"] = verdicts(result)
    return result


def measure_build(n: int, src, dst, weight, builds: int) -> tuple[Snapshot, dict]:
    """Build `builds` times (the first with the memory high-water mark reset), then once under tracemalloc."""
    times = []
    snap = None
    for attempt in range(max(builds, 1)):
        snap = None  # the previous build's arrays must not count in this one's memory
        gc.collect()
        if attempt == 0:
            exact = memory.reset_peak()
            before = memory.status("VmRSS")
        started = time.perf_counter()
        snap = Snapshot.from_edges(n, src, dst, weight)
        times.append(time.perf_counter() - started)
        if attempt == 0:
            retained = memory.status("VmRSS") - before
            peak_growth = (memory.status("VmHWM") if exact else memory.lifetime_peak()) - before
    method = ("VmHWM, reset through /proc/self/clear_refs just before the build: the build's own peak" if exact
              else "getrusage ru_maxrss: the process's lifetime peak, including the graph generator")
    tracemalloc.start()
    try:
        Snapshot.from_edges(n, src, dst, weight)
        traced_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return snap, {
        "runs_s": [round(t, 2) for t in times], "median_s": round(statistics.median(times), 2),
        "snapshot_bytes": snap.nbytes, "snapshot_mb": round(snap.nbytes / MiB, 1),
        "peak_rss_growth_mb": round(peak_growth / MiB, 1), "peak_rss_method": method,
        "rss_retained_mb": round(retained / MiB, 1), "tracemalloc_peak_mb": round(traced_peak / MiB, 1),
    }


def time_workload(snap: Snapshot, workload: Workload, *, k: int, max_hops: int, hop_penalty: float) -> dict:
    """p50/p95 of best-k paths to a person, to anyone at an organisation, and of two-hop queries (after a few
    unmeasured warm-up queries)."""
    def to_person(q):
        return best_paths(snap, q[0], q[1], k=k, max_hops=max_hops, hop_penalty=hop_penalty)

    def to_group(q):
        return best_paths(snap, q[0], q[1], k=k, max_hops=max_hops, hop_penalty=hop_penalty)

    def known_at(q):
        return two_hop(snap, q[0], q[1], limit=50, hop_penalty=hop_penalty)

    out = {}
    for name, action, questions in (("paths_to_person", to_person, workload.person),
                                    ("paths_to_organisation", to_group, workload.group),
                                    ("two_hop", known_at, workload.group)):
        for question in questions[:5]:
            action(question)
        timings, answered, sizes = [], 0, []
        for question in questions:
            started = time.perf_counter()
            answer = action(question)
            timings.append(time.perf_counter() - started)
            answered += bool(answer)
            sizes.append(len(answer))
        out[name] = {**latency(timings), "answered": answered, "mean_results": round(statistics.fmean(sizes), 2)
                     if sizes else 0}
    both = out["paths_to_person"]["_raw"] + out["paths_to_organisation"]["_raw"]
    out["paths_all"] = latency(both)
    for figures in out.values():
        figures.pop("_raw", None)
    out["person_hops"] = {str(h): sum(1 for q in workload.person if q[2] == h) for h in (2, 3, 4)}
    return out


def latency(seconds: list[float]) -> dict:
    ms = [s * 1000 for s in seconds]
    if not ms:
        return {"count": 0, "_raw": []}
    return {"count": len(ms), "p50_ms": round(_pct(ms, 50), 2), "p95_ms": round(_pct(ms, 95), 2),
            "max_ms": round(max(ms), 2), "mean_ms": round(statistics.fmean(ms), 2), "_raw": seconds}


def _pct(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    lo, hi = int(rank), min(int(rank) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (rank - lo)


def verdicts(result: dict) -> dict:
    build, lat = result["build"], result["latency"]
    checks = {
        "build_s": (build["median_s"], TARGETS["build_s"]),
        "build_peak_rss_gb": (round(build["peak_rss_growth_mb"] / 1024, 2), TARGETS["build_gb"]),
        "snapshot_gb": (round(build["snapshot_mb"] / 1024, 3), TARGETS["build_gb"]),
        "paths_to_person_p95_ms": (lat["paths_to_person"].get("p95_ms"), TARGETS["paths_p95_ms"]),
        "paths_to_organisation_p95_ms": (lat["paths_to_organisation"].get("p95_ms"), TARGETS["paths_p95_ms"]),
        "two_hop_p95_ms": (lat["two_hop"].get("p95_ms"), TARGETS["two_hop_p95_ms"]),
    }
    out = {name: {"value": value, "target": f"< {limit:g}", "met": value is not None and value < limit}
           for name, (value, limit) in checks.items()}
    for name, figures in result.get("networkx", {}).get("speedup", {}).items():
        value = figures.get("median_ratio")
        out[f"speedup_{name}"] = {"value": value, "target": f">= {TARGETS['speedup']:g}",
                                  "met": value is not None and value >= TARGETS["speedup"]}
    at_scale = (result["nodes"], result["edges"]) == (1_000_000, 10_000_000)
    return {"at_target_size": at_scale, **out}


def machine() -> dict:
    total = memory.total_memory()
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count()
    return {"cpus": cpus, "memory_gb": round(total / 2**30, 1) if total else None,
            "python": platform.python_version(), "numpy": np.__version__, "platform": platform.platform(),
            "load_average": [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None}


def from_hubs(snap: Snapshot, org, hubs: int, rng: np.random.Generator):
    """The `hubs` best-connected people, and five questions of each kind from each."""
    top = np.argsort(snap.degrees())[-hubs:]
    return top, draw(snap, org, max(hubs * 5, 10), rng, sources=top)


def _graph_for_comparison(nodes, edges, seed, hubs, log):
    log(f"generating a {nodes:,}-node, {edges:,}-edge graph for the comparison ...")
    src, dst, weight, org = synthetic_graph(nodes, edges, seed)
    snap = Snapshot.from_edges(nodes, src, dst, weight)
    del src, dst, weight
    rng = np.random.default_rng(seed + 2)
    workload = draw(snap, org, 200, rng)
    return snap, workload, (from_hubs(snap, org, hubs, rng)[1] if hubs else None)


def _summary(lat: dict) -> str:
    return ", ".join(f"{name} p50 {lat[name].get('p50_ms')} ms p95 {lat[name].get('p95_ms')} ms"
                     for name in ("paths_to_person", "paths_to_organisation", "two_hop"))
