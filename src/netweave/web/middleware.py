"""Request-wide settings that every page shares."""

from __future__ import annotations

from django.utils import timezone

from netweave.nurture.today import settings_for, zone_for


class OwnerTimeZoneMiddleware:
    """Pages show times in the signed-in user's own time zone (their nurture settings), else the server's, so
    every page agrees with the dates the services write (a "met at" day, what counts as today)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            timezone.activate(zone_for(settings_for(user)))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            # The active zone is per thread: the next request on this thread must not inherit it.
            timezone.deactivate()
