"""Hand-built networks for the weekly plan tests, on the keep-in-touch tests' clock (Tuesday 10 March 2026, noon
UTC: the week runs from Monday 9 to Sunday 15 March)."""

from __future__ import annotations

from datetime import date

import pytest

from netweave.nurture.tests.today_support import clock, person  # noqa: F401  (fixtures)

MONDAY = date(2026, 3, 9)


@pytest.fixture
def birthday(person):  # noqa: F811
    """Ana turns 40 on Friday 13 March; contacted last week, so she is not due for a check-in."""
    return person("Ana Lima", birthday="1986-03-13", circle="close", contacted=5)


@pytest.fixture
def dormant(person):  # noqa: F811
    """Olga was in my close circle, and we have not spoken for four years."""
    return person("Olga Berg", circle="close", added=3000, contacted=1500)


@pytest.fixture
def due(person):  # noqa: F811
    """Three people a little overdue for a check-in (close circle, every month)."""
    return [person(name, circle="close", contacted=days) for name, days in
            (("Bo Chen", 41), ("Cy Diaz", 45), ("Di Evans", 50))]
