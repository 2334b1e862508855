"""`netweave celebrations`, `netweave celebrate done|skip`, `netweave milestone add` and
`netweave followup list|add|done`: thin commands over nurture.services and the celebrations and follow-ups
queries."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, fail, invalid_exit, print_json, resolve_or_exit,
)

celebrate = typer.Typer(help="Act on a celebration: congratulated (done) or skipped.", no_args_is_help=True)
milestone = typer.Typer(help="Milestones to congratulate people on: a launch, an award, a move...",
                        no_args_is_help=True)
followup = typer.Typer(help="Promises to follow up on: list, add, done.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command("celebrations")(celebrations)
    app.add_typer(celebrate, name="celebrate")
    app.add_typer(milestone, name="milestone")
    app.add_typer(followup, name="followup")


def _day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option}: {text[:20]!r} is not a date like 2026-05-01", code=2)


def celebrations(
    days: int = typer.Option(14, min=0, max=366, help="How many days ahead to look."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Whom to congratulate soon: birthdays, anniversaries, new jobs, promotions and milestones, with a draft."""
    django_ready()
    from netweave.nurture.celebrations import upcoming

    found = upcoming(acting_user(user), days=days)
    if as_json:
        print_json([{"person_id": c.person_id, "display_name": c.display_name, "kind": c.kind,
                     "day": c.day.isoformat(), "what": c.what, "draft": c.draft, "key": c.key} for c in found])
        return
    if not found:
        console.print("Nothing to celebrate in the next few days.", highlight=False)
        return
    # Lines, not a table: a draft is a paragraph, and squeezed into a column it is unreadable.
    console.print("To celebrate", style="bold", highlight=False)
    for c in found:
        console.print(f"{c.day:%a %Y-%m-%d}  {c.display_name} ({c.person_id}): {c.what}  [{c.key}]",
                      highlight=False, markup=False)
        console.print(f"    {c.draft}", highlight=False, markup=False)


def _act(name: str, key: str, user: str, as_json: bool, skip: bool) -> None:
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.nurture import services

    owner = acting_user(user)
    person = resolve_or_exit(owner, name)
    try:
        nudge = (services.skip_celebration if skip else services.congratulate)(person, key)
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json({"person_id": person.pk, "key": nudge.key, "status": nudge.status})
    else:
        console.print(f"{person.display_name}, {key}: {nudge.status}.", highlight=False)


@celebrate.command("done")
def celebrate_done(
    name: str = typer.Argument(..., help="Whom you congratulated."),
    key: str = typer.Argument(..., help='The celebration\'s key, as listed: "birthday:2026-12-01".'),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Mark a celebration congratulated: it is not offered again."""
    _act(name, key, user, as_json, skip=False)


@celebrate.command("skip")
def celebrate_skip(
    name: str = typer.Argument(..., help="Whose celebration to skip."),
    key: str = typer.Argument(..., help="The celebration's key, as listed."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Skip a celebration: it is not offered again."""
    _act(name, key, user, as_json, skip=True)


@milestone.command("add")
def milestone_add(
    name: str = typer.Argument(..., help="Whose milestone."),
    text: str = typer.Argument(..., help='What happened: "launched her book".'),
    kind: str = typer.Option("other", "--kind", "-k", help="launch, award, move, new_child, new_job, promotion or other."),
    day: str = typer.Option(None, "--day", help="YYYY-MM-DD; default: today."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Note a milestone: it comes up on the celebrations list."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.nurture import services
    from netweave.nurture.today import local_today

    owner = acting_user(user)
    person = resolve_or_exit(owner, name)
    try:
        made = services.add_milestone(person, kind=kind, day=_day(day, "--day") or local_today(owner), text=text)
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json({"id": made.pk, "person_id": person.pk, "kind": made.kind, "day": made.day.isoformat(),
                    "text": made.text})
    else:
        console.print(f"Noted for {person.display_name} on {made.day:%Y-%m-%d}: {made.text}", highlight=False)


def _row(item) -> dict:
    return {"id": item.id, "person_id": item.person_id, "display_name": item.display_name, "text": item.text,
            "due": item.due.isoformat(), "days_overdue": item.days_overdue, "state": item.state,
            "interaction_id": item.interaction_id}


@followup.command("list")
def followup_list(
    days: int = typer.Option(7, min=0, max=366, help="Also list those due within this many days."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Follow-ups due: overdue and today first, then the next few days."""
    django_ready()
    from netweave.nurture.followups import due

    items = due(acting_user(user), days=days)
    if as_json:
        print_json([_row(i) for i in items])
        return
    if not items:
        console.print("No follow-ups due.", highlight=False)
        return
    table = Table(title="Follow-ups due", title_justify="left")
    for column in ("id", "due", "who", "what"):
        table.add_column(column)
    for i in items:
        table.add_row(str(i.id), f"{i.due:%a %Y-%m-%d} ({i.state})", f"{i.display_name} ({i.person_id})", i.text)
    console.print(table)


@followup.command("add")
def followup_add(
    name: str = typer.Argument(..., help="To whom you promised it."),
    text: str = typer.Argument(..., help='The promise: "send her the deck by Friday".'),
    due_day: str = typer.Option(None, "--due", help="YYYY-MM-DD; default: the day the text names, else in a week."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Note a promise to follow up on."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.nurture import services
    from netweave.nurture.followups import as_item
    from netweave.nurture.today import local_today

    owner = acting_user(user)
    person = resolve_or_exit(owner, name)
    try:
        made = services.add_follow_up(person, text, due=_day(due_day, "--due"))
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json(_row(as_item(made, local_today(owner))))
    else:
        console.print(f"Follow-up {made.pk} with {person.display_name}, due {made.due:%a %Y-%m-%d}.", highlight=False)


@followup.command("done")
def followup_done(
    follow_up_id: int = typer.Argument(..., help="The follow-up's id, as listed."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Mark a follow-up done."""
    django_ready()
    from netweave.nurture import services
    from netweave.nurture.followups import as_item
    from netweave.nurture.models import FollowUp
    from netweave.nurture.today import local_today

    owner = acting_user(user)
    found = FollowUp.objects.filter(owner=owner, pk=follow_up_id).select_related("person").first()
    if found is None:
        fail(f"no follow-up {follow_up_id}", code=2)
    services.finish_follow_up(found)
    if as_json:
        print_json(_row(as_item(found, local_today(owner))))
    else:
        console.print(f"Done: {found.text}", highlight=False)
