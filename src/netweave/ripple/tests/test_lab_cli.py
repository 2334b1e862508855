"""`netweave lab linkpred`: its JSON, its table, and its answers to bad input."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from netweave.ripple.cli_linkpred import register

# Two squares sharing a side, plus a tail: enough pairs with people in common to predict.
EDGES = """# a small test graph
1 2
2 3
3 4
4 1
3 5
5 6
6 4
6 7
7 8
8 6
2 1
"""


@pytest.fixture
def cli():
    root, lab = typer.Typer(), typer.Typer()
    register(lab)
    root.add_typer(lab, name="lab")
    runner = CliRunner()
    return lambda *args: runner.invoke(root, ["lab", "linkpred", *args])


def edges_file(tmp_path, text=EDGES):
    path = tmp_path / "edges.txt"
    path.write_text(text)
    return path


def test_it_prints_the_input_the_split_and_every_predictor_as_json(cli, tmp_path):
    done = cli(str(edges_file(tmp_path)), "--seed", "3", "--holdout", "0.2", "--json")
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert result["input"]["nodes"] == 8 and result["input"]["edges"] == 10 and result["input"]["duplicates"] == 1
    assert result["split"]["hidden"] == 2 and result["split"]["seed"] == 3
    assert len(result["predictors"]) == 8
    precisions = [p["precision"] for p in result["predictors"]]
    assert precisions == sorted(precisions, reverse=True)
    again = json.loads(cli(str(edges_file(tmp_path)), "--seed", "3", "--holdout", "0.2", "--json").stdout)
    assert [p["hits"] for p in again["predictors"]] == [p["hits"] for p in result["predictors"]]


def test_it_can_measure_only_the_predictors_named(cli, tmp_path):
    done = cli(str(edges_file(tmp_path)), "--predictors", "jaccard, adamic_adar", "--json")
    assert {p["name"] for p in json.loads(done.stdout)["predictors"]} == {"jaccard", "adamic_adar"}


def test_the_table_names_each_predictor(cli, tmp_path):
    done = cli(str(edges_file(tmp_path)), "--predictors", "common_neighbours,preferential_attachment")
    assert done.exit_code == 0, done.output
    assert "common_neighbours" in done.output and "preferential_attachment" in done.output
    assert "8 nodes, 10 edges" in done.output


def test_a_malformed_line_is_reported_with_its_number(cli, tmp_path):
    done = cli(str(edges_file(tmp_path, "1 2\n2 3\n3\n")))
    assert done.exit_code == 1
    assert "edges.txt: line 3: expected two node labels" in " ".join(done.output.split())


def test_bad_options_and_missing_files_exit_with_status_2(cli, tmp_path):
    assert cli(str(tmp_path / "nowhere.txt")).exit_code == 2
    unknown = cli(str(edges_file(tmp_path)), "--predictors", "astrology")
    assert unknown.exit_code == 2 and "unknown predictor astrology" in unknown.output
    assert cli(str(edges_file(tmp_path)), "--holdout", "1.5").exit_code == 2


def test_a_graph_with_one_edge_has_nothing_to_hide(cli, tmp_path):
    done = cli(str(edges_file(tmp_path, "1 2\n")))
    assert done.exit_code == 1
    assert "at least two distinct edges" in done.output
