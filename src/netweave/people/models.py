"""People, the organisations they belong to, and the known ties between them."""

from __future__ import annotations

import calendar
import re
from datetime import date

from django.db import models
from django.db.models import Q

from netweave.core.models import Origin, Owned


class Circle(Owned):
    """A user-editable ring of closeness (inner, close, active, wide by default); lower position = closer."""

    name = models.CharField(max_length=60)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="circle_unique_name")]

    def __str__(self) -> str:
        return self.name


class Tag(Owned):
    """A label on people. Interests and expertise are tags of their own kind, so "who knows X" is one join."""

    class Kind(models.TextChoices):
        TAG = "tag", "tag"
        INTEREST = "interest", "interest"
        EXPERTISE = "expertise", "expertise"

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.TAG)
    name = models.CharField(max_length=100)
    key = models.CharField(max_length=100, help_text="Case-folded name; unique per owner and kind.")

    class Meta:
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["owner", "kind", "key"], name="tag_unique_key")]

    def __str__(self) -> str:
        return self.name


class Organisation(Owned):
    class Kind(models.TextChoices):
        COMPANY = "company", "company"
        ASSOCIATION = "association", "association"
        COMMUNITY = "community", "community"
        SCHOOL = "school", "school"
        OTHER = "other", "other"

    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200, help_text="Case-folded name; one organisation per name and owner.")
    domain = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.COMPANY)
    notes = models.TextField(blank=True)
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["owner", "key"], name="organisation_unique_key")]
        indexes = [models.Index(fields=["owner", "domain"])]

    def __str__(self) -> str:
        return self.name


