"""`netweave lab bench-paths` on a network small enough to run in a test (its figures are not asserted)."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from netweave.ripple.cli_bench import register


@pytest.fixture
def cli():
    lab = typer.Typer()
    register(lab)
    app = typer.Typer()
    app.add_typer(lab, name="lab")
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


SMALL = ("lab", "bench-paths", "--nodes", "400", "--edges", "2000", "--seed", "3", "--queries", "8", "--builds", "1")


def test_the_command_prints_every_figure_as_json_and_networkx_agrees(cli):
    done = cli(*SMALL, "--compare-networkx", "--compare-queries", "6", "--json")
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert (result["nodes"], result["edges"], result["seed"], result["k"]) == (400, 2000, 3, 3)
    build = result["build"]
    assert build["snapshot_bytes"] == 401 * 8 + 2 * 2000 * (4 + 4) + 400 * 8  # and the degrees
    assert build["median_s"] >= 0 and build["peak_rss_growth_mb"] >= 0 and "peak_rss_method" in build
    for name in ("paths_to_person", "paths_to_organisation", "two_hop"):
        assert result["latency"][name]["count"] == 8
        assert result["latency"][name]["p95_ms"] >= result["latency"][name]["p50_ms"]
        agreement = result["networkx"]["agreement"][name]
        assert agreement["compared"] == (8 if name == "two_hop" else 6)  # every two-hop question: they are cheap
        assert agreement["same_best_score"] == agreement["same_all_scores"] == agreement["compared"]
    assert result["latency"]["paths_to_person"]["answered"] == 8  # each target was drawn 2-4 hops away
    assert result["graph"]["degree"]["mean"] == 10.0
    assert result["targets"]["at_target_size"] is False
    assert set(result["targets"]) >= {"build_s", "paths_to_person_p95_ms", "two_hop_p95_ms", "speedup_two_hop"}


def test_the_command_prints_a_table_without_json(cli):
    done = cli(*SMALL)
    assert done.exit_code == 0, done.output
    assert "snapshot build: median" in done.stdout and "paths to a person" in done.stdout
    assert "targets are set for 1,000,000 people" in " ".join(done.stdout.split())


def test_the_command_refuses_impossible_sizes_with_status_2(cli):
    done = cli("lab", "bench-paths", "--nodes", "10", "--edges", "100")
    assert done.exit_code == 2
    assert "do not fit" in done.output
    done = cli(*SMALL, "--compare-nodes", "100")
    assert done.exit_code == 2
    assert "together" in done.output
