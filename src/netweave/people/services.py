"""Every change to people, organisations, job history and ties. Web, API and CLI all call these."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from netweave.core import clock
from netweave.core.errors import Duplicate, Invalid
from netweave.core.models import Origin
from netweave.people import normalize
from netweave.people.models import (
    Address, Affiliation, Circle, Email, FieldOrigin, Organisation, Person, Phone, Tag, Tie, Url,
)
from netweave.people.search import search_text_for
from netweave.people.validation import LIST_FIELDS, SCALAR_FIELDS, TAG_FIELDS, clean_person

DEFAULT_CIRCLES = ("inner", "close", "active", "wide")
VALUE_MODELS = {"emails": Email, "phones": Phone, "urls": Url, "addresses": Address}


def new_origin(owner, kind: str, label: str = "") -> Origin:
    return Origin.objects.create(owner=owner, kind=kind, label=label[:300])


def ensure_default_circles(owner) -> None:
    for position, name in enumerate(DEFAULT_CIRCLES):
        Circle.objects.get_or_create(owner=owner, name=name, defaults={"position": position})


def value_key(field: str, row) -> str:
    """What makes two of a person's values the same one (an email in any case, a number however written),
    for a stored row or one not saved yet (`VALUE_MODELS[field](**cleaned_item)`)."""
    if field == "emails":
        return row.key
    if field == "phones":
        return row.e164 or normalize.fold(row.raw)
    if field == "urls":
        return row.key
    return normalize.fold(" ".join([row.street, row.locality, row.postcode, row.country]))


def _check_email_duplicates(owner, emails: list[dict], person_id: int | None) -> None:
    """Raise Duplicate for an email someone else has. Only emails new to this person count: one they
    already share (kept on purpose with allow_duplicate) must not block every later edit of them."""
    keys = {normalize.email_key(e["address"]) for e in emails}
    if person_id:
        keys -= set(Email.objects.filter(person_id=person_id).values_list("key", flat=True))
    if not keys:
        return
    taken = Email.objects.filter(owner=owner, key__in=keys, person__archived=False).select_related("person")
    if person_id:
        taken = taken.exclude(person_id=person_id)
    row = taken.order_by("id").first()
    if row is not None:
        raise Duplicate("emails", row.address, [row.person])


@transaction.atomic
def create_person(owner, data: dict, *, origin: Origin, allow_duplicate: bool = False) -> Person:
    """Create a person. An email someone already has raises Duplicate, so the surface can offer a merge."""
    cleaned = clean_person(owner, data, partial=False)
    if not allow_duplicate:
        _check_email_duplicates(owner, cleaned.get("emails", []), None)
    person = Person(owner=owner)
    _apply(person, cleaned, origin)
    return person


@transaction.atomic
def update_person(person: Person, data: dict, *, origin: Origin, allow_duplicate: bool = False) -> Person:
    """Change the fields present in `data`; lists given are replaced, keeping the rows that stay."""
    cleaned = clean_person(person.owner, data, partial=True)
    if not allow_duplicate and "emails" in cleaned:
        _check_email_duplicates(person.owner, cleaned["emails"], person.id)
    _apply(person, cleaned, origin)
    return person


def _apply(person: Person, cleaned: dict, origin: Origin) -> None:
    if cleaned.get("introduced_by") is not None and person.pk and cleaned["introduced_by"].pk == person.pk:
        raise Invalid({"introduced_by": "a person cannot introduce themselves"})
    retitle = None
    if person.pk and cleaned.get("title") and "organisation" not in cleaned:
        # A new title alone is a change of the current role, not a role without an organisation.
        retitle = person.affiliations.filter(
            organisation_id=Person.objects.filter(pk=person.pk).values("current_organisation_id")[:1],
            end__isnull=True,
        ).order_by("-start", "-id").first()
    if cleaned.get("title") and not cleaned.get("organisation") and retitle is None:
        raise Invalid({"title": "a title needs an organisation: say where they hold it"})
    changed = []
    for field in SCALAR_FIELDS:
        if field in cleaned and getattr(person, field) != cleaned[field]:
            setattr(person, field, cleaned[field])
            changed.append(field)
    if "birthday" in cleaned:
        year, month, day = cleaned["birthday"] or (None, None, None)
        if (person.birthday_year, person.birthday_month, person.birthday_day) != (year, month, day):
            person.birthday_year, person.birthday_month, person.birthday_day = year, month, day
            changed.append("birthday")
    for field in ("circle", "introduced_by", "met_at_event"):
        if field in cleaned and getattr(person, field) != cleaned[field]:
            setattr(person, field, cleaned[field])
            changed.append(field)
    if "extra" in cleaned:
        person.extra = {**person.extra, **cleaned["extra"]}
        changed.append("extra")
    is_new = person.pk is None
    if is_new:
        person.save()
    else:
        # Only the fields changed here: a stale object must not write back the last contact, current
        # role or archive flag that other services have changed since it was read.
        columns = [c for f in changed for c in (
            ("birthday_year", "birthday_month", "birthday_day") if f == "birthday" else (f,))]
        person.save(update_fields=[*columns, "updated_at"])

    for field in changed:
        FieldOrigin.objects.update_or_create(
            person=person, field=field, defaults={"origin": origin, "owner": person.owner}
        )
    for field in LIST_FIELDS:
        if field in cleaned:
            _sync_values(person, field, cleaned[field], origin)
    for field, kind in TAG_FIELDS.items():
        if field in cleaned:
            set_tags(person, kind, cleaned[field])
    if cleaned.get("organisation"):
        org = get_or_create_organisation(person.owner, cleaned["organisation"], origin=origin)
        current = person.affiliations.filter(organisation=org, end__isnull=True).first()
        if current is None:
            _change_jobs(person, org, cleaned.get("title", ""), origin, is_new)
        elif "title" in cleaned:
            _retitle(person, current, cleaned["title"], origin)
    elif retitle is not None:
        _retitle(person, retitle, cleaned["title"], origin)
    reindex([person.id])
    person.refresh_from_db()


def _change_jobs(person: Person, org: Organisation, title: str, origin: Origin, is_new: bool) -> None:
    """A new current company for someone we already knew is a job change: their open roles at other
    companies end today and the new one starts today, so the history shows the move. Memberships of
    associations, communities and schools stay open; people hold those beside a job."""
    today = clock.today()
    if is_new:
        add_affiliation(person, org, title=title, origin=origin)
        return
    if org.kind == Organisation.Kind.COMPANY:
        (person.affiliations.filter(end__isnull=True, organisation__kind=Organisation.Kind.COMPANY)
         .filter(Q(start__isnull=True) | Q(start__lte=today)).update(end=today))
    add_affiliation(person, org, title=title, start=today, origin=origin)


def _retitle(person: Person, role: Affiliation, title: str, origin: Origin) -> None:
    """A new title where they already work is a new role, so a promotion leaves a trace: the current one
    ends today and one with the new title starts today. A change on the day the role was added (or to one
    starting today or later, which cannot end today) is a correction, as is clearing the title: in place."""
    if role.title == title:
        return
    today = clock.today()
    added_today = timezone.localtime(role.created_at).date() == today
    if not title or added_today or (role.start is not None and role.start >= today):
        role.title = title
        role.save(update_fields=["title"])
        refresh_current_role(person)
        return
    role.end = today
    role.save(update_fields=["end"])
    add_affiliation(person, role.organisation, title=title, start=today, origin=origin)


def _sync_values(person: Person, field: str, items: list[dict], origin: Origin) -> None:
    model = VALUE_MODELS[field]
    existing = {value_key(field, row): row for row in model.objects.filter(person=person)}
    keep, seen = set(), set()
    for item in items:
        values = {k: v for k, v in item.items() if k != "number"}
        if field == "emails":
            values["key"] = normalize.email_key(values["address"])
        key = value_key(field, model(**values))
        if key in seen:
            continue  # the same number or profile twice ("+44 20..." and "+44 (0)20..."): one row
        seen.add(key)
        position = len(seen) - 1
        row = existing.get(key)
        if row is None:
            row = model(owner=person.owner, person=person, origin=origin)
        elif all(getattr(row, k) == v for k, v in values.items()) and row.position == position:
            keep.add(row.id)
            continue
        for k, v in values.items():
            setattr(row, k, v)
        row.position = position
        row.save()
        keep.add(row.id)
    model.objects.filter(person=person).exclude(id__in=keep).delete()


def set_tags(person: Person, kind: str, names: list[str]) -> None:
    """Make the person's tags of one kind exactly `names`, creating tags the owner does not have yet."""
    tags = []
    for name in names:
        tag, _ = Tag.objects.get_or_create(
            owner=person.owner, kind=kind, key=normalize.fold(name)[:100], defaults={"name": name}
        )
        tags.append(tag)
    person.tags.remove(*person.tags.filter(kind=kind).exclude(id__in=[t.id for t in tags]))
    person.tags.add(*tags)


