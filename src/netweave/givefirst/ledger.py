"""Reading the give-and-take ledger: each person's balance and history, and relationships that lean one way.

Shaped for 30,000 people: balances for any number of people come from one grouped query, and the one-sided
list from one aggregate with conditional counts; names only for the few people shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, F, Max, Q
from django.db.models.functions import Abs, Coalesce

from netweave.givefirst.models import Exchange
from netweave.people.models import Person

ID_FILTER_LIMIT = 2000  # past this many ids, reading the owner's whole ledger beats a huge IN list
LEAN_RATIO = 4  # "strongly one-sided": one way at least four times the other


@dataclass(frozen=True)
class Balance:
    gave: int  # from me to them
    received: int  # from them to me
    brokered: int  # between them and another contact, which I brokered
    last_day: date | None
    words: str


@dataclass(frozen=True)
class OneSided:
    person_id: int
    display_name: str
    gave: int
    received: int
    leans: str  # "me": I do the giving; "them": they do
    nudge: str


def words(gave: int, received: int, brokered: int) -> str:
    """"you gave 6, received 1", with brokered exchanges after a semicolon; "nothing exchanged yet" for none."""
    if not (gave or received or brokered):
        return "nothing exchanged yet"
    text = f"you gave {gave}, received {received}"
    return f"{text}; brokered {brokered}" if brokered else text


def _balance(gave: int = 0, received: int = 0, brokered: int = 0, last_day: date | None = None) -> Balance:
    return Balance(gave, received, brokered, last_day, words(gave, received, brokered))


def balances_for(owner, person_ids) -> dict[int, Balance]:
    """Every given person's balance, in one query (grouped by giver and receiver). People with no exchanges
    get a zero balance."""
    ids = set(person_ids)
    counts = {pid: [0, 0, 0, None] for pid in ids}  # gave, received, brokered, last day
    if not ids:
        return {}
    if len(ids) <= ID_FILTER_LIMIT:
        # The owner in both branches lets SQLite search each side's index (a multi-index OR).
        rows = Exchange.objects.filter(Q(owner=owner, giver_id__in=ids) | Q(owner=owner, receiver_id__in=ids))
    else:
        rows = Exchange.objects.filter(owner=owner)
    rows = rows.order_by().values("giver_id", "receiver_id").annotate(n=Count("id"), last=Max("day"))
    for row in rows.values_list("giver_id", "receiver_id", "n", "last"):
        giver, receiver, n, last = row
        if giver is None:
            sides = [(receiver, 0)]
        elif receiver is None:
            sides = [(giver, 1)]
        else:
            sides = [(giver, 2), (receiver, 2)]
        for pid, slot in sides:
            if pid in counts:
                tally = counts[pid]
                tally[slot] += n
                tally[3] = last if tally[3] is None or last > tally[3] else tally[3]
    return {pid: _balance(*tally) for pid, tally in counts.items()}


def balance(owner, person: Person) -> Balance:
    """One person's balance: what I gave them, what they gave me, and what I brokered for them."""
    return balances_for(owner, [person.pk])[person.pk]


def history(owner, person: Person, limit: int = 50) -> list[Exchange]:
    """The latest exchanges involving one person, either way and brokered, newest first."""
    return list(Exchange.objects.filter(Q(owner=owner, giver=person) | Q(owner=owner, receiver=person))
                .select_related("giver", "receiver", "introduction")[:limit])


def one_sided(owner, *, min_count: int = 3, limit: int = 50) -> list[OneSided]:
    """Relationships that are all take one way: at least `min_count` exchanges one way and nothing back, or
    four times as many one way as the other. Most lopsided first, each with a gentle nudge."""
    from netweave.givefirst.services import open_asks
    from netweave.nurture.today import local_today

    min_count = max(1, min_count)
    mine = Q(giver__isnull=True, receiver__archived=False) | Q(receiver__isnull=True, giver__archived=False)
    rows = (Exchange.objects.filter(owner=owner).filter(mine).order_by()
            .values(pid=Coalesce("giver_id", "receiver_id"))
            .annotate(gave=Count("id", filter=Q(giver__isnull=True)),
                      received=Count("id", filter=Q(receiver__isnull=True)), last=Max("day"))
            .filter(Q(gave__gte=min_count) & Q(gave__gte=F("received") * LEAN_RATIO)
                    | Q(received__gte=min_count) & Q(received__gte=F("gave") * LEAN_RATIO))
            .annotate(lean=Abs(F("gave") - F("received")))
            .order_by("-lean", "-last", "pid")
            .values_list("pid", "gave", "received")[:limit])
    rows = list(rows)
    people = Person.objects.filter(owner=owner, pk__in=[r[0] for r in rows]).only(
        "id", "display_name", "given_name", "nickname", "pronouns").in_bulk()
    asking = {}
    for person_id, topic in (open_asks(owner, local_today(owner)).filter(person_id__in=list(people))
                             .order_by("-created_at").values_list("person_id", "topic")):
        asking.setdefault(person_id, topic)
    out = []
    for pid, gave, received in rows:
        person = people[pid]
        leans = "me" if gave > received else "them"
        out.append(OneSided(pid, person.display_name, gave, received, leans,
                            nudge(person, gave, received, leans, asking.get(pid, ""))))
    return out


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def first_name(person: Person) -> str:
    return (person.nickname or person.given_name or person.display_name.split(" ")[0] or person.display_name).strip()


def object_pronoun(person: Person) -> str:
    """"her", "him" or "them", from the pronouns the user noted; "them" when none are."""
    said = person.pronouns.lower()
    if said.startswith("she"):
        return "her"
    if said.startswith("he"):
        return "him"
    return "them"


def nudge(person: Person, gave: int, received: int, leans: str, open_ask: str = "") -> str:
    """A non-judgemental sentence that suggests one small step to even things out."""
    name = first_name(person)
    if leans == "me":
        back = "nothing back yet" if not received else f"{name} has helped you {times(received)}"
        return (f"You've helped {name} {times(gave)}; {back} — that's fine, but you could let "
                f"{object_pronoun(person)} know what you're working on.")
    given = "" if not gave else f" and you've helped {object_pronoun(person)} {times(gave)}"
    text = f"{name} has helped you {times(received)}{given}; is there something you could offer?"
    if open_ask:
        text += f" {name} is looking for {open_ask}."
    return text
