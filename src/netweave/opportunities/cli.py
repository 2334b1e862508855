"""`netweave opportunity add|list|status|show` and `netweave contribution add|list`: thin commands over
opportunities.services and queries."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table
from rich.text import Text

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, fail, invalid_exit, print_json, resolve_or_exit,
)

opportunity = typer.Typer(help="Opportunities: jobs, projects, talks and collaborations, and how they came.",
                          no_args_is_help=True)
contribution = typer.Typer(help="What you gave, published or spoke about.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(opportunity, name="opportunity")
    app.add_typer(contribution, name="contribution")


def _day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        fail(f"{option}: {text!r} is not a date like 2026-05-01", code=2)


def _plain(row: dict) -> dict:
    """A schema dict made JSON-ready: days and times as ISO text."""
    out = {}
    for key, value in row.items():
        if isinstance(value, dict):
            value = _plain(value)
        elif isinstance(value, list):
            value = [_plain(v) if isinstance(v, dict) else v for v in value]
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        out[key] = value
    return out


def _through(owner, values: list[str]) -> list:
    """ "Ana Lima" or "Ana Lima:contact" for each --via, as (person, role)."""
    from netweave.opportunities.models import OpportunityPerson

    out = []
    for value in values:
        name, _, role = value.rpartition(":") if ":" in value else (value, "", "")
        role = role.strip() or OpportunityPerson.Role.REFERRER
        if role not in OpportunityPerson.Role.values:
            fail(f"--via {value!r}: the role after ':' must be one of {', '.join(OpportunityPerson.Role.values)}",
                 code=2)
        out.append((resolve_or_exit(owner, name), role))
    return out


def _owned(model, owner, pk: int | None, option: str):
    if pk is None:
        return None
    found = model.objects.filter(owner=owner, pk=pk).first()
    if found is None:
        fail(f"{option}: you have no {model._meta.verbose_name} {pk}", code=2)
    return found


def _opportunity(owner, pk: int):
    from netweave.opportunities.queries import opportunities

    found = opportunities(owner).filter(pk=pk).first()
    if found is None:
        fail(f"you have no opportunity {pk}; `netweave opportunity list` shows them", code=2)
    return found


@opportunity.command("add")
def add(
    title: str = typer.Argument(..., help="What: 'Staff engineer', 'Keynote at PyCon'."),
    kind: str = typer.Option("job", "--kind", "-k", help="job, project, speaking, collaboration or other."),
    organisation: str = typer.Option("", "--org", "-o", help="The organisation (created when new)."),
    via: list[str] = typer.Option([], "--via", help="Someone it came through: NAME or NAME:ROLE (referrer, "
                                                    "introducer, contact, decider, other). Repeat for more."),
    introduction: int = typer.Option(None, "--intro", help="The id of the introduction it came through."),
    after: int = typer.Option(None, "--after", help="The id of the contribution it followed."),
    status: str = typer.Option("open", "--status", "-s"),
    day: str = typer.Option(None, "--day", help="When it came up, YYYY-MM-DD; default: today."),
    notes: str = typer.Option("", "--notes", "-n"),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Note an opportunity that came your way."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.givefirst.models import Introduction
    from netweave.opportunities import services
    from netweave.opportunities.models import Contribution
    from netweave.opportunities.schemas import opportunity_out
    from netweave.people.services import new_origin

    owner = acting_user(user)
    people = _through(owner, via)
    try:
        created = services.add_opportunity(
            owner, title=title, kind=kind, organisation=organisation or None, status=status, notes=notes,
            day=_day(day, "--day"), people=people,
            introduction=_owned(Introduction, owner, introduction, "--intro"),
            contribution=_owned(Contribution, owner, after, "--after"),
            origin=new_origin(owner, "cli", "opportunity add"))
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json(_plain(opportunity_out(_opportunity(owner, created.pk))))
    else:
        console.print(f"Noted opportunity {created.pk}: {created.title}.", highlight=False, markup=False)


@opportunity.command("list")
def opportunity_list(
    status: str = typer.Option(None, "--status", "-s", help="Only this status."),
    kind: str = typer.Option(None, "--kind", "-k", help="Only this kind."),
    settled: bool = typer.Option(False, "--all", help="Include won, lost, declined and closed ones."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Your opportunities, newest first (those still in play, unless --all or --status)."""
    django_ready()
    from netweave.opportunities.models import Opportunity
    from netweave.opportunities.queries import came_through, opportunities
    from netweave.opportunities.schemas import opportunity_out

    for option, value, choices in (("--status", status, Opportunity.Status), ("--kind", kind, Opportunity.Kind)):
        if value and value not in choices.values:
            fail(f"{option}: must be one of {', '.join(choices.values)}", code=2)
    found = opportunities(acting_user(user), status=status, kind=kind,
                          in_play=None if settled or status else True)
    if as_json:
        print_json([_plain(opportunity_out(o)) for o in found])
        return
    if not found:
        console.print("None yet: `netweave opportunity add TITLE --via NAME`.", highlight=False)
        return
    table = Table(title="Opportunities", title_justify="left")
    for column in ("id", "what", "status", "came up", "through"):
        table.add_column(column)
    for o in found:
        where = f" at {o.organisation.name}" if o.organisation else ""
        through = ", ".join(link.person.display_name for link in came_through(o))
        table.add_row(str(o.pk), Text(f"{o.title} ({o.get_kind_display()}){where}"), o.status, f"{o.day:%Y-%m-%d}",
                      Text(through))
    console.print(table)


