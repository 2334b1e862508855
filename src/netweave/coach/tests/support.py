"""Helpers of the brief tests."""

from __future__ import annotations


def brief_of(person, **kwargs):
    """The brief of one person, as every surface gathers it."""
    from netweave.coach.brief import gather, person_for_brief

    return gather(person.owner, person_for_brief(person.owner, person.pk), **kwargs)


def assert_well_formed(brief) -> None:
    """Three to five questions, none repeating a source or a text, each saying what it draws on."""
    questions = brief.questions
    assert 3 <= len(questions) <= 5, [q.text for q in questions]
    assert len({q.source for q in questions}) == len(questions)
    assert len({q.text for q in questions}) == len(questions)
    assert all(q.text.strip() and q.draws_on.strip() for q in questions)
