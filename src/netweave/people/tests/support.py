"""Helpers the people tests share."""

from netweave.people.models import Address, Affiliation, Email, FieldOrigin, Organisation, Person, Phone, Tag, Url


def rows() -> dict:
    """How many rows each person table holds, to prove a refused call wrote nothing."""
    return {m.__name__: m.objects.count() for m in (Person, Email, Phone, Url, Address, Tag, FieldOrigin,
                                                      Affiliation, Organisation)}
