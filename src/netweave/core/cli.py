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
    """Serve the web app and the API with gunicorn (migrating first)."""
    django_ready()
    from gunicorn.app.base import BaseApplication

    from netweave.wsgi import application

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("accesslog", "-")
            self.cfg.set("worker_class", "gthread")

        def load(self):
            return application

    console.print(f"netweave is serving on http://{host}:{port}")
    Server().run()
