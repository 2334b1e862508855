"""What the index holds: one small declaration per kind of thing a person can search for.

A source names a model, the columns that make its title, its keys and its body (weighted in that order), which
people it is about and where a hit links to. The backends turn each declaration into database-kept index
tables and triggers (backends/sqlite.py, backends/postgres.py), so every write path, bulk INSERTs included,
keeps the index current without calling anything. A later app adds itself with a few lines:

    register(Source(kind="learning", label="Learnings", model="coach.Learning", title=("what",),
                    body=("notes",), persons="person_id", url="coach:learning"))

and a migration in that app that runs `netweave.search.index.install_operation("learning")`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Source:
    kind: str                       # "person": the name in URLs, filters and hits; also names the index tables
    label: str                      # "People", for the filters on the search page
    model: str                      # "people.Person"
    title: tuple[str, ...]          # columns weighted most: a name, a summary, a topic
    keys: tuple[str, ...] = ()      # columns weighted next: what the thing is known by
    body: tuple[str, ...] = ()      # long text: notes, details, mail bodies
    persons: str | Callable | None = None  # a Person foreign key's attname, or loader(ids) -> {id: [person ids]}
    url: str | Callable = ""        # a URL name taking the pk, or fn(row) -> URL
    visible: str = ""               # SQL on the source row `s` that a hit must pass, e.g. "NOT s.archived"
    small: bool = False             # thousands of rows, not millions: one-letter queries search it
    weight: float = 1.0             # how much a hit of this kind counts against hits of other kinds
    extra: tuple[str, ...] = ()     # more values `describe` and `url` read (ORM lookups allowed)
    describe: Callable | None = None  # fn(row) -> one plain line under the title
    when: str = ""                  # a datetime column: shown with the hit, newer first among equals
    columns: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self):
        object.__setattr__(self, "columns", tuple(dict.fromkeys(self.title + self.keys + self.body)))

    def get_model(self):
        return apps.get_model(self.model)

    def link(self, row: dict) -> str:
        if callable(self.url):
            return self.url(row)
        if not self.url:
            return ""
        try:
            return reverse(self.url, args=[row["id"]])
        except NoReverseMatch:
            return ""


@dataclass
class Doc:
    """One searchable thing as read back for display and scoring: its text by weight, and where it links."""

    kind: str
    object_id: int
    title: str          # what a hit is called: the first title column ("display_name", not the nickname too)
    title_text: str     # every title column, for scoring
    keys: str
    body: str
    subtitle: str
    url: str
    when: datetime | None
    person_ids: list[int]
    row: dict = field(default_factory=dict, repr=False)


_REGISTRY: dict[str, Source] = {}


def register(source: Source) -> Source:
    _REGISTRY[source.kind] = source
    return source


def get(kind: str) -> Source:
    return _REGISTRY[kind]


def all_sources() -> list[Source]:
    """Every registered source, the built-in ones first, then the others in the order they registered."""
    from netweave.search import builtin  # the built-in sources register themselves

    return sorted(_REGISTRY.values(), key=lambda s: (s.kind not in builtin.BUILTIN, builtin.BUILTIN.index(s.kind)
                                                    if s.kind in builtin.BUILTIN else 0))


def load(source: Source, owner, ids: list[int], *, full: bool = True) -> dict[int, Doc]:
    """The docs of `ids` (the owner's only) in one query. `full=False` leaves out what only a shown hit needs
    (its link and its people), so hundreds of candidates can be read and scored cheaply; `complete` adds it."""
    if not ids:
        return {}
    model = source.get_model()
    names = ["id", *source.columns, *source.extra]
    if source.when:
        names.append(source.when)
    if isinstance(source.persons, str):
        names.append(source.persons)
    docs = {}
    for r in model.objects.filter(owner=owner, pk__in=ids).values(*dict.fromkeys(names)):
        docs[r["id"]] = Doc(
            kind=source.kind, object_id=r["id"],
            title=str(r[source.title[0]] or ""), title_text=_join(r, source.title), keys=_join(r, source.keys),
            body=_join(r, source.body),
            subtitle=source.describe(r) if source.describe else "", url="",
            when=r.get(source.when) if source.when else None, person_ids=[], row=r,
        )
    if full:
        complete(source, list(docs.values()))
    return docs


def complete(source: Source, docs: list[Doc]) -> None:
    """Fill in the link and the people of docs read with `full=False`."""
    if callable(source.persons):
        people = source.persons([d.object_id for d in docs])
    elif isinstance(source.persons, str):
        people = {d.object_id: [d.row[source.persons]] if d.row[source.persons] else [] for d in docs}
    else:
        people = {}
    for doc in docs:
        doc.url = source.link(doc.row)
        doc.person_ids = people.get(doc.object_id, [])


def _join(row: dict, names: tuple[str, ...]) -> str:
    return " ".join(str(row[n]) for n in names if row.get(n) not in (None, ""))
