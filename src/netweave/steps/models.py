"""Small steps: a weekly plan of a few easy actions drawn from the other queues, kept for the week so it does
not change under me, and each step's outcome, so progress over the weeks can be shown."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from netweave.core.models import Owned
from netweave.people.models import Person


class StepSettings(Owned):
    """One row per user: how many steps a week's plan offers."""

    per_week = models.PositiveSmallIntegerField(default=3, help_text="How many steps a week's plan offers.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="step_settings_one_per_owner"),
            models.CheckConstraint(condition=Q(per_week__gte=1), name="step_settings_per_week_positive"),
        ]


class WeekPlan(Owned):
    """The plan of one week, made the first time that week is looked at and kept as it was made."""

    week = models.DateField(help_text="The Monday the week starts on, in the user's time zone.")
    created_at = models.DateTimeField(help_text="When it was made: contact logged after this counts for its steps.")

    class Meta:
        ordering = ["-week"]
        constraints = [models.UniqueConstraint(fields=["owner", "week"], name="week_plan_one_per_week")]


class Step(Owned):
    """One easy action of a week's plan, with why and where to do it. `key` names what it came from
    ("birthday:2026-03-13", "ask:12", "followup:5"), so a step done or skipped is not offered again soon."""

    FOLLOWS_MERGES = True  # a step about a person merged into another follows them (people.merging)

    class Kind(models.TextChoices):
        CONGRATULATE = "congratulate", "congratulate"
        REVIVE = "revive", "revive a tie"
        INTRODUCE = "introduce", "introduce"
        HELP = "help", "help with an ask"
        FOLLOW_UP = "follow_up", "follow up"
        CHECK_IN = "check_in", "check in"

    class Status(models.TextChoices):
        OPEN = "open", "to do"
        DONE = "done", "done"
        SKIPPED = "skipped", "skipped"

    plan = models.ForeignKey(WeekPlan, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(help_text="Its number in the week's plan, from 1.")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    key = models.CharField(max_length=100)
    # The words are kept as written when the plan was made: a person deleted later leaves the step readable.
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    other_person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                     help_text="For an introduction: the second person.")
    title = models.CharField(max_length=300)
    why = models.CharField(max_length=500)
    url = models.CharField(max_length=1000, blank=True, help_text="Where to do it: a page of this site.")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    acted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="step_position_once")]
        indexes = [models.Index(fields=["owner", "kind", "key"], name="step_key")]

    def __str__(self) -> str:
        return self.title
