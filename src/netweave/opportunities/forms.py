"""The opportunity and contribution forms. Forms only reshape text boxes; people typed by name are read with
people.naming, and every change goes through opportunities.services."""

from __future__ import annotations

from django import forms

from netweave.opportunities.models import Contribution, Opportunity, OpportunityPerson
from netweave.opportunities.services import MAX_AUDIENCE, MAX_NOTES, MAX_TITLE, MAX_URL

DATE = forms.DateInput(attrs={"type": "date"})


class OpportunityForm(forms.Form):
    title = forms.CharField(label="What", max_length=MAX_TITLE)
    kind = forms.ChoiceField(label="Kind", choices=Opportunity.Kind.choices, initial=Opportunity.Kind.JOB)
    status = forms.ChoiceField(label="Status", choices=Opportunity.Status.choices, initial=Opportunity.Status.OPEN)
    organisation = forms.CharField(label="Organisation", required=False, max_length=200)
    day = forms.DateField(label="Came up on", required=False, widget=DATE, help_text="Today if left empty.")
    person = forms.CharField(label="Came through", required=False, max_length=220,
                             help_text="Someone it came through (more can be added on its page).")
    role = forms.ChoiceField(label="Their part", choices=OpportunityPerson.Role.choices,
                             initial=OpportunityPerson.Role.REFERRER)
    introduction = forms.TypedChoiceField(label="Via introduction", required=False, coerce=int, empty_value=None)
    contribution = forms.TypedChoiceField(label="After contribution", required=False, coerce=int, empty_value=None)
    notes = forms.CharField(label="Notes", required=False, max_length=MAX_NOTES,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, introductions=(), contributions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["introduction"].choices = [("", "none")] + [(i.pk, str(i)) for i in introductions]
        self.fields["contribution"].choices = [("", "none")] + [(c.pk, f"{c.title} ({c.day:%b %Y})")
                                                                 for c in contributions]


class OpportunityEditForm(OpportunityForm):
    day = forms.DateField(label="Came up on", widget=DATE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["person"], self.fields["role"]


class LinkForm(forms.Form):
    person = forms.CharField(label="Came through", max_length=220)
    role = forms.ChoiceField(label="Their part", choices=OpportunityPerson.Role.choices,
                             initial=OpportunityPerson.Role.REFERRER)


class ContributionForm(forms.Form):
    title = forms.CharField(label="What", max_length=MAX_TITLE)
    kind = forms.ChoiceField(label="Kind", choices=Contribution.Kind.choices, initial=Contribution.Kind.TALK)
    day = forms.DateField(label="Day", required=False, widget=DATE, help_text="Today if left empty.")
    audience = forms.CharField(label="Where, or for whom", required=False, max_length=MAX_AUDIENCE)
    url = forms.CharField(label="Link", required=False, max_length=MAX_URL)
    notes = forms.CharField(label="Notes", required=False, max_length=MAX_NOTES,
                            widget=forms.Textarea(attrs={"rows": 3}))