@transaction.atomic
def archive_person(person: Person, archived: bool = True) -> Person:
    person.archived = archived
    person.archived_at = clock.now() if archived else None
    person.save(update_fields=["archived", "archived_at", "updated_at"])
    return person


@transaction.atomic
def delete_person(person: Person) -> None:
    person.delete()


def _why_not_org_name(name: str) -> str | None:
    if not name:
        return "an organisation needs a name"
    return "is longer than 200 characters" if len(name) > 200 else None


def _why_not_domain(domain: str) -> str | None:
    # Checked after lower-casing, which can lengthen it ("İ" becomes two characters).
    return "is longer than 200 characters" if len(domain) > 200 else None


def _why_not_choice(value: str, choices: list[str]) -> str | None:
    return None if value in choices else f"must be one of {', '.join(choices)}"


def get_or_create_organisation(owner, name: str, *, domain: str = "", kind: str = "", origin: Origin | None = None) -> Organisation:
    name = normalize.clean_text(name)
    domain = normalize.clean_text(domain).lower()
    errors = {
        "organisation": _why_not_org_name(name),
        "kind": kind and _why_not_choice(kind, Organisation.Kind.values),
        "domain": _why_not_domain(domain),
    }
    errors = {field: why for field, why in errors.items() if why}
    if errors:
        raise Invalid(errors)
    org, created = Organisation.objects.get_or_create(
        owner=owner, key=normalize.fold(name)[:200],
        defaults={"name": name, "domain": domain, "kind": kind or Organisation.Kind.COMPANY, "origin": origin},
    )
    if not created and domain and not org.domain:
        org.domain = domain
        org.save(update_fields=["domain"])
    return org


