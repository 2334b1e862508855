"""`netweave reminders send-digest|feed-token|log` and `netweave worker`: thin commands over reminders.services."""

from __future__ import annotations

import typer

from netweave.cli_support import JsonOption, UserOption, acting_user, console, django_ready, invalid_exit, print_json

reminders = typer.Typer(help="The digest by mail or webhook, the calendar feed, and the delivery log.",
                        no_args_is_help=True)
feed_token = typer.Typer(help="The calendar feed's secret address.", no_args_is_help=True)
reminders.add_typer(feed_token, name="feed-token")


def register(app: typer.Typer) -> None:
    app.add_typer(reminders, name="reminders")
    app.command("worker")(worker)


def _delivery(row) -> dict:
    return {"id": row.pk, "channel": row.channel, "created_at": row.created_at.isoformat(), "status": row.status,
            "attempt": row.attempt, "subject": row.subject, "destination": row.destination, "error": row.error,
            "next_attempt_at": row.next_attempt_at.isoformat() if row.next_attempt_at else None}


@reminders.command("send-digest")
def send_digest(
    webhook: bool = typer.Option(False, "--webhook", help="Post it to the webhook instead of mailing it."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Send the digest now, whatever the schedule says. Exits 1 when the send failed (it is retried later)."""
    django_ready()
    from netweave.core.errors import Invalid
    from netweave.reminders import services

    owner = acting_user(user)
    try:
        row = services.post_webhook_now(owner) if webhook else services.send_digest_now(owner)
    except Invalid as exc:
        invalid_exit(exc)
    if as_json:
        print_json(_delivery(row))
    elif row.status == "sent":
        console.print(f"Sent “{row.subject}” to {row.destination}.", highlight=False)
    else:
        later = " It will be tried again." if row.status == "retrying" else ""
        console.print(f"[red]Not sent[/red] to {row.destination}: {row.error}.{later}", highlight=False)
    if row.status != "sent":
        raise typer.Exit(1)


@feed_token.command("create")
def feed_token_create(user: str = UserOption, as_json: bool = JsonOption) -> None:
    """A new feed token (replacing any earlier one), printed once."""
    django_ready()
    from django.urls import reverse

    from netweave.reminders import services

    raw = services.create_feed_token(acting_user(user))
    path = reverse("reminders:feed", args=[raw])
    if as_json:
        print_json({"token": raw, "path": path})
    else:
        console.print(f"Feed token (shown once): {raw}\nSubscribe to https://<your netweave host>{path}",
                      highlight=False)


@feed_token.command("revoke")
def feed_token_revoke(user: str = UserOption) -> None:
    """Stop the feed answering; its address becomes a 404."""
    django_ready()
    from netweave.reminders import services

    revoked = services.revoke_feed_token(acting_user(user))
    console.print("The feed is revoked." if revoked else "There was no feed to revoke.")


@reminders.command("log")
def log(
    limit: int = typer.Option(50, min=1, help="At most this many, newest first."),
    failed: bool = typer.Option(False, "--failed", help="Only sends that were given up."),
    user: str = UserOption,
    as_json: bool = JsonOption,
) -> None:
    """Every attempt to send a digest, newest first."""
    django_ready()
    from rich.table import Table

    from netweave.reminders.models import Delivery

    rows = Delivery.objects.filter(owner=acting_user(user)).order_by("-created_at", "-id")
    if failed:
        rows = rows.filter(status=Delivery.Status.FAILED)
    rows = list(rows[:limit])
    if as_json:
        print_json([_delivery(r) for r in rows])
        return
    if not rows:
        console.print("Nothing sent yet.")
        return
    table = Table(title="Deliveries", title_justify="left")
    for column in ("when", "channel", "to", "attempt", "status", "error"):
        table.add_column(column)
    for r in rows:
        table.add_row(f"{r.created_at:%Y-%m-%d %H:%M}", r.channel, r.destination, str(r.attempt), r.status, r.error)
    console.print(table)


def worker(workers: int = typer.Option(2, min=1, help="Threads running tasks.")) -> None:
    """Run the reminders' scheduler and queue (Huey) as a process of its own: needed beside `netweave serve`
    when NETWEAVE_HUEY_URL is set; otherwise serve runs it itself."""
    django_ready()
    from netweave.reminders.worker import run_worker

    console.print("netweave worker: sending reminders (Ctrl-C to stop)")
    run_worker(workers)
