"""A full backup keeps the weekly plans, mentorships, learnings, opportunities and contributions, and a restore
gives them back as they were, learnings still found by search."""

from __future__ import annotations

import io
import json
from datetime import date

from django.contrib.auth import get_user_model

from netweave.exchange.backup import backup
from netweave.exchange.restore import restore
from netweave.mentorship import services as mentorship
from netweave.mentorship.queries import learnings
from netweave.opportunities import services
from netweave.opportunities.models import Opportunity
from netweave.steps import services as steps
from netweave.steps.models import Step


def text_of(user) -> str:
    out = io.StringIO()
    backup(user, out)
    return out.getvalue()


def same_but_when_written(a: str, b: str) -> bool:
    first, second = json.loads(a), json.loads(b)
    first.pop("created_at"), second.pop("created_at")
    return first == second


def test_a_backup_restored_after_the_user_is_deleted_gives_back_all_three_apps(alice, make_person):
    ana = make_person("Ana Lima", circle="close")
    talk = services.add_contribution(alice, title="Scaling Postgres", day=date(2026, 2, 1))
    job = services.add_opportunity(alice, title="Staff engineer", contribution=talk, people=[(ana, "referrer")])
    held = mentorship.start_mentorship(alice, ana, role="mentor", goals="Staff")
    mentorship.log_session(held, notes="Delegation", log_interaction=False)
    mentorship.record_learning(alice, "Write decisions down", person=ana, topic="leadership")
    from netweave.nurture.services import add_follow_up

    add_follow_up(ana, "send Ana the deck today")
    assert steps.plan_for(alice).steps.get().kind == "follow_up"
    before = text_of(alice)
    alice.delete()
    assert not Opportunity.objects.exists()

    restore(io.BytesIO(before.encode()))

    restored = get_user_model().objects.get(username="alice")
    assert same_but_when_written(text_of(restored), before)
    job = Opportunity.objects.get(pk=job.pk)
    assert job.contribution_id == talk.pk and list(job.people.all()) == [ana]
    assert [l.text for l in learnings(restored, "decisions")] == ["Write decisions down"]
    assert Step.objects.get(owner=restored).title == "Follow up with Ana Lima"
