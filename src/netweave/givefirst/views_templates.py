"""My own templates for the introductions' drafted messages, one per step: a page that shows each step's words
(mine or the default) with the slots it may use, saves them and goes back to the default. Thin views over
givefirst.intro_drafts.

Mounted by `urlpatterns` below, which givefirst/urls.py adds to its own.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from netweave.core.errors import Invalid
from netweave.givefirst import intro_drafts
from netweave.givefirst.forms import TemplateForm, add_service_errors


def _step(step: str) -> str:
    if step not in intro_drafts.STEPS:
        raise Http404("no such template")
    return step


def _page(request, bound: dict | None = None, status: int = 200):
    """Every step with its form; `bound` is the one form that was posted and refused, by step."""
    rows = []
    for shown in intro_drafts.my_templates(request.user):
        form = (bound or {}).get(shown["step"]) or TemplateForm(initial={"text": shown["text"]},
                                                                 auto_id=f"id_{shown['step']}_%s")
        rows.append({**shown, "form": form})
    return render(request, "givefirst/intro_templates.html",
                  {"rows": rows, "slots": intro_drafts.SLOTS}, status=status)


@login_required
def templates_page(request):
    return _page(request)


@login_required
@require_POST
def template_save(request, step: str):
    step = _step(step)
    form = TemplateForm(request.POST, auto_id=f"id_{step}_%s")
    if form.is_valid():
        try:
            intro_drafts.save_template(request.user, step, form.cleaned_data["text"])
        except Invalid as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Saved: drafts for this step now use your words.")
            return redirect("givefirst:intro_templates")
    return _page(request, {step: form})


@login_required
@require_POST
def template_reset(request, step: str):
    intro_drafts.reset_template(request.user, _step(step))
    messages.success(request, "Back to the default words for this step.")
    return redirect("givefirst:intro_templates")


urlpatterns = [
    path("introductions/templates/", templates_page, name="intro_templates"),
    path("introductions/templates/<str:step>/", template_save, name="intro_template_save"),
    path("introductions/templates/<str:step>/reset/", template_reset, name="intro_template_reset"),
]