@opportunity.command("status")
def status_command(
    opportunity_id: int = typer.Argument(..., help="The opportunity's id (`netweave opportunity list`)."),
    status: str = typer.Argument(..., help="open, pursuing, won, lost, declined or closed."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Change where an opportunity stands."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.opportunities import services
    from netweave.opportunities.schemas import opportunity_out

    owner = acting_user(user)
    found = _opportunity(owner, opportunity_id)
    try:
        services.set_status(found, status)
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json(_plain(opportunity_out(_opportunity(owner, opportunity_id))))
    else:
        console.print(f"{found.title}: {found.get_status_display()}.", highlight=False, markup=False)


@opportunity.command("show")
def show(
    opportunity_id: int = typer.Argument(...),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """One opportunity and how it came about."""
    django_ready()
    from netweave.opportunities.lineage import opportunity_lineage

    owner = acting_user(user)
    found = _opportunity(owner, opportunity_id)
    lineage = opportunity_lineage(owner, found.pk)
    if as_json:
        print_json(lineage.as_dict())
        return
    console.print(f"{found.title} ({found.get_kind_display()}, {found.get_status_display()})", style="bold",
                  highlight=False, markup=False)
    for step in lineage.steps:
        console.print(f"  ← {step.text}" + (f" ({step.day})" if step.day else ""), highlight=False, markup=False)
    console.print(f"  root: {lineage.root}", highlight=False, markup=False)


def _contribution_row(c) -> dict:
    row = {"id": c.pk, "kind": c.kind, "title": c.title, "day": c.day.isoformat(), "url": c.url,
           "audience": c.audience, "notes": c.notes}
    if hasattr(c, "followed"):
        row.update(followed=c.followed, won=c.won)
    return row


@contribution.command("add")
def contribution_add(
    title: str = typer.Argument(..., help="What: the talk's or article's title, what you helped with."),
    kind: str = typer.Option("talk", "--kind", "-k", help="talk, article, help, open_source or other."),
    day: str = typer.Option(None, "--day", help="YYYY-MM-DD; default: today."),
    url: str = typer.Option("", "--url"),
    audience: str = typer.Option("", "--where", "-w", help="Where, or for whom."),
    notes: str = typer.Option("", "--notes", "-n"),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Log something you gave, published or spoke about."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.opportunities import services
    from netweave.people.services import new_origin

    owner = acting_user(user)
    try:
        created = services.add_contribution(owner, title=title, kind=kind, day=_day(day, "--day"), url=url,
                                            audience=audience, notes=notes,
                                            origin=new_origin(owner, "cli", "contribution add"))
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json(_contribution_row(created))
    else:
        console.print(f"Logged contribution {created.pk}: {created.title}.", highlight=False, markup=False)


@contribution.command("list")
def contribution_list(
    kind: str = typer.Option(None, "--kind", "-k", help="Only this kind."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """What you gave, published or spoke about, newest first, with the invitations that followed each."""
    django_ready()
    from netweave.opportunities.models import Contribution
    from netweave.opportunities.queries import contributions

    if kind and kind not in Contribution.Kind.values:
        fail(f"--kind: must be one of {', '.join(Contribution.Kind.values)}", code=2)
    found = list(contributions(acting_user(user), kind=kind))
    if as_json:
        print_json([_contribution_row(c) for c in found])
        return
    if not found:
        console.print("Nothing logged yet: `netweave contribution add TITLE --kind talk`.", highlight=False)
        return
    table = Table(title="Contributions", title_justify="left")
    for column in ("id", "day", "what", "where", "followed"):
        table.add_column(column)
    for c in found:
        followed = f"{c.followed} ({c.won} won)" if c.followed else ""
        table.add_row(str(c.pk), f"{c.day:%Y-%m-%d}", Text(f"{c.title} ({c.get_kind_display()})"), Text(c.audience),
                      followed)
    console.print(table)
