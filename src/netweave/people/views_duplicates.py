"""The duplicates review queue and the list of merges: thin views over people.duplicates and people.merging.

Every form works without JavaScript (post, then redirect back). With htmx, dismissing a pair replaces just its
card, so working through a long queue needs no rescan; a merge reloads it, as the removed person may be in
other pairs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from netweave.core.errors import Invalid
from netweave.core.ids import parse_id
from netweave.people import duplicates, merging, services
from netweave.people.models import Merge, Person

PAGE_SIZE = 20
MERGES_PAGE_SIZE = 50


def _person(request, field: str) -> Person:
    """The user's person whose id the form sent under `field`; anything else is a 404."""
    return get_object_or_404(Person, pk=parse_id(request.POST.get(field)) or 0, owner=request.user)


def _back(request):
    page = parse_id(request.POST.get("page"))
    return redirect(f"{reverse('people:duplicates')}?page={page}" if page else reverse("people:duplicates"))


@login_required
def duplicate_list(request):
    found = duplicates.scan_cached(request.user)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    people = duplicates.people_for(request.user, page.object_list)
    pairs = [{"candidate": c, "people": (people[c.a], people[c.b])}
             for c in page.object_list if c.a in people and c.b in people]
    return render(request, "people/duplicates.html", {"page": page, "pairs": pairs})


@login_required
@require_POST
def duplicate_merge(request):
    kept, removed = _person(request, "keep"), _person(request, "remove")
    removed_name = removed.display_name
    try:
        merging.merge_people(kept, removed, origin=services.new_origin(request.user, "web", "merge duplicates"))
    except Invalid as exc:
        return _answer(request, "; ".join(exc.errors.values()), error=True)
    return _answer(request, f"Merged {removed_name} into {kept.display_name}. The merges page can undo it.",
                   kept=kept)


@login_required
@require_POST
def duplicate_dismiss(request):
    a, b = _person(request, "a"), _person(request, "b")
    try:
        duplicates.dismiss(request.user, a, b)
    except Invalid as exc:
        return _answer(request, "; ".join(exc.errors.values()), error=True)
    return _answer(request, f"Noted: {a.display_name} and {b.display_name} are not the same person.")


def _answer(request, text: str, *, error: bool = False, kept: Person | None = None):
    if request.htmx:
        return render(request, "people/_duplicate_done.html", {"text": text, "error": error, "kept": kept})
    (messages.error if error else messages.success)(request, text)
    return _back(request)


@login_required
def merge_list(request):
    page = Paginator(merging.recent_merges(request.user), MERGES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/merges.html", {"page": page})


@login_required
@require_POST
def merge_undo(request, pk: int):
    merge = get_object_or_404(Merge, pk=pk, owner=request.user)
    try:
        kept, removed = merging.undo_merge(merge)
        messages.success(request, f"Undid the merge: {kept.display_name} and {removed.display_name} are two "
                                  f"people again, each as they were.")
    except Invalid as exc:
        messages.error(request, f"Cannot undo: {'; '.join(exc.errors.values())}.")
    return redirect("people:merges")
