"""`netweave path`, `netweave ripple`, `netweave lineage`, `netweave brokers`, `netweave communities`,
`netweave bridges`, `netweave who-should-meet` and `netweave graph`: thin commands over ripple.services,
ripple.insights and ripple.queries."""

from __future__ import annotations

import typer
from rich.table import Table
from rich.tree import Tree

from netweave.cli_support import (
    JsonOption, UserOption, acting_user, console, django_ready, err, fail, invalid_exit, print_json, resolve_or_exit,
)

SizeOption = typer.Option(2000, "--size", min=10, max=10000, help="Analyse at most this many people, the most "
                                                                  "connected.")
LimitOption = typer.Option(10, "--limit", min=1, max=100, help="Show at most this many.")


def register(app: typer.Typer) -> None:
    app.command("path")(path)
    app.command("ripple")(ripple)
    app.command("lineage")(lineage)
    app.command("brokers")(brokers)
    app.command("communities")(communities)
    app.command("bridges")(bridges)
    app.command("who-should-meet")(who_should_meet)
    app.command("graph")(graph)


def _ambiguous_target(exc, what: str) -> None:
    if exc.candidates:
        err.print(f"[yellow]{exc.text!r} is ambiguous or unknown. Did you mean one of these {what}?[/yellow]",
                  highlight=False)
        for candidate in exc.candidates:
            err.print(f"  {candidate.pk}: {candidate}", highlight=False)
    else:
        err.print(f"[yellow]No {what[:-1]} called {exc.text!r}.[/yellow]", highlight=False)
    raise typer.Exit(2)


