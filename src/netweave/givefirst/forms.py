"""The give-first forms: record an exchange, add an ask or an offer, propose and advance an introduction.

Forms only reshape text boxes; people typed by name are read with people.naming (so "Ana Lima #12" picks one
namesake) and every change goes through givefirst.services or givefirst.introductions.
"""

from __future__ import annotations

from django import forms

from netweave.core.errors import Ambiguous, Invalid
from netweave.givefirst.intro_drafts import MAX_TEMPLATE
from netweave.givefirst.models import Ask, Exchange, Introduction, Offer
from netweave.people.naming import resolve_token, who_is

DATE = forms.DateInput(attrs={"type": "date"})

# Who gave to whom, read from the page of the person the form is about ("them").
DIRECTIONS = [
    ("gave", "I gave them"),
    ("received", "they gave me"),
    ("they_gave", "they gave someone, through me"),
    ("they_got", "someone gave them, through me"),
]
BROKERED = ("they_gave", "they_got")


def resolve_into(form: forms.Form, field: str, owner):
    """The person named in `field`, or None with the reason added to the form as that field's error."""
    text = (form.cleaned_data.get(field) or "").strip()
    if not text:
        return None
    try:
        return resolve_token(owner, text)
    except Ambiguous as exc:
        form.add_error(field, who_is(exc))
        return None


def add_service_errors(form: forms.Form, exc: Invalid, aliases: dict[str, str] | None = None) -> None:
    """Show a service's refusal on the form: on the field it names when the form has it, else above it."""
    for key, why in exc.errors.items():
        key = (aliases or {}).get(key, key)
        form.add_error(key if key in form.fields else None, why)


class ExchangeForm(forms.Form):
    """One thing given between me and the person whose page this is, or brokered between them and someone."""

    direction = forms.ChoiceField(label="What happened", choices=DIRECTIONS, initial="gave")
    kind = forms.ChoiceField(label="Kind", choices=Exchange.Kind.choices, initial=Exchange.Kind.FAVOUR)
    other = forms.CharField(label="With whom (brokered)", required=False, max_length=220,
                            help_text="Only when it went through you: the other person.")
    day = forms.DateField(label="Day", required=False, widget=DATE, help_text="Today if left empty.")
    note = forms.CharField(label="Note", required=False, max_length=1000)

    def clean(self):
        data = super().clean()
        if data.get("direction") in BROKERED and not (data.get("other") or "").strip():
            self.add_error("other", "Name the other person: it went between them and someone else.")
        return data

    def sides(self, owner, person):
        """(giver, receiver) for the service, None meaning me; None when a name could not be read."""
        direction = self.cleaned_data["direction"]
        if direction == "gave":
            return None, person
        if direction == "received":
            return person, None
        other = resolve_into(self, "other", owner)
        if other is None:
            return None
        return (person, other) if direction == "they_gave" else (other, person)


class NeedForm(forms.Form):
    """What an ask and an offer share; the subclasses give the kinds."""

    topic = forms.CharField(label="Topic", max_length=200, help_text="In a few words: 'a senior Rust engineer'.")
    details = forms.CharField(label="Details", required=False, max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 2}))
    expires_on = forms.DateField(label="Until", required=False, widget=DATE, help_text="Optional: when it lapses.")
    field_order = ["kind", "topic", "details", "expires_on"]


class AskForm(NeedForm):
    kind = forms.ChoiceField(label="Needs", choices=Ask.Kind.choices, initial=Ask.Kind.ADVICE)


class OfferForm(NeedForm):
    kind = forms.ChoiceField(label="Offers", choices=Offer.Kind.choices, initial=Offer.Kind.EXPERTISE)


class ProposeForm(forms.Form):
    """Two of my people and why they should meet; optionally the ask the introduction answers."""

    a = forms.CharField(label="Introduce", max_length=220, help_text="A name from your people; asked first.")
    b = forms.CharField(label="To", max_length=220, help_text="Asked once the first has agreed.")
    reason = forms.CharField(label="Why they should meet", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="In your words; the drafted messages quote it.")
    # Read by id and looked up among the owner's asks in the view, so a suggestion may name any of them.
    ask = forms.CharField(label="Answers the ask", required=False, widget=forms.Select)

    def __init__(self, *args, asks=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ask"].widget.choices = [("", "none")] + [(str(a.pk), _ask_label(a)) for a in asks]


def _ask_label(ask: Ask) -> str:
    who = ask.person.display_name if ask.person_id else "me"
    return f"{who}: {ask.get_kind_display()}, {ask.topic}"[:120]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label="What came of it", choices=Introduction.Outcome.choices)
    note = forms.CharField(label="Note", required=False, max_length=1000)


class TemplateForm(forms.Form):
    """My own words for one step's drafted message; slots like {a_first} are filled from the introduction."""

    text = forms.CharField(label="Message", widget=forms.Textarea(attrs={"rows": 14}),
                           max_length=MAX_TEMPLATE)
