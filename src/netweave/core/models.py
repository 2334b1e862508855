"""What every table shares: an owner, and where each value came from."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OwnedQuerySet(models.QuerySet):
    def owned_by(self, user) -> "OwnedQuerySet":
        return self.filter(owner=user)


class Owned(models.Model):
    """A row that belongs to one user. Every read path filters by owner; nothing is shared implicitly."""

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    objects = OwnedQuerySet.as_manager()

    class Meta:
        abstract = True


class Origin(Owned):
    """One act that wrote values: a hand edit in the web app, a CLI command, an API call, an import.

    Values point at the origin that wrote them, so a person's page can say where each email came
    from, and a later import can be undone as a unit.
    """

    class Kind(models.TextChoices):
        WEB = "web", "web app"
        CLI = "cli", "command line"
        API = "api", "API"
        IMPORT = "import", "import"
        DEMO = "demo", "demo network"
        MERGE = "merge", "merge"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    label = models.CharField(max_length=300, blank=True, help_text="File name, command or client that wrote it.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.label}" if self.label else self.get_kind_display()
