"""`netweave ask|offer add|list|done|withdraw|reopen` and `netweave ask helpers`: what people need and can
offer, as thin commands over givefirst.services and the matching read path."""

from __future__ import annotations

from datetime import date

import typer
from rich.markup import escape
from rich.table import Table
from typer.core import TyperGroup

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, fail, print_json, resolve_or_exit,
)
from netweave.givefirst.cli import cell, day_option, iso, plain, ref, refused, who


class AddByDefault(TyperGroup):
    """`netweave ask "a designer"` means `netweave ask add "a designer"`: a first word that names no subcommand
    starts a new one. (A topic that is a subcommand's name needs the `add`.)"""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] != "--help":
            args = ["add", *args]
        return super().parse_args(ctx, args)


ask = typer.Typer(cls=AddByDefault, no_args_is_help=True,
                  help='What people need now: add, list, done, withdraw, reopen, helpers. `netweave ask TOPIC` adds one.')
offer = typer.Typer(cls=AddByDefault, no_args_is_help=True,
                    help="What people can give: add, list, done, withdraw, reopen. `netweave offer TOPIC` adds one.")


def register(app: typer.Typer) -> None:
    app.add_typer(ask, name="ask")
    app.add_typer(offer, name="offer")


def need_row(need, today: date) -> dict:
    return {"id": need.pk, "person": ref(need.person), "kind": need.kind, "topic": need.topic,
            "details": need.details, "status": need.status, "state": need.state(today),
            "expires_on": iso(need.expires_on), "created_at": iso(need.created_at), "closed_at": iso(need.closed_at)}


def _model(noun: str):
    from netweave.givefirst.models import Ask, Offer

    return Ask if noun == "ask" else Offer


def _find(owner, noun: str, need_id: int):
    found = _model(noun).objects.filter(owner=owner, pk=need_id).select_related("person").first()
    if found is None:
        fail(f"no {noun} {need_id}; `netweave {noun} list --all` shows them", code=2)
    return found


def _whose(owner, for_name: str | None, me: bool):
    if for_name and me:
        fail("say --for NAME or --me, not both", code=2)
    return resolve_or_exit(owner, for_name) if for_name else None


def _add(noun: str, topic, for_name, me, kind, expires, details, user, as_json) -> None:
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.givefirst import services
    from netweave.nurture.today import local_today
    from netweave.people.services import new_origin

    expires_on = day_option(expires, "--expires")
    owner = acting_user(user)
    person = _whose(owner, for_name, me)
    add = services.add_ask if noun == "ask" else services.add_offer
    try:
        need = add(owner, person=person, kind=kind.strip().lower(), topic=topic, details=details,
                   expires_on=expires_on, origin=new_origin(owner, "cli", f"{noun} add"))
    except Invalid as exc:
        refused(exc)
    if as_json:
        print_json(need_row(need, local_today(owner)))
    else:
        console.print(f"Noted an {noun} for {who(person)}: {need.topic} "
                      f"(id {need.pk}).", highlight=False, markup=False)


def _list(noun: str, for_name, me, status, everything, kind, query, user, as_json) -> None:
    django_ready()
    from netweave.givefirst.lists import NEED_STATES, needs
    from netweave.nurture.today import local_today

    status = "all" if everything else status
    if status not in NEED_STATES:
        fail(f"--status {status!r}: choose one of {', '.join(NEED_STATES)}", code=2)
    kind = kind.strip().lower()
    if kind and kind not in _model(noun).Kind.values:
        fail(f"--kind {escape(repr(kind))}: choose one of {', '.join(_model(noun).Kind.values)}", code=2)
    owner = acting_user(user)
    person = _whose(owner, for_name, me)
    today = local_today(owner)
    found = list(needs(_model(noun), owner, today=today, status=status, person=person, me=me, kind=kind,
                       q=query))
    if as_json:
        print_json([need_row(n, today) for n in found])
        return
    if not found:
        console.print(f"No {noun}s{'' if status == 'all' else ' ' + status}.", highlight=False)
        return
    table = Table(title=f"{noun.capitalize()}s ({status})", title_justify="left")
    for column in ("id", "whose", "kind", "topic", "state", "expires"):
        table.add_column(column)
    for n in found:
        table.add_row(str(n.pk), cell(who(n.person)), n.kind, cell(n.topic), n.state(today), iso(n.expires_on) or "")
    console.print(table)


