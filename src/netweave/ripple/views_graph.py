"""The network page: my ego network drawn in the browser by Cytoscape.js (vendored under web/static/vendor),
filtered by circle, tag and organisation on the server, laid out on the server, with a warm path highlighted on
request. Three views: the page, its graph as JSON, and the best paths to one person as JSON.

The layout is computed here with numpy because a force-directed layout of 5,000 nodes takes seconds in the
browser (and networkx's spring layout takes longer on the server): groups of people tied to one another
(label propagation over the ties among my people) become discs ringed around me, largest nearest, and people
tied only to me form a halo outside them, closest first.
"""

from __future__ import annotations

import numpy as np
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from netweave.core.errors import Ambiguous, Invalid
from netweave.core.ids import parse_id
from netweave.people.circles import circles_with_counts
from netweave.people.models import Organisation, Person, Tag
from netweave.people.naming import resolve_token, who_is
from netweave.ripple import queries, services

GOLDEN = np.pi * (3 - np.sqrt(5))  # the sunflower's turn between successive seeds
SPREAD = 22.0  # a seed's share of a disc is pi * SPREAD**2 (model units; nodes are 10 to 30 wide)
GAP = 70.0  # between discs, and between me and the first ring
SWEEPS = 30
EDGE_CHOICES = (2000, 5000, 20000, 50000)
DEFAULT_EDGES = 5000  # ties drawn unless asked: each costs the browser about as much to draw as a person
PATHS = 3
CHOICES = 200  # organisations offered in the filter's list, most people first
CIRCLE_COLOURS = ("#c2410c", "#2f6f8f", "#25704a", "#7c3aed", "#b45309", "#0f766e", "#be185d", "#4d7c0f")
NO_CIRCLE = "#8a94a6"


def _filters(request) -> dict:
    return {name: " ".join(request.GET.get(name, "").split())[:200] for name in ("circle", "tag", "organisation")}


def _edges(request) -> int:
    value = parse_id(request.GET.get("edges", ""))
    return value if value in EDGE_CHOICES else DEFAULT_EDGES


@login_required
def graph_page(request):
    owner = request.user
    tags = Tag.objects.filter(owner=owner).order_by("name").values_list("name", flat=True).distinct()
    orgs = (Organisation.objects.filter(owner=owner)
            .annotate(now=Count("current_people", filter=Q(current_people__archived=False)))
            .filter(now__gt=0).order_by("-now", "name").values_list("name", flat=True)[:CHOICES])
    circles = [(c, CIRCLE_COLOURS[i % len(CIRCLE_COLOURS)]) for i, c in enumerate(circles_with_counts(owner))]
    return render(request, "ripple/graph.html", {
        "filters": _filters(request), "edges": _edges(request), "edge_choices": EDGE_CHOICES, "circles": circles,
        "colours": {"circles": {c.name: colour for c, colour in circles}, "none": NO_CIRCLE},
        "tags": list(tags), "orgs": list(orgs), "person_url": reverse("people:detail", args=[0]),
    })


@login_required
def graph_data(request):
    """My ego network as the page draws it: people with positions, and ties as [source, target, weight]."""
    try:
        net = queries.ego_network(request.user, max_edges=_edges(request), **_filters(request))
    except Invalid as exc:
        return JsonResponse({"errors": exc.errors}, status=422)
    return JsonResponse(drawable(net))


@login_required
def graph_path(request):
    """The best warm paths to one person of mine, named by `person` (an id: 404 unless mine) or `to` (a name as
    typed: 422 with candidates when it fits nobody or several people)."""
    owner = request.user
    if request.GET.get("person"):
        person = get_object_or_404(Person, pk=parse_id(request.GET["person"]) or 0, owner=owner)
    else:
        try:
            person = resolve_token(owner, request.GET.get("to", "")[:200])
        except Ambiguous as exc:
            return JsonResponse({"errors": {"to": who_is(exc)}, "candidates": [
                {"id": p.pk, "name": p.display_name, "org": p.current_organisation.name
                 if p.current_organisation_id else None} for p in exc.candidates]}, status=422)
    answer = services.warm_paths(owner, person=person, k=PATHS)
    names = {h.person_id: h.display_name for p in answer.paths for h in p.hops}
    return JsonResponse({
        "target": answer.target, "message": answer.message, "reachable": answer.reachable,
        "paths": [{"nodes": p.nodes, "score": p.score, "text": p.text,
                   "hops": [{"id": h.person_id, "name": h.display_name, "weight": h.weight, "why": h.why}
                            for h in p.hops]} for p in answer.paths],
        "names": {str(pid): name for pid, name in names.items()},
    })


# ---- the drawing ----------------------------------------------------------------------------------------------

def drawable(net: dict) -> dict:
    """ego_network's answer reshaped for the page: each person with x, y, group and my tie's weight; ties among
    them as compact triples (mine are implied by `tie` on each node)."""
    people = net["nodes"]
    ids = np.array([p["id"] for p in people], dtype=np.int64)
    index = {pid: i for i, pid in enumerate(ids.tolist())}
    mine = np.zeros(len(ids))
    src, dst, weight, triples = [], [], [], []
    for e in net["edges"]:
        if e["source"] == 0:
            if e["target"] in index:
                mine[index[e["target"]]] = e["weight"]
            continue
        if e["source"] in index and e["target"] in index:
            src.append(index[e["source"]])
            dst.append(index[e["target"]])
            weight.append(e["weight"])
            triples.append([e["source"], e["target"], e["weight"]])
    x, y, group = layout(len(ids), np.array(src, dtype=np.int64), np.array(dst, dtype=np.int64),
                         np.array(weight, dtype=np.float64), mine)
    nodes = [{**p, "tie": round(float(mine[i]), 4), "x": round(float(x[i]), 1), "y": round(float(y[i]), 1),
              "group": int(group[i])} for i, p in enumerate(people)]
    return {"me": net["me"], "nodes": nodes, "edges": triples, "matching": net["matching"], "shown": net["shown"],
            "truncated": net["truncated"]}


