"""How reachable my contacts are through me: my tie's strength, or a strong tie of mine who knows them."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Q

from netweave.nurture.models import Strength
from netweave.people.models import Tie

DIRECT = 30  # from this strength on I can ask them myself
STRONG = 60  # from this strength on a tie is called strong
VIA = 50  # a tie of mine at least this strong can pass on a request
VIA_SHARE = 0.5  # a request passed on through someone counts for half of their strength
ID_CHUNK = 2000


def reach_score(strength: int | None, via: tuple | None) -> float:
    """How reachable someone is through me, 0 to 100: my own tie, or half of a strong tie who knows them."""
    return max(strength or 0, VIA_SHARE * via[2] if via else 0)


def strengths_of(owner, ids: list[int]) -> dict[int, int]:
    """Strength scores by person id, for those that have one."""
    out: dict[int, int] = {}
    if len(ids) > 3 * ID_CHUNK:  # most of the network: one pass beats many lookups by id
        wanted = set(ids)
        rows = Strength.objects.filter(owner=owner).values_list("person_id", "score")
        return {pid: s for pid, s in rows if pid in wanted}
    for start in range(0, len(ids), ID_CHUNK):
        out.update(Strength.objects.filter(owner=owner, person_id__in=ids[start:start + ID_CHUNK])
                   .values_list("person_id", "score"))
    return out


def reach_through(owner, ids: list[int]) -> dict[int, tuple[int, str, int]]:
    """For each of `ids`, the strongest tie of mine (strength ≥ VIA) who is tied to them: (id, name, strength)."""
    if not ids:
        return {}
    others = defaultdict(set)
    ties = Tie.objects.filter(Q(person_a_id__in=ids) | Q(person_b_id__in=ids), owner=owner)
    wanted = set(ids)
    for a, b in ties.values_list("person_a_id", "person_b_id"):
        if a in wanted:
            others[a].add(b)
        if b in wanted:
            others[b].add(a)
    people = {o for group in others.values() for o in group}
    strong = {pid: (pid, name, score) for pid, name, score in Strength.objects.filter(
        owner=owner, person_id__in=list(people), score__gte=VIA, person__archived=False)
        .values_list("person_id", "person__display_name", "score")}
    best = {}
    for pid, group in others.items():
        options = [strong[o] for o in group if o in strong]
        if options:
            best[pid] = max(options, key=lambda o: (o[2], -o[0]))
    return best


def reach_words(strength: int | None, via: tuple | None) -> str:
    """How I reach them: "direct", "via Ana Lima", "weak", or "unknown" while the tie is not measured."""
    if strength is not None and strength >= DIRECT:
        return "direct"
    if via:
        return f"via {via[1]}"
    return "weak" if strength is not None else "unknown"
