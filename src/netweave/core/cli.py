"""`netweave init` and `netweave serve`."""

from __future__ import annotations

import typer

from netweave.cli_support import console, django_ready


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(serve)


def init() -> None:
    """Create the data folder and bring the database up to date."""
    django_ready(migrate=False)
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    console.print(f"netweave is ready in {settings.HOME}")


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(2, help="Worker processes."),
    threads: int = typer.Option(4, help="Threads per worker."),
) -> None:
    """Serve the web app and the API with gunicorn (migrating first). With the embedded queue (no
    NETWEAVE_HUEY_URL) the reminders' scheduler runs here too; otherwise run `netweave worker` beside it."""
    django_ready()
    from django.conf import settings
    from gunicorn.app.base import BaseApplication

    from netweave.wsgi import application

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("accesslog", "-")
            self.cfg.set("worker_class", "gthread")
            if not settings.NETWEAVE_HUEY_URL:
                self.cfg.set("when_ready", start_reminders)
                self.cfg.set("on_exit", stop_reminders)

        def load(self):
            return application

    console.print(f"netweave is serving on http://{host}:{port}")
    Server().run()


_consumer = None


def start_reminders(arbiter) -> None:
    """Gunicorn's when_ready hook: the Huey consumer as a thread of the master process, so one scheduler runs
    however many web workers there are (a consumer per worker would send each digest once per worker)."""
    global _consumer
    from netweave.reminders.worker import start_embedded

    _consumer = start_embedded()
    arbiter.log.info("netweave: reminders are scheduled in this process")


def stop_reminders(arbiter) -> None:
    if _consumer is not None:
        _consumer.stop(graceful=True)
