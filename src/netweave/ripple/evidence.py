"""Why two nodes of my network are tied, in words: "co-founders at Tidewater 2019–2022", "12 interactions
together, last 2026-10-03", "introduced by me 2026-05-01". Read for the few edges a path or a page shows, from
the network's layers (which hold counts and the ids of the best example) and a handful of batched queries."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone

import numpy as np

from netweave.ripple import graph as G
from netweave.ripple import layers as L

TIE_WORDS = {"colleague": "colleagues", "friend": "friends", "family": "family", "introduced": "introduced",
             "met_at": "met at an event", "other": "know each other"}
OUTCOME_WORDS = {"": "", "met": "they met", "worked_together": "they worked together", "hired": "a hire came of it",
                 "invested": "an investment came of it", "nothing": "nothing came of it"}
EXAMPLE_LENGTH = 80


@dataclass
class Evidence:
    """One reason for a tie: its kind (see graph.KIND_NAMES, or "strength" for mine), weight and words."""

    kind: str
    weight: float
    text: str
    count: int = 1
    example: dict = field(default_factory=dict)  # {"type": "interaction" | "tie" | ..., "id": ..., ...}

    def as_dict(self) -> dict:
        return asdict(self)


def band(score: int | None) -> str:
    """My strength with someone in a word."""
    if not score:
        return "no recent contact"
    if score >= 70:
        return "strong"
    if score >= 40:
        return "steady"
    if score >= 15:
        return "light"
    return "faint"


def day_text(value: float) -> str:
    return datetime.fromtimestamp(value * L.DAY_SECONDS, tz=timezone.utc).date().isoformat()


def _years(start: float, until: float, now: float) -> str:
    first = datetime.fromtimestamp(start * L.DAY_SECONDS, tz=timezone.utc).year
    if until >= now - 1:
        return f"since {first}"
    last = datetime.fromtimestamp(until * L.DAY_SECONDS, tz=timezone.utc).year
    return str(first) if first == last else f"{first}–{last}"


def _short(text: str) -> str:
    line = " ".join((text or "").split())
    return line if len(line) <= EXAMPLE_LENGTH else line[:EXAMPLE_LENGTH - 1] + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def explain_me(owner, net: G.Network, nodes) -> dict[int, Evidence]:
    """My tie to each node's person: the strength band, score and nurture's explanation."""
    from netweave.nurture.models import Strength

    people = {net.person(n): n for n in nodes if n}
    rows = {pid: (score, words) for pid, score, words in Strength.objects.filter(
        owner=owner, person_id__in=list(people)).values_list("person_id", "score", "explanation")}
    out = {}
    for pid, node in people.items():
        score, words = rows.get(pid, (None, ""))
        weight = net.edge(0, node)
        if score:
            text = f"{band(score)} ({score})" + (f": {words}" if words else "")
        elif words and not words.startswith("no contact"):
            text = f"out of touch: {words}"
        else:
            text = "no contact logged"
        out[node] = Evidence("strength", weight[0] if weight else 0.0, text,
                             example={"type": "strength", "score": score})
    return out


def explain_pairs(owner, net: G.Network, pairs) -> dict[tuple[int, int], list[Evidence]]:
    """Each pair of nodes' evidence, strongest first, with every database read batched across the pairs."""
    pairs = [(min(a, b), max(a, b)) for a, b in pairs]
    found: dict[tuple[int, int], list] = {}
    wanted: dict[str, set] = {"tie": set(), "introduction": set(), "interaction": set(), "affiliation": set()}
    for a, b in pairs:
        if a == 0:
            continue
        items = found.setdefault((a, b), [])
        for row in net.rows("ties", a, b):
            items.append(("tie", int(net.layers.ties["tie"][row]), row))
            wanted["tie"].add(int(net.layers.ties["tie"][row]))
        for row in net.rows("introductions", a, b):
            items.append(("introduction", int(net.layers.introductions["intro"][row]), row))
            wanted["introduction"].add(int(net.layers.introductions["intro"][row]))
        for row in net.rows("meetings", a, b):
            items.append(("interactions", int(net.layers.meetings["example"][row]), row))
            wanted["interaction"].add(int(net.layers.meetings["example"][row]))
        for row in net.rows("affiliations", a, b):
            aff = net.layers.affiliations
            items.append(("affiliation", (int(aff["aff_a"][row]), int(aff["aff_b"][row])), row))
            wanted["affiliation"].update((int(aff["aff_a"][row]), int(aff["aff_b"][row])))
        pa, pb = net.person(a), net.person(b)
        introducers = net.layers.people
        for who, by in ((pa, pb), (pb, pa)):
            i = int(np.searchsorted(introducers["id"], who))
            if i < len(introducers["id"]) and introducers["id"][i] == who and introducers["introducer"][i] == by:
                items.append(("introducer", (by, who), None))
    rows = _fetch(owner, wanted)
    names = _names(owner, {net.person(n) for pair in found for n in pair})
    out = {}
    for (a, b), items in found.items():
        out[(a, b)] = sorted((_words(net, kind, ref, row, rows, names) for kind, ref, row in items),
                             key=lambda e: -e.weight)
    for a, b in pairs:
        out.setdefault((a, b), [])
    return out


