"""Give first: what passed between me and my contacts (the ledger), what people need and can offer (asks and
offers), and introductions between two contacts with double opt-in.

"Me" is the owner, never a Person row: a null person on an exchange, ask or offer means me.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Greatest, Least

from netweave.core.models import Origin, Owned
from netweave.people.models import Person, Tie


class Status(models.TextChoices):
    OPEN = "open", "open"
    DONE = "done", "done"
    WITHDRAWN = "withdrawn", "withdrawn"


class Need(Owned):
    """What one fields an ask and an offer share. A null person is me."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    topic = models.CharField(max_length=200, help_text="In a few words: 'a senior Rust engineer', 'fundraising'.")
    details = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    expires_on = models.DateField(null=True, blank=True, help_text="After this day it is no longer open.")
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    def is_open(self, today: date) -> bool:
        """Open until done or withdrawn, and no longer once its expiry day has passed."""
        return self.status == Status.OPEN and (self.expires_on is None or self.expires_on >= today)

    def state(self, today: date) -> str:
        """The status a reader sees: "expired" for an open one whose day has passed."""
        if self.status == Status.OPEN and self.expires_on is not None and self.expires_on < today:
            return "expired"
        return self.status


class Ask(Need):
    """Something someone needs now: a hire, a co-founder, advice on a topic, a job, funding."""

    class Kind(models.TextChoices):
        HIRE = "hire", "a hire"
        COFOUNDER = "cofounder", "a co-founder"
        ADVICE = "advice", "advice"
        JOB = "job", "a job"
        FUNDING = "funding", "funding"
        INTRODUCTION = "introduction", "an introduction"
        OTHER = "other", "other"

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="asks")
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.ADVICE)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "status", "person"], name="ask_open")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.topic}"


class Offer(Need):
    """Something someone can give: expertise, introductions, mentoring, a review."""

    class Kind(models.TextChoices):
        EXPERTISE = "expertise", "expertise"
        INTRODUCTIONS = "introductions", "introductions"
        MENTORING = "mentoring", "mentoring"
        REVIEW = "review", "a review"
        OTHER = "other", "other"

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="offers")
    kind = models.CharField(max_length=13, choices=Kind.choices, default=Kind.EXPERTISE)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "status", "person"], name="offer_open")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.topic}"


# The states of an introduction under way: a pair may have only one introduction in these at a time.
UNDER_WAY = ("proposed", "asked_a", "a_agreed", "asked_b", "b_agreed", "made")


class Introduction(Owned):
    """An introduction I broker between two contacts, with double opt-in: A is asked first, then B.

    proposed → asked_a → a_agreed → asked_b → b_agreed → made → concluded (with an outcome); declined and
    expired are possible from every step before made. `givefirst.introductions` holds the transitions;
    each one is a compare-and-set on `state`, so two concurrent advances cannot both apply.
    """

    class State(models.TextChoices):
        PROPOSED = "proposed", "proposed"
        ASKED_A = "asked_a", "asked A"
        A_AGREED = "a_agreed", "A agreed"
        ASKED_B = "asked_b", "asked B"
        B_AGREED = "b_agreed", "B agreed"
        MADE = "made", "made"
        CONCLUDED = "concluded", "outcome known"
        DECLINED = "declined", "declined"
        EXPIRED = "expired", "expired"

    class Outcome(models.TextChoices):
        MET = "met", "they met"
        WORKED_TOGETHER = "worked_together", "they worked together"
        HIRED = "hired", "a hire"
        INVESTED = "invested", "an investment"
        NOTHING = "nothing", "nothing came of it"

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="introductions_as_a")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="introductions_as_b")
    reason = models.TextField(help_text="Why these two should meet, in my words; the drafts quote it.")
    ask = models.ForeignKey(Ask, null=True, blank=True, on_delete=models.SET_NULL, related_name="introductions")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PROPOSED)
    outcome = models.CharField(max_length=16, choices=Outcome.choices, blank=True)
    declined_by = models.CharField(max_length=1, blank=True, help_text="'a' or 'b' when one of them said no.")
    tie = models.ForeignKey(Tie, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                            help_text="The tie the introduction created once made.")
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    made_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["owner", "state"], name="introduction_state"),
            models.Index(fields=["person_b"], name="introduction_person_b"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(person_a=models.F("person_b")), name="introduction_not_self"),
            # Either way round, so that two proposals of one pair at the same moment cannot both be saved.
            models.UniqueConstraint(F("owner"), Least("person_a", "person_b"), Greatest("person_a", "person_b"),
                                    condition=Q(state__in=UNDER_WAY), name="introduction_one_under_way"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} ↔ {self.person_b} ({self.get_state_display()})"


class IntroductionStep(Owned):
    """One transition of an introduction, kept for its history: from which state to which, when, the message
    drafted for that step as I sent it, and a note."""

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="steps")
    from_state = models.CharField(max_length=10, blank=True)
    to_state = models.CharField(max_length=10)
    message = models.TextField(blank=True)
    note = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]


class IntroTemplate(Owned):
    """My own words for one step's drafted message, used instead of the default template. Slots such as
    {a_first} and {reason} are filled from the introduction (givefirst.intro_drafts)."""

    class Step(models.TextChoices):
        ASK_A = "ask_a", "asking A"
        ASK_B = "ask_b", "asking B"
        MAKE = "make", "the introduction"
        FOLLOW_UP = "follow_up", "asking how it went"

    step = models.CharField(max_length=10, choices=Step.choices)
    text = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner", "step"], name="intro_template_one_per_step")]


# After Introduction on purpose: a person's snapshot (people.snapshots) restores tables in the order their models
# are defined, so an exchange finds the introduction it records already back when a merge is undone.
class Exchange(Owned):
    """One thing given: by me to a contact, by a contact to me, or from one contact to another when I brokered
    it. A null giver or receiver is me; both null, or one person on both sides, is refused by the table."""

    class Kind(models.TextChoices):
        FAVOUR = "favour", "favour"
        ADVICE = "advice", "advice"
        REFERRAL = "referral", "referral"
        INTRODUCTION = "introduction", "introduction"
        RESOURCE = "resource", "resource"
        FEEDBACK = "feedback", "feedback"
        ENDORSEMENT = "endorsement", "endorsement"

    giver = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="gave")
    receiver = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="received")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    day = models.DateField()
    note = models.TextField(blank=True)
    introduction = models.ForeignKey("Introduction", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="exchanges", help_text="The introduction this entry records.")
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        indexes = [
            models.Index(fields=["owner", "giver", "day"], name="exchange_giver"),
            models.Index(fields=["owner", "receiver", "day"], name="exchange_receiver"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(giver__isnull=False) | Q(receiver__isnull=False),
                                   name="exchange_not_me_to_me"),
            models.CheckConstraint(condition=~Q(giver=models.F("receiver")), name="exchange_not_self"),
        ]

    @property
    def brokered(self) -> bool:
        """Between two contacts: I made it happen, neither side was me."""
        return self.giver_id is not None and self.receiver_id is not None
