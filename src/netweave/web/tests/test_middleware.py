"""Each page is shown in the signed-in user's own time zone, and only for their request."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from netweave.nurture.models import NurtureSettings
from netweave.web.middleware import OwnerTimeZoneMiddleware


def zone_during(user) -> str:
    """The zone active while the view runs for `user`."""
    seen = {}

    def view(request):
        seen["zone"] = timezone.get_current_timezone_name()
        return HttpResponse()

    request = RequestFactory().get("/")
    request.user = user
    OwnerTimeZoneMiddleware(view)(request)
    return seen["zone"]


def test_a_user_s_pages_use_their_own_zone_and_the_next_request_does_not_inherit_it(alice, settings):
    settings.TIME_ZONE = "Europe/Lisbon"
    NurtureSettings.objects.create(owner=alice, time_zone="Pacific/Auckland")
    assert zone_during(alice) == "Pacific/Auckland"
    assert timezone.get_current_timezone_name() == "Europe/Lisbon"


def test_a_user_without_a_zone_and_a_visitor_get_the_server_s(bob, settings):
    settings.TIME_ZONE = "Europe/Lisbon"
    timezone.activate("Asia/Tokyo")  # left over from something else on this thread
    try:
        assert zone_during(AnonymousUser()) == "Europe/Lisbon"
        assert zone_during(bob) == "Europe/Lisbon"
    finally:
        timezone.deactivate()
