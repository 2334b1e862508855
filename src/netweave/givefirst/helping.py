"""Who I can help this week: a short list for the daily page of open asks where I can help or know who can.

My contacts' asks come first when they are fresh and the tie is strong. For each, either I offer what they need
myself, or the best helper I know is named. My own asks are on the list too, turned round: who could help me.
Asks with an introduction already under way are left out: that help is on its way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netweave.givefirst import topics
from netweave.givefirst.matching import Network, helpers_for, open_asks
from netweave.givefirst.reach import strengths_of
from netweave.givefirst.models import Introduction

ASK_SCAN = 200  # the newest open asks considered
TRIES = 4  # asks matched per item wanted: some asks have nobody who could help
HALF_LIFE_DAYS = 14  # an ask a fortnight old counts half as much as a new one
MY_STRENGTH = 50  # my own asks rank as if from a good tie: on the list, without crowding out others'
MIN_COVER = 0.5  # an offer of mine must cover this share of an ask's words to say "you offer"
MIN_HELPER = 0.5  # a helper scoring below this is too thin a lead to put on the daily page
STOPPED = (Introduction.State.DECLINED, Introduction.State.EXPIRED)


@dataclass(slots=True)
class HelpItem:
    """One line of the list: whom to act for (the asker, or for my own ask the helper), the ask, and why."""

    person_id: int
    display_name: str
    ask_id: int
    topic: str
    why: str


def help_this_week(owner, *, today: date | None = None, limit: int = 5) -> list[HelpItem]:
    """Open asks where I can help or know the best helper, freshest and strongest first, each with a why."""
    network = Network(owner, today)
    under_way = Introduction.objects.filter(owner=owner, ask__isnull=False).exclude(state__in=STOPPED)
    asks = list(open_asks(owner, network.today).exclude(pk__in=under_way.values("ask_id"))
                .select_related("person").order_by("-created_at", "-id")[:ASK_SCAN])
    strengths = strengths_of(owner, [a.person_id for a in asks if a.person_id])

    def priority(ask) -> float:
        age = max(0, (network.today - ask.created_at.date()).days)
        tie = MY_STRENGTH if ask.person_id is None else strengths.get(ask.person_id, 0)
        return 0.5 ** (age / HALF_LIFE_DAYS) * (0.4 + 0.6 * tie / 100)

    asks.sort(key=lambda a: (-priority(a), -a.pk))
    items: list[HelpItem] = []
    for ask in asks[:limit * TRIES]:
        item = _item(owner, ask, network)
        if item is not None:
            items.append(item)
            if len(items) >= limit:
                break
    return items


def _item(owner, ask, network: Network) -> HelpItem | None:
    if ask.person_id is not None:
        offer = _my_offer(ask, network)
        if offer is not None:
            why = f"{ask.person.display_name} needs {ask}; you {offer}."
            return HelpItem(ask.person_id, ask.person.display_name, ask.pk, ask.topic, why)
    helpers = helpers_for(owner, ask, limit=1, network=network, deep=False)
    if not helpers or helpers[0].score < MIN_HELPER:
        return None
    best = helpers[0]
    reason = best.evidence[0] if best.evidence else "a likely match"
    if ask.person_id is None:
        why = f"For your ask ({ask}): {best.display_name} could help ({reason})."
        return HelpItem(best.person_id, best.display_name, ask.pk, ask.topic, why)
    why = f"{ask.person.display_name} needs {ask}; {best.display_name} could help ({reason}): introduce them?"
    return HelpItem(ask.person_id, ask.person.display_name, ask.pk, ask.topic, why)


def _my_offer(ask, network: Network) -> str | None:
    """The words of my own open offer that best covers the ask ("offer mentoring on fundraising"), if one does."""
    groups = topics.query(ask.topic, ask.details, ask.kind)
    total = sum(g.weight for g in groups)
    best, cover = None, 0.0
    for words, terms in network.my_offers:
        share = sum(g.weight for g in groups if g.matches(terms)) / total if total else 0
        if share > cover:
            best, cover = words, share
    return best.replace("offers:", "offer", 1) if best and cover >= MIN_COVER else None