@transaction.atomic
def update_organisation(org: Organisation, *, name: str | None = None, domain: str | None = None,
                        kind: str | None = None, notes: str | None = None) -> Organisation:
    errors = {}
    if name is not None:
        name = normalize.clean_text(name)
        clash = Organisation.objects.filter(owner=org.owner, key=normalize.fold(name)[:200]).exclude(pk=org.pk)
        why = _why_not_org_name(name) or (f"{name!r} already exists" if clash.exists() else None)
        if why:
            errors["name"] = why
        else:
            org.name, org.key = name, normalize.fold(name)[:200]
    if kind is not None:
        why = _why_not_choice(kind, Organisation.Kind.values)
        if why:
            errors["kind"] = why
        else:
            org.kind = kind
    if domain is not None:
        domain = normalize.clean_text(domain).lower()
        why = _why_not_domain(domain)
        if why:
            errors["domain"] = why
        else:
            org.domain = domain
    if notes is not None:
        org.notes = notes
    if errors:
        raise Invalid(errors)
    org.save()
    reindex(list(Person.objects.filter(affiliations__organisation=org).values_list("id", flat=True).distinct()))
    return org


@transaction.atomic
def delete_organisation(org: Organisation) -> None:
    """Delete it with every role held there; the people who worked there get their current role recomputed."""
    people = list(Person.objects.filter(affiliations__organisation=org).distinct())
    org.delete()
    for person in people:
        refresh_current_role(person)
    reindex([p.id for p in people])


