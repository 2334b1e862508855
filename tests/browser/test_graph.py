"""The network page in a real browser: a warm path to someone two hops away lit up on the drawing, a click on a
person opening their panel and page, the filters redrawing on the server's answer; and the page becoming ready
with 5,000 people (the time it takes is printed, never asserted)."""

from __future__ import annotations

import re
import time

import pytest

from netweave.ripple.views_graph import DEFAULT_EDGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READY = "#graph[data-state=ready]"


def log_in(page, username: str, password: str) -> None:
    page.goto("/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))


def settle(page) -> None:
    """Two frames: the scroll event reaches Cytoscape, which then forgets where its canvas was on the screen."""
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def screen_point(page, person_id: int) -> tuple[float, float]:
    """Where a person's node is drawn, in page coordinates, for a real mouse to click."""
    return tuple(page.evaluate("""id => {
        const cy = window.netweaveGraph, at = cy.getElementById(String(id)).renderedPosition();
        const box = cy.container().getBoundingClientRect();
        return [box.left + at.x, box.top + at.y];
    }""", person_id))


def test_a_path_to_someone_two_hops_away_is_highlighted_and_a_click_opens_the_person(page, django_user_model):
    from playwright.sync_api import expect

    from netweave.people.services import create_person, ensure_default_circles, new_origin
    from netweave.ripple.tests.support import set_strength, tie

    user = django_user_model.objects.create_user("alice", password="a-long-password")
    ensure_default_circles(user)
    origin = new_origin(user, "web", "test")

    def person(name, **fields):
        return create_person(user, {"display_name": name, **fields}, origin=origin)

    ana = person("Ana Lima", circle="inner", organisation="Acme")
    bo = person("Bo Chen", circle="close", organisation="Acme")
    cy = person("Cy Diaz", circle="wide", organisation="Tidewater")
    dee = person("Dee Park", circle="wide")
    for who, score in ((ana, 90), (bo, 60), (cy, 5), (dee, 20)):
        set_strength(who, score)
    tie(user, ana, bo, "friend")
    tie(user, bo, cy, "family")

    log_in(page, "alice", "a-long-password")
    page.get_by_role("navigation").get_by_role("link", name="Network").click()
    page.wait_for_selector(READY)
    expect(page.locator("#graph")).to_have_attribute("data-nodes", "4")
    expect(page.get_by_role("status")).to_have_text("Showing 4 people and 2 ties among them.")

    page.get_by_label("Path to…").fill("Cy Diaz")
    page.get_by_role("button", name="Find the way").click()
    expect(page.locator("#graph")).to_have_attribute("data-path", f"0,{bo.pk},{cy.pk}")
    lit = page.evaluate("""() => {
        const cy = window.netweaveGraph;
        return {nodes: cy.nodes('.on-path').map(n => n.id()).sort(), edges: cy.edges('.on-path').length,
                faded: cy.nodes('.faded').map(n => n.id()).sort()};
    }""")
    assert lit["nodes"] == sorted(["0", str(bo.pk), str(cy.pk)])
    assert lit["edges"] == 2
    assert lit["faded"] == sorted([str(ana.pk), str(dee.pk)])
    answer = page.locator("#graph-path-answer")
    expect(answer).to_contain_text("to Cy Diaz.")
    expect(answer.locator("li.shown")).to_contain_text("you → Bo Chen")

    page.locator("#graph").scroll_into_view_if_needed()
    settle(page)
    x, y = screen_point(page, ana.pk)
    page.mouse.move(x, y)
    expect(page.locator("#graph-tip")).to_have_text("Ana Lima · Acme")
    x, y = screen_point(page, bo.pk)
    page.mouse.click(x, y)
    panel = page.locator("#graph-panel")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("heading")).to_have_text("Bo Chen")
    expect(panel.locator("[data-field=org]")).to_have_text("Acme")
    expect(panel.locator("[data-field=strength]")).to_have_text("60 of 100")
    link = panel.get_by_role("link", name="Open Bo Chen’s page")
    expect(link).to_have_attribute("href", f"/people/{bo.pk}/")

    page.locator("#graph-filters select[name=circle]").select_option("wide")
    page.get_by_role("button", name="Show").click()
    expect(page.locator("#graph")).to_have_attribute("data-nodes", "2")
    expect(page.get_by_role("status")).to_have_text("Showing 2 people and 0 ties among them.")
    assert page.url.endswith(f"?circle=wide&edges={DEFAULT_EDGES}")

    page.locator("#graph").scroll_into_view_if_needed()
    settle(page)
    x, y = screen_point(page, cy.pk)
    page.mouse.click(x, y)
    expect(panel.get_by_role("heading")).to_have_text("Cy Diaz")
    panel.get_by_role("button", name="Path to Cy Diaz").click()
    # Bo is filtered away, so the path adds him for the occasion
    expect(page.locator("#graph")).to_have_attribute("data-path", f"0,{bo.pk},{cy.pk}")
    assert page.evaluate(f"() => window.netweaveGraph.getElementById('{bo.pk}').hasClass('extra')")
    panel.get_by_role("link", name="Open Cy Diaz’s page").click()
    page.wait_for_url(re.compile(rf"/people/{cy.pk}/$"))
    page.get_by_role("heading", name="Cy Diaz", exact=True).wait_for()


