"""Learnings and mentoring session notes as sources of search everywhere (see netweave.search.sources).

Imported by the app's ready(), so the declarations are in place before any search or migration reads them;
the index tables and their triggers come from this app's migration (`install_operation`).
"""

from __future__ import annotations

from django.urls import reverse

from netweave.search.sources import Source, register

LEARNING_KIND = "learning"
SESSION_KIND = "mentor_session"


def _day(day) -> str:
    return f"{day.day} {day:%b %Y}" if day else ""


def _learning_line(row: dict) -> str:
    parts = [f"from {row['person__display_name']}" if row.get("person__display_name") else "",
             row.get("topic") or "", _day(row.get("day"))]
    return " · ".join(p for p in parts if p)


def _session_people(ids: list[int]) -> dict[int, list[int]]:
    from netweave.mentorship.models import MentorshipSession

    return {sid: [pid] for sid, pid in
            MentorshipSession.objects.filter(pk__in=ids).values_list("id", "mentorship__person_id")}


def _session_url(row: dict) -> str:
    return reverse("mentorship:detail", args=[row["mentorship_id"]]) + f"#session-{row['id']}"


def _session_line(row: dict) -> str:
    return " · ".join(p for p in (f"session with {row['mentorship__person__display_name']}",
                                  _day(row.get("day"))) if p)


LEARNING = register(Source(
    kind=LEARNING_KIND, label="Learnings", model="mentorship.Learning",
    title=("text",), keys=("topic",), persons="person_id", url="mentorship:learning", small=True,
    extra=("day", "person__display_name"), describe=_learning_line,
))
SESSION = register(Source(
    kind=SESSION_KIND, label="Mentoring sessions", model="mentorship.MentorshipSession",
    title=("notes",), body=("next_steps",), persons=_session_people, url=_session_url, small=True,
    extra=("day", "mentorship_id", "mentorship__person__display_name"), describe=_session_line,
))
