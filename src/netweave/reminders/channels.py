"""The transports: put one message on the wire, or raise `SendFailed` saying why and whether to try again.
They write nothing; `services.attempt` records each call in the delivery log."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import socket
import urllib.error
import urllib.request

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

WEBHOOK_TIMEOUT = 10  # seconds; a hanging endpoint fails and is retried rather than holding the scheduler
SIGNATURE_HEADER = "X-Netweave-Signature"


class SendFailed(Exception):
    def __init__(self, why: str, *, retry: bool = True):
        super().__init__(why)
        self.retry = retry


def send_mail(to: str, subject: str, text: str, html: str) -> None:
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to],
                                     connection=get_connection(fail_silently=False))
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception as exc:  # smtplib, socket and ssl errors alike: every one is logged and retried
        raise SendFailed(f"{type(exc).__name__}: {exc}"[:1000]) from exc


def sign(secret: str, body: bytes) -> str:
    """The signature header's value: a receiver recomputes it over the raw body with the shared secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A signed payload goes where the user pointed it, never on to wherever that server redirects.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def post_webhook(url: str, secret: str, payload: dict, *, delivery_id: int | None = None) -> None:
    body = json.dumps(payload, ensure_ascii=False, default=str).encode()
    headers = {"Content-Type": "application/json", "User-Agent": "netweave", SIGNATURE_HEADER: sign(secret, body)}
    if delivery_id is not None:
        headers["X-Netweave-Delivery"] = str(delivery_id)
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with _opener.open(request, timeout=WEBHOOK_TIMEOUT) as response:
            response.read(1024)
    except urllib.error.HTTPError as exc:
        # The server's own fault or "slow down" may pass; any other refusal will not change by itself.
        retry = exc.code >= 500 or exc.code == 429
        raise SendFailed(f"HTTP {exc.code} {exc.reason}", retry=retry) from exc
    except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise SendFailed(f"{type(exc).__name__}: {reason}"[:1000]) from exc
    except (http.client.HTTPException, ValueError, OverflowError) as exc:
        # A port that is not a number, a server that does not speak HTTP: the address is wrong, and will stay so.
        raise SendFailed(f"{type(exc).__name__}: {exc}"[:1000], retry=False) from exc
