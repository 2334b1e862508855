"""Migration 0002 adds "one introduction under way per pair": where two proposals raced before it existed, it
keeps one (a made one if there is one) and lets the others lapse, so the constraint can be added."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE, AFTER = ("givefirst", "0001_initial"), ("givefirst", "0002_one_under_way_and_templates")


@pytest.mark.django_db(transaction=True)
def test_the_migration_lets_all_but_one_of_a_pairs_introductions_under_way_lapse(alice, make_person):
    ana, bo, cy, di = (make_person(n) for n in ("Ana Lima", "Bo Chen", "Cy Diaz", "Di Evans"))
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    try:
        Introduction = executor.loader.project_state([BEFORE]).apps.get_model("givefirst", "Introduction")
        start = timezone.now() - timedelta(days=3)

        def add(a, b, state, days):
            row = Introduction.objects.create(owner_id=alice.pk, person_a_id=a.pk, person_b_id=b.pk, reason="r",
                                              state=state)
            Introduction.objects.filter(pk=row.pk).update(created_at=start + timedelta(days=days))
            return row.pk

        first, raced = add(ana, bo, "asked_a", 0), add(bo, ana, "proposed", 1)
        proposed, made = add(cy, di, "proposed", 0), add(di, cy, "made", 1)
        ended, alone = add(ana, bo, "declined", 2), add(ana, cy, "proposed", 0)
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate([AFTER])
    from netweave.givefirst.models import Introduction as Now

    states = dict(Now.objects.values_list("pk", "state"))
    assert [states[pk] for pk in (first, raced, proposed, made, ended, alone)] == [
        "asked_a", "expired", "expired", "made", "declined", "proposed"]
    step = Now.objects.get(pk=raced).steps.get()
    assert (step.from_state, step.to_state) == ("proposed", "expired")
    assert step.note == "Another introduction of the same pair was already under way"
