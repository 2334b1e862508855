"""Opportunities and reputation: jobs, projects, talks and collaborations that came my way, with the people and
introductions they came through; and a log of what I gave, published or spoke about (contributions), so the
invitations that followed each one can be seen."""

from __future__ import annotations

from django.db import models

from netweave.core.models import Origin, Owned
from netweave.people.models import Organisation, Person


class Contribution(Owned):
    """Something I gave, published or spoke about: a talk, an article, help, open-source work."""

    class Kind(models.TextChoices):
        TALK = "talk", "talk"
        ARTICLE = "article", "article"
        HELP = "help", "help"
        OPEN_SOURCE = "open_source", "open source"
        OTHER = "other", "other"

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.TALK)
    title = models.CharField(max_length=200)
    day = models.DateField()
    url = models.CharField(max_length=1000, blank=True)
    audience = models.CharField(max_length=200, blank=True, help_text="Where, or for whom: 'PyCon Lisbon', 'my team'.")
    notes = models.TextField(blank=True)
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["owner", "-day"], name="contribution_day")]

    def __str__(self) -> str:
        return self.title


class Opportunity(Owned):
    """A job, project, speaking slot or collaboration that came my way, where it stands, and how it came."""

    class Kind(models.TextChoices):
        JOB = "job", "job"
        PROJECT = "project", "project"
        SPEAKING = "speaking", "speaking"
        COLLABORATION = "collaboration", "collaboration"
        OTHER = "other", "other"

    class Status(models.TextChoices):
        OPEN = "open", "open"
        PURSUING = "pursuing", "pursuing"
        WON = "won", "won"
        LOST = "lost", "lost"
        DECLINED = "declined", "declined"
        CLOSED = "closed", "closed"

    kind = models.CharField(max_length=13, choices=Kind.choices, default=Kind.JOB)
    title = models.CharField(max_length=200)
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="opportunities")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    notes = models.TextField(blank=True)
    day = models.DateField(help_text="When it came up.")
    people = models.ManyToManyField(Person, through="OpportunityPerson", related_name="opportunities")
    introduction = models.ForeignKey("givefirst.Introduction", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="opportunities", help_text="The introduction it came through.")
    contribution = models.ForeignKey(Contribution, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="opportunities", help_text="What I gave that it followed from.")
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["owner", "status", "-day"], name="opportunity_status")]
        verbose_name_plural = "opportunities"

    def __str__(self) -> str:
        return self.title

    @property
    def settled(self) -> bool:
        """Won, lost, declined or closed: no longer in play."""
        return self.status not in (self.Status.OPEN, self.Status.PURSUING)


class OpportunityPerson(Owned):
    """Someone an opportunity came through, and how: they referred me, introduced me, are my contact there."""

    FOLLOWS_MERGES = True  # merging the person moves the link along; a person twice on one is shown once

    class Role(models.TextChoices):
        REFERRER = "referrer", "referred me"
        INTRODUCER = "introducer", "introduced me"
        CONTACT = "contact", "my contact there"
        DECIDER = "decider", "makes the decision"
        OTHER = "other", "other"

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="links")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="opportunity_links")
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.REFERRER)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["person"], name="opportunity_person")]
