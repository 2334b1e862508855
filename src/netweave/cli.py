"""The `netweave` command: a thin Typer root that mounts each app's commands."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="netweave",
    help="A self-hosted networking assistant. Data lives in NETWEAVE_HOME.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _mount() -> None:
    from netweave.accounts import cli as accounts_cli
    from netweave.core import cli as core_cli
    from netweave.demo import cli as demo_cli
    from netweave.exchange import cli as exchange_cli
    from netweave.importers import cli as importers_cli
    from netweave.interactions import cli as interactions_cli
    from netweave.nurture import cli as nurture_cli
    from netweave.nurture import cli_celebrations as celebrations_cli
    from netweave.nurture import cli_lab as lab_cli
    from netweave.people import cli as people_cli
    from netweave.reminders import cli as reminders_cli

    for module in (core_cli, accounts_cli, people_cli, interactions_cli, nurture_cli, celebrations_cli, lab_cli,
                   importers_cli, reminders_cli, exchange_cli, demo_cli):
        module.register(app)


_mount()


def main() -> None:
    app()
