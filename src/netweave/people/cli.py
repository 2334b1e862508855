"""`netweave people add|list|show|edit|archive` and `netweave orgs` (`netweave search` lives in search/cli.py)."""

from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, err, fail, invalid_exit, print_json,
    resolve_or_exit,
)

people = typer.Typer(help="Add, list, show, edit and archive people.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    from netweave.people import cli_duplicates
    from netweave.people.cli_circles import circles

    app.add_typer(people, name="people")
    app.add_typer(circles, name="circles")
    cli_duplicates.register(app)
    app.command("orgs")(orgs)
    from netweave.search import cli as search_cli  # `netweave search` searches everything now

    search_cli.register(app)


def _fields(*, emails, phones, urls, tags, interests, expertise, circle, birthday, location, pronouns, notes,
            met_how, nickname) -> dict:
    data = {}
    for key, value in (("circle", circle), ("birthday", birthday), ("location", location), ("pronouns", pronouns),
                       ("notes", notes), ("met_how", met_how), ("nickname", nickname)):
        if value is not None:
            data[key] = value
    for key, values in (("emails", emails), ("phones", phones), ("urls", urls), ("tags", tags),
                        ("interests", interests), ("expertise", expertise)):
        if values:
            data[key] = list(values)
    return data


Many = Optional[list[str]]
TABLE_ROWS = 200  # a table of 30,000 rows helps nobody and takes Rich half a minute to draw


@people.command("add")
def add(
    name: str = typer.Argument(..., help="Full name, e.g. 'Ana Lima'."),
    email: Many = typer.Option(None, "--email", "-e", help="An email (repeatable)."),
    phone: Many = typer.Option(None, "--phone", "-p", help="A phone number (repeatable)."),
    url: Many = typer.Option(None, "--url", help="A web address, e.g. a LinkedIn profile (repeatable)."),
    org: str = typer.Option(None, "--org", help="Current organisation."),
    title: str = typer.Option(None, "--title", help="Current title at --org."),
    circle: str = typer.Option(None, "--circle", help="inner, close, active, wide, or your own."),
    tag: Many = typer.Option(None, "--tag", "-t", help="A tag (repeatable)."),
    interest: Many = typer.Option(None, "--interest", help="An interest (repeatable)."),
    expertise: Many = typer.Option(None, "--expertise", help="An area of expertise (repeatable)."),
    birthday: str = typer.Option(None, help="YYYY-MM-DD, or --MM-DD without a year."),
    location: str = typer.Option(None),
    pronouns: str = typer.Option(None),
    nickname: str = typer.Option(None),
    met_how: str = typer.Option(None, "--met", help="How we met."),
    introduced_by: str = typer.Option(None, "--introduced-by", help="Who introduced us (a name)."),
    notes: str = typer.Option(None),
    force: bool = typer.Option(False, help="Create even if someone already has one of these emails."),
    merge: bool = typer.Option(False, help="If someone already has one of these emails, add these details to them."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Add a person."""
    django_ready()
    from netweave.core.errors import Duplicate, Invalid
    from netweave.people import services
    from netweave.people.merging import add_details_to

    owner = acting_user(user)
    data = {"display_name": name, **_fields(
        emails=email, phones=phone, urls=url, tags=tag, interests=interest, expertise=expertise, circle=circle,
        birthday=birthday, location=location, pronouns=pronouns, notes=notes, met_how=met_how, nickname=nickname)}
    if org or title:
        data["organisation"], data["title"] = org or "", title or ""
    if introduced_by:
        data["introduced_by"] = resolve_or_exit(owner, introduced_by).id
    origin = services.new_origin(owner, "cli", "people add")
    try:
        person = services.create_person(owner, data, origin=origin, allow_duplicate=force)
    except Duplicate as dup:
        existing = dup.existing[0]
        if not merge:
            err.print(f"[yellow]{dup.value} already belongs to {existing.display_name} (id {existing.id}).[/yellow]")
            err.print("Run again with --merge to add these details to them, or --force to add a separate person.")
            raise typer.Exit(2)
        try:
            person = add_details_to(existing, data, origin=origin)
        except Invalid as exc:
            invalid_exit(exc)
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json({"id": person.id, "display_name": person.display_name})
    else:
        console.print(f"Saved {person.display_name} (id {person.id}).")


@people.command("list")
def list_people(
    query: str = typer.Option("", "--query", "-q", help="Search names, emails, organisations, tags."),
    circle: str = typer.Option("", help="Only this circle."),
    tag: str = typer.Option("", help="Only people with this tag."),
    org: str = typer.Option("", help="Only people currently at this organisation."),
    archived: bool = typer.Option(False, help="List archived people instead."),
    limit: int = typer.Option(None, help="At most this many (0: all). Default: all with --json, 200 in a table."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """List people, alphabetically."""
    django_ready()
    from netweave.people.queries import list_rows, people_list
    from netweave.people.services import settle_passed_plans

    owner = acting_user(user)
    settle_passed_plans(owner)
    qs = people_list(owner, query=query, circle=circle, tag=tag, organisation=org, archived=archived)
    if limit is None:
        limit = 0 if as_json else TABLE_ROWS
    rows = list_rows(qs[:limit] if limit else qs)
    if as_json:
        print_json(rows)
        return
    table = Table("id", "name", "organisation", "title", "circle", "last contact", "email")
    for r in rows:
        table.add_row(str(r["id"]), r["display_name"], r["organisation"] or "", r["title"], r["circle"] or "",
                      (r["last_contact_at"] or "")[:10], (r["emails"] or [""])[0])
    console.print(table)
    total = qs.count() if limit and len(rows) == limit else len(rows)
    more = f" of {total:,}; --limit 0 shows all, --json prints them for other tools" if total > len(rows) else ""
    console.print(f"{len(rows):,} people{more}", highlight=False)


@people.command("show")
def show(name: str, user: str = UserOption, as_json: bool = JsonOption) -> None:
    """Show everything about one person (a fuzzy name or an id)."""
    django_ready()
    from netweave.exchange.export import person_record
    from netweave.interactions.queries import timeline
    from netweave.people.services import ties_of

    owner = acting_user(user)
    person = resolve_or_exit(owner, name)
    record = person_record(person)
    record["timeline"] = [
        {"id": i.id, "kind": i.kind, "occurred_at": i.occurred_at.isoformat(), "summary": i.summary}
        for i in timeline(person, limit=20)
    ]
    record["ties"] = [
        {"id": t.id, "kind": t.describe_from(person), "person": t.other(person).display_name,
         "person_id": t.other(person).id} for t in ties_of(person)
    ]
    if as_json:
        print_json(record)
        return
    console.print(f"[bold]{person.display_name}[/bold]" + (f" ({person.pronouns})" if person.pronouns else ""))
    if person.current_organisation_id:
        console.print(f"{person.current_title + ' at ' if person.current_title else ''}{person.current_organisation}")
    for label, key in (("Circle", "circle"), ("Birthday", "birthday"), ("Location", "location"), ("Met", "met_how")):
        if record[key]:
            console.print(f"{label}: {record[key]}")
    for e in record["emails"]:
        console.print(f"Email{' (' + e['label'] + ')' if e['label'] else ''}: {e['address']}")
    for p in record["phones"]:
        console.print(f"Phone{' (' + p['label'] + ')' if p['label'] else ''}: {p['e164'] or p['number']}")
    for u in record["urls"]:
        console.print(f"Web: {u['url']}")
    for key in ("tags", "interests", "expertise"):
        if record[key]:
            console.print(f"{key.capitalize()}: {', '.join(record[key])}")
    if record["affiliations"]:
        console.print("[bold]Job history[/bold]")
        for a in record["affiliations"]:
            span = f"{a['start'] or '?'} – {a['end'] or 'now'}"
            console.print(f"  {a['title'] + ' at ' if a['title'] else ''}{a['organisation']} ({span})")
    if record["ties"]:
        console.print("[bold]Ties[/bold]")
        for t in record["ties"]:
            console.print(f"  {t['kind']}: {t['person']}")
    if record["timeline"]:
        console.print("[bold]Timeline[/bold]")
        for i in record["timeline"]:
            console.print(f"  {i['occurred_at'][:10]}  {i['kind']:8} {i['summary']}", highlight=False)
    if person.notes:
        console.print(f"[bold]Notes[/bold]\n{person.notes}")


@people.command("edit")
def edit(
    name: str,
    rename: str = typer.Option(None, "--name", help="A new display name."),
    email: Many = typer.Option(None, "--email", "-e", help="Add an email (repeatable)."),
    phone: Many = typer.Option(None, "--phone", "-p", help="Add a phone number (repeatable)."),
    url: Many = typer.Option(None, "--url", help="Add a web address (repeatable)."),
    tag: Many = typer.Option(None, "--tag", "-t", help="Add a tag (repeatable)."),
    untag: Many = typer.Option(None, "--untag", help="Remove a tag (repeatable)."),
    org: str = typer.Option(None, "--org", help="A new current organisation (adds to the job history)."),
    title: str = typer.Option(None, "--title", help="Title at --org (or a new title at the current one)."),
    circle: str = typer.Option(None),
    birthday: str = typer.Option(None),
    location: str = typer.Option(None),
    pronouns: str = typer.Option(None),
    nickname: str = typer.Option(None),
    met_how: str = typer.Option(None, "--met"),
    notes: str = typer.Option(None, help="Replace the notes."),
    add_note: str = typer.Option(None, "--add-note", help="Append a line to the notes."),
    user: str = UserOption,
) -> None:
    """Change a person's details; lists (emails, phones, tags) are added to, not replaced."""
    django_ready()
    from netweave.core.errors import Duplicate, Invalid
    from netweave.people import services

    owner = acting_user(user)
    person = resolve_or_exit(owner, name)
    data = _fields(emails=None, phones=None, urls=None, tags=None, interests=None, expertise=None, circle=circle,
                   birthday=birthday, location=location, pronouns=pronouns, notes=notes, met_how=met_how,
                   nickname=nickname)
    if rename:
        data["display_name"] = rename
    if email:
        data["emails"] = [{"address": e.address, "label": e.label} for e in person.emails.all()] + list(email)
    if phone:
        data["phones"] = [{"number": p.raw, "label": p.label} for p in person.phones.all()] + list(phone)
    if url:
        data["urls"] = [{"url": u.url, "label": u.label} for u in person.urls.all()] + list(url)
    if tag or untag:
        drop = {t.casefold() for t in (untag or [])}
        current = [t.name for t in person.tags.filter(kind="tag") if t.name.casefold() not in drop]
        data["tags"] = current + list(tag or [])
    if add_note:
        data["notes"] = f"{person.notes}\n{add_note}".strip()
    if org:
        data["organisation"], data["title"] = org, title or ""
    elif title is not None:
        data["title"] = title
    if not data:
        fail("nothing to change; see `netweave people edit --help`")
    try:
        services.update_person(person, data, origin=services.new_origin(owner, "cli", "people edit"))
    except Duplicate as dup:
        fail(f"{dup.value} already belongs to {dup.existing[0].display_name} (id {dup.existing[0].id})", code=2)
    except Invalid as exc:
        invalid_exit(exc)
    console.print(f"Saved {person.display_name}.")


@people.command("archive")
def archive(name: str, undo: bool = typer.Option(False, "--undo", help="Bring back from the archive."),
            user: str = UserOption) -> None:
    """Archive a person (hidden from lists, kept with all their history)."""
    django_ready()
    from netweave.people.models import Person
    from netweave.people.services import archive_person

    owner = acting_user(user)
    if undo:
        from netweave.people.queries import resolve_person
        from netweave.core.errors import Ambiguous

        matches = Person.objects.filter(owner=owner, archived=True, display_name__iexact=name)
        person = matches.first() if matches.count() == 1 else None
        if person is None:
            try:
                person = resolve_person(owner, name)
            except Ambiguous:
                fail(f"no archived person called {name!r}", code=2)
    else:
        person = resolve_or_exit(owner, name)
    archive_person(person, archived=not undo)
    console.print(f"{'Restored' if undo else 'Archived'} {person.display_name}.")


def orgs(query: str = typer.Argument("", help="Part of a name."), user: str = UserOption,
         as_json: bool = JsonOption) -> None:
    """List organisations with how many of my people are there now."""
    django_ready()
    from netweave.people.queries import organisations

    rows = [{"id": o.id, "name": o.name, "kind": o.kind, "domain": o.domain, "people_now": o.people_now}
            for o in organisations(acting_user(user), query).order_by("name")]
    if as_json:
        print_json(rows)
        return
    table = Table("id", "name", "kind", "domain", "people now")
    for r in rows:
        table.add_row(str(r["id"]), r["name"], r["kind"], r["domain"], str(r["people_now"]))
    console.print(table)
