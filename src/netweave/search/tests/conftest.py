"""A small network of Alice's with the hard cases search must handle: accents, CJK, markup in notes."""

from __future__ import annotations

from datetime import timedelta

import pytest


@pytest.fixture
def log(alice):
    from django.utils import timezone

    from netweave.interactions.services import log_interaction

    def make(summary, people, notes="", days_ago=1, owner=None):
        return log_interaction(owner or alice, kind="meeting", occurred_at=timezone.now() - timedelta(days=days_ago),
                               participants=people, summary=summary, notes=notes)

    return make


@pytest.fixture
def network(alice, make_person, log):
    from netweave.givefirst.models import Ask, Offer

    people = {
        "zoe": make_person("Zoë Martin", organisation="Tidewater", title="CTO", expertise=["Rust"],
                           notes="<script>alert('x')</script> Knows embedded systems well."),
        "rust": make_person("Ana Rust", organisation="Oakleaf", title="Designer"),
        "li": make_person("李小龙", organisation="東京大学", location="Tokyo"),
        "lukasz": make_person("Łukasz Nowak", interests=["sailing"], met_how="Met at PyCon Łódź"),
        "bo": make_person("Bo Chen", organisation="Tidewater", title="Rust engineer"),
    }
    log("Coffee with Bo about the Rust rewrite", [people["bo"]], notes="He wants to hire two more.")
    log("Lunch with Łukasz", [people["lukasz"]], notes="Talked about rust in embedded devices.")
    Offer.objects.create(owner=alice, person=people["lukasz"], kind="mentoring", topic="Rust mentoring",
                         details="An hour a month for anyone learning Rust.")
    Ask.objects.create(owner=alice, person=people["rust"], kind="advice", topic="Learning Rust",
                       details="Wants a book to start with.")
    return people
