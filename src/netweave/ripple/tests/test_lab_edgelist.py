"""Reading plain edge lists: SNAP's format, networkx's TSV export, and lines that are neither."""

from __future__ import annotations

import pytest

from netweave.ripple.lab.edgelist import BadEdgeList, read_edge_list


def write(tmp_path, text: str, name: str = "edges.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_it_reads_comments_blanks_tabs_and_spaces_and_counts_loops_and_repeats(tmp_path):
    edges = read_edge_list(write(tmp_path, "# a comment\n\n1 2\n2\t3\n3   1\n2 1\n3 3\n  # indented comment\n1 2\n"))
    assert edges.n == 3
    assert edges.labels == ["1", "2", "3"]
    assert edges.lines == 6
    assert edges.self_loops == 1  # 3 3
    assert edges.duplicates == 2  # "2 1" reverses "1 2", and "1 2" comes again
    low, high = edges.unique_edges()
    assert sorted(zip(low.tolist(), high.tolist())) == [(0, 1), (0, 2), (1, 2)]
    assert edges.weight is None


def test_any_token_is_a_node_label(tmp_path):
    edges = read_edge_list(write(tmp_path, "alice bob\nbob carol-smith\n"))
    assert edges.labels == ["alice", "bob", "carol-smith"]
    assert edges.index["carol-smith"] == 2


def test_a_third_field_is_a_weight_or_networkx_attributes(tmp_path):
    numbers = read_edge_list(write(tmp_path, "a b 0.5\nb c 2\n"))
    assert numbers.weight.tolist() == [0.5, 2.0]
    exported = read_edge_list(write(tmp_path, 'a\tb\t{"weight": 4}\nb\tc\t{}\n', "nx.tsv"))
    assert exported.weight.tolist() == [4.0, 1.0]  # an edge without a weight weighs 1
    written = read_edge_list(write(tmp_path, "0 1 {'weight': 3, 'kind': 'friend'}\n1 2 {}\n", "nx.txt"))
    assert written.weight.tolist() == [3.0, 1.0]  # networkx.write_edgelist's own layout


@pytest.mark.parametrize(("text", "line", "why"), [
    ("1 2\n3\n", 2, "expected two node labels, found one"),
    ("1 2\n\n# note\n1 2 3 4\n", 4, "found 4 fields"),
    ("1 2\n2 3 heavy\n", 2, "expected 'a b' or 'a b weight', found more fields"),
    ("1\t2\t{not json}\n", 1, "neither a weight nor a JSON object"),
    ("1 2 nan\n", 1, "not a finite number"),
])
def test_a_malformed_line_is_named_with_its_number_and_text(tmp_path, text, line, why):
    with pytest.raises(BadEdgeList) as caught:
        read_edge_list(write(tmp_path, text))
    assert caught.value.line_no == line
    assert why in str(caught.value)
    assert str(caught.value).startswith(f"line {line}: ")
    assert caught.value.text == text.splitlines()[line - 1].strip()


def test_a_first_line_counting_the_rest_is_skipped_only_when_both_counts_match(tmp_path):
    counted = read_edge_list(write(tmp_path, "3 2\n10 11\n11 12\n"))  # 3 nodes and 2 lines follow
    assert counted.header == "3 2"
    assert counted.labels == ["10", "11", "12"]
    plain = read_edge_list(write(tmp_path, "3 3\n10 11\n11 12\n"))  # not the counts: an edge like any other
    assert plain.header is None
    assert plain.labels == ["3", "10", "11", "12"]


def test_it_reads_ca_grqc_as_snap_describes_it(realdata):
    edges = read_edge_list(realdata / "graphs" / "snap" / "CA-GrQc.txt")
    assert edges.header is not None  # this copy starts with "5242<TAB>28980" in place of SNAP's comments
    assert edges.n == 5242
    # SNAP lists 14,496 edges: 14,484 between two people and 12 self-loops, each line given both ways.
    assert len(edges.unique_edges()[0]) == 14484
    assert edges.self_loops == 12
    assert edges.lines == 28980


def test_it_reads_the_networkx_karate_club_export(realdata):
    edges = read_edge_list(realdata / "graphs" / "networkx" / "karate_club.edgelist.tsv")
    assert (edges.n, edges.lines) == (34, 78)
    assert edges.weight[:2].tolist() == [4.0, 5.0]
