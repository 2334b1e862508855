"""`netweave mentor add|list|session|end`, `netweave learned TEXT --from NAME` and `netweave learnings [QUERY]`:
thin commands over mentorship.services and queries."""

from __future__ import annotations

from datetime import date

import typer
from rich.table import Table
from rich.text import Text

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, fail, invalid_exit, print_json, resolve_or_exit,
)

mentor = typer.Typer(help="Mentors and mentees: goals and session notes.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(mentor, name="mentor")
    app.command("learned")(learned)
    app.command("learnings")(learnings)


def _day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        fail(f"{option}: {text!r} is not a date like 2026-05-01", code=2)


def _mentorship_row(m) -> dict:
    return {"id": m.pk, "person": {"id": m.person.pk, "display_name": m.person.display_name}, "role": m.role,
            "goals": m.goals, "started": m.started.isoformat(), "ended": m.ended.isoformat() if m.ended else None,
            "active": m.active, "session_count": m.session_count,
            "last_session": m.last_session.isoformat() if m.last_session else None}


def _one(owner, name: str, role: str | None):
    """The open mentorship with the person named (of a role, when given); else their latest one."""
    from netweave.mentorship.queries import mentorships

    person = resolve_or_exit(owner, name)
    found = [m for m in mentorships(owner, role=role) if m.person_id == person.pk]
    found.sort(key=lambda m: (not m.active, -m.started.toordinal(), -m.pk))
    if not found:
        fail(f"{person.display_name} is neither your mentor nor your mentee; `netweave mentor add` first", code=2)
    if len(found) > 1 and found[0].active and found[1].active:
        fail(f"{person.display_name} is both your mentor and your mentee; say which with --role", code=2)
    return found[0]


RoleOption = typer.Option(None, "--role", "-r", help="mentor (they mentor me) or mentee (I mentor them).")


@mentor.command("add")
def add(
    name: str = typer.Argument(..., help="Who."),
    role: str = typer.Option("mentor", "--role", "-r", help="mentor (they mentor me) or mentee (I mentor them)."),
    goals: str = typer.Option("", "--goals", "-g", help="What you are working towards."),
    started: str = typer.Option(None, "--since", help="YYYY-MM-DD; default: today."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Start a mentorship: someone who mentors you, or whom you mentor."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.mentorship import services
    from netweave.mentorship.queries import mentorships
    from netweave.people.services import new_origin

    owner = acting_user(user)
    person = resolve_or_exit(owner, name)
    try:
        created = services.start_mentorship(owner, person, role=role, goals=goals, started=_day(started, "--since"),
                                            origin=new_origin(owner, "cli", "mentor add"))
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json(_mentorship_row(mentorships(owner).get(pk=created.pk)))
    else:
        console.print(f"{person.display_name} is now {created.get_role_display()}.", highlight=False)


@mentor.command("list")
def mentor_list(
    role: str = RoleOption,
    ended: bool = typer.Option(False, "--all", help="Include mentorships that have ended."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Your mentors and mentees, with how many sessions and the last one."""
    django_ready()
    from netweave.mentorship.models import Mentorship
    from netweave.mentorship.queries import mentorships

    if role and role not in Mentorship.Role.values:
        fail(f"--role: must be one of {', '.join(Mentorship.Role.values)}", code=2)
    found = list(mentorships(acting_user(user), role=role, active=None if ended else True))
    if as_json:
        print_json([_mentorship_row(m) for m in found])
        return
    if not found:
        console.print("No mentorships yet: `netweave mentor add NAME --role mentor|mentee`.", highlight=False)
        return
    table = Table(title="Mentorships", title_justify="left")
    for column in ("who", "role", "since", "sessions", "goals"):
        table.add_column(column)
    for m in found:
        since = f"{m.started:%Y-%m-%d}" + (f" to {m.ended:%Y-%m-%d}" if m.ended else "")
        last = f" (last {m.last_session:%Y-%m-%d})" if m.last_session else ""
        table.add_row(Text(f"{m.person.display_name} ({m.person.pk})"), m.get_role_display(), since,
                      f"{m.session_count}{last}", Text(m.goals[:80]))
    console.print(table)


@mentor.command("session")
def session(
    name: str = typer.Argument(..., help="Your mentor or mentee."),
    notes: str = typer.Option("", "--notes", "-n", help="What you talked about."),
    next_steps: str = typer.Option("", "--next", help="The next steps agreed."),
    day: str = typer.Option(None, "--day", help="YYYY-MM-DD; default: today."),
    role: str = RoleOption,
    log: bool = typer.Option(True, "--log/--no-log", help="Also log it as a meeting, so it counts as contact."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Note a mentoring session with someone."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.mentorship import services
    from netweave.people.services import new_origin

    owner = acting_user(user)
    mentorship = _one(owner, name, role)
    try:
        created = services.log_session(mentorship, day=_day(day, "--day"), notes=notes, next_steps=next_steps,
                                       log_interaction=log, origin=new_origin(owner, "cli", "mentor session"))
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json({"id": created.pk, "mentorship_id": mentorship.pk, "day": created.day.isoformat(),
                    "notes": created.notes, "next_steps": created.next_steps,
                    "interaction_id": created.interaction_id})
    else:
        console.print(f"Noted a session with {mentorship.person.display_name} on {created.day:%Y-%m-%d}.",
                      highlight=False)


@mentor.command("end")
def end(
    name: str = typer.Argument(..., help="Your mentor or mentee."),
    day: str = typer.Option(None, "--day", help="YYYY-MM-DD; default: today."),
    role: str = RoleOption,
    user: str = UserOption,
) -> None:
    """End a mentorship."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.mentorship import services

    owner = acting_user(user)
    mentorship = _one(owner, name, role)
    try:
        services.end_mentorship(mentorship, _day(day, "--day"))
    except Invalid as exc:
        invalid_exit(exc)
    console.print(f"Ended: {mentorship.person.display_name} ({mentorship.get_role_display()}).", highlight=False)


def _learning_row(learning) -> dict:
    person = learning.person
    return {"id": learning.pk, "text": learning.text, "topic": learning.topic, "day": learning.day.isoformat(),
            "person": {"id": person.pk, "display_name": person.display_name} if person else None,
            "interaction_id": learning.interaction_id}


def learned(
    text: str = typer.Argument(..., help="What you learned."),
    source: str = typer.Option(None, "--from", "-f", help="From whom."),
    topic: str = typer.Option("", "--topic", "-t"),
    day: str = typer.Option(None, "--day", help="YYYY-MM-DD; default: today."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Note something you learned, and from whom."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.mentorship import services
    from netweave.people.services import new_origin

    owner = acting_user(user)
    person = resolve_or_exit(owner, source) if source else None
    try:
        created = services.record_learning(owner, text, person=person, topic=topic, day=_day(day, "--day"),
                                           origin=new_origin(owner, "cli", "learned"))
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json(_learning_row(created))
    else:
        console.print("Noted" + (f", from {person.display_name}." if person else "."), highlight=False)


def learnings(
    query: str = typer.Argument("", help="Words to look for in what you learned and its topic."),
    source: str = typer.Option(None, "--from", "-f", help="Only what you learned from this person."),
    topic: str = typer.Option("", "--topic", "-t", help="Only this topic."),
    limit: int = typer.Option(50, "--limit", min=1, max=200),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """What you learned, newest first; with words, the best matches."""
    django_ready()
    from netweave.mentorship.queries import learnings as query_learnings

    owner = acting_user(user)
    person = resolve_or_exit(owner, source) if source else None
    found = query_learnings(owner, query, person=person, topic=topic, limit=limit)
    if as_json:
        print_json([_learning_row(item) for item in found])
        return
    if not found:
        console.print("Nothing matches." if query else "Nothing noted yet: `netweave learned TEXT --from NAME`.",
                      highlight=False)
        return
    table = Table(title="What you learned", title_justify="left")
    for column in ("day", "what", "from", "topic"):
        table.add_column(column)
    for item in found:
        table.add_row(f"{item.day:%Y-%m-%d}", Text(item.text), Text(item.person.display_name if item.person else ""),
                      Text(item.topic))
    console.print(table)
