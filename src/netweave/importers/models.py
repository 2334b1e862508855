"""What an import leaves behind: the run with its counts and reasons, what it changed (so it can be undone
as a unit), the raw records it read, and the column mappings a user saved."""

from __future__ import annotations

from django.db import models

from netweave.core.models import Origin, Owned


class ImportRun(Owned):
    """One file imported (a LinkedIn export, an address book, a mailbox). Dry runs leave no row."""

    format = models.CharField(max_length=20)
    filename = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.BigIntegerField(default=0)
    origin = models.ForeignKey(Origin, null=True, on_delete=models.SET_NULL, related_name="+")
    counts = models.JSONField(default=dict, help_text="created, updated, merged, unchanged, skipped, interactions...")
    skips = models.JSONField(default=list, help_text="[{where, why}] for what was not imported, and why.")
    warnings = models.JSONField(default=list, help_text="[{where, why}] for values kept aside (in extra), not lost.")
    seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True, help_text="When its last write was done.")
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="import_run_recent")]

    def __str__(self) -> str:
        return f"{self.format}: {self.filename}"

    @property
    def undone(self) -> bool:
        return self.undone_at is not None


class ImportChange(Owned):
    """One row an import created or changed. `before` is the state it replaced (`people.snapshots.capture`
    for a person, the row's fields for an interaction), so undo puts back exactly what was there."""

    class Kind(models.TextChoices):
        PERSON_CREATED = "person+", "person created"
        PERSON_UPDATED = "person~", "person updated"
        INTERACTION_CREATED = "interaction+", "interaction created"
        INTERACTION_UPDATED = "interaction~", "interaction updated"
        ORGANISATION_CREATED = "organisation+", "organisation created"
        TAG_CREATED = "tag+", "tag created"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    object_id = models.BigIntegerField()
    before = models.JSONField(null=True, blank=True)
    after = models.CharField(max_length=64, blank=True, help_text="A digest of the row just after the import, to "
                                                                   "tell whether anything changed it since.")

    class Meta:
        indexes = [
            models.Index(fields=["run", "kind"], name="import_change_run"),
            models.Index(fields=["owner", "kind", "object_id"], name="import_change_object"),
        ]


class ImportedRecord(Owned):
    """A card or row as the file held it, and whom it became: the raw text is kept so nothing is lost, and
    the source's own key lets the next import of a newer file find the same person again."""

    FOLLOWS_MERGES = True  # merging this person into another moves the record along (people.merging)

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="records")
    person = models.ForeignKey("people.Person", null=True, on_delete=models.SET_NULL, related_name="imported_records")
    format = models.CharField(max_length=20)
    where = models.CharField(max_length=200)
    key = models.CharField(max_length=1000, blank=True)
    raw = models.TextField(blank=True)
    digest = models.CharField(max_length=64, blank=True, help_text="sha256 of the raw record, to see it is unchanged.")

    class Meta:
        indexes = [models.Index(fields=["owner", "format", "key"], name="imported_record_key")]


class ColumnMapping(Owned):
    """A saved answer to "which column is what" for a CSV layout we do not know, found again by its headers."""

    name = models.CharField(max_length=100)
    headers_key = models.CharField(max_length=64, help_text="sha256 of the folded header row.")
    mapping = models.JSONField(help_text="{header: person field, or '' to keep it in extra}")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="column_mapping_unique_name")]
        indexes = [models.Index(fields=["owner", "headers_key"], name="column_mapping_headers")]