class Person(Owned):
    """Someone I know. Private fields (notes, how we met) stay with the owner.

    `PROJECTION_FIELDS` is what a teammate may one day see of this row; nothing else leaves the owner.
    """

    PROJECTION_FIELDS = ("id", "display_name", "current_organisation_id", "current_title")

    display_name = models.CharField(max_length=200)
    prefix = models.CharField(max_length=40, blank=True)
    given_name = models.CharField(max_length=100, blank=True)
    middle_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    suffix = models.CharField(max_length=40, blank=True)
    nickname = models.CharField(max_length=100, blank=True)
    pronouns = models.CharField(max_length=40, blank=True)

    birthday_year = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birthday_day = models.PositiveSmallIntegerField(null=True, blank=True)

    location = models.CharField(max_length=200, blank=True)
    photo = models.FileField(upload_to="photos/", blank=True)

    met_how = models.TextField(blank=True, help_text="How we met, in my words.")
    met_at_event = models.ForeignKey(
        "interactions.Interaction", null=True, blank=True, on_delete=models.SET_NULL, related_name="people_met"
    )
    introduced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="introduced"
    )
    circle = models.ForeignKey(Circle, null=True, blank=True, on_delete=models.SET_NULL, related_name="people")
    tags = models.ManyToManyField(Tag, blank=True, related_name="people")
    notes = models.TextField(blank=True)
    extra = models.JSONField(
        default=dict, blank=True, help_text="Values the model has no column for (kept so an export gives them back)."
    )

    archived = models.BooleanField(default=False)
    archived_at = models.DateTimeField(null=True, blank=True)

    # Derived and kept current by people.services, so the list of 30,000 needs no joins or aggregates.
    current_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="current_people"
    )
    current_title = models.CharField(max_length=200, blank=True)
    last_contact_at = models.DateTimeField(null=True, blank=True)
    # The earliest plan (a participation still in the future). Once it passes it is a contact, so
    # people.services.settle_passed_plans finds the people whose plan has passed by this column.
    next_plan_at = models.DateTimeField(null=True, blank=True)
    search_text = models.TextField(blank=True, editable=False)

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["display_name", "id"]
        indexes = [
            # Not (owner, archived, ...): SQLite reads archived=False as NOT archived, which cannot use the
            # index to order, so every page would sort all 30,000 rows. Skipping archived rows is cheap.
            models.Index(fields=["owner", "display_name", "id"], name="person_list"),
            models.Index(fields=["owner", "current_organisation"], name="person_org"),
            models.Index(fields=["owner", "circle"], name="person_circle"),
            models.Index(fields=["owner", "birthday_month", "birthday_day"], name="person_birthday"),
            models.Index(fields=["owner", "next_plan_at"], name="person_next_plan"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(birthday_month__isnull=True) | Q(birthday_month__gte=1, birthday_month__lte=12),
                name="person_birthday_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(birthday_day__isnull=True) | Q(birthday_day__gte=1, birthday_day__lte=31),
                name="person_birthday_day_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def birthday(self) -> str:
        """The birthday as ISO text: YYYY-MM-DD, or --MM-DD when the year is unknown (vCard's form)."""
        if not (self.birthday_month and self.birthday_day):
            return ""
        if self.birthday_year:
            return f"{self.birthday_year:04d}-{self.birthday_month:02d}-{self.birthday_day:02d}"
        return f"--{self.birthday_month:02d}-{self.birthday_day:02d}"

    def next_birthday(self, today: date) -> date | None:
        """The next date on or after `today` to celebrate; 29 February falls on 28 February in common years,
        the last day that is still in February, because that is when most people born then celebrate."""
        if not (self.birthday_month and self.birthday_day):
            return None
        for year in (today.year, today.year + 1):
            day = min(self.birthday_day, calendar.monthrange(year, self.birthday_month)[1])
            candidate = date(year, self.birthday_month, day)
            if candidate >= today:
                return candidate
        return None

    def tags_by_kind(self) -> dict[str, list[str]]:
        """Tag names by kind ("tag", "interest", "expertise"), each kind present even when empty. Reads
        `tags.all()`, so a `prefetch_related("tags")` serves a whole list of people in one query."""
        names: dict[str, list[str]] = {kind: [] for kind in Tag.Kind.values}
        for tag in self.tags.all():
            names.setdefault(tag.kind, []).append(tag.name)
        return names

    def age_on(self, day: date) -> int | None:
        if not (self.birthday_year and self.birthday_month and self.birthday_day):
            return None
        birthday = (self.birthday_month, self.birthday_day)
        if birthday == (2, 29) and not calendar.isleap(day.year):
            birthday = (2, 28)  # the same day next_birthday celebrates
        had_birthday = (day.month, day.day) >= birthday
        return day.year - self.birthday_year - (0 if had_birthday else 1)


# A URL scheme (RFC 3986) and its colon, unless digits follow: "host:8080" is a host and a port.
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):(?![0-9])")


class ContactValue(Owned):
    """One labelled value of a person (an email, a phone, a URL, an address), with where it came from."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    label = models.CharField(max_length=40, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True
        ordering = ["position", "id"]


class Email(ContactValue):
    address = models.CharField(max_length=320)
    key = models.CharField(max_length=320, help_text="Lower-cased address, for matching.")

    class Meta(ContactValue.Meta):
        default_related_name = "emails"
        indexes = [models.Index(fields=["owner", "key"], name="email_key")]

    def __str__(self) -> str:
        return self.address


class Phone(ContactValue):
    raw = models.CharField(max_length=80, help_text="As typed or imported.")
    e164 = models.CharField(max_length=20, blank=True, help_text="Normalised form, empty when it could not be parsed.")

    class Meta(ContactValue.Meta):
        default_related_name = "phones"
        indexes = [models.Index(fields=["owner", "e164"], name="phone_e164")]

    def __str__(self) -> str:
        return self.e164 or self.raw


class Url(ContactValue):
    url = models.CharField(max_length=1000)
    key = models.CharField(max_length=1000, blank=True, help_text="Canonical form for matching (LinkedIn profiles).")

    class Meta(ContactValue.Meta):
        default_related_name = "urls"

    def __str__(self) -> str:
        return self.url

    @property
    def href(self) -> str:
        """A link that is safe to put in a page: http(s) only, so a stored "javascript:" URL stays text
        (""). A colon before digits is a port, not a scheme: "example.com:8080/x" links to https://."""
        url = self.url.strip()
        scheme = _SCHEME.match(url)
        if scheme is None:
            return f"https://{url}"
        return url if scheme.group(1).lower() in ("http", "https") else ""

    @property
    def is_linkedin(self) -> bool:
        return "linkedin.com/" in self.url.lower()


class Address(ContactValue):
    street = models.CharField(max_length=300, blank=True)
    locality = models.CharField(max_length=120, blank=True)
    region = models.CharField(max_length=120, blank=True)
    postcode = models.CharField(max_length=30, blank=True)
    country = models.CharField(max_length=120, blank=True)
    po_box = models.CharField(max_length=60, blank=True)
    extended = models.CharField(max_length=200, blank=True)

    class Meta(ContactValue.Meta):
        default_related_name = "addresses"

    def __str__(self) -> str:
        parts = [self.po_box, self.extended, self.street, self.locality, self.region, self.postcode, self.country]
        return ", ".join(p for p in parts if p)


class FieldOrigin(Owned):
    """Which origin last wrote a single-valued field of a person (display_name, notes, ...)."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="field_origins")
    field = models.CharField(max_length=40)
    origin = models.ForeignKey(Origin, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "field"], name="field_origin_unique")]


class Affiliation(Owned):
    """A role at an organisation over a time span; a person's job history is the list of these."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="affiliations")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="affiliations")
    title = models.CharField(max_length=200, blank=True)
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start", "-id"]
        indexes = [
            models.Index(fields=["owner", "organisation", "end"], name="affiliation_org"),
            # Work anniversaries and new jobs look roles up by the day they started.
            models.Index(fields=["owner", "start"], name="affiliation_start"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="affiliation_end_after_start",
            )
        ]

    def __str__(self) -> str:
        role = f"{self.title} at " if self.title else ""
        return f"{role}{self.organisation.name}"

    @property
    def is_current(self) -> bool:
        return self.end is None


class Tie(Owned):
    """A known relationship between two of my contacts.

    For undirected kinds the pair is stored with the lower id first, so one pair has one row per kind.
    For mentor ties the direction matters: person_a mentors person_b.
    """

    class Kind(models.TextChoices):
        COLLEAGUE = "colleague", "colleague"
        FRIEND = "friend", "friend"
        FAMILY = "family", "family"
        MENTOR = "mentor", "mentor of"
        INTRODUCED = "introduced", "introduced"
        MET_AT = "met_at", "met at"
        OTHER = "other", "other"

    DIRECTED = frozenset({Kind.MENTOR})

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties_as_a")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="ties_as_b")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    source = models.CharField(max_length=40, blank=True, help_text="Who said so: me, an import, an introduction.")
    evidence = models.TextField(blank=True)
    origin = models.ForeignKey(Origin, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "person_a", "person_b", "kind"], name="tie_unique"),
            models.CheckConstraint(condition=~Q(person_a=models.F("person_b")), name="tie_not_self"),
        ]
        indexes = [models.Index(fields=["person_b"], name="tie_person_b")]

    def __str__(self) -> str:
        return f"{self.person_a} – {self.get_kind_display()} – {self.person_b}"

    def other(self, person: Person) -> Person:
        return self.person_b if self.person_a_id == person.id else self.person_a

    def describe_from(self, person: Person) -> str:
        """How the tie reads from one side: "mentor of X", "mentored by X", "colleague"."""
        if self.kind == self.Kind.MENTOR:
            return "mentor of" if self.person_a_id == person.id else "mentored by"
        return self.get_kind_display()


