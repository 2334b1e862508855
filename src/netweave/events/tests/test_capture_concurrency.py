"""Two saves of one capture at the same moment (a double click), from two threads on two connections: the
second waits for the first and finds its lines captured, so nobody is created twice. Runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from netweave.events.capturing import CaptureResult, save_capture
from netweave.events.models import CapturedLine, Event
from netweave.people.models import Person, Tie
from netweave.people.services import new_origin

pytestmark = pytest.mark.django_db(transaction=True)
TEXT = "Zed New <z@x.com>, Acme — grid batteries; send the deck\n+ Yan Other"


@pytest.fixture(autouse=True)
def database_for_threads(transactional_db, tmp_path):
    """On SQLite the shared in-memory test database cannot make a writer wait, so the race runs on a file copy
    opened with the production options (WAL, BEGIN IMMEDIATE, a busy timeout); PostgreSQL's is used as is."""
    conn = connections["default"]
    if conn.vendor != "sqlite" or not conn.is_in_memory_db():
        yield
        return
    conn.ensure_connection()
    path = tmp_path / "race.sqlite3"
    copy = sqlite3.connect(path)
    conn.connection.backup(copy)
    copy.close()
    memory_name, memory_link = conn.settings_dict["NAME"], conn.connection
    conn.settings_dict["NAME"] = str(path)
    conn.connection = None
    try:
        yield
    finally:
        conn.close()
        conn.settings_dict["NAME"], conn.connection = memory_name, memory_link


def test_two_saves_of_one_capture_at_once_create_each_person_once(alice):
    from netweave.events.services import create_event

    event = create_event(alice, {"name": "Climate Tech Summit", "starts_at": timezone.now() - timedelta(hours=3)})
    barrier = threading.Barrier(2)
    results: list = [None, None]

    def run(i: int) -> None:
        try:
            mine = Event.objects.get(pk=event.pk)
            origin = new_origin(alice, "web", f"thread {i}")
            barrier.wait(timeout=20)
            results[i] = save_capture(mine, TEXT, origin=origin)
        except Exception as exc:  # noqa: BLE001  (handed back to the test, which says what it expected)
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert all(isinstance(r, CaptureResult) for r in results), results
    assert sorted(len(r.created) for r in results) == [0, 2]
    assert sorted(r.captured_before for r in results) == [0, 2]
    assert Person.objects.filter(owner=alice, display_name="Zed New").count() == 1
    assert Person.objects.filter(owner=alice, display_name="Yan Other").count() == 1
    assert Tie.objects.filter(owner=alice).count() == 1 and CapturedLine.objects.filter(event=event).count() == 2
    assert Event.objects.get(pk=event.pk).interaction.participants.count() == 2
