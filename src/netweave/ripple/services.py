"""What the web, the API and the CLI call: warm paths to whoever a request names, lineage, the ripple tree, and
rebuilding the graph. Reads of the network itself are in `queries` and `insights`."""

from __future__ import annotations

from netweave.core.errors import Invalid, NotFound
from netweave.ripple import cache, lineage, paths, tree


def warm_paths(owner, *, person=None, organisation=None, tag=None, k: int = paths.DEFAULT_K,
               max_hops: int = paths.DEFAULT_MAX_HOPS) -> paths.Answer:
    """Paths to exactly one of: a person, an organisation (anyone now there) or a tag (anyone with it)."""
    given = [name for name, value in (("to", person), ("org", organisation), ("tag", tag)) if value is not None]
    if len(given) != 1:
        raise Invalid({"to": "name exactly one of a person (to), an organisation (org) or a tag (tag)"})
    if person is not None:
        return paths.to_person(owner, person, k=k, max_hops=max_hops)
    if organisation is not None:
        return paths.to_organisation(owner, organisation, k=k, max_hops=max_hops)
    return paths.to_tag(owner, tag, k=k, max_hops=max_hops)


def person_lineage(owner, person) -> lineage.Lineage:
    return lineage.person_lineage(owner, person.pk)


def lineage_of(owner, kind: str, object_id: int) -> lineage.Lineage:
    """How a person, tie or introduction of the owner's came about. NotFound for anyone else's."""
    return lineage.lineage_of(owner, kind, object_id)


def ripple(owner, person, *, depth: int = tree.DEFAULT_DEPTH, limit: int = tree.DEFAULT_LIMIT) -> tree.Ripple:
    if person.owner_id != owner.pk:
        raise NotFound("no such person")
    return tree.ripple(owner, person, depth=depth, limit=limit)


def rebuild_graph(owner) -> dict:
    """Forget the cached network (memory and disk) and read it all again; returns what the build did."""
    cache.forget(owner)
    cache.build(owner)
    return dict(cache.last_refresh.get(owner.pk, {}))