def communities(n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, *, sweeps: int = SWEEPS,
                seed: int = 0) -> np.ndarray:
    """A group label per node by weighted label propagation: each sweep, a random half of the nodes take the label
    their neighbours hold most weight of (updating half at a time keeps pairs from swapping labels forever).
    Nodes without ties keep their own label."""
    from scipy import sparse  # loaded on first use: every worker imports this module with the URLs

    labels = np.arange(n)
    if n == 0 or len(src) == 0:
        return labels
    adj = sparse.csr_matrix((np.r_[weight, weight], (np.r_[src, dst], np.r_[dst, src])), shape=(n, n))
    rows = np.arange(n)
    rng = np.random.default_rng(seed)
    for _ in range(sweeps):
        votes = (adj @ sparse.csr_matrix((np.ones(n), (rows, labels)), shape=(n, n))).tocsr()
        best, top, held = _strongest(votes, labels)
        better = top > held + 1e-9
        if not better.any():
            break
        move = better & (rng.random(n) < 0.5)
        labels[move] = best[move]
    return labels


def _strongest(votes, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: the label with the most votes (the lowest on a tie), its votes, and the votes for the row's own
    label. (scipy's argmax walks the rows in Python, which is most of the time at 5,000 people.)"""
    n = votes.shape[0]
    counts = np.diff(votes.indptr)
    row = np.repeat(np.arange(n), counts)
    full = np.flatnonzero(counts)
    top, best = np.zeros(n), np.zeros(n, dtype=np.int64)
    if len(full):
        top[full] = np.maximum.reduceat(votes.data, votes.indptr[full])
        ties = np.where(votes.data >= top[row] - 1e-12, votes.indices, n)
        best[full] = np.minimum.reduceat(ties, votes.indptr[full])
    own = votes.indices == labels[row]
    held = np.bincount(row[own], weights=votes.data[own], minlength=n)
    return best, top, held


def layout(n: int, src: np.ndarray, dst: np.ndarray, weight: np.ndarray, mine: np.ndarray):
    """Positions (x, y) for n people around me at (0, 0), and each one's group (-1: tied only to me).

    Groups of two or more are sunflower discs, hubs at the centre, packed ring by ring around me, largest first;
    the rest fill an annulus outside the rings, those with the strongest tie to me innermost."""
    x, y, group = np.zeros(n), np.zeros(n), np.full(n, -1, dtype=np.int64)
    if n == 0:
        return x, y, group
    labels = communities(n, src, dst, weight)
    _, label_index, sizes = np.unique(labels, return_inverse=True, return_counts=True)
    grouped = sizes[label_index] >= 2
    degree = np.bincount(np.r_[src, dst], weights=np.r_[weight, weight], minlength=n) if len(src) else np.zeros(n)
    order = np.argsort(-sizes, kind="stable")  # biggest group first; its number is its rank
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    group[grouped] = rank[label_index[grouped]]

    members = np.flatnonzero(grouped)
    outer = GAP
    if len(members):
        members = members[np.lexsort((members, -degree[members], group[members]))]
        g = group[members]
        starts = np.r_[0, np.flatnonzero(np.diff(g)) + 1]
        seat = np.arange(len(members)) - np.repeat(starts, np.diff(np.r_[starts, len(members)]))
        counts = np.diff(np.r_[starts, len(members)])
        radii = SPREAD * np.sqrt(counts) + SPREAD
        cx, cy, outer = _rings(radii)
        r = SPREAD * np.sqrt(seat + 0.5)
        x[members] = cx[np.arange(len(counts)).repeat(counts)] + r * np.cos(seat * GOLDEN)
        y[members] = cy[np.arange(len(counts)).repeat(counts)] + r * np.sin(seat * GOLDEN)

    alone = np.flatnonzero(~grouped)
    if len(alone):
        alone = alone[np.lexsort((alone, -mine[alone]))]
        k = np.arange(len(alone))
        r = np.sqrt((outer + GAP / 2) ** 2 + SPREAD ** 2 * (k + 0.5))
        x[alone], y[alone] = r * np.cos(k * GOLDEN), r * np.sin(k * GOLDEN)
    return x, y, group


def _rings(radii: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Centres for discs of these radii (largest first) on rings around the origin, each ring as full as it will
    go and its discs spread evenly; returns the centres and the distance the outermost disc reaches."""
    cx, cy = np.zeros(len(radii)), np.zeros(len(radii))
    ring: list[tuple[int, float]] = []  # (disc, angle it needs)
    radius = GAP + float(radii[0]) if len(radii) else GAP
    used = 0.0
    outer = GAP

    def close(ring, radius, used):
        scale = 2 * np.pi / used if used > 0 else 1.0
        at = 0.0
        for disc, need in ring:
            angle = (at + need / 2) * scale
            cx[disc], cy[disc] = radius * np.cos(angle), radius * np.sin(angle)
            at += need

    for disc, r in enumerate(radii.tolist()):
        need = 2 * np.arcsin(min(1.0, (r + GAP / 2) / radius))
        if ring and used + need > 2 * np.pi:
            close(ring, radius, used)
            widest = max(radii[d] for d, _ in ring)
            radius += float(widest) + GAP + r
            ring, used = [], 0.0
            need = 2 * np.arcsin(min(1.0, (r + GAP / 2) / radius))
        ring.append((disc, need))
        used += need
        outer = max(outer, radius + r)
    if ring:
        close(ring, radius, used)
    return cx, cy, outer
