"""Events: conferences, meetups and dinners I plan for (goals, who will be there, whom to meet) and capture
afterwards (who I met, a line each), and the lines already captured so capturing again adds only new ones."""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from netweave.core.models import Origin, Owned
from netweave.people.models import Person, Url


class Event(Owned):
    """An occasion to meet people. Once captured it has one interaction (kind "event") with everyone I met."""

    name = models.CharField(max_length=200)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    location = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=1000, blank=True)
    description = models.TextField(blank=True)
    source = models.CharField(max_length=40, blank=True, help_text='"" typed here, "ics" from a calendar file.')
    external_id = models.CharField(max_length=300, blank=True,
                                   help_text="The calendar's id for it, so importing the file again updates it.")
    interaction = models.OneToOneField("interactions.Interaction", null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="event")
    guests = models.JSONField(default=list, blank=True,
                              help_text="Attendees a calendar named who are not in my network: [{name, email}].")
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["owner", "-starts_at"], name="event_when")]
        constraints = [
            models.UniqueConstraint(fields=["owner", "source", "external_id"], condition=~Q(external_id=""),
                                    name="event_external_id_unique"),
            models.CheckConstraint(condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                                   name="event_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def href(self) -> str:
        """The web page as a link safe to put in a page (http and https only), as people's URLs are."""
        return Url(url=self.url).href if self.url.strip() else ""


class EventGoal(Owned):
    """What I want from an event, such as "meet three people working on climate fintech": how many people,
    and the topic words a person I met must match to count towards it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="goals")
    text = models.CharField(max_length=300)
    target = models.PositiveSmallIntegerField(default=1)
    topic = models.CharField(max_length=300, blank=True, help_text="Words a person matches: 'climate fintech'.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(target__gte=1), name="event_goal_target_positive")]

    def __str__(self) -> str:
        return self.text


class EventPerson(Owned):
    """Someone of mine at an event: expected there, someone I want to meet there, or met there."""

    class Status(models.TextChoices):
        EXPECTED = "expected", "expected"
        WANT = "want_to_meet", "want to meet"
        MET = "met", "met"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="event_links")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.EXPECTED)
    why = models.CharField(max_length=500, blank=True, help_text="Why meet them: 'works on X; you asked for X'.")
    note = models.TextField(blank=True, help_text="What I noted about them at the event.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="event_person_once")]
        indexes = [models.Index(fields=["person"], name="event_person_person")]


class CapturedLine(Owned):
    """One line of a capture already saved, by its folded text, so submitting it again changes nothing."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="captured_lines")
    key = models.CharField(max_length=64)
    text = models.TextField()
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["event", "key"], name="captured_line_once")]
