from __future__ import annotations

from django import forms

from netweave.interactions.models import Interaction


class InteractionForm(forms.Form):
    summary = forms.CharField(max_length=500, help_text='A line: "Coffee about her move to Berlin".')
    participants = forms.CharField(label="With", max_length=2000,
                                   help_text="Names, separated by commas.")
    kind = forms.ChoiceField(choices=Interaction.Kind.choices)
    when = forms.CharField(max_length=100, initial="today",
                           help_text='"today", "yesterday", "3 days ago", "2025-05-01 14:00"; a future time is a plan.')
    initiated_by = forms.ChoiceField(label="Who started it", choices=Interaction.Initiator.choices, required=False)
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
    follow_up = forms.CharField(label="Follow-up", max_length=500, required=False,
                                help_text='A promise to keep, such as "send her the deck by Friday"; due in a week '
                                          'unless it names a day.')
