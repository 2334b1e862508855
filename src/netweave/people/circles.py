"""The owner's list of circles (inner, close, active, wide by default): add, rename, reorder, remove."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Max, Q

from netweave.core.errors import Invalid
from netweave.people.models import Circle
from netweave.people.normalize import clean_text

MAX_NAME = Circle._meta.get_field("name").max_length


def circles_with_counts(owner):
    """The owner's circles, closest first, each with how many people (not archived) are in it."""
    return Circle.objects.filter(owner=owner).annotate(
        people_count=Count("people", filter=Q(people__archived=False))
    ).order_by("position", "name")


def _clean_name(owner, name: str, *, exclude: int | None = None) -> str:
    name = clean_text(name)
    if not name:
        raise Invalid({"name": "a circle needs a name"})
    if len(name) > MAX_NAME:
        raise Invalid({"name": f"is {len(name)} characters long; at most {MAX_NAME}"})
    clash = Circle.objects.filter(owner=owner, name__iexact=name)
    if exclude:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise Invalid({"name": f"there is already a circle called {name!r}"})
    return name


@transaction.atomic
def add_circle(owner, name: str, *, position: int | None = None) -> Circle:
    """A new circle; without a position it goes last (the widest)."""
    name = _clean_name(owner, name)
    if position is None:
        position = (Circle.objects.filter(owner=owner).aggregate(m=Max("position"))["m"] or 0) + 1
    _check_position(position)
    return Circle.objects.create(owner=owner, name=name, position=position)


@transaction.atomic
def change_circle(circle: Circle, *, name: str | None = None, position: int | None = None) -> Circle:
    if name is not None:
        circle.name = _clean_name(circle.owner, name, exclude=circle.pk)
    if position is not None:
        _check_position(position)
        circle.position = position
    circle.save()
    return circle


@transaction.atomic
def remove_circle(circle: Circle) -> int:
    """Delete a circle; its people stay, in no circle. Returns how many people that was."""
    moved = circle.people.update(circle=None)
    circle.delete()
    return moved


def _check_position(position: int) -> None:
    if not 0 <= position <= 1000:
        raise Invalid({"position": "must be between 0 and 1000"})
