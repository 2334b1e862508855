"""What happened between me and the people I know: meetings, calls, messages, mail, events, notes."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from netweave.core import clock
from netweave.core.models import Origin, Owned
from netweave.people.models import Person


class Interaction(Owned):
    class Kind(models.TextChoices):
        MEETING = "meeting", "meeting"
        CALL = "call", "call"
        VIDEO = "video", "video call"
        MESSAGE = "message", "message"
        EMAIL = "email", "email"
        EVENT = "event", "event"
        NOTE = "note", "note"

    class Initiator(models.TextChoices):
        ME = "me", "me"
        THEM = "them", "them"
        UNKNOWN = "", "unknown"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.MEETING)
    occurred_at = models.DateTimeField(help_text="When it happened; a time in the future makes it a plan.")
    initiated_by = models.CharField(max_length=4, choices=Initiator.choices, blank=True, default="")
    summary = models.CharField(max_length=500)
    notes = models.TextField(blank=True)
    participants = models.ManyToManyField(Person, through="Participation", related_name="interactions")
    source = models.CharField(max_length=40, blank=True, help_text="Where it came from: web, cli, api, an importer.")
    external_id = models.CharField(max_length=300, blank=True, help_text="The source's own id, for idempotent re-import.")
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["owner", "-occurred_at"], name="interaction_when")]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "source", "external_id"],
                condition=~Q(external_id=""),
                name="interaction_external_id_unique",
            )
        ]

    def __str__(self) -> str:
        return self.summary

    @property
    def is_plan(self) -> bool:
        return self.occurred_at > clock.now()


class Participation(Owned):
    """One person's part in an interaction. `occurred_at` repeats the interaction's time so a person's
    timeline and last contact come from one index, without touching a million-row join."""

    interaction = models.ForeignKey(Interaction, on_delete=models.CASCADE, related_name="participations")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="participations")
    occurred_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["interaction", "person"], name="participation_unique"),
        ]
        indexes = [models.Index(fields=["person", "-occurred_at"], name="participation_timeline")]