def _fetch(owner, wanted: dict[str, set]) -> dict:
    from netweave.givefirst.models import Introduction
    from netweave.interactions.models import Interaction
    from netweave.people.models import Affiliation, Tie

    return {
        "tie": Tie.objects.filter(owner=owner).in_bulk(list(wanted["tie"])),
        "introduction": Introduction.objects.filter(owner=owner).in_bulk(list(wanted["introduction"])),
        "interaction": Interaction.objects.filter(owner=owner).only("id", "kind", "summary", "occurred_at")
        .in_bulk(list(wanted["interaction"])),
        "affiliation": Affiliation.objects.filter(owner=owner).select_related("organisation")
        .in_bulk(list(wanted["affiliation"])),
    }


def _names(owner, person_ids) -> dict[int, str]:
    from netweave.people.models import Person

    ids = [p for p in person_ids if p]
    return dict(Person.objects.filter(owner=owner, pk__in=ids).values_list("id", "display_name"))


def _words(net: G.Network, kind: str, ref, row, rows: dict, names: dict) -> Evidence:
    lay = net.layers
    if kind == "tie":
        tie = rows["tie"].get(ref)
        weight = float(G.tie_weights({"kind": lay.ties["kind"][row:row + 1]})[0])
        tie_kind = L.TIE_KINDS[int(lay.ties["kind"][row])]
        if tie_kind == "mentor" and tie is not None:
            text = f"{names.get(tie.person_a_id, 'someone')} mentors {names.get(tie.person_b_id, 'someone')}"
        else:
            text = TIE_WORDS.get(tie_kind, tie_kind)
        detail = _short(tie.evidence.splitlines()[0]) if tie is not None and tie.evidence.strip() else ""
        return Evidence("tie", weight, f"{text}: {detail}" if detail else text,
                        example={"type": "tie", "id": ref, "kind": tie_kind})
    if kind == "introduction":
        intro = rows["introduction"].get(ref)
        outcome = L.OUTCOMES[int(lay.introductions["outcome"][row])]
        weight = float(G.OUTCOME_WEIGHT[outcome])
        text = f"introduced by me {day_text(lay.introductions['made'][row])}"
        if OUTCOME_WORDS.get(outcome):
            text += f" ({OUTCOME_WORDS[outcome]})"
        return Evidence("introduction", weight, text, example={
            "type": "introduction", "id": ref, "reason": _short(intro.reason) if intro else "", "outcome": outcome})
    if kind == "interactions":
        meet = lay.meetings
        weight = float(G.meeting_weights({"mass": meet["mass"][row:row + 1]}, lay.reference, net.now)[0])
        count = int(meet["count"][row])
        text = f"{_plural(count, 'interaction')} together, last {day_text(meet['last'][row])}"
        found = rows["interaction"].get(ref)
        example = {"type": "interaction", "id": ref}
        if found is not None:
            example.update(summary=_short(found.summary), kind=found.kind, date=found.occurred_at.date().isoformat())
        return Evidence("interactions", weight, text, count=count, example=example)
    if kind == "affiliation":
        aff = lay.affiliations
        first, second = rows["affiliation"].get(ref[0]), rows["affiliation"].get(ref[1])
        weight = float(G.affiliation_weights({k: aff[k][row:row + 1] for k in ("overlap", "size", "until")},
                                             net.now)[0])
        org = first.organisation.name if first is not None else "the same organisation"
        founders = all(x is not None and "founder" in x.title.lower() for x in (first, second))
        who = "co-founders" if founders else "colleagues"
        span = _years(float(aff["until"][row] - aff["overlap"][row]), float(aff["until"][row]), net.now)
        return Evidence("affiliation", weight, f"{who} at {org} {span}", example={
            "type": "affiliation", "ids": list(ref), "organisation_id": int(aff["org"][row]),
            "titles": [x.title if x is not None else "" for x in (first, second)]})
    by, who = ref
    return Evidence("introducer", G.INTRODUCER_WEIGHT, f"{names.get(by, 'someone')} introduced you to "
                                                       f"{names.get(who, 'someone')}",
                    example={"type": "person", "id": who, "introduced_by": by})


def summary(items: list[Evidence], limit: int = 2) -> str:
    """The strongest reasons joined: "co-founders at Tidewater 2019–2022; 12 interactions together, ...".
    A colleague tie and an overlapping role usually say one thing twice: the tie's words are kept."""
    colleagues = any(e.kind == "tie" and e.example.get("kind") == "colleague" for e in items)
    shown = [e for e in items if not (colleagues and e.kind == "affiliation")]
    return "; ".join(e.text for e in shown[:limit]) or "tied"