@transaction.atomic
def add_affiliation(person: Person, organisation: Organisation | str, *, title: str = "",
                    start: date | None = None, end: date | None = None, origin: Origin | None = None) -> Affiliation:
    """Add a role to the person's job history; the current role follows from the history."""
    if isinstance(organisation, str):
        organisation = get_or_create_organisation(person.owner, organisation, origin=origin)
    if organisation.owner_id != person.owner_id:
        raise Invalid({"organisation": "no such organisation"})
    if start and end and end < start:
        raise Invalid({"end": f"ends ({end}) before it starts ({start})"})
    title = normalize.clean_text(title)
    if len(title) > 200:
        raise Invalid({"title": "is longer than 200 characters"})
    affiliation = Affiliation.objects.create(
        owner=person.owner, person=person, organisation=organisation, title=title, start=start, end=end, origin=origin
    )
    refresh_current_role(person)
    reindex([person.id])
    return affiliation


@transaction.atomic
def end_affiliation(affiliation: Affiliation, end: date | None = None) -> Affiliation:
    end = end or clock.today()
    if affiliation.end is not None:
        # Ending it again would silently rewrite when it ended.
        raise Invalid({"end": f"already ended on {affiliation.end}"})
    if affiliation.start and end < affiliation.start:
        raise Invalid({"end": f"ends ({end}) before it starts ({affiliation.start})"})
    affiliation.end = end
    affiliation.save(update_fields=["end"])
    refresh_current_role(affiliation.person)
    reindex([affiliation.person_id])
    return affiliation


def refresh_current_role(person: Person) -> None:
    """The current role is the open affiliation that started last (undated ones count as oldest)."""
    current = (
        person.affiliations.filter(end__isnull=True)
        .select_related("organisation")
        .order_by("-start", "-id")
        .first()
    )
    if current is not None and current.start is None:
        dated = person.affiliations.filter(end__isnull=True, start__isnull=False).order_by("-start", "-id").first()
        current = dated or current
    org_id = current.organisation_id if current else None
    title = current.title if current else ""
    # Written even when this object already holds these values: it may be stale, the row not.
    person.current_organisation_id, person.current_title = org_id, title
    Person.objects.filter(pk=person.pk).update(current_organisation_id=org_id, current_title=title)


@transaction.atomic
def link_people(owner, a: Person, b: Person, kind: str, *, source: str = "me", evidence: str = "",
                origin: Origin | None = None) -> Tie:
    """Record that two of my contacts know each other. Linking the same pair twice updates the evidence."""
    errors = {}
    if _why_not_choice(kind, Tie.Kind.values):
        errors["kind"] = _why_not_choice(kind, Tie.Kind.values)
    if a.owner_id != owner.id:
        errors["person_a"] = "no such person"
    if b.owner_id != owner.id:
        errors["person_b"] = "no such person"
    if a.pk == b.pk:
        errors["person_b"] = "a person cannot be tied to themselves"
    if errors:
        raise Invalid(errors)
    if kind not in Tie.DIRECTED and a.pk > b.pk:
        a, b = b, a
    tie, created = Tie.objects.get_or_create(
        owner=owner, person_a=a, person_b=b, kind=kind,
        defaults={"source": source[:40], "evidence": evidence, "origin": origin},
    )
    if not created and evidence and evidence not in tie.evidence:
        tie.evidence = f"{tie.evidence}\n{evidence}".strip()
        tie.save(update_fields=["evidence"])
    return tie


