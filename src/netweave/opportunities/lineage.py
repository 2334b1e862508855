"""How an opportunity came about, for ripple's lineage: the people it came through, the introduction it came
via and the contribution it followed. `lineage_hook` gives those steps; `opportunity_lineage` is a complete
resolver for `netweave.ripple.lineage.register("opportunity", ...)` that runs on from the first person (or the
introduction) back to how they came into my network."""

from __future__ import annotations

from netweave.core.errors import NotFound
from netweave.opportunities.models import Opportunity
from netweave.opportunities.queries import came_through
from netweave.ripple.lineage import Lineage, Step, introduction_lineage, person_lineage


def _day(value) -> str | None:
    return value.isoformat() if value else None


def lineage_hook(opportunity: Opportunity) -> list[Step]:
    """The steps an opportunity came through, nearest first: each person (with their role), the introduction,
    and the contribution it followed. Kinds: "opportunity_person" (object_id and person_id: the person),
    "introduction" (object_id: the introduction), "contribution" (object_id: the contribution)."""
    steps = []
    for link in came_through(opportunity):
        role = link.get_role_display()
        steps.append(Step("opportunity_person", f"came through {link.person.display_name} ({role})",
                          link.person_id, link.person_id))
    intro = opportunity.introduction
    if intro is not None and intro.owner_id == opportunity.owner_id:
        steps.append(Step("introduction", f"via your introduction of {intro.person_a.display_name} to "
                                          f"{intro.person_b.display_name} ({intro.get_state_display()})",
                          intro.pk, None, _day(intro.made_at.date() if intro.made_at else None)))
    contribution = opportunity.contribution
    if contribution is not None and contribution.owner_id == opportunity.owner_id:
        where = f" ({contribution.audience})" if contribution.audience else ""
        steps.append(Step("contribution", f"after your {contribution.get_kind_display()} “{contribution.title}”"
                                          f"{where}", contribution.pk, None, _day(contribution.day)))
    return steps


def opportunity_lineage(owner, opportunity_id: int) -> Lineage:
    """The whole chain: the contribution it followed, the introduction, the people it came through, then how the
    first of them (or else the introduction) came about."""
    opportunity = (Opportunity.objects.filter(owner=owner, pk=opportunity_id)
                   .select_related("introduction__person_a", "introduction__person_b", "contribution").first())
    if opportunity is None:
        raise NotFound(f"no opportunity {opportunity_id}")
    subject = {"kind": "opportunity", "id": opportunity.pk, "name": opportunity.title}
    hook = lineage_hook(opportunity)
    people = [s for s in hook if s.kind == "opportunity_person"]
    # The contribution and introduction first, the first person last: their own chain follows on from them.
    steps = [s for s in hook if s.kind == "contribution"] + [s for s in hook if s.kind == "introduction"]
    if people:
        steps += people[1:] + people[:1]
        chain = person_lineage(owner, people[0].person_id)
        return Lineage(subject, steps + chain.steps[1:], chain.root, chain.cycle, chain.cut)
    if opportunity.introduction_id is not None:
        chain = introduction_lineage(owner, opportunity.introduction_id)
        return Lineage(subject, steps + chain.steps[1:], chain.root, chain.cycle, chain.cut)
    if opportunity.contribution_id is not None:
        return Lineage(subject, steps, "your own contribution")
    return Lineage(subject, steps, "how it came is not recorded")


def ripple_descendants(owner, person_ids) -> dict[int, list]:
    """For `netweave.ripple.tree.register`: the opportunities that came through each of these people, as nodes
    under them ({person_id: [Node]}), so a person's ripple shows what they brought me."""
    from netweave.opportunities.models import OpportunityPerson
    from netweave.ripple.tree import Node

    found: dict[int, list] = {}
    seen: set[tuple[int, int]] = set()
    links = (OpportunityPerson.objects.filter(owner=owner, person_id__in=list(person_ids))
             .select_related("opportunity").order_by("opportunity__day", "opportunity_id", "id"))
    for link in links:
        o = link.opportunity
        if (link.person_id, o.pk) in seen:  # one person linked twice (after a merge) shows it once
            continue
        seen.add((link.person_id, o.pk))
        about = f"{o.get_kind_display()}; {link.get_role_display()}; {o.get_status_display()}"
        how = f"brought you “{o.title}” ({about})"
        found.setdefault(link.person_id, []).append(Node("opportunity", o.pk, o.title, how, _day(o.day)))
    return found