def five_thousand(user, *, people: int = 5000, ties: int = 20000, seed: int = 11) -> list[int]:
    """A clustered synthetic network written in bulk (the engine's generator): people with circles, organisations
    and strengths, and ties among them. Returns the people's ids."""
    from django.utils import timezone

    from netweave.nurture.models import Strength
    from netweave.people.models import Circle, Organisation, Person, Tie
    from netweave.people.normalize import fold
    from netweave.ripple.engine.synthetic import synthetic_graph

    src, dst, weight, org_of = synthetic_graph(people, ties, seed)
    circles = list(Circle.objects.filter(owner=user).order_by("position"))
    orgs = Organisation.objects.bulk_create([Organisation(owner=user, name=f"Firm {i}", key=fold(f"Firm {i}"))
                                             for i in range(int(org_of.max()) + 1)])
    made = Person.objects.bulk_create([
        Person(owner=user, display_name=f"Person {i:04d}", search_text=f"person {i:04d}",
               circle=circles[i % len(circles)], current_organisation=orgs[int(org_of[i])])
        for i in range(people)], batch_size=1000)
    ids = [p.pk for p in made]
    now = timezone.now()
    Strength.objects.bulk_create([Strength(owner=user, person_id=pid, score=(i * 37) % 100, parts={},
                                           explanation="", computed_at=now) for i, pid in enumerate(ids)],
                                 batch_size=1000)
    kinds = ("family", "friend", "colleague", "other")
    Tie.objects.bulk_create([
        Tie(owner=user, person_a_id=ids[min(a, b)], person_b_id=ids[max(a, b)],
            kind=kinds[min(int((1 - w) * 4), 3)], source="test")
        for a, b, w in zip(src.tolist(), dst.tolist(), weight.tolist())], batch_size=2000)
    return ids


def test_the_page_becomes_ready_with_five_thousand_people(page, django_user_model):
    from playwright.sync_api import expect

    from netweave.people.services import ensure_default_circles

    user = django_user_model.objects.create_user("alice", password="a-long-password")
    ensure_default_circles(user)
    ids = five_thousand(user)
    log_in(page, "alice", "a-long-password")
    page.set_viewport_size({"width": 1280, "height": 900})

    started = time.perf_counter()
    page.goto("/network/", wait_until="commit")
    page.wait_for_selector(READY, timeout=120_000)
    wall = time.perf_counter() - started
    expect(page.locator("#graph")).to_have_attribute("data-nodes", "5000")
    measured = page.evaluate("""() => {
        const clock = window.netweaveGraphClock, cy = window.netweaveGraph;
        return {...clock, nodes: cy.nodes().length, edges: cy.edges().length};
    }""")
    assert measured["nodes"] == 5001 and measured["edges"] == DEFAULT_EDGES

    started = time.perf_counter()
    page.get_by_label("Path to…").fill(f"#{ids[4321]}")
    page.get_by_role("button", name="Find the way").click()
    page.wait_for_selector("#graph[data-path]", timeout=60_000)
    path_s = time.perf_counter() - started
    assert page.evaluate("() => window.netweaveGraph.nodes('.on-path').length") >= 2
    asked = page.evaluate("() => performance.getEntriesByType('resource').find(r => r.name.includes('path.json'))"
                          ".duration")
    m = measured
    print(f"\nnetwork page with 5,000 people and {m['edges']} ties drawn: ready {m['ready']:.0f} ms after navigation "
          f"({wall:.2f} s wall clock from goto); the page itself {m['asked']:.0f} ms, graph.json "
          f"{m['answered'] - m['asked']:.0f} ms, parsing it {m['drawing'] - m['answered']:.0f} ms, building the "
          f"graph {m['built'] - m['drawing']:.0f} ms, first frame {m['ready'] - m['built']:.0f} ms; a warm path "
          f"found and highlighted in {path_s:.2f} s (path.json {asked:.0f} ms of it)")
