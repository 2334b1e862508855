"""Web forms for people. They only reshape text boxes into the dicts the services take;
all validation of values happens once, in people.validation, and comes back as field errors."""

from __future__ import annotations

import re

from django import forms

from netweave.people.models import Circle, Organisation, Tie

_LABELLED = re.compile(r"^([\w][\w .,\-]{0,39}):\s+(.+)$", re.UNICODE)
NAME_PARTS = ("prefix", "given_name", "middle_name", "family_name", "suffix", "nickname")
LIST_BOXES = ("emails", "phones", "urls", "addresses", "tags", "interests", "expertise")


def split_labelled(text: str) -> list[tuple[str, str]]:
    """Lines like "work: ana@acme.com" or just "ana@acme.com" -> [(label, value)]."""
    out = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        match = _LABELLED.match(line)
        out.append((match.group(1).strip(), match.group(2).strip()) if match else ("", line))
    return out


def join_labelled(pairs) -> str:
    return "\n".join(f"{label}: {value}" if label else value for label, value in pairs)


class PersonForm(forms.Form):
    display_name = forms.CharField(label="Name", max_length=200)
    prefix = forms.CharField(required=False, max_length=40)
    given_name = forms.CharField(label="Given name", required=False, max_length=100)
    middle_name = forms.CharField(label="Middle name", required=False, max_length=100)
    family_name = forms.CharField(label="Family name", required=False, max_length=100)
    suffix = forms.CharField(required=False, max_length=40)
    nickname = forms.CharField(required=False, max_length=100)
    pronouns = forms.CharField(required=False, max_length=40)
    organisation = forms.CharField(label="Organisation (current)", required=False, max_length=200)
    title = forms.CharField(label="Title", required=False, max_length=200)
    emails = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text='One per line; "work: ana@acme.com" adds a label.')
    phones = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text='One per line; "mobile: +44 7700 900123".')
    urls = forms.CharField(label="Web", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           help_text="LinkedIn and other profiles, one per line.")
    addresses = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                help_text='One per line; "home: 12 Rua Augusta, Lisboa".')
    birthday = forms.CharField(required=False, max_length=10, help_text="YYYY-MM-DD, or --MM-DD without a year.")
    location = forms.CharField(required=False, max_length=200)
    circle = forms.ChoiceField(required=False)
    tags = forms.CharField(required=False, help_text="Comma-separated.")
    interests = forms.CharField(required=False, help_text="Comma-separated.")
    expertise = forms.CharField(required=False, help_text="Comma-separated.")
    met_how = forms.CharField(label="How we met", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    introduced_by = forms.CharField(label="Introduced by", required=False, max_length=220,
                                    help_text="A name from your people.")
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    photo = forms.FileField(required=False)

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["circle"].choices = [("", "—")] + [
            (c.name, c.name) for c in Circle.objects.filter(owner=owner)
        ]

    def service_data(self, *, include_job: bool, known_addresses: dict[str, dict] | None = None) -> dict:
        """The cleaned form as the dict people.services takes (introduced_by is resolved by the view).

        Blank name parts are left out so the service derives them from the name. An address line that
        reads exactly like a stored address stands for that address, with all its parts.
        """
        d = self.cleaned_data
        data = {k: d[k] for k in ("display_name", "pronouns", "birthday", "location", "circle", "met_how", "notes")}
        data.update({k: d[k] for k in NAME_PARTS if d[k]})
        data["emails"] = [{"label": lab, "address": v} for lab, v in split_labelled(d["emails"])]
        data["phones"] = [{"label": lab, "number": v} for lab, v in split_labelled(d["phones"])]
        data["urls"] = [{"label": lab, "url": v} for lab, v in split_labelled(d["urls"])]
        known = known_addresses or {}
        data["addresses"] = [{**known.get(v, {"street": v}), "label": lab} for lab, v in split_labelled(d["addresses"])]
        for key in ("tags", "interests", "expertise"):
            data[key] = [t.strip() for t in d[key].split(",") if t.strip()]
        if include_job and (d["organisation"] or d["title"]):
            data["organisation"], data["title"] = d["organisation"], d["title"]
        return data

    def unchanged(self, field: str) -> bool:
        """Whether a box still holds what it was given (browsers send line breaks as CRLF)."""
        def norm(value) -> str:
            return "\n".join(line.rstrip() for line in str(value or "").splitlines()).strip()

        return norm(self.cleaned_data.get(field)) == norm(self.initial.get(field))

    def add_service_errors(self, errors: dict[str, str]) -> None:
        """Map "emails[1]" style keys from the services onto this form's fields."""
        for key, why in errors.items():
            field = key.split("[", 1)[0]
            self.add_error(field if field in self.fields else None, why)


def address_parts(address) -> dict:
    return {k: getattr(address, k) for k in ("street", "locality", "region", "postcode", "country", "po_box",
                                             "extended")}


def initial_for(person) -> dict:
    from netweave.people.naming import token_for

    tags = person.tags_by_kind()
    return {
        "display_name": person.display_name, "prefix": person.prefix, "given_name": person.given_name,
        "middle_name": person.middle_name, "family_name": person.family_name, "suffix": person.suffix,
        "nickname": person.nickname, "pronouns": person.pronouns, "location": person.location,
        "birthday": person.birthday, "circle": person.circle.name if person.circle_id else "",
        "met_how": person.met_how, "notes": person.notes,
        "introduced_by": token_for(person.introduced_by) if person.introduced_by_id else "",
        "emails": join_labelled((e.label, e.address) for e in person.emails.all()),
        "phones": join_labelled((p.label, p.raw) for p in person.phones.all()),
        "urls": join_labelled((u.label, u.url) for u in person.urls.all()),
        "addresses": join_labelled((a.label, str(a)) for a in person.addresses.all()),
        "tags": ", ".join(tags["tag"]), "interests": ", ".join(tags["interest"]),
        "expertise": ", ".join(tags["expertise"]),
    }


class AffiliationForm(forms.Form):
    organisation = forms.CharField(max_length=200)
    title = forms.CharField(required=False, max_length=200)
    start = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))


class TieForm(forms.Form):
    other = forms.CharField(label="Who", max_length=220, help_text="A name from your people.")
    kind = forms.ChoiceField(choices=Tie.Kind.choices)
    evidence = forms.CharField(required=False, max_length=500, label="How do you know?")


class OrganisationForm(forms.Form):
    name = forms.CharField(max_length=200)
    domain = forms.CharField(required=False, max_length=200)
    kind = forms.ChoiceField(choices=Organisation.Kind.choices)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
