"""Mentorship and knowledge: my mentors and mentees with our goals and the notes of each session, and a log of
what I learned and from whom."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q

from netweave.core.models import Origin, Owned
from netweave.people.models import Person


class Mentorship(Owned):
    """Someone who mentors me, or whom I mentor, from a day until it ends (open while `ended` is empty)."""

    FOLLOWS_MERGES = True  # merging the person into another moves the mentorship along (people.merging)

    class Role(models.TextChoices):
        MENTOR = "mentor", "my mentor"
        MENTEE = "mentee", "my mentee"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentorships")
    role = models.CharField(max_length=6, choices=Role.choices)
    goals = models.TextField(blank=True, help_text="What we are working towards, in my words.")
    started = models.DateField()
    ended = models.DateField(null=True, blank=True)
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started", "-id"]
        indexes = [models.Index(fields=["owner", "role", "ended"], name="mentorship_role")]
        constraints = [
            models.CheckConstraint(condition=Q(ended__isnull=True) | Q(ended__gte=F("started")),
                                   name="mentorship_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.person.display_name} ({self.get_role_display()})"

    @property
    def active(self) -> bool:
        return self.ended is None


class MentorshipSession(Owned):
    """One session of a mentorship: when, what we talked about, and the next steps agreed."""

    mentorship = models.ForeignKey(Mentorship, on_delete=models.CASCADE, related_name="sessions")
    day = models.DateField()
    notes = models.TextField(blank=True)
    next_steps = models.TextField(blank=True)
    interaction = models.ForeignKey("interactions.Interaction", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", help_text="The meeting logged for it, so it counts as contact.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]

    def __str__(self) -> str:
        return f"{self.day}: {(self.notes or self.next_steps)[:60]}"


class Learning(Owned):
    """Something I learned: what, from whom (if from someone), when, on what topic, and optionally the
    interaction it came from."""

    FOLLOWS_MERGES = True

    text = models.TextField(help_text="What I learned, in my words.")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="learnings")
    day = models.DateField()
    topic = models.CharField(max_length=100, blank=True)
    interaction = models.ForeignKey("interactions.Interaction", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["owner", "-day"], name="learning_day")]

    def __str__(self) -> str:
        return self.text[:80]
