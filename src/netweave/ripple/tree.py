"""The ripple of one person: everything that descends from them. The people they introduced me to, the
introductions I made that they were part of, and, recursively, what those people led to.

It is read one generation at a time (two queries per generation, however many people are in it), with every
person shown once: someone reached again (a circle of introductions) is a leaf marked `repeat`, so the tree
always ends. `depth` bounds the generations and `limit` the nodes; either cut is reported.

Other apps add their own descendants (opportunities, later) with `register(fn)`: fn(owner, person_ids) returns
{person_id: [Node, ...]} for the generation being read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db.models import Q

from netweave.core.errors import Invalid

DEFAULT_DEPTH, MAX_DEPTH = 4, 12
DEFAULT_LIMIT, MAX_LIMIT = 500, 5000


@dataclass
class Node:
    kind: str  # "person", "introduction" or a registered kind
    id: int
    name: str
    how: str  # how it descends from its parent: "introduced you to Bo Chen (2024-03-02)"
    day: str | None = None
    person_id: int | None = None
    repeat: bool = False  # a person already shown higher up: not expanded again
    children: list[Node] = field(default_factory=list)


@dataclass
class Ripple:
    root: Node
    people: int  # descendants, not counting the root
    introductions: int
    depth: int  # generations reached
    cut: bool  # depth or limit stopped it with more to show

    def as_dict(self) -> dict:
        return asdict(self)


Descendants = Callable[..., dict]
_EXTRA: list[Descendants] = []


def register(descendants: Descendants) -> None:
    """Add a source of descendants; registering the same function again changes nothing."""
    if descendants not in _EXTRA:
        _EXTRA.append(descendants)


def _day(value) -> str | None:
    return value.date().isoformat() if value else None


def ripple(owner, person, *, depth: int = DEFAULT_DEPTH, limit: int = DEFAULT_LIMIT) -> Ripple:
    """Everything that descends from `person` (one of owner's), as a tree rooted at them."""
    from netweave.givefirst.models import Introduction
    from netweave.people.models import Person

    errors = {}
    if not 1 <= depth <= MAX_DEPTH:
        errors["depth"] = f"must be between 1 and {MAX_DEPTH}"
    if not 1 <= limit <= MAX_LIMIT:
        errors["limit"] = f"must be between 1 and {MAX_LIMIT}"
    if errors:
        raise Invalid(errors)
    root = Node("person", person.pk, person.display_name, "", _day(person.created_at), person.pk)
    shown = {person.pk}
    generation = {person.pk: root}
    counts = {"person": 0, "introduction": 0}
    total, reached, cut = 1, 0, False
    for level in range(1, depth + 1):
        ids = list(generation)
        introduced = (Person.objects.filter(owner=owner, introduced_by_id__in=ids, archived=False)
                      .order_by("created_at", "id").values_list("id", "display_name", "introduced_by_id", "created_at"))
        made = (Introduction.objects.filter(owner=owner, state__in=["made", "concluded"])
                .filter(Q(person_a_id__in=ids) | Q(person_b_id__in=ids))
                .select_related("person_a", "person_b").order_by("made_at", "id"))
        following: dict[int, Node] = {}
        added: list[tuple[Node, Node]] = []
        for pid, name, parent_id, created in introduced:
            repeat = pid in shown
            node = Node("person", pid, name, f"{generation[parent_id].name} introduced you to {name}",
                        _day(created), pid, repeat)
            added.append((generation[parent_id], node))
            if not repeat:
                shown.add(pid)
                following[pid] = node
        for intro in made:
            for side, other in ((intro.person_a, intro.person_b), (intro.person_b, intro.person_a)):
                if side.pk in generation:
                    outcome = f": {intro.get_outcome_display()}" if intro.outcome else ""
                    node = Node("introduction", intro.pk, f"{side.display_name} ↔ {other.display_name}",
                                f"you introduced {side.display_name} to {other.display_name}{outcome}",
                                _day(intro.made_at), other.pk)
                    added.append((generation[side.pk], node))
        for extra in _EXTRA:
            for pid, nodes in (extra(owner, ids) or {}).items():
                if pid in generation:
                    added.extend((generation[pid], node) for node in nodes)
        if not added:
            break
        attached = set()
        for parent, node in added:
            if total >= limit:
                cut = True
                break
            parent.children.append(node)
            attached.add(id(node))
            total += 1
            counts[node.kind] = counts.get(node.kind, 0) + 1
        reached = level
        if cut:
            break
        generation = {pid: node for pid, node in following.items() if id(node) in attached}
        if not generation:
            break
    else:
        # The last generation read may still have descendants: say so rather than pretend it ends there.
        cut = cut or Person.objects.filter(owner=owner, introduced_by_id__in=list(generation), archived=False).exists()
    return Ripple(root, counts["person"], counts["introduction"], reached, cut)


def lines(tree: Ripple) -> list[tuple[int, Node]]:
    """The tree depth-first as (level, node), for plain renderings (the web page, a text dump)."""
    out: list[tuple[int, Node]] = []

    def walk(node: Node, level: int) -> None:
        out.append((level, node))
        for child in node.children:
            walk(child, level + 1)

    walk(tree.root, 0)
    return out
