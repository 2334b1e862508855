"""The digest: today's list, upcoming celebrations and due follow-ups, as a subject, a text body, an HTML body
and the JSON a webhook receives. Reads only; sending and recording are `services`'."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from django.template.loader import render_to_string

from netweave.nurture.today import due_list, local_today
from netweave.reminders import extras


@dataclass
class Digest:
    day: date
    subject: str
    text: str
    html: str
    data: dict

    @property
    def empty(self) -> bool:
        """Nothing to say: no one due, nothing to celebrate, no follow-up."""
        d = self.data
        return not (d["people"] or d.get("celebrations") or d.get("followups"))

    def mail_payload(self) -> dict:
        return {"subject": self.subject, "text": self.text, "html": self.html}


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def subject_for(people: int, celebrations: int, followups: int) -> str:
    """"netweave: 3 people to reach out to today", with what else there is after a comma."""
    head = f"{_count(people, 'person', 'people')} to reach out to today" if people else "nobody to reach out to today"
    rest = [_count(n, one, many) for n, one, many in ((celebrations, "celebration", "celebrations"),
                                                      (followups, "follow-up", "follow-ups")) if n]
    return "netweave: " + ", ".join([head, *rest])


def _json(extra: extras.Extra) -> dict:
    out = asdict(extra)
    out["day"] = extra.day.isoformat() if extra.day else None
    return out


def build(owner, today: date | None = None) -> Digest:
    today = today or local_today(owner)
    listing = due_list(owner, today=today)
    people = [{"person_id": i.person_id, "display_name": i.display_name, "reason": i.reason,
               "last_summary": i.last_summary, "strength": i.strength} for i in listing.items]
    data: dict = {"day": today.isoformat(), "due_count": listing.due_count, "people": people}
    sections = {"celebrations": extras.celebrations(owner, today), "followups": extras.followups(owner, today)}
    for name, items in sections.items():
        if items is not None:  # an absent module's section is left out, not shown empty
            data[name] = [_json(x) for x in items]
    subject = subject_for(len(people), len(data.get("celebrations", [])), len(data.get("followups", [])))
    context = {"day": today, "people": people, "subject": subject, "more": max(listing.due_count - len(people), 0),
               **sections}
    return Digest(day=today, subject=subject, data=data,
                  text=render_to_string("reminders/digest.txt", context),
                  html=render_to_string("reminders/digest.html", context))
