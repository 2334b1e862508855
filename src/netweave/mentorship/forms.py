"""The mentorship forms: start a mentorship, change one, note a session, note a learning. Forms only reshape
text boxes; a person typed by name is read with people.naming ("Ana Lima #12" picks one namesake)."""

from __future__ import annotations

from django import forms

from netweave.mentorship.models import Mentorship
from netweave.mentorship.services import MAX_GOALS, MAX_LEARNING, MAX_NOTES, MAX_TOPIC

DATE = forms.DateInput(attrs={"type": "date"})


class MentorshipForm(forms.Form):
    person = forms.CharField(label="Who", max_length=220)
    role = forms.ChoiceField(label="They are", choices=Mentorship.Role.choices, initial=Mentorship.Role.MENTOR)
    goals = forms.CharField(label="Goals", required=False, max_length=MAX_GOALS,
                            widget=forms.Textarea(attrs={"rows": 3}))
    started = forms.DateField(label="Since", required=False, widget=DATE, help_text="Today if left empty.")


class MentorshipEditForm(forms.Form):
    role = forms.ChoiceField(label="They are", choices=Mentorship.Role.choices)
    goals = forms.CharField(label="Goals", required=False, max_length=MAX_GOALS,
                            widget=forms.Textarea(attrs={"rows": 3}))
    started = forms.DateField(label="Since", widget=DATE)
    ended = forms.DateField(label="Ended", required=False, widget=DATE, help_text="Empty while it goes on.")


class SessionForm(forms.Form):
    day = forms.DateField(label="Day", required=False, widget=DATE, help_text="Today if left empty.")
    notes = forms.CharField(label="What we talked about", required=False, max_length=MAX_NOTES,
                            widget=forms.Textarea(attrs={"rows": 4}))
    next_steps = forms.CharField(label="Next steps", required=False, max_length=MAX_NOTES,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    log_interaction = forms.BooleanField(label="Also log it as a meeting", required=False, initial=True)


class LearningForm(forms.Form):
    text = forms.CharField(label="What I learned", max_length=MAX_LEARNING, widget=forms.Textarea(attrs={"rows": 3}))
    person = forms.CharField(label="From whom", required=False, max_length=220,
                             help_text="Leave empty when it was from nobody in particular.")
    topic = forms.CharField(label="Topic", required=False, max_length=MAX_TOPIC,
                            widget=forms.TextInput(attrs={"list": "learning-topics"}))
    day = forms.DateField(label="Day", required=False, widget=DATE, help_text="Today if left empty.")
