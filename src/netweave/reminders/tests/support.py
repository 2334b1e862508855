"""Helpers for the reminders tests: a network Alice should hear about, and real servers to hear it with."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from netweave.nurture.tests.today_support import NOW, clock, person, talk  # noqa: F401


@pytest.fixture
def due(alice, person, clock):
    """Alice has three people overdue and one with a birthday in a week (the clock is Tue 10 March 2026)."""
    alice.email = "alice@example.org"
    alice.save()
    made = [person(name, circle="close", contacted=days) for name, days in
            (("Ana Lima", 41), ("Bo Chen", 60), ("Cy Diaz", 90))]
    made.append(person("Dee Eze", circle="wide", contacted=2, birthday="1986-03-17"))
    return made


class Receiver:
    """A real HTTP server in a thread that answers every POST with `status` and keeps what it received."""

    def __init__(self, status: int = 200):
        self.status, self.received = status, []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                outer.received.append((dict(self.headers), body))
                self.send_response(outer.status)
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def bodies(self) -> list[dict]:
        return [json.loads(body) for _, body in self.received]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    made = []

    def start(status: int = 200) -> Receiver:
        made.append(Receiver(status))
        return made[-1]

    yield start
    for r in made:
        r.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server (aiosmtpd) on a free local port, with Django's SMTP backend pointed at it."""
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    class Inbox(Message):
        def __init__(self):
            super().__init__()
            self.messages = []

        def handle_message(self, message):
            self.messages.append(message)

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    yield inbox
    controller.stop()
