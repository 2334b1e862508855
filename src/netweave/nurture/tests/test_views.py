"""The web pages: the today list on the home page with its buttons, cadences and settings, losing touch."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from netweave.interactions.models import Interaction
from netweave.nurture.cadences import Cadences
from netweave.nurture.models import Cadence, Nudge, NurtureSettings
from netweave.nurture.tests.today_support import clock, person  # noqa: F401
from netweave.people.models import Circle, Tag


@pytest.fixture
def ana(person):
    return person("Ana Lima", circle="close", contacted=41, tags=["climate"])


def test_a_stranger_gets_404_for_done_snooze_skip_and_cadences_of_someone_elses(client, charlie, alice, ana):
    client.force_login(charlie)
    for name in ("nurture:done", "nurture:snooze", "nurture:skip"):
        assert client.post(reverse(name, args=[ana.pk]), {"kind": "call"}).status_code == 404, name
    close = Circle.objects.get(owner=alice, name="close")
    climate = Tag.objects.get(owner=alice, name="climate")
    for scope, target in (("circle", close), ("tag", climate), ("person", ana)):
        for action in ("set", "clear"):
            response = client.post(reverse("nurture:cadences"),
                                   {"action": action, "scope": scope, "target": target.pk, "days": 3})
            assert response.status_code == 404, (scope, action)
    assert not Interaction.objects.filter(owner=alice, summary="Checked in").exists()
    assert not Nudge.objects.exists() and not Cadence.objects.exists()


def test_a_stranger_sees_none_of_someone_elses_people_on_any_page(client, charlie, alice, ana, person):
    from netweave.nurture import services

    services.set_cadence(alice, 10, person=ana)
    person("Old Friend", circle="close", added=3000, contacted=1500)
    client.force_login(charlie)
    for url in (reverse("home"), reverse("nurture:losing_touch"), reverse("nurture:cadences")):
        page = client.get(url).content.decode()
        assert "Ana Lima" not in page and "Old Friend" not in page and "climate" not in page, url


def test_the_pages_need_a_login(client, ana):
    for url in (reverse("nurture:losing_touch"), reverse("nurture:cadences")):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]
    response = client.post(reverse("nurture:done", args=[ana.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_home_page_lists_whom_to_reach_out_to_with_why_and_what_we_last_talked_about(client, alice, ana):
    client.force_login(alice)
    page = client.get(reverse("home")).content.decode()
    assert "Reach out today" in page and "Ana Lima" in page
    assert "Close circle, every month: last contact 41 days ago, 11 days overdue" in page
    assert "Last time: Call with Ana Lima" in page


def test_done_without_javascript_logs_the_check_in_and_goes_back_home(client, alice, ana):
    client.force_login(alice)
    response = client.post(reverse("nurture:done", args=[ana.pk]), {"kind": "call", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    interaction = Interaction.objects.get(owner=alice, summary="Checked in")
    assert interaction.kind == "call" and interaction.source == "web"
    page = client.get(reverse("home")).content.decode()
    assert "Logged a call with Ana Lima." in page
    assert 'id="due-%d"' % ana.pk not in page


def test_done_with_htmx_answers_with_the_refreshed_list(client, alice, ana, person):
    bo = person("Bo Chen", circle="close", contacted=50)
    client.force_login(alice)
    response = client.post(reverse("nurture:done", args=[bo.pk]), HTTP_HX_REQUEST="true",
                           HTTP_HX_CURRENT_URL="http://testserver/?from=htmx")
    html = response.content.decode()
    assert response.status_code == 200 and html.startswith('<section id="today"')
    assert 'name="next" value="/?from=htmx"' in html  # back to the page, not to the button's URL
    assert "Logged a message with Bo Chen." in html
    assert 'id="due-%d"' % bo.pk not in html and 'id="due-%d"' % ana.pk in html


def test_snooze_and_skip_hide_the_person_and_a_bad_day_is_named(client, alice, ana, person):
    bo = person("Bo Chen", circle="close", contacted=50)
    client.force_login(alice)
    html = client.post(reverse("nurture:snooze", args=[ana.pk]), {"until": "soon"}, HTTP_HX_REQUEST="true") \
        .content.decode()
    assert "until: &#x27;soon&#x27; is not a date" in html and 'id="due-%d"' % ana.pk in html
    client.post(reverse("nurture:snooze", args=[ana.pk]), {"until": "2026-03-20"})
    assert Nudge.objects.get(person=ana).until == date(2026, 3, 20)
    html = client.post(reverse("nurture:skip", args=[bo.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "Skipped Bo Chen until Thu 9 Apr 2026." in html
    assert "Ana Lima" not in client.get(reverse("home")).content.decode().split("Reach out today")[1].split("</section>")[0]


def test_the_cadence_page_sets_and_clears_circle_tag_and_person_cadences(client, alice, ana):
    client.force_login(alice)
    close = Circle.objects.get(owner=alice, name="close")
    url = reverse("nurture:cadences")
    client.post(url, {"action": "set", "scope": "circle", "target": close.pk, "days": "21"})
    client.post(url, {"action": "set", "scope": "tag", "name": "Climate", "days": "14"})
    client.post(url, {"action": "set", "scope": "person", "name": "ana lima", "days": "10"})
    found = Cadences(alice)
    assert found.circle_days[close.pk] == 21 and found.person_days == {ana.pk: 10}
    assert list(found.tag_days.values()) == [(14, "climate")]
    page = client.get(url).content.decode()
    assert "climate: every 14 days" in page and "Ana Lima</a>: every 10 days" in page
    client.post(url, {"action": "clear", "scope": "circle", "target": close.pk})
    client.post(url, {"action": "clear", "scope": "person", "target": ana.pk})
    assert Cadences(alice).circle_days[close.pk] == 30 and Cadences(alice).person_days == {}


def test_the_cadence_page_names_a_refused_cadence_and_an_unknown_name(client, alice, ana):
    client.force_login(alice)
    url = reverse("nurture:cadences")
    close = Circle.objects.get(owner=alice, name="close")
    page = client.post(url, {"action": "set", "scope": "circle", "target": close.pk, "days": "0"}, follow=True)
    assert "close: days: must be at least 1 day" in page.content.decode()
    page = client.post(url, {"action": "set", "scope": "person", "name": "Nobody Here", "days": "7"}, follow=True)
    assert "Nobody called" in page.content.decode()
    page = client.post(url, {"action": "set", "scope": "circle", "name": "Nonesuch", "days": "7"}, follow=True)
    assert "No circle called &#x27;Nonesuch&#x27;" in page.content.decode()
    page = client.post(url, {"action": "set", "scope": "tag", "name": "chess", "days": "7"}, follow=True)
    assert "No tag called &#x27;chess&#x27;" in page.content.decode()
    assert not Cadence.objects.exists()


def test_the_settings_form_changes_the_daily_limit_and_time_zone_and_names_a_refusal(client, alice):
    client.force_login(alice)
    client.post(reverse("nurture:settings"), {"daily_limit": "3", "time_zone": "Europe/Lisbon"})
    found = NurtureSettings.objects.get(owner=alice)
    assert (found.daily_limit, found.time_zone) == (3, "Europe/Lisbon")
    page = client.post(reverse("nurture:settings"), {"daily_limit": "0", "time_zone": "Nowhere/Special"}, follow=True)
    html = page.content.decode()
    assert "daily limit: must be between 1 and 100" in html and "time zone:" in html
    assert NurtureSettings.objects.get(owner=alice).daily_limit == 3


def test_the_losing_touch_page_lists_cold_and_dormant_ties_with_what_we_had_in_common(client, alice, person):
    person("Twice Over", circle="close", contacted=61)
    person("Old Friend", circle="close", added=3000, contacted=1500, met_how="Climbing in Sintra",
           interests=["bouldering"])
    client.force_login(alice)
    page = client.get(reverse("nurture:losing_touch")).content.decode()
    cold, dormant = page.split("Dormant ties worth reviving")
    assert "Twice Over" in cold and "last contact 61 days ago" in cold
    assert "Old Friend" in dormant and "Climbing in Sintra" in dormant and "bouldering" in dormant
