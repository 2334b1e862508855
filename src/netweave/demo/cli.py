"""`netweave demo`: a user with a realistic synthetic network, to try the app or measure it."""

from __future__ import annotations

import time

import typer

from netweave.cli_support import JsonOption, console, django_ready, err, fail, print_json

LOGIN_URL = "http://127.0.0.1:8000"


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(
    people: int = typer.Option(2000, "--people", min=1, max=200_000, help="How many people to make up."),
    seed: int = typer.Option(7, "--seed", help="The same seed (on the same day) builds the same network."),
    user: str = typer.Option("demo", "--user", "-u", help="The user who owns the demo network; created if missing."),
    password: str = typer.Option("demo-password", "--password", help="Password for a user this command creates."),
    if_empty: bool = typer.Option(False, "--if-empty", help="Do nothing if the user already has people."),
    replace: bool = typer.Option(False, "--replace", help="Delete the user's people, interactions, organisations, "
                                                         "tags and circles first (not the account)."),
    as_json: bool = JsonOption,
) -> None:
    """Build a synthetic network (people, job histories, interactions, ties) for a demo user."""
    if if_empty and replace:
        fail("--if-empty and --replace contradict each other; pick one")
    django_ready()
    from django.contrib.auth import get_user_model
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from netweave.demo.extras import seed_extras
    from netweave.demo.generator import build_demo, clear_user_data
    from netweave.people.models import Person

    User = get_user_model()
    account = User.objects.filter(username=user).first()
    created = account is None
    if created:
        account = User.objects.create_user(user, password=password)
    existing = Person.objects.filter(owner=account).count()
    if existing and if_empty:
        if as_json:
            print_json({"user": user, "skipped": True, "existing_people": existing})
        else:
            console.print(f"{user} already has {existing:,} people; nothing to do (--if-empty).", highlight=False)
            if account.check_password(password):
                console.print(f"Log in at {LOGIN_URL} as {user} / {password}", highlight=False)
        return
    if existing and not replace:
        fail(f"{user!r} already has {existing:,} people. Run again with --replace to delete them and build a new "
             f"demo network, or with --if-empty to leave them as they are.")

    with Progress(TextColumn("{task.description:<26}"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                  TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("Starting", total=100)
        if replace:
            bar.update(task, description=f"Deleting {user}'s data")
            clear_user_data(account)

        def progress(stage: str, fraction: float) -> None:
            bar.update(task, description=stage, completed=round(100 * fraction, 1))

        stats = build_demo(account, people=people, seed=seed, progress=progress)
        # Asks, introductions, events and the rest, through the apps' services: only here, so that build_demo
        # (which tests and benchmarks compare and time) stays as it is.
        bar.update(task, description="Adding asks, events, …", completed=100)
        started = time.perf_counter()
        stats["extras"] = seed_extras(account, seed=seed)
        stats["seconds"] = round(stats["seconds"] + time.perf_counter() - started, 2)

    known_password = created or account.check_password(password)
    login = {"url": LOGIN_URL, "username": user, "password": password if known_password else None}
    if as_json:
        print_json({"user": user, "created_user": created, "replaced": bool(replace), "login": login, **stats})
        return
    from rich.table import Table

    console.print(f"Demo network for {user} (seed {seed}):", highlight=False)
    table = Table(show_header=False)
    table.add_column(style="bold")
    table.add_column(justify="right")
    for key in ("people", "organisations", "affiliations", "interactions", "participations", "ties", "emails",
                "phones", "urls", "tags"):
        table.add_row(key, f"{stats[key]:,}")
    for key, count in stats["extras"].items():
        table.add_row(key.replace("_", " "), f"{count:,}")
    table.add_row("seconds", f"{stats['seconds']:.1f}")
    console.print(table)
    if known_password:
        console.print(f"Log in at {LOGIN_URL} as {user} / {password}", highlight=False)
    else:
        console.print(f"Log in at {LOGIN_URL} as {user} (with that account's existing password)", highlight=False)
