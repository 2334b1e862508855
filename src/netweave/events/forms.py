"""The events pages' forms: text boxes reshaped into the plain dicts the services take."""

from __future__ import annotations

from django import forms

from netweave.events.capture import MAX_LINE, MAX_LINES
from netweave.events.models import EventPerson
from netweave.interactions.when import parse_when

WHEN_HELP = '"2026-05-01 09:00", "tomorrow", "next friday"'


class EventForm(forms.Form):
    name = forms.CharField(max_length=200, help_text='Such as "PyCon Lisbon" or "Climate founders dinner".')
    starts = forms.CharField(label="Starts", max_length=100, initial="today", help_text=WHEN_HELP)
    ends = forms.CharField(label="Ends", max_length=100, required=False, help_text="Optional.")
    location = forms.CharField(max_length=300, required=False)
    url = forms.CharField(label="Web page", max_length=1000, required=False)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_starts(self):
        return _moment(self.cleaned_data["starts"])

    def clean_ends(self):
        text = self.cleaned_data["ends"].strip()
        return _moment(text) if text else None

    def data_for_service(self) -> dict:
        data = self.cleaned_data
        return {"name": data["name"], "starts_at": data["starts"], "ends_at": data["ends"],
                "location": data["location"], "url": data["url"], "description": data["description"]}


def _moment(text: str):
    try:
        return parse_when(text)
    except ValueError as exc:
        raise forms.ValidationError(str(exc)) from exc


class GoalForm(forms.Form):
    text = forms.CharField(label="Goal", max_length=300,
                           help_text='Such as "meet three people working on climate fintech".')
    target = forms.IntegerField(label="How many people", min_value=1, max_value=1000, required=False,
                                help_text="Read from the goal when empty.")
    topic = forms.CharField(label="Topic words", max_length=300, required=False,
                            help_text="Read from the goal when empty.")


class PersonForm(forms.Form):
    name = forms.CharField(label="Who", max_length=300, required=False,
                           help_text='A name, or "Name #id" for one of several people with that name.')
    person = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(choices=[(s.value, s.label) for s in EventPerson.Status
                                        if s != EventPerson.Status.MET], initial=EventPerson.Status.EXPECTED)


class CaptureForm(forms.Form):
    lines = forms.CharField(label="Whom you met, one person a line", max_length=MAX_LINES * (MAX_LINE + 1),
                            widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}))


class ImportForm(forms.Form):
    file = forms.FileField(label="Calendar file (.ics)")
