"""The ripple on the web: a person's ripple tree as a nested list. (The graph view will live here too.)"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from netweave.core.errors import Invalid
from netweave.people.models import Person
from netweave.ripple import services, tree


@login_required
def ripple_tree(request, pk: int):
    person = get_object_or_404(Person, pk=pk, owner=request.user)
    try:
        depth = int(request.GET.get("depth") or tree.DEFAULT_DEPTH)
    except ValueError:
        depth = tree.DEFAULT_DEPTH
    try:
        found = services.ripple(request.user, person, depth=depth)
    except Invalid:
        depth = tree.DEFAULT_DEPTH
        found = services.ripple(request.user, person, depth=depth)
    return render(request, "ripple/tree.html", {"person": person, "ripple": found, "depth": depth,
                                                "deeper": min(depth + 2, tree.MAX_DEPTH)})
