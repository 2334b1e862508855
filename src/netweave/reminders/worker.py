"""Running the Huey consumer: on its own (`netweave worker`) or as a thread inside `netweave serve`."""

from __future__ import annotations

import logging
import threading

from huey.consumer import Consumer


class EmbeddedConsumer(Consumer):
    """A consumer that runs in a thread of another program (gunicorn's master). Signals belong to that
    program, and Python lets only the main thread set handlers; it is stopped with `stop()` instead."""

    def _set_signal_handlers(self):
        pass


def start_embedded() -> EmbeddedConsumer:
    """Start the consumer in a daemon thread and return it (call `.stop()` on the way out)."""
    from netweave.reminders.tasks import huey

    logging.getLogger("huey").setLevel(logging.INFO)
    consumer = EmbeddedConsumer(huey, workers=1, worker_type="thread", periodic=True, shutdown_timeout=30)
    threading.Thread(target=consumer.run, name="netweave-reminders", daemon=True).start()
    return consumer


def run_worker(workers: int = 2) -> None:
    """The consumer as a process of its own, until interrupted (Ctrl-C or SIGTERM)."""
    from netweave.reminders.tasks import huey

    logging.getLogger("huey").setLevel(logging.INFO)
    huey.create_consumer(workers=workers, worker_type="thread", periodic=True).run()
