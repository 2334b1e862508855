"""`netweave search TEXT [--kind K] [--who-knows] [--json]` and `netweave search reindex [--semantic]`.

`search` is a group whose default command is the query itself, so `netweave search rust` searches and
`netweave search reindex` rebuilds; to search for the word "reindex", write `netweave search query reindex`.
"""

from __future__ import annotations

import html
import re
from typing import Optional

import typer
from rich.table import Table
from rich.text import Text
from typer.core import TyperGroup

from netweave.cli_support import JsonOption, UserOption, acting_user, console, django_ready, invalid_exit, print_json


class QueryByDefault(TyperGroup):
    """A group that runs `query` when the first word is not one of its commands."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["query", *args]
        return super().parse_args(ctx, args)


search_app = typer.Typer(cls=QueryByDefault, no_args_is_help=True,
                         help="Search everything: people, organisations, notes, interactions, asks, offers. "
                              "`netweave search WORDS` searches (the `query` command); "
                              "`netweave search reindex` rebuilds the indexes.")


def register(app: typer.Typer) -> None:
    app.add_typer(search_app, name="search")


_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def rich_snippet(snippet_html: str) -> Text:
    """A snippet's escaped HTML as terminal text, the matches in bold: never read as Rich markup."""
    out = Text()
    last = 0
    for m in _MARK.finditer(snippet_html):
        out.append(html.unescape(snippet_html[last:m.start()]))
        out.append(html.unescape(m.group(1)), style="bold yellow")
        last = m.end()
    out.append(html.unescape(snippet_html[last:]))
    return out


@search_app.command("query")
def query(
    text: list[str] = typer.Argument(..., help="Words to find, as you would type them: no syntax needed."),
    kind: Optional[list[str]] = typer.Option(None, "--kind", "-k", help="Only this kind: person, organisation, "
                                             "tag, interaction, ask, offer (repeatable)."),
    who_knows: bool = typer.Option(False, "--who-knows", help="Rank people by what shows they know the topic."),
    limit: int = typer.Option(20, help="At most this many results."),
    semantic: bool = typer.Option(False, "--semantic", help="Blend meaning with the words (semantic extra)."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Search everything, best first, the matching words highlighted."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.search import queries

    owner = acting_user(user)
    words = " ".join(text)
    try:
        if who_knows:
            experts = queries.who_knows(owner, words, limit=limit)
        else:
            found = queries.search(owner, words, kinds=kind or None, limit=limit, semantic=semantic)
    except Invalid as exc:
        invalid_exit(exc)
    if who_knows:
        _print_experts(experts, as_json)
    else:
        _print_results(found, as_json)


def _print_results(found, as_json: bool) -> None:
    if as_json:
        hits = [h.as_dict() for h in found.hits]
        # "people" and "interactions" are the shape this command printed before search everywhere.
        print_json({
            "query": found.query, "total_estimate": found.total_estimate, "hits": hits,
            "people": [{"id": h["object_id"], "display_name": h["title"], "detail": h["subtitle"]}
                       for h in hits if h["kind"] == "person"],
            "interactions": [{"id": h["object_id"], "summary": h["title"], "occurred_at": h["when"]}
                             for h in hits if h["kind"] == "interaction"],
        })
        return
    table = Table("kind", "id", "title", "where it matched", title=f"{found.total_estimate} found")
    for h in found.hits:
        when = f" ({h.when:%Y-%m-%d})" if h.when else ""
        table.add_row(h.kind, str(h.object_id), Text(h.title + when), rich_snippet(str(h.snippet_html)))
    console.print(table)


def _print_experts(experts, as_json: bool) -> None:
    if as_json:
        print_json([{"person_id": e.person_id, "display_name": e.display_name, "score": e.score,
                     "evidence": [h.as_dict() for h in e.evidence]} for e in experts])
        return
    table = Table("id", "name", "score", "evidence", title="Who knows")
    for e in experts:
        evidence = Text("; ").join(Text(f"{h.kind}: {h.title}") for h in e.evidence)
        table.add_row(str(e.person_id), Text(e.display_name), f"{e.score:.1f}", evidence)
    console.print(table)


@search_app.command("reindex")
def reindex(
    semantic: bool = typer.Option(False, "--semantic", help="Also embed every document for meaning-based search."),
    kind: Optional[list[str]] = typer.Option(None, "--kind", "-k", help="Only this kind (repeatable)."),
    user: str = UserOption,
) -> None:
    """Rebuild the full-text indexes from the tables (they are kept current as you go; this repairs them)."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.search import index, queries

    try:
        chosen = [s.kind for s in queries.kinds_of(kind)]
    except Invalid as exc:
        invalid_exit(exc)
    done = index.rebuild(chosen)
    console.print(f"Rebuilt the index of {', '.join(done)}.")
    if semantic:
        from netweave.search.semantic import store
        from netweave.search.semantic.embedders import default_embedder

        owner = acting_user(user)
        try:
            counts = store.reindex(owner, default_embedder(), kinds=kind or None,
                                   progress=lambda k, n: console.print(f"  {k}: {n} embedded"))
        except Invalid as exc:
            invalid_exit(exc)
        console.print(f"Embedded {counts['embedded']} documents ({counts['unchanged']} unchanged, "
                      f"{counts['removed']} removed).")
