"""Keeping in touch: how strong each tie is (and was), how often each person should hear from me, and what I
did with each nudge on the "reach out today" list."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from netweave.core.models import Owned
from netweave.people.models import Circle, Person, Tag


class NurtureSettings(Owned):
    """One row per user: how the model and the daily list behave for them."""

    daily_limit = models.PositiveSmallIntegerField(default=5, help_text="How many people the today list offers.")
    half_life_days = models.PositiveSmallIntegerField(
        default=90, help_text="After this many days without contact, a contact counts half as much.")
    time_zone = models.CharField(max_length=64, blank=True, help_text="Decides what 'today' is; empty: the server's.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="nurture_settings_one_per_owner"),
            models.CheckConstraint(condition=Q(half_life_days__gte=1), name="nurture_half_life_positive"),
            models.CheckConstraint(condition=Q(daily_limit__gte=1), name="nurture_daily_limit_positive"),
        ]


class Strength(Owned):
    """The current strength of my tie with one person, 0 to 100, with its parts and the words that explain it.

    Kept current by `nurture.services` whenever an interaction with them is logged, changed or imported."""

    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="strength")
    score = models.PositiveSmallIntegerField(default=0)
    parts = models.JSONField(default=dict, help_text="Each component's share: recency, frequency, depth, ...")
    explanation = models.CharField(max_length=500, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["owner", "-score"], name="strength_rank")]


class StrengthPoint(Owned):
    """The strength on one day, so a person's page can show how the tie has moved."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="strength_points")
    day = models.DateField()
    score = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["person", "day"], name="strength_point_one_per_day")]


class Cadence(Owned):
    """How often to be in touch: for everyone in a circle, everyone with a tag, or one person. The most
    particular one wins (person, then tag, then circle)."""

    class Scope(models.TextChoices):
        CIRCLE = "circle", "circle"
        TAG = "tag", "tag"
        PERSON = "person", "person"

    scope = models.CharField(max_length=8, choices=Scope.choices)
    circle = models.ForeignKey(Circle, null=True, blank=True, on_delete=models.CASCADE, related_name="cadences")
    tag = models.ForeignKey(Tag, null=True, blank=True, on_delete=models.CASCADE, related_name="cadences")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="cadences")
    days = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(days__gte=1), name="cadence_days_positive"),
            models.CheckConstraint(
                condition=(Q(scope="circle", circle__isnull=False, tag__isnull=True, person__isnull=True)
                           | Q(scope="tag", tag__isnull=False, circle__isnull=True, person__isnull=True)
                           | Q(scope="person", person__isnull=False, circle__isnull=True, tag__isnull=True)),
                name="cadence_one_target",
            ),
            models.UniqueConstraint(fields=["owner", "circle"], condition=Q(scope="circle"), name="cadence_circle_once"),
            models.UniqueConstraint(fields=["owner", "tag"], condition=Q(scope="tag"), name="cadence_tag_once"),
            models.UniqueConstraint(fields=["owner", "person"], condition=Q(scope="person"), name="cadence_person_once"),
        ]


class Nudge(Owned):
    """What I did with one suggestion on my list: done, snoozed until a day, or skipped. `key` names the
    suggestion ("checkin:2026-11-28", "birthday:2026-12-01") so the same one is not offered again."""

    class Status(models.TextChoices):
        DONE = "done", "done"
        SNOOZED = "snoozed", "snoozed"
        SKIPPED = "skipped", "skipped"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="nudges")
    kind = models.CharField(max_length=20, default="checkin")
    key = models.CharField(max_length=100)
    status = models.CharField(max_length=8, choices=Status.choices)
    until = models.DateField(null=True, blank=True, help_text="For a snooze: offered again from this day.")
    acted_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "person", "kind", "key"], name="nudge_once")]
        indexes = [models.Index(fields=["owner", "status", "until"], name="nudge_open")]


class Milestone(Owned):
    """Something worth congratulating that I heard about and noted: a launch, an award, a move, a new child."""

    class Kind(models.TextChoices):
        LAUNCH = "launch", "launch"
        AWARD = "award", "award"
        MOVE = "move", "move"
        NEW_CHILD = "new_child", "new child"
        NEW_JOB = "new_job", "new job"
        PROMOTION = "promotion", "promotion"
        OTHER = "other", "other"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.OTHER)
    day = models.DateField()
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["owner", "day"], name="milestone_day")]


class FollowUp(Owned):
    """Something I promised on an interaction ("send her the deck by Friday"), due on a day until I finish it."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="follow_ups")
    interaction = models.ForeignKey("interactions.Interaction", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="follow_ups")
    text = models.CharField(max_length=500)
    due = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "id"]
        # The list only ever reads open ones by due day; finished ones pile up and stay out of the index.
        indexes = [models.Index(fields=["owner", "due"], condition=Q(done_at__isnull=True), name="followup_open")]
