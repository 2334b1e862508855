"""The consumer embedded in `netweave serve` runs tasks in a thread and stops when asked."""

from __future__ import annotations

import threading

from huey import MemoryHuey

from netweave.reminders.worker import EmbeddedConsumer


def test_the_embedded_consumer_runs_a_queued_task_in_a_thread_and_stops():
    huey = MemoryHuey("embedded-test")
    ran = threading.Event()

    @huey.task()
    def ping():
        ran.set()

    consumer = EmbeddedConsumer(huey, workers=1, worker_type="thread", periodic=False, shutdown_timeout=5)
    runner = threading.Thread(target=consumer.run, daemon=True)
    runner.start()  # not the main thread: a plain Consumer would fail setting its signal handlers here
    ping()
    assert ran.wait(5)
    consumer.stop(graceful=True)
    runner.join(5)
    assert not runner.is_alive()
