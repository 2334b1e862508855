"""People named in text boxes: a name when it is unambiguous, "Name #id" when it is not.

Forms show people this way and read them back the same way, so saving a form never silently swaps
one namesake for another, and a person whose name is shared can still be chosen.
"""

from __future__ import annotations

import re

from netweave.core.errors import Ambiguous
from netweave.core.ids import parse_id
from netweave.people.models import Person
from netweave.people.queries import resolve_person

_WITH_ID = re.compile(r"^(.*?)\s*#(\w+)$")


def token_for(person: Person) -> str:
    """How to write this person in a form so that reading it back finds exactly them."""
    namesakes = Person.objects.filter(owner_id=person.owner_id, archived=False,
                                      display_name__iexact=person.display_name)
    if not person.archived and "," not in person.display_name and namesakes.count() == 1:
        return person.display_name
    # Commas separate names in a box; with the id there the name is only a reminder, so drop them.
    return f"{person.display_name.replace(',', '')} #{person.pk}"


def resolve_token(owner, text: str) -> Person:
    """A person from "Ana Lima", "Ana Lima #12" or "#12". Raises Ambiguous like resolve_person."""
    text = " ".join(text.split())
    match = _WITH_ID.match(text)
    if match:
        pk = parse_id(match.group(2))
        found = Person.objects.filter(owner=owner, pk=pk).first() if pk else None
        if found is None:
            raise Ambiguous(text, [])
        return found
    return resolve_person(owner, text)


def split_tokens(text: str) -> list[str]:
    """Names separated by commas, semicolons or new lines."""
    return [p.strip() for p in re.split(r"[\n,;]", text or "") if p.strip()]


def who_is(exc: Ambiguous) -> str:
    """The message a form shows for a name that fits nobody or several people."""
    if not exc.candidates:
        return f"Nobody called {exc.text!r}; add them first."
    options = ", ".join(_label(c) for c in exc.candidates)
    return f"Who is {exc.text!r}? Write one of: {options}"


def _label(person: Person) -> str:
    return f"{person.display_name} #{person.pk}"