def path(
    name: str = typer.Argument(None, help="Who to reach: a name or an id."),
    org: str = typer.Option(None, "--org", help="Reach anyone now at this organisation."),
    tag: str = typer.Option(None, "--tag", help="Reach anyone with this tag."),
    k: int = typer.Option(3, "--k", min=1, max=10, help="How many paths."),
    max_hops: int = typer.Option(4, "--max-hops", min=1, max=6, help="At most this many ties per path."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """The best warm paths from you to a person, an organisation or a tag, each hop explained."""
    if sum(value is not None for value in (name, org, tag)) != 1:
        fail("say who to reach: a NAME, or --org ORGANISATION, or --tag TAG (one of them)")
    django_ready()
    from netweave.core.errors import Ambiguous, Invalid
    from netweave.ripple import services
    from netweave.ripple.paths import find_organisation, find_tag

    owner = acting_user(user)
    target = {}
    try:
        if name is not None:
            target["person"] = resolve_or_exit(owner, name)
        elif org is not None:
            target["organisation"] = find_organisation(owner, org)
        else:
            target["tag"] = find_tag(owner, tag)
    except Ambiguous as exc:
        _ambiguous_target(exc, "organisations" if org is not None else "tags")
    try:
        answer = services.warm_paths(owner, k=k, max_hops=max_hops, **target)
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json(answer.as_dict())
        return
    _print_answer(answer)


def _print_answer(answer) -> None:
    console.print(answer.message, highlight=False)
    for n, found in enumerate(answer.paths, 1):
        console.print(f"\n[bold]{n}.[/bold] score {found.score:.2f}", highlight=False)
        for i, hop in enumerate(found.hops):
            lead = "you → " if i == 0 else "    → "
            console.print(f"   {lead}[bold]{hop.display_name}[/bold]: {hop.why}", highlight=False)
        if found.balance:
            console.print(f"   [dim]with {found.hops[0].display_name}: {found.balance['words']}[/dim]",
                          highlight=False)
    for near in answer.nearest:
        via = f", through {near.via_name}" if near.via_name else ""
        console.print(f"  {near.display_name} ({near.why}{via}; score {near.score:.2f})", highlight=False)


def ripple(
    name: str = typer.Argument(..., help="Whose ripple: a name or an id."),
    depth: int = typer.Option(4, "--depth", min=1, max=12, help="Generations to follow."),
    limit: int = typer.Option(500, "--limit", min=1, max=5000, help="At most this many entries."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Everything that descends from a person: who they introduced you to, introductions you made with them,
    and what those led to."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.ripple import services

    owner = acting_user(user)
    person = resolve_or_exit(owner, name)
    try:
        found = services.ripple(owner, person, depth=depth, limit=limit)
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json(found.as_dict())
        return
    view = Tree(f"[bold]{found.root.name}[/bold]")

    def grow(branch, node) -> None:
        for child in node.children:
            when = f" [dim]({child.day})[/dim]" if child.day else ""
            repeat = " [dim](shown above)[/dim]" if child.repeat else ""
            grow(branch.add(f"{child.how}{when}{repeat}"), child)

    grow(view, found.root)
    console.print(view, highlight=False)
    more = " (more beyond: raise --depth or --limit)" if found.cut else ""
    people = "1 person" if found.people == 1 else f"{found.people} people"
    intros = f"{found.introductions} introduction{'s' if found.introductions != 1 else ''}"
    console.print(f"{people} and {intros}, {found.depth} generation{'s' if found.depth != 1 else ''} deep{more}.",
                  highlight=False)


def lineage(
    name: str = typer.Argument(None, help="Whose lineage: a name or an id."),
    tie: int = typer.Option(None, "--tie", help="A tie's id instead of a person."),
    introduction: int = typer.Option(None, "--introduction", help="An introduction's id instead of a person."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """How a person came into your network (or a tie, or an introduction came about), back to the root."""
    if sum(value is not None for value in (name, tie, introduction)) != 1:
        fail("say whose lineage: a NAME, or --tie ID, or --introduction ID (one of them)")
    django_ready()
    from netweave.core.errors import NotFound
    from netweave.ripple import services

    owner = acting_user(user)
    try:
        if name is not None:
            found = services.person_lineage(owner, resolve_or_exit(owner, name))
        else:
            kind, pk = ("tie", tie) if tie is not None else ("introduction", introduction)
            found = services.lineage_of(owner, kind, pk)
    except NotFound as exc:
        fail(str(exc))
    if as_json:
        print_json(found.as_dict())
        return
    console.print(f"[bold]{found.subject['name']}[/bold]", highlight=False)
    for step in found.steps[1:] if found.steps and found.steps[0].kind == "person" else found.steps:
        when = f" [dim]({step.day})[/dim]" if step.day else ""
        console.print(f"  ← {step.text}{when}", highlight=False)
    console.print(f"Root: {found.root}", highlight=False)
    for step in found.related:
        console.print(f"  also: {step.text}" + (f" ({step.day})" if step.day else ""), highlight=False)


def _scope(scope: dict) -> None:
    if scope["people"] < scope["of"]:
        console.print(f"[dim]Analysed the {scope['people']:,} most connected of {scope['of']:,} people "
                      f"(--size to change).[/dim]", highlight=False)


def _insight(fn, owner, **options):
    from netweave.core.errors import Invalid

    try:
        return fn(owner, **options)
    except Invalid as exc:
        invalid_exit(exc)


def brokers(
    limit: int = LimitOption,
    size: int = SizeOption,
    by: str = typer.Option("betweenness", "--by", help="betweenness (most paths through them) or constraint "
                                                       "(least closed-in)."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """People who bridge otherwise separate groups of your contacts."""
    django_ready()
    from netweave.ripple import insights

    found = _insight(insights.brokers, acting_user(user), limit=limit, size=size, by=by)
    if as_json:
        print_json(found)
        return
    table = Table(title="Brokers in your network", title_justify="left")
    for column in ("#", "who", "betweenness", "constraint", "why"):
        table.add_column(column)
    for n, item in enumerate(found["items"], 1):
        constraint = "" if item["constraint"] is None else f"{item['constraint']:.3f}"
        table.add_row(str(n), f"{item['display_name']} ({item['person_id']})", f"{item['betweenness']:.4f}",
                      constraint, item["why"])
    console.print(table)
    _scope(found["scope"])


def communities(
    limit: int = typer.Option(20, "--limit", min=1, max=100, help="Show at most this many."),
    size: int = SizeOption,
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Groups of your contacts who are tied to one another, largest first."""
    django_ready()
    from netweave.ripple import insights

    found = _insight(insights.communities, acting_user(user), limit=limit, size=size)
    if as_json:
        print_json(found)
        return
    table = Table(title=f"{found['count']} communities", title_justify="left")
    for column in ("#", "people", "group", "most connected"):
        table.add_column(column)
    for item in found["items"]:
        table.add_row(str(item["index"]), str(item["size"]), item["label"],
                      ", ".join(m["name"] for m in item["members"][:3]))
    console.print(table)
    _scope(found["scope"])


def bridges(
    dormant: bool = typer.Option(False, "--dormant", help="Only bridges you have let go quiet, worth reviving."),
    limit: int = LimitOption,
    size: int = SizeOption,
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Ties that join two groups of your contacts; with --dormant, bridging people you have lost touch with."""
    django_ready()
    from netweave.ripple import insights

    owner = acting_user(user)
    if dormant:
        found = _insight(insights.dormant_bridges, owner, limit=limit, size=size)
        if as_json:
            print_json(found)
            return
        if not found["items"]:
            console.print("No dormant bridges: you are in touch with everyone who joins your groups.")
        for item in found["items"]:
            console.print(f"{item['display_name']} ({item['person_id']}): {item['why']}", highlight=False)
    else:
        found = _insight(insights.bridges, owner, limit=limit, size=size)
        if as_json:
            print_json(found)
            return
        for item in found["items"]:
            console.print(f"{item['a']['name']} – {item['b']['name']}: {item['why']}", highlight=False)
    _scope(found["scope"])


def who_should_meet(
    limit: int = LimitOption,
    size: int = SizeOption,
    predictor: str = typer.Option("resource_allocation", "--predictor",
                                  help="resource_allocation, adamic_adar, common_neighbours, jaccard or katz_0.005."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Pairs of your contacts who do not know each other yet and likely should: suggested introductions."""
    django_ready()
    from netweave.ripple import insights

    found = _insight(insights.who_should_meet, acting_user(user), limit=limit, size=size, predictor=predictor)
    if as_json:
        print_json(found)
        return
    if not found["items"]:
        console.print("No suggestions: nobody in your network shares enough contacts with someone they do not know.")
    for n, item in enumerate(found["items"], 1):
        console.print(f"{n}. [bold]{item['a']['name']}[/bold] and [bold]{item['b']['name']}[/bold]: {item['why']}",
                      highlight=False)
    _scope(found["scope"])


def graph(
    rebuild: bool = typer.Option(False, "--rebuild", help="Read the whole network again instead of what changed."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """The size of your network's graph, and what keeping it current last did."""
    django_ready()
    from netweave.ripple import queries, services

    owner = acting_user(user)
    if rebuild:
        services.rebuild_graph(owner)
    found = queries.status(owner)
    if as_json:
        print_json(found)
        return
    console.print(f"{found['people']:,} people and {found['ties']:,} ties "
                  f"({found['snapshot_bytes'] / 2**20:.1f} MiB snapshot).", highlight=False)
    for kind, count in found["by_kind"].items():
        console.print(f"  {kind}: {count:,}", highlight=False)
    last = found["last_refresh"]
    if last:
        console.print(f"[dim]Last {last['kind']}: read {last['read_seconds']} s, assembled "
                      f"{last['assemble_seconds']} s.[/dim]", highlight=False)
