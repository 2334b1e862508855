"""Reading a plain undirected edge list: SNAP's `a b` per line, or networkx's `a b {attributes}` export.

Fields are split on tabs when a line has any, else on runs of whitespace, so a networkx TSV whose third
column is a JSON object reads as it was written. Any token is a node label; nodes are numbered in order of
first appearance. A third field must be a number (a weight) or an attribute object; anything else, one
field alone, or more fields than that is a malformed line. A first line that only counts the nodes and lines
after it is skipped (see `_is_count_header`).
"""

from __future__ import annotations

import ast
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np


class BadEdgeList(Exception):
    """A line of an edge list that is not `a b`, `a b weight` or `a b {attributes}`."""

    def __init__(self, line_no: int, text: str, why: str):
        super().__init__(f"line {line_no}: {why}: {text[:80]!r}")
        self.line_no = line_no
        self.text = text
        self.why = why


@dataclass
class EdgeList:
    """Edges as read, in file order: self-loops and repeats included (`unique_edges` drops them)."""

    n: int
    src: np.ndarray  # int32 node numbers
    dst: np.ndarray
    labels: list[str]
    weight: np.ndarray | None = None  # float64 per edge when the file gave weights, else None
    lines: int = 0  # edge lines read (not comments or blanks)
    index: dict[str, int] = field(default_factory=dict, repr=False)  # label -> node number
    header: str | None = None  # a first line of counts ("5242 28980") that was skipped, see _is_count_header

    @property
    def self_loops(self) -> int:
        return int(np.count_nonzero(self.src == self.dst))

    def unique_edges(self) -> tuple[np.ndarray, np.ndarray]:
        """Each undirected edge once as (low, high) node numbers, sorted; self-loops dropped."""
        lo = np.minimum(self.src, self.dst).astype(np.int64)
        hi = np.maximum(self.src, self.dst).astype(np.int64)
        keep = lo != hi
        keys = np.unique(lo[keep] * self.n + hi[keep])
        return (keys // self.n).astype(np.int32), (keys % self.n).astype(np.int32)

    @property
    def duplicates(self) -> int:
        """Lines repeating an edge already read, in either direction."""
        return len(self.src) - self.self_loops - len(self.unique_edges()[0])


def _split(text: str) -> list[str]:
    if "\t" in text:
        return [part.strip() for part in text.split("\t")]
    fields = text.split()
    if len(fields) > 3 and fields[2].startswith("{"):
        return text.split(None, 2)  # an attribute object, spaces and all
    return fields


def _weight(extra: str, line_no: int, text: str) -> float | None:
    """The weight a third field gives, or None for an attribute object without one."""
    if extra.startswith("{"):
        try:
            attrs = json.loads(extra)
        except ValueError:
            try:  # networkx's write_edgelist writes a Python dict: {'weight': 4}
                attrs = ast.literal_eval(extra)
            except (ValueError, SyntaxError, TypeError, RecursionError):
                raise BadEdgeList(line_no, text, "the third field is neither a weight nor a JSON object") from None
        value = attrs.get("weight") if isinstance(attrs, dict) else None
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None
    try:
        value = float(extra)
    except ValueError:
        raise BadEdgeList(line_no, text, "expected 'a b' or 'a b weight', found more fields") from None
    if not np.isfinite(value):
        raise BadEdgeList(line_no, text, "the weight is not a finite number")
    return value


def read_edge_list(path: str | Path) -> EdgeList:
    """Every edge line of the file; a malformed line raises BadEdgeList naming it."""
    rows: list[tuple[str, str]] = []
    weights: list[float] = []
    weighted = False
    first: tuple[int, str] | None = None
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            text = line.strip()
            if not text or text.startswith("#"):
                continue
            fields = _split(text)
            if len(fields) < 2 or not fields[0] or not fields[1]:
                raise BadEdgeList(line_no, text, "expected two node labels, found one")
            if len(fields) > 3:
                raise BadEdgeList(line_no, text, f"expected 'a b' or 'a b weight', found {len(fields)} fields")
            weight = _weight(fields[2], line_no, text) if len(fields) == 3 and fields[2] else None
            weighted = weighted or weight is not None
            weights.append(1.0 if weight is None else weight)
            rows.append((fields[0], fields[1]))
            first = first or (line_no, text)
    header = _is_count_header(rows)
    if header:
        rows, weights = rows[1:], weights[1:]
    index: dict[str, int] = {}
    ends = np.empty((len(rows), 2), dtype=np.int32)
    for row, pair in enumerate(rows):
        for side, label in enumerate(pair):
            ends[row, side] = index.setdefault(label, len(index))
    return EdgeList(n=len(index), src=ends[:, 0].copy(), dst=ends[:, 1].copy(), labels=list(index),
                    weight=np.asarray(weights) if weighted else None, lines=len(rows), index=index,
                    header=first[1] if header and first else None)


def _is_count_header(rows: list[tuple[str, str]]) -> bool:
    """Does the first line give the counts of the rest, "nodes lines", as some copies of SNAP files do?

    Read as an edge it would join two made-up nodes, so it is dropped only when both counts match exactly."""
    if not rows or not (rows[0][0].isdigit() and rows[0][1].isdigit()):
        return False
    nodes, lines = int(rows[0][0]), int(rows[0][1])
    if lines != len(rows) - 1:
        return False
    return len({label for pair in rows[1:] for label in pair}) == nodes
