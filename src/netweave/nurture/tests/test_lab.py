"""The lab: reading a SNAP temporal file, the AUCs on a log small enough to check by hand, and the command."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from netweave.nurture.cli_lab import register
from netweave.nurture.lab import DAY, EventsError, Ties, auc, evaluate, read_events
from netweave.nurture.strength import Model

# Node 0's contacts before day 100, then who it is in touch with in the ten days after:
#   partner 1: days 10, 20, 30   (3 contacts, last 70 days before the cut-off)   contacted again: yes
#   partner 2: day 95            (1 contact,  last  5 days before)               no
#   partner 3: days 50, 60       (2 contacts, last 40 days before)               no
#   partner 4: day 90            (1 contact,  last 10 days before)               yes
# Positives {1, 4}, negatives {2, 3}: four (positive, negative) pairs.
#   recency   1:30 2:95 3:60 4:90  -> only 4 beats 3                      AUC 1/4 = 0.25
#   frequency 1:3  2:1  3:2  4:1   -> 1 beats 2 and 3, 4 ties 2 (half)    AUC 2.5/4 = 0.625
TINY = """# a hand-made log: source target unix_seconds
0 1 {d10}
1 0 {d20}
0 1 {d30}
3 0 {d50}

0 3 {d60}
0 4 {d90}
2 0 {d95}
0 1 {d103}
4 0 {d105}
0 1 {d120}
"""


def tiny(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(TINY.format(**{f"d{d}": d * 86400 for d in (10, 20, 30, 50, 60, 90, 95, 103, 105, 120)}))
    return path


def test_the_tiny_log_gives_the_aucs_worked_out_by_hand(tmp_path):
    events = read_events(tiny(tmp_path))
    assert len(events) == 10
    result = evaluate(events, horizon_days=10, min_history=5, at=[100 * 86400])
    assert result["evaluated"] == {"nodes": 1, "node_cutoffs": 1}  # partners 1-4 know only node 0: no negatives
    assert result["auc"]["recency"] == 0.25
    assert result["auc"]["frequency"] == 0.625


def test_the_strength_ranking_is_the_apps_model_and_follows_its_parts(tmp_path):
    events = read_events(tiny(tmp_path))
    recency_only = Model(recency_share=1.0, depth_weight=0, balance_weight=0, known_weight=0)
    # With an endless half-life, frequency is the plain count: the frequency baseline's ranking.
    count_only = Model(half_life_days=float("inf"), recency_share=0.0, depth_weight=0, balance_weight=0, known_weight=0)
    assert evaluate(events, horizon_days=10, at=[100 * 86400], model=recency_only)["auc"]["strength"] == 0.25
    assert evaluate(events, horizon_days=10, at=[100 * 86400], model=count_only)["auc"]["strength"] == 0.625


def test_nodes_with_too_little_history_are_not_evaluated(tmp_path):
    result = evaluate(read_events(tiny(tmp_path)), horizon_days=10, min_history=8, at=[100 * 86400])
    assert result["evaluated"] == {"nodes": 0, "node_cutoffs": 0}
    assert result["auc"] == {"strength": None, "recency": None, "frequency": None}


def test_auc_counts_ties_as_half_and_perfect_rankings_as_one():
    assert auc([3, 2, 1], [True, False, False]) == 1.0
    assert auc([1, 2, 3], [True, False, False]) == 0.0
    assert auc([1, 1], [True, False]) == 0.5


def test_cut_offs_are_quantiles_that_leave_a_horizon_after_them():
    events = [(0, 1, day * DAY) for day in range(100)]
    cuts = Ties(events).cutoffs(3, horizon=20 * 86400)
    assert cuts == [20 * 86400, 40 * 86400, 60 * 86400]
    assert Ties(events).cutoffs(3, horizon=200 * 86400) == []


def test_lines_with_the_same_source_and_second_are_one_contact_with_several_participants():
    ties = Ties([(0, 1, 500), (0, 2, 500), (0, 3, 500), (1, 0, 900)])
    assert ties.count == 2
    assert ties.contacts[0][2] == [(500 / DAY, "message", 3, "me")]
    assert ties.contacts[1][0] == [(500 / DAY, "message", 3, "them"), (900 / DAY, "message", 1, "me")]


def test_a_malformed_line_is_named_by_its_number(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("# header\n0 1 100\n\n0 2 yesterday\n")
    with pytest.raises(EventsError) as caught:
        read_events(path)
    assert caught.value.line == 4 and "line 4" in str(caught.value)
    path.write_text("0 1 100 7\n")
    with pytest.raises(EventsError, match="line 1: expected 'source target unix_seconds', found 4 fields"):
        read_events(path)


@pytest.fixture
def cli():
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def test_the_command_prints_the_figures_as_json(cli, tmp_path):
    done = cli("lab", "strength", str(tiny(tmp_path)), "--horizon-days", "10", "--cutoffs", "3", "--min-history",
               "2", "--half-life-days", "30", "--json")
    assert done.exit_code == 0, done.output
    result = json.loads(done.stdout)
    assert set(result["auc"]) == {"strength", "recency", "frequency"}
    assert result["half_life_days"] == 30 and result["horizon_days"] == 10 and result["events"] == 10
    assert result["cutoffs"] == 3 and len(result["per_cutoff"]) == 3


def test_the_command_prints_a_table_without_json(cli, tmp_path):
    done = cli("lab", "strength", str(tiny(tmp_path)), "--horizon-days", "10", "--min-history", "2")
    assert done.exit_code == 0, done.output
    assert "mean ROC AUC, strength" in done.stdout and "recency" in done.stdout


def test_the_command_names_a_malformed_line_and_exits_with_1(cli, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("0 1 100\n0 1\n")
    done = cli("lab", "strength", str(path), "--json")
    assert done.exit_code == 1
    assert "bad.txt: line 2: expected" in " ".join(done.output.split())


def test_the_command_exits_with_2_for_a_missing_file(cli, tmp_path):
    done = cli("lab", "strength", str(tmp_path / "nowhere.txt"))
    assert done.exit_code == 2
    assert "nowhere.txt: no such file" in " ".join(done.output.split())  # rich wraps long lines
