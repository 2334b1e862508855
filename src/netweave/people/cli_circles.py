"""`netweave circles list|add|rename|move|remove`: the user's own list of circles."""

from __future__ import annotations

import typer
from rich.table import Table

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, fail, invalid_exit, print_json,
)

circles = typer.Typer(help="Your circles of closeness (inner, close, active, wide, or your own).", no_args_is_help=True)


def _circle(owner, name: str):
    from netweave.people.models import Circle

    circle = Circle.objects.filter(owner=owner, name__iexact=" ".join(name.split())).first()
    if circle is None:
        names = ", ".join(Circle.objects.filter(owner=owner).values_list("name", flat=True))
        fail(f"no circle called {name!r}; there are: {names}", code=2)
    return circle


@circles.command("list")
def list_circles(user: str = UserOption, as_json: bool = JsonOption) -> None:
    """List circles, closest first, with how many people each holds."""
    django_ready()
    from netweave.people.circles import circles_with_counts

    rows = [{"id": c.id, "name": c.name, "position": c.position, "people": c.people_count}
            for c in circles_with_counts(acting_user(user))]
    if as_json:
        print_json(rows)
        return
    table = Table("position", "name", "people")
    for r in rows:
        table.add_row(str(r["position"]), r["name"], str(r["people"]))
    console.print(table)


@circles.command("add")
def add(name: str, position: int = typer.Option(None, help="Lower is closer; default: last."),
        user: str = UserOption) -> None:
    """Add a circle."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.people.circles import add_circle

    try:
        circle = add_circle(acting_user(user), name, position=position)
    except Invalid as exc:
        invalid_exit(exc)
    console.print(f"Added the circle {circle.name}.", highlight=False)


@circles.command("rename")
def rename(old: str, new: str, user: str = UserOption) -> None:
    """Rename a circle; its people stay in it."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.people.circles import change_circle

    try:
        circle = change_circle(_circle(acting_user(user), old), name=new)
    except Invalid as exc:
        invalid_exit(exc)
    console.print(f"Renamed to {circle.name}.", highlight=False)


@circles.command("move")
def move(name: str, position: int, user: str = UserOption) -> None:
    """Give a circle a new position (lower is closer)."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.people.circles import change_circle

    try:
        change_circle(_circle(acting_user(user), name), position=position)
    except Invalid as exc:
        invalid_exit(exc)
    console.print("Moved.")


@circles.command("remove")
def remove(name: str, user: str = UserOption) -> None:
    """Remove a circle; its people stay, in no circle."""
    django_ready()
    from netweave.people.circles import remove_circle

    moved = remove_circle(_circle(acting_user(user), name))
    console.print(f"Removed; {moved} people are now in no circle.")
