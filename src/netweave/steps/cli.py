"""`netweave week`, `netweave week done|skip|reopen N`, `netweave week progress` and `netweave week settings`:
thin commands over steps.services and steps.queries."""

from __future__ import annotations

import typer
from rich.table import Table
from rich.text import Text

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, fail, invalid_exit, print_json,
)

week = typer.Typer(help="This week's small steps: a few easy actions drawn from your queues.")


def register(app: typer.Typer) -> None:
    app.add_typer(week, name="week")


def _step_row(step) -> dict:
    from netweave.steps.schemas import step_out

    row = step_out(step)
    row["acted_at"] = row["acted_at"].isoformat() if row["acted_at"] else None
    return row


@week.callback(invoke_without_command=True)
def show(ctx: typer.Context, user: str = UserOption, as_json: bool = JsonOption) -> None:
    """This week's plan: made once a week from your queues, each step with why and where to do it."""
    if ctx.invoked_subcommand is not None:
        return
    django_ready()
    from netweave.steps.queries import week_plan

    plan = week_plan(acting_user(user))
    if as_json:
        print_json({"week": plan.week.isoformat(), "week_end": plan.week_end.isoformat(),
                    "today": plan.today.isoformat(), "per_week": plan.per_week, "done": plan.done,
                    "streak": plan.streak, "steps": [_step_row(s) for s in plan.steps]})
        return
    if not plan.steps:
        console.print("Nothing to suggest this week: your queues are empty.", highlight=False)
        return
    table = Table(title=f"This week, {plan.week:%a %d %b} to {plan.week_end:%a %d %b}: {plan.done} of "
                        f"{len(plan.steps)} done", title_justify="left")
    for column in ("#", "step", "why", ""):
        table.add_column(column)
    for step in plan.steps:
        done = "" if step.status == "open" else step.status
        table.add_row(str(step.position), Text(step.title), Text(step.why), done)
    console.print(table)
    if plan.streak:
        console.print(f"Streak: {plan.streak} week{'s' if plan.streak != 1 else ''} in a row.", highlight=False)


def _act(number: int, user: str | None, as_json: bool, action: str) -> None:
    django_ready()
    from netweave.core.errors import NotFound
    from netweave.people.services import new_origin
    from netweave.steps import services

    owner = acting_user(user)
    try:
        step = services.step_by_number(owner, number)
    except NotFound as exc:
        fail(str(exc), code=2)
    if action == "done":
        step = services.complete(step, origin=new_origin(owner, "cli", "week done"))
    elif action == "skip":
        step = services.skip(step)
    else:
        step = services.reopen(step)
    if as_json:
        print_json(_step_row(step))
    else:
        verb = {"done": "Done", "skip": "Skipped", "reopen": "Back to do"}[action]
        console.print(f"{verb}: {step.title}.", highlight=False, markup=False)


NumberArg = typer.Argument(..., min=1, help="The step's number in this week's plan (`netweave week`).")


@week.command("done")
def done(number: int = NumberArg, user: str = UserOption, as_json: bool = JsonOption) -> None:
    """Mark step N done (a check-in or revived tie is logged as contact, a celebration as congratulated)."""
    _act(number, user, as_json, "done")


@week.command("skip")
def skip(number: int = NumberArg, user: str = UserOption, as_json: bool = JsonOption) -> None:
    """Skip step N this week; it is not offered again for a few weeks."""
    _act(number, user, as_json, "skip")


@week.command("reopen")
def reopen(number: int = NumberArg, user: str = UserOption, as_json: bool = JsonOption) -> None:
    """Put step N back to do."""
    _act(number, user, as_json, "reopen")


@week.command("progress")
def week_progress(
    weeks: int = typer.Option(12, "--weeks", min=1, max=104, help="How many weeks back, this one included."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Done and planned steps week by week, and the streak."""
    django_ready()
    from netweave.steps.queries import progress

    found = progress(acting_user(user), weeks)
    if as_json:
        print_json({"streak": found.streak, "planned": found.planned, "done": found.done,
                    "weeks": [{**vars(w), "week": w.week.isoformat()} for w in found.weeks]})
        return
    table = Table(title=f"Streak: {found.streak} week(s); {found.done} of {found.planned} done", title_justify="left")
    for column in ("week of", "done", "planned", "skipped"):
        table.add_column(column)
    for w in found.weeks:
        table.add_row(f"{w.week:%Y-%m-%d}", str(w.done), str(w.planned), str(w.skipped))
    console.print(table)


@week.command("settings")
def week_settings(
    per_week: int = typer.Option(None, "--per-week", help="How many steps a week (1-10)."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Show, or change, how many steps a week's plan offers."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.steps import services

    owner = acting_user(user)
    try:
        found = (services.update_settings(owner, per_week=per_week) if per_week is not None
                 else services.settings_for(owner))
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json({"per_week": found.per_week})
    else:
        console.print(f"Up to {found.per_week} steps a week.", highlight=False)
