import datetime as dt
import pytest
from django.test import Client
from django.utils import timezone
from netweave.accounts.tests.clients import client_for

BIG = "99999999999999999999999"

def web(user):
    c = Client(raise_request_exception=False)
    c.force_login(user)
    return c

@pytest.mark.django_db
def test_probe(alice, bob, make_person):
    from netweave.events import services as ev
    from netweave.people.services import new_origin
    ana = make_person("Ana Lima")
    bobs = make_person("Secret Bob", owner=bob)
    o = new_origin(alice, "web", "t")
    e = ev.create_event(alice, {"name": "PyCon", "starts_at": timezone.now() - dt.timedelta(days=1)}, origin=o)
    be = ev.create_event(bob, {"name": "BobConf", "starts_at": timezone.now() - dt.timedelta(days=1)}, origin=new_origin(bob, "web", "t"))
    w = web(alice)
    api = client_for(alice)
    out = []
    def rec(label, r):
        body = r.content[:300]
        out.append((label, r.status_code, body if r.status_code >= 500 or b"Secret" in r.content or b"BobConf" in r.content else b""))
    gets = [
        "/search/?q=%00", "/search/?q=a&page=" + BIG, "/search/?q=a&page=-1", "/search/?q=a&kind=%00",
        "/search/?q=" + "x" * 5000, "/search/?q=Secret", "/search/?q=%22NEAR(%29*",
        "/network/path.json?person=abc", "/network/path.json?person=" + BIG, f"/network/path.json?person={bobs.pk}",
        "/network/path.json?to=%00", "/network/path.json?to=Secret%20Bob", "/network/path.json?to=", "/network/path.json?to=%23" + BIG,
        "/network/graph.json?circle=%00&tag=%00&organisation=%00", "/network/graph.json?edges=" + BIG,
        "/network/?circle=%00",
        "/brief/event/?q=%00", "/brief/event/?q=BobConf", f"/brief/event/event-{be.pk}/", "/brief/event/event-" + BIG + "/",
        "/brief/event/%00/", "/brief/event/interaction-abc/", f"/people/{bobs.pk}/brief/",
        f"/brief/event/event-{e.pk}/?q=%00",
        "/learnings/?q=%00", "/learnings/?person=abc", "/learnings/?person=" + BIG,
        "/opportunities/?person=abc", "/opportunities/?person=" + BIG, "/opportunities/?status=%00",
        "/contributions/?q=%00", "/mentorship/?role=%00", "/week/?week=%00", "/week/?week=" + BIG,
        "/events/?when=%00", f"/events/{be.pk}/capture/", f"/people/{bobs.pk}/ripple/",
    ]
    for g in gets:
        rec("WEB " + g, w.get(g))
    agets = [
        "search?q=%00", "search?q=Secret", "search?kind=%00&q=a", "search/who-knows?q=%00",
        "paths?to=%00", "paths?to=Secret%20Bob", "paths?org=%00", "paths?tag=%00", "paths?to=%23" + BIG,
        f"paths/{bobs.pk}/nodes", "paths/" + BIG + "/nodes", "lineage/people/" + BIG, f"lineage/people/{bobs.pk}",
        "lineage/ties/" + BIG, "lineage/introductions/" + BIG, "ripple/" + BIG,
        "network?circle=%00", "network/who-should-meet?limit=" + BIG, "network/brokers?limit=-1",
        "people/" + BIG + "/brief", f"people/{bobs.pk}/brief", "briefs/event?q=%00", "briefs/event?q=BobConf",
        "briefs/event?q=", "week?week=%00", "week/progress?weeks=" + BIG,
        "learnings?q=%00", "learnings?person=" + BIG, "opportunities?person=" + BIG,
        "events?when=%00", "events/" + BIG, f"events/{be.pk}", "contributions/reputation",
    ]
    for g in agets:
        rec("API " + g, api.get(g))
    posts = [
        (f"events/{e.pk}/capture", {"lines": ["Zed \x00 Nul"], "preview": False}),
        (f"events/{e.pk}/capture", {"lines": ["#" + BIG], "preview": True}),
        (f"events/{e.pk}/capture", {"lines": [f"#{bobs.pk}"], "preview": True}),
        (f"events/{e.pk}/capture", {"lines": ["Ana"], "preview": True, "choices": {"ana": str(bobs.pk)}}),
        (f"events/{e.pk}/capture", {"lines": ["Ana"], "preview": True, "choices": {"ana": BIG}}),
        (f"events/{e.pk}/capture", {"lines": ["Ana"], "preview": True, "choices": {"ana": "\x00"}}),
        (f"events/{be.pk}/capture", {"lines": ["x"], "preview": True}),
        ("mentorships", {"person": bobs.pk, "role": "mentor"}),
        ("mentorships", {"person": "Secret Bob", "role": "mentor"}),
        ("mentorships", {"person": BIG, "role": "mentor"}),
        ("learnings", {"text": "x", "person": "Secret Bob"}),
        ("learnings", {"text": "x\x00y"}),
        ("opportunities", {"title": "t", "people": [{"person": bobs.pk}]}),
        ("opportunities", {"title": "t", "people": [{"person": "Secret Bob"}]}),
        ("opportunities", {"title": "t", "organisation": "\x00"}),
        ("opportunities", {"title": "t\x00"}),
        ("contributions", {"title": "t\x00"}),
        ("events", {"name": "x\x00", "starts_at": "2024-01-01T00:00:00Z"}),
        ("events", {"name": "x", "starts_at": "9999-12-31T23:59:59Z"}),
        ("events", {"name": "x", "starts_at": "2024-01-01T00:00:00"}),
        (f"events/{e.pk}/people", {"person": bobs.pk}),
        (f"events/{e.pk}/people", {"person": int(BIG[:19])}),
        (f"events/{e.pk}/goals", {"text": "x\x00", "target": 10**12}),
    ]
    for p, d in posts:
        rec("POST " + p + " " + str(d)[:80], api.post(p, d))
    rec("PATCH week", api.patch("week/settings", {"per_week": 10**12}))
    rec("PUT opp", api.put(f"/api/v1/opportunities/{BIG}/people/{bobs.pk}"))
    for label, code, body in out:
        print(code, label, body)
