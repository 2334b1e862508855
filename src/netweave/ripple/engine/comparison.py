"""The benchmark's networkx comparison: the same questions through both engines, timed, with their answers
compared (the best score, and all k scores).

Each engine answers a kind's questions as one batch, after a few unmeasured warm-up questions (none for
networkx's path questions, which take it a minute each at full size and have no cache to warm), so neither
is timed with its memory just evicted by the other.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable

from netweave.ripple.engine import memory, nxref
from netweave.ripple.engine.memory import MiB
from netweave.ripple.engine.paths import best_paths
from netweave.ripple.engine.snapshot import Snapshot
from netweave.ripple.engine.twohop import two_hop
from netweave.ripple.engine.workload import Workload

TOLERANCE = 1e-9
WARM_UP = 3


def compare_with_networkx(snap: Snapshot, workload: Workload, *, paths: int, k: int, max_hops: int,
                          hop_penalty: float, hubs: Workload | None = None,
                          log: Callable[[str], None] = lambda message: None) -> dict:
    """`paths` questions of each path kind and every two-hop question of the workload (and of `hubs`, asked
    from the best-connected people), through both engines."""
    log(f"building the networkx graph ({snap.n:,} nodes, {snap.m:,} edges) ...")
    gc.collect()
    before = memory.status("VmRSS")
    started = time.perf_counter()
    graph = nxref.to_networkx(snap, hop_penalty)
    out: dict = {"nodes": snap.n, "edges": snap.m, "build_s": round(time.perf_counter() - started, 1),
                 "graph_rss_mb": round((memory.status("VmRSS") - before) / MiB, 1)}
    log(f"networkx graph built in {out['build_s']} s, {out['graph_rss_mb']} MiB")

    def score(nodes: list[int]) -> float:
        weights = [snap.weight(a, b) for a, b in zip(nodes, nodes[1:])]
        return math.prod(weights) * hop_penalty ** (len(weights) - 1)

    def ours_paths(q, trace):
        return [p.score for p in best_paths(snap, q[0], q[1], k=k, max_hops=max_hops, hop_penalty=hop_penalty)]

    def nx_paths(q, trace):
        return [score(p) for p in nxref.best_paths(graph, q[0], q[-1], k=k, max_hops=max_hops, trace=trace)]

    def ours_two_hop(q, trace):
        return [hit[2] for hit in two_hop(snap, q[0], q[1], limit=50, hop_penalty=hop_penalty)]

    def nx_two_hop(q, trace):
        return [hit[2] for hit in nxref.two_hop(graph, q[0], q[2], limit=50, hop_penalty=hop_penalty)]

    def groups(work: Workload):
        return [(s, members, {int(m) for m in members}) for s, members, _ in work.group]

    kinds = {"paths_to_person": ([(s, t) for s, t, _ in workload.person[:paths]], ours_paths, nx_paths, False),
             "paths_to_organisation": (groups(workload)[:paths], ours_paths, nx_paths, False),
             "two_hop": (groups(workload), ours_two_hop, nx_two_hop, True)}
    if hubs is not None:
        kinds["two_hop_from_hubs"] = (groups(hubs), ours_two_hop, nx_two_hop, True)
    out["speedup"], out["agreement"], out["latency"] = {}, {}, {}
    for name, (questions, ours, theirs, warm_both) in kinds.items():
        log(f"{len(questions)} {name.replace('_', ' ')} questions through both engines ...")
        mine_s, mine = _batch(ours, questions, warm=True)
        nx_s, theirs_, traces = _batch(theirs, questions, warm=warm_both, traced=True)
        best_same = sum((not a and not b) or bool(a and b and math.isclose(a[0], b[0], rel_tol=TOLERANCE))
                        for a, b in zip(mine, theirs_))
        all_same = sum(len(a) == len(b) and all(math.isclose(x, y, rel_tol=TOLERANCE) for x, y in zip(a, b))
                       for a, b in zip(mine, theirs_))
        plain = [not trace for trace in traces]
        out["agreement"][name] = {"compared": len(questions), "same_best_score": best_same,
                                  "same_all_scores": all_same}
        out["latency"][name] = {"netweave_p50_ms": _ms(_median(mine_s)), "networkx_p50_ms": _ms(_median(nx_s)),
                                "netweave_total_s": round(sum(mine_s), 3), "networkx_total_s": round(sum(nx_s), 3),
                                "networkx_needed_hop_bound": plain.count(False)}
        dijkstra_only = [(a, b) for a, b, p in zip(mine_s, nx_s, plain) if p]
        out["speedup"][name] = {"median_ratio": _ratio(_median(nx_s), _median(mine_s)),
                                "total_ratio": _ratio(sum(nx_s), sum(mine_s)),
                                "median_ratio_dijkstra_only": _ratio(_median([b for _, b in dijkstra_only]),
                                                                     _median([a for a, _ in dijkstra_only]))}
        log(f"  {name}: {best_same}/{len(questions)} same best score, speed-up x{out['speedup'][name]['median_ratio']}"
            f" (median), x{out['speedup'][name]['total_ratio']} (total)")
    return out  # the networkx graph goes with this frame


def _batch(action, questions, *, warm: bool, traced: bool = False):
    """Time `action` on each question in turn: (seconds, answers[, traces])."""
    if warm:
        for question in questions[:WARM_UP]:
            action(question, {})
    seconds, answers, traces = [], [], []
    for question in questions:
        trace: dict = {}
        started = time.perf_counter()
        answers.append(action(question, trace))
        seconds.append(time.perf_counter() - started)
        traces.append(trace)
    return (seconds, answers, traces) if traced else (seconds, answers)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _ratio(theirs: float, ours: float) -> float | None:
    return None if math.isnan(theirs) or math.isnan(ours) or ours == 0 else round(theirs / ours, 1)


def _ms(seconds: float) -> float | None:
    return None if math.isnan(seconds) else round(seconds * 1000, 2)
