"""parse_id: the one reading of a row id that every surface shares."""

from __future__ import annotations

import pytest

from netweave.core.ids import parse_id


@pytest.mark.parametrize(("value", "expected"), [(7, 7), ("7", 7), ("007", 7), (2**63 - 1, 2**63 - 1)])
def test_it_reads_a_positive_int_or_a_string_of_ascii_digits(value, expected):
    assert parse_id(value) == expected


@pytest.mark.parametrize("value", [
    "²", "٣", "", " 7", "7 ", "+7", "-7", "7.0", "0x1f", 0, -3, "0", 2**63, str(2**63), True, False, None, 7.0, [7],
])
def test_it_refuses_anything_that_cannot_name_a_row(value):
    assert parse_id(value) is None
