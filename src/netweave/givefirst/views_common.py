"""What the give-first pages share: where a form without JavaScript returns, and how a refusal reads."""

from __future__ import annotations

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme

from netweave.core.errors import Invalid


def back_to(request, default: str, *args):
    """Redirect to the posted `next` when it is a page of this site, else to the named default page."""
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                                require_https=request.is_secure()):
        return redirect(back)
    return redirect(default, *args)


def current_page(request) -> str:
    """The page showing a fragment: for an htmx request the page that asked, not the fragment's URL."""
    if request.htmx and request.htmx.current_url_abs_path:
        return request.htmx.current_url_abs_path
    return request.get_full_path()


def why(exc: Invalid) -> str:
    """A service's refusal as one sentence for a status line or a flash message."""
    parts = []
    for field, reason in exc.errors.items():
        parts.append(reason if field in ("__all__", "", "state") else f"{field.replace('_', ' ')}: {reason}")
    return "; ".join(parts)


def form_problem(form) -> str:
    """A bound form's errors as one line for a status message, each after its box's label."""
    parts = []
    for key, errors in form.errors.items():
        label = form.fields[key].label if key in form.fields else ""
        parts.append(f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return "; ".join(parts)


def with_state(needs, today):
    """Asks or offers with `seen` set to the state a reader sees ("expired" once their day has passed)."""
    needs = list(needs)
    for need in needs:
        need.seen = need.state(today)
    return needs