class Merge(Owned):
    """A merge of one person into another, with a snapshot of the removed person so nothing is lost.

    `kept_state` and `removed_state` are both people as they were just before (people.snapshots), so the
    merge can be undone exactly; `kept_after` fingerprints the kept person right after it, so an undo can
    tell whether they changed since. Merges made before these columns existed have none and stay done.
    """

    kept = models.ForeignKey(Person, null=True, on_delete=models.SET_NULL, related_name="merges")
    removed_id = models.BigIntegerField()
    removed_name = models.CharField(max_length=200)
    snapshot = models.JSONField()
    kept_state = models.JSONField(null=True, blank=True)
    removed_state = models.JSONField(null=True, blank=True)
    kept_after = models.JSONField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "-created_at"], name="merge_recent")]

    def __str__(self) -> str:
        return f"{self.removed_name} into {self.kept or 'someone since deleted'}"


class DuplicateDismissal(Owned):
    """The user's answer "not the same person" for a pair, so the duplicates queue never offers it again.

    Stored with the lower id first, so a pair has one row whichever way round it was dismissed.
    """

    person_a = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "person_a", "person_b"], name="dismissal_unique"),
            models.CheckConstraint(condition=Q(person_a__lt=models.F("person_b")), name="dismissal_ordered"),
        ]
        indexes = [models.Index(fields=["person_b"], name="dismissal_person_b")]
