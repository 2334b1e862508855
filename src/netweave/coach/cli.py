"""`netweave brief NAME` and `netweave brief --event TEXT`: preparation briefs in the terminal (or as JSON),
thin over coach.brief and coach.occasions."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.rule import Rule

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, fail, invalid_exit, print_json, resolve_or_exit,
)


def register(app: typer.Typer) -> None:
    app.command("brief")(brief)


def brief(
    name: str = typer.Argument(None, help="Who to prepare for: a name (fuzzy) or an id."),
    event: str = typer.Option(None, "--event", "-e", help="Brief everyone expected at the event whose name holds "
                                                          "this text (upcoming first)."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Prepare for a meeting or an event: who they are, what you last talked about, common ground, what
    happened since, and three to five thoughtful questions."""
    if bool(name) == bool(event):
        fail("say who (a name) or which event (--event TEXT), not both", code=2)
    django_ready()
    owner = acting_user(user)
    if event:
        _event(owner, event, as_json)
        return
    from netweave.coach.brief import gather, person_for_brief

    person = resolve_or_exit(owner, name)
    found = gather(owner, person_for_brief(owner, person.pk))
    if as_json:
        print_json(found.as_dict())
    else:
        show(found)


def _event(owner, text: str, as_json: bool) -> None:
    from netweave.coach.occasions import PAST_DAYS, event_brief
    from netweave.core.errors import Invalid, NotFound

    try:
        found = event_brief(owner, text=text)
    except Invalid as exc:
        invalid_exit(exc)
    except NotFound:
        fail(f"no event or meeting matches {text!r} (upcoming, or in the last {PAST_DAYS} days)", code=2)
    if as_json:
        print_json(found.as_dict())
        return
    where = f" · {found.location}" if found.location else ""
    console.print(Rule(f"[bold]{escape(found.name)}[/bold] · {found.starts_at:%a %d %b %Y %H:%M}{escape(where)}"))
    for goal in found.goals:
        _line(f"Goal: {goal}")
    count = len(found.briefs)
    more = f", and {found.more} more not briefed here" if found.more else ""
    _line(f"{count} {'person' if count == 1 else 'people'} of yours expected{more}." if count else
          "Nobody of yours is expected there yet.")
    if found.also:
        _line("Also matching: " + "; ".join(f"{o['name']} ({o['day']})" for o in found.also))
    for one in found.briefs:
        console.print()
        show(one)


def _line(text: str, style: str = "") -> None:
    console.print(text, style=style or None, markup=False, highlight=False)


def _section(title: str) -> None:
    console.print(f"\n[bold]{escape(title)}[/bold]", highlight=False)


def show(b) -> None:
    """One brief, in sections, for the terminal. What the user typed is printed as text, never as markup."""
    role = " at ".join(x for x in (b.title, b.organisation) if x)
    head = escape(b.display_name) + (f" ({escape(b.pronouns)})" if b.pronouns else "")
    console.print(Rule(f"[bold]{head}[/bold]" + (f" · {escape(role)}" if role else ""), align="left"))
    if b.why:
        _line(f"Why meet them: {b.why}")
    facts = [("Location", b.location), ("Circle", b.circle), ("Tags", ", ".join(b.tags)), ("How you met", b.met_how),
             ("Met at", f"{b.met_at.summary} ({b.met_at.day})" if b.met_at else ""),
             ("Introduced by", b.introduced_by.display_name if b.introduced_by else "")]
    strength = f"{b.strength}/100" + (f": {b.strength_words}" if b.strength_words else "") \
        if b.strength is not None else "not scored yet"
    days = b.days_since_contact
    last = f"{b.last_contact_at:%Y-%m-%d} ({days} day{'' if days == 1 else 's'} ago)" if b.last_contact_at else "never"
    facts += [("Strength", strength), ("Last contact", last),
              ("Next", f"{b.next_plan.summary} ({b.next_plan.day})" if b.next_plan else ""),
              ("Give and take", b.balance)]
    for label, value in facts:
        if value:
            _line(f"{label}: {' '.join(value.split())}")

    _section("Questions to ask")
    for n, q in enumerate(b.questions, 1):
        _line(f"{n}. {q.text}")
        _line(f"   draws on: {q.draws_on}", "dim")

    _section("What you last talked about")
    for t in b.talks:
        others = ""
        if t.others:
            others = f" (with {', '.join(t.others)}" + (f" and {t.others_more} more" if t.others_more else "") + ")"
        _line(f"{t.day} {t.kind}: {t.summary}{others}")
        if t.excerpt:
            _line(f"   {t.excerpt}", "dim")
    if not b.talks:
        _line("No meetings logged.", "dim")

    if b.asks or b.offers:
        _section("What they need and offer")
        for a in b.asks:
            _line(f"Looking for {a.kind_label}: {a.topic} (since {a.day})")
        for o in b.offers:
            _line(f"Offers {o.kind_label}: {o.topic} (since {o.day})")

    _section("Common ground")
    for line in common_lines(b.common):
        _line(line)
    if not common_lines(b.common):
        _line("Nothing in common noted yet.", "dim")

    _section(f"In their life {b.since.label}" if b.since else "In their life")
    for h in b.since.items if b.since else []:
        _line(f"{h.day} {h.text}")
    if not (b.since and b.since.items):
        _line("Nothing noted.", "dim")

    if b.unknown:
        _section("Not known yet")
        _line("; ".join(b.unknown), "dim")


def common_lines(c) -> list[str]:
    lines = []
    if c.interests:
        lines.append(f"Interests: {', '.join(c.interests)}")
    if c.expertise:
        lines.append(f"Expertise: {', '.join(c.expertise)}")
    if c.mutual:
        lines.append("People you both know: " + ", ".join(f"{m.display_name} ({m.tie})" for m in c.mutual))
    if c.organisations:
        lines.append("Where they were: " + "; ".join(", ".join(x for x in (o.title, o.name) if x)
                                                    for o in c.organisations))
    for shared in [*c.places, *c.groups]:
        text = f"{shared.kind.capitalize()}: {shared.name}" + (f" ({shared.title})" if shared.title else "")
        if shared.others:
            text += f", where {shared.others} other{'s' if shared.others != 1 else ''} of yours are"
            if shared.examples:
                text += ", such as " + ", ".join(e.display_name for e in shared.examples)
        lines.append(text)
    return lines