@transaction.atomic
def update_tie(tie: Tie, *, kind: str | None = None, evidence: str | None = None) -> Tie:
    if kind is not None:
        if _why_not_choice(kind, Tie.Kind.values):
            raise Invalid({"kind": _why_not_choice(kind, Tie.Kind.values)})
        a, b = tie.person_a, tie.person_b
        if kind not in Tie.DIRECTED and a.pk > b.pk:
            a, b = b, a  # a mentor tie turned undirected takes the stored order of undirected pairs
        clash = Tie.objects.filter(owner=tie.owner, person_a=a, person_b=b, kind=kind)
        if clash.exclude(pk=tie.pk).exists():
            raise Invalid({"kind": "these two already have a tie of that kind"})
        tie.kind, tie.person_a, tie.person_b = kind, a, b
    if evidence is not None:
        tie.evidence = evidence
    tie.save()
    return tie


@transaction.atomic
def delete_tie(tie: Tie) -> None:
    tie.delete()


def refresh_last_contact(person_ids) -> None:
    """Recompute each person's last past contact and next plan from their participations, in one pass, and
    their strength (nurture.strengths). A plan is a participation after now; it does not count as contact until
    its time has passed."""
    from netweave.interactions.models import Participation

    person_ids = list(person_ids)
    now = clock.now()
    found = {
        pid: (last, nxt)
        for pid, last, nxt in Participation.objects.filter(person_id__in=person_ids)
        .values_list("person_id")
        .annotate(last=Max("occurred_at", filter=Q(occurred_at__lte=now)),
                  next=Min("occurred_at", filter=Q(occurred_at__gt=now)))
        .values_list("person_id", "last", "next")
    }
    people = list(Person.objects.filter(pk__in=person_ids).only("id", "last_contact_at", "next_plan_at"))
    for person in people:
        person.last_contact_at, person.next_plan_at = found.get(person.id, (None, None))
    Person.objects.bulk_update(people, ["last_contact_at", "next_plan_at"], batch_size=500)
    # Strength follows the same participations; nurture builds on people, hence the import here.
    from netweave.nurture.strengths import refresh_strengths

    refresh_strengths(None, person_ids, now=now)


@transaction.atomic
def settle_passed_plans(owner) -> int:
    """Make plans whose time has come count as contact: refresh the owner's people whose next plan is
    now past (a small set, found by index). Returns how many people were refreshed."""
    passed = Person.objects.filter(owner=owner, next_plan_at__lte=clock.now()).order_by()
    ids = list(passed.values_list("id", flat=True))
    if ids:
        refresh_last_contact(ids)
    return len(ids)


def reindex(person_ids) -> None:
    """Rebuild the folded text the people list searches (names, emails, phones, organisations, tags)."""
    person_ids = list(person_ids)
    if not person_ids:
        return
    people = list(
        Person.objects.filter(pk__in=person_ids)
        .select_related("current_organisation")
        .prefetch_related("emails", "phones", "tags", "affiliations__organisation")
    )
    for person in people:
        person.search_text = search_text_for(
            names=[person.display_name, person.nickname, person.given_name, person.middle_name, person.family_name],
            emails=[e.address for e in person.emails.all()],
            phones=[p.e164 or p.raw for p in person.phones.all()],
            organisations=[a.organisation.name for a in person.affiliations.all()],
            titles=[person.current_title],
            tags=[t.name for t in person.tags.all()],
            location=person.location,
        )
    Person.objects.bulk_update(people, ["search_text"], batch_size=500)


def people_with_email(owner, address: str):
    return Person.objects.filter(owner=owner, emails__key=normalize.email_key(address)).distinct()


def ties_of(person: Person):
    return Tie.objects.filter(Q(person_a=person) | Q(person_b=person)).select_related("person_a", "person_b")