def _change(noun: str, need_id: int, user: str, as_json: bool, change) -> None:
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.nurture.today import local_today

    owner = acting_user(user)
    need = _find(owner, noun, need_id)
    try:
        need = change(need)
    except Invalid as exc:
        refused(exc)
    today = local_today(owner)
    if as_json:
        print_json(need_row(need, today))
    else:
        console.print(f"{noun.capitalize()} {need.pk} ({need.topic}): {need.state(today)}.", highlight=False,
                      markup=False)


def _need_commands(group: typer.Typer, noun: str, default_kind: str, kinds: str) -> None:
    """add, list, done, withdraw and reopen, for asks or offers."""

    @group.command("add")
    def add(
        topic: str = typer.Argument(..., help="In a few words: 'a senior Rust engineer', 'fundraising'."),
        for_name: str = typer.Option(None, "--for", help="Whose (a name; default: mine)."),
        me: bool = typer.Option(False, "--me", help="Mine (the default)."),
        kind: str = typer.Option(default_kind, "--kind", "-k", help=kinds),
        expires: str = typer.Option(None, "--expires", help="YYYY-MM-DD: no longer open after this day."),
        details: str = typer.Option("", "--details", "-d"),
        user: str = UserOption,
        as_json: bool = JsonOption,
    ) -> None:
        _add(noun, topic, for_name, me, kind, expires, details, user, as_json)

    add.__doc__ = f"Note an {noun} for someone, or for me."

    @group.command("list")
    def list_needs(
        for_name: str = typer.Option(None, "--for", help="Only this person's."),
        me: bool = typer.Option(False, "--me", help="Only mine."),
        status: str = typer.Option("open", "--status", help="open, expired, done, withdrawn or all."),
        everything: bool = typer.Option(False, "--all", help="Every status: the same as --status all."),
        kind: str = typer.Option("", "--kind", "-k"),
        query: str = typer.Option("", "--query", "-q", help="Words in the topic or details."),
        user: str = UserOption,
        as_json: bool = JsonOption,
    ) -> None:
        _list(noun, for_name, me, status, everything, kind, query, user, as_json)

    list_needs.__doc__ = f"List {noun}s: the open ones, newest first, unless told otherwise."

    @group.command("done")
    def done(need_id: int = typer.Argument(..., help="Its id, as listed."), user: str = UserOption,
             as_json: bool = JsonOption) -> None:
        from netweave.givefirst.services import close_need

        _change(noun, need_id, user, as_json, lambda need: close_need(need, "done"))

    done.__doc__ = f"Mark an {noun} done."

    @group.command("withdraw")
    def withdraw(need_id: int = typer.Argument(..., help="Its id, as listed."), user: str = UserOption,
                 as_json: bool = JsonOption) -> None:
        from netweave.givefirst.services import close_need

        _change(noun, need_id, user, as_json, lambda need: close_need(need, "withdrawn"))

    withdraw.__doc__ = f"Withdraw an {noun}: no longer wanted."

    @group.command("reopen")
    def reopen(
        need_id: int = typer.Argument(..., help="Its id, as listed."),
        expires: str = typer.Option(None, "--expires", help="A new expiry day; needed once the old one passed."),
        user: str = UserOption,
        as_json: bool = JsonOption,
    ) -> None:
        from netweave.givefirst.services import reopen_need

        expires_on = day_option(expires, "--expires")
        _change(noun, need_id, user, as_json, lambda need: reopen_need(need, expires_on=expires_on))

    reopen.__doc__ = f"Open an {noun} again that was done, withdrawn or expired."


_need_commands(ask, "ask", "advice", "hire, cofounder, advice, job, funding, introduction or other.")
_need_commands(offer, "offer", "expertise", "expertise, introductions, mentoring, review or other.")


@ask.command("helpers")
def helpers(
    ask_id: int = typer.Argument(..., help="The ask's id, as listed."),
    limit: int = typer.Option(10, "--limit", min=1, max=200),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Who in my network could help with an ask, best first, with the evidence."""
    django_ready()
    from netweave.givefirst.matching import helpers_for

    owner = acting_user(user)
    found = helpers_for(owner, _find(owner, "ask", ask_id), limit=limit)
    if as_json:
        print_json([plain(m) for m in found])
        return
    if not found:
        console.print("Nobody in your network looks like a match yet.", highlight=False)
    for n, m in enumerate(found, 1):
        strength = f", strength {m.strength}" if m.strength is not None else ""
        console.print(f"{n}. {m.display_name} ({m.person_id}): {m.reach}{strength}", style="bold", highlight=False,
                      markup=False)
        for line in m.evidence:
            console.print(f"    {line}", highlight=False, markup=False)
