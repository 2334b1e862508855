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
    from netweave.coach import cli as coach_cli
    from netweave.core import cli as core_cli
    from netweave.demo import cli as demo_cli
    from netweave.events import cli as events_cli
    from netweave.exchange import cli as exchange_cli
    from netweave.givefirst import cli as givefirst_cli
    from netweave.importers import cli as importers_cli
    from netweave.interactions import cli as interactions_cli
    from netweave.mentorship import cli as mentorship_cli
    from netweave.nurture import cli as nurture_cli
    from netweave.nurture import cli_celebrations as celebrations_cli
    from netweave.nurture import cli_lab as lab_cli
    from netweave.opportunities import cli as opportunities_cli
    from netweave.people import cli as people_cli
    from netweave.reminders import cli as reminders_cli
    from netweave.ripple import cli as ripple_cli
    from netweave.ripple import cli_bench, cli_linkpred
    from netweave.steps import cli as steps_cli

    for module in (core_cli, accounts_cli, people_cli, interactions_cli, nurture_cli, celebrations_cli, lab_cli,
                   givefirst_cli, importers_cli, reminders_cli, exchange_cli, demo_cli, ripple_cli, coach_cli,
                   events_cli, steps_cli, mentorship_cli, opportunities_cli):
        module.register(app)
    # The graph's measures join `netweave lab` beside the strength model's.
    cli_linkpred.register(lab_cli.lab)
    cli_bench.register(lab_cli.lab)


_mount()


def main() -> None:
    app()
