"""Who do I know at this organisation: the people in a group I know directly, or through one contact.

It is a join of my contacts' ties with the group, done from whichever side has fewer ties to read: my
contacts' rows when I know few well-connected people, the group's rows when the group is small. Either way
it is a couple of dozen vectorised steps, so a hub of 10,000 contacts or an organisation of thousands stays
fast; at the typical size the fixed cost of those steps (tens of microseconds) is most of the time.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from netweave.ripple.engine.snapshot import Snapshot


def two_hop(snap: Snapshot, source: int, target_mask, *, limit: int = 50, hop_penalty: float = 0.7,
            exclude: Iterable[int] = ()) -> list[tuple[int, int | None, float]]:
    """Up to `limit` people in the group (a boolean mask, or node ids) as (target, via, score), best first:
    via is None for someone I know directly (score = the tie's weight), else the contact with the best
    weight(me, via) * weight(via, target) * hop_penalty; `exclude` are contacts not to go through."""
    if not 0 <= int(source) < snap.n:
        raise ValueError(f"source {source} is not a node (0..{snap.n - 1})")
    if not 0 < hop_penalty <= 1:
        raise ValueError(f"hop_penalty must lie in (0, 1], not {hop_penalty}")
    mask = np.asarray(target_mask)
    if mask.dtype == bool:
        if mask.shape != (snap.n,):
            raise ValueError(f"a target mask must have one entry per node ({snap.n}), not {mask.shape}")
        members = np.flatnonzero(mask)
    else:
        members = mask.astype(np.int64, copy=False).ravel()  # repeats do no harm: the best per target is kept
        if members.size and (members.min() < 0 or members.max() >= snap.n):
            raise ValueError(f"target {members.min() if members.min() < 0 else members.max()} is not a node")
    contacts, contact_w = snap.neighbours(source)
    if limit <= 0 or members.size == 0 or contacts.size == 0:
        return []
    if members.size <= SMALL_GROUP:
        ties = snap.indptr[members + 1] - snap.indptr[members]
        if int(ties.sum()) <= SMALL_TIES:
            return _small(snap, source, members.tolist(), contacts, contact_w, hop_penalty, set(exclude), limit)
    blocked = np.fromiter(exclude, dtype=np.int64)
    blocked = blocked if blocked.size else None
    space = snap.workspace()
    mine = space.mine  # my tie's weight to each contact, 0 for everyone else
    mine[contacts] = contact_w
    try:
        known = mine[members]
        direct = known > 0
        hits = [(members[direct], np.full(int(direct.sum()), -1), known[direct].astype(np.float64))]
        group_degree = snap.degree_of[members]
        if group_degree.sum() <= snap.degree_of[contacts].sum():
            target, via, weight = _from_group(snap, source, members, group_degree, mine, blocked)
        else:
            target, via, weight = _from_contacts(snap, source, contacts, members, mine, space.target, blocked)
        hits.append((target, via, mine[via].astype(np.float64) * weight * hop_penalty))
    finally:
        mine[contacts] = 0
    return _best_per_target(space, hits, limit)


# A group this small, with this few ties, is answered in plain Python: a dozen numpy calls cost more than
# reading a hundred ties one by one (the typical organisation has a handful of people).
SMALL_GROUP = 16
SMALL_TIES = 256


def _small(snap, source, members, contacts, contact_w, hop_penalty, blocked, limit):
    """two_hop for a small group, read tie by tie from the group's side; the same answers, scores and order."""
    mine = dict(zip(contacts.tolist(), contact_w.tolist()))
    indptr, indices, weights = snap.indptr, snap.indices, snap.weights
    best: dict[int, tuple[float, int]] = {}
    for t in members:
        if t in best:
            continue
        direct = mine.get(t)
        if direct:
            best[t] = (direct, -1)
            continue
        if t == source:
            continue
        lo, hi = int(indptr[t]), int(indptr[t + 1])
        found = None
        for v, w in zip(indices[lo:hi].tolist(), weights[lo:hi].tolist()):
            m = mine.get(v)
            if m and v not in blocked:
                score = m * w * hop_penalty
                if found is None or score > found[0] or (score == found[0] and v < found[1]):
                    found = (score, v)
        if found is not None:
            best[t] = found
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
    return [(t, None if v < 0 else v, value) for t, (value, v) in ranked]


def _ties(snap: Snapshot, nodes: np.ndarray, degree: np.ndarray):
    """All ties of `nodes`: their positions in the snapshot, and where each node's run of them ends."""
    ends = np.cumsum(degree)
    return np.arange(ends[-1] if ends.size else 0) + np.repeat(snap.indptr[nodes] - (ends - degree), degree), ends


def _from_group(snap, source, members, degree, mine, blocked):
    """The group's ties that reach one of my contacts: (target, via, weight(via, target))."""
    idx, ends = _ties(snap, members, degree)
    via = snap.indices[idx]
    keep = np.flatnonzero(mine[via] > 0)
    if blocked is not None:
        keep = keep[~np.isin(via[keep], blocked)]
    target = members[np.searchsorted(ends, keep, side="right")]
    fine = (mine[target] == 0) & (target != source)  # someone I know directly is listed as such
    keep = keep[fine]
    return target[fine], via[keep], snap.weights[idx[keep]]


def _from_contacts(snap, source, contacts, members, mine, in_group, blocked):
    """My contacts' ties that reach the group: (target, via, weight(via, target))."""
    if blocked is not None:
        contacts = contacts[~np.isin(contacts, blocked)]
    in_group[members] = True
    try:
        idx, ends = _ties(snap, contacts, snap.degree_of[contacts])
        target = snap.indices[idx]
        keep = np.flatnonzero(in_group[target])
    finally:
        in_group[members] = False
    keep = keep[(mine[target[keep]] == 0) & (target[keep] != source)]
    return target[keep], contacts[np.searchsorted(ends, keep, side="right")], snap.weights[idx[keep]]


def _best_per_target(space, hits, limit: int) -> list[tuple[int, int | None, float]]:
    """Each target once, with its best score (ties: the lowest via), best first (ties: the lowest target)."""
    target = np.concatenate([h[0] for h in hits])
    via = np.concatenate([h[1] for h in hits])
    score = np.concatenate([h[2] for h in hits])
    if target.size <= 64:  # a few plain Python steps beat a dozen numpy calls here
        best: dict[int, tuple[float, int]] = {}
        for t, v, value in zip(target.tolist(), via.tolist(), score.tolist()):
            if t not in best or (-value, v) < (-best[t][0], best[t][1]):
                best[t] = (value, v)
        ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))[:limit]
        return [(t, None if v < 0 else v, value) for t, (value, v) in ranked]
    if target.size > 4 * limit:
        # Only each target's best entries can matter: drop the rest before sorting.
        top = space.scratch
        np.minimum.at(top, target, -score)
        keep = -top[target] == score
        top[target] = np.inf
        target, via, score = target[keep], via[keep], score[keep]
    order = np.lexsort((via, target, -score))
    target, via, score = target[order], via[order], score[order]
    first = np.unique(target, return_index=True)[1]
    chosen = np.sort(first)[:limit]
    return [(t, None if v < 0 else v, s)
            for t, v, s in zip(target[chosen].tolist(), via[chosen].tolist(), score[chosen].tolist())]
