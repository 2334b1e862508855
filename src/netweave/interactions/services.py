"""Logging and changing interactions. Every surface calls these; they keep people's last contact current."""

from __future__ import annotations

import hashlib
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from netweave.core.errors import Invalid
from netweave.core.models import Origin
from netweave.interactions.models import Interaction, Participation
from netweave.people.models import Person
from netweave.people.normalize import clean_text
from netweave.people.services import refresh_last_contact


def clean_interaction(owner, *, kind, occurred_at, participants, initiated_by, summary, notes, partial=False) -> dict:
    errors, out = {}, {}
    if kind is not None or not partial:
        if kind not in Interaction.Kind.values:
            errors["kind"] = f"must be one of {', '.join(Interaction.Kind.values)}"
        out["kind"] = kind
    if occurred_at is not None or not partial:
        if not isinstance(occurred_at, datetime):
            errors["occurred_at"] = "must be a date and time"
        else:
            if timezone.is_naive(occurred_at):
                occurred_at = timezone.make_aware(occurred_at)
            out["occurred_at"] = occurred_at
    if initiated_by is not None:
        if initiated_by not in Interaction.Initiator.values:
            errors["initiated_by"] = "must be 'me', 'them' or empty"
        out["initiated_by"] = initiated_by
    if summary is not None or not partial:
        summary = clean_text(summary)
        if not summary:
            errors["summary"] = "say in a few words what happened"
        elif len(summary) > 500:
            errors["summary"] = f"is {len(summary)} characters long; at most 500"
        out["summary"] = summary
    if notes is not None:
        out["notes"] = notes.replace("\x00", "").strip()
    if participants is not None:
        people = list(participants)
        foreign = [p for p in people if p.owner_id != owner.id]
        if foreign:
            errors["participants"] = "no such person"
        out["participants"] = list({p.pk: p for p in people}.values())
    if errors:
        raise Invalid(errors)
    return out


def external_key(external_id: str) -> str:
    """A source's id as stored: long ones (some mail Message-IDs) hashed to a stable, short form."""
    if len(external_id) > 300:
        return "sha256:" + hashlib.sha256(external_id.encode()).hexdigest()
    return external_id


@transaction.atomic
def log_interaction(owner, *, kind: str, occurred_at: datetime, participants: list[Person], summary: str,
                    notes: str = "", initiated_by: str = "", source: str = "", external_id: str = "",
                    origin: Origin | None = None) -> Interaction:
    """Record an interaction. With a source and external id, logging it again updates the same row: kind,
    time and summary follow the source, but what the user added stays: notes and who started it when
    none are given now, and participants added by hand (the given ones join them)."""
    cleaned = clean_interaction(owner, kind=kind, occurred_at=occurred_at, participants=participants,
                     initiated_by=initiated_by, summary=summary, notes=notes)
    if len(source) > 40:
        raise Invalid({"source": "is longer than 40 characters"})
    external_id = external_key(external_id)
    people = cleaned.pop("participants")
    interaction = None
    if external_id:
        interaction = Interaction.objects.filter(owner=owner, source=source, external_id=external_id).first()
    if interaction is None:
        interaction = Interaction(owner=owner, source=source, external_id=external_id, origin=origin)
    else:
        for field in ("notes", "initiated_by"):
            if not cleaned.get(field):
                cleaned.pop(field, None)  # the source says nothing here; what the user wrote stays
        people = [*interaction.participants.all(), *people]
    for field, value in cleaned.items():
        setattr(interaction, field, value)
    interaction.save()
    _set_participants(interaction, people)
    return interaction


@transaction.atomic
def update_interaction(interaction: Interaction, *, kind=None, occurred_at=None, participants=None,
                       summary=None, notes=None, initiated_by=None) -> Interaction:
    cleaned = clean_interaction(interaction.owner, kind=kind, occurred_at=occurred_at, participants=participants,
                     initiated_by=initiated_by, summary=summary, notes=notes, partial=True)
    people = cleaned.pop("participants", None)
    for field, value in cleaned.items():
        setattr(interaction, field, value)
    interaction.save()
    if people is not None:
        _set_participants(interaction, people)
    elif "occurred_at" in cleaned:
        interaction.participations.update(occurred_at=interaction.occurred_at)
        refresh_last_contact(interaction.participations.values_list("person_id", flat=True))
    elif "kind" in cleaned or "initiated_by" in cleaned:
        # The kind of contact and who started it weigh in its people's strength, which refresh_last_contact keeps.
        refresh_last_contact(interaction.participations.values_list("person_id", flat=True))
    return interaction


@transaction.atomic
def delete_interaction(interaction: Interaction) -> None:
    affected = list(interaction.participations.values_list("person_id", flat=True))
    interaction.delete()
    refresh_last_contact(affected)


def _set_participants(interaction: Interaction, people: list[Person]) -> None:
    before = set(interaction.participations.values_list("person_id", flat=True))
    wanted = {p.pk for p in people}
    interaction.participations.exclude(person_id__in=wanted).delete()
    interaction.participations.update(occurred_at=interaction.occurred_at)
    Participation.objects.bulk_create([
        Participation(owner=interaction.owner, interaction=interaction, person_id=pid, occurred_at=interaction.occurred_at)
        for pid in wanted - before
    ])
    refresh_last_contact(before | wanted)
