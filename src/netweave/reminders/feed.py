"""The private calendar feed: check-ins due, birthdays and follow-ups as all-day events (RFC 5545).

Every event's UID is built from what it is about (a person, a birthday's year, a follow-up's key), never from
when the feed was read, so a calendar that polls it updates events in place instead of piling up copies.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from icalendar import Calendar, Event

from netweave.core import clock
from netweave.nurture.today import due_list, local_today
from netweave.people.models import Person
from netweave.reminders import extras

BIRTHDAY_DAYS = 60  # birthdays this far ahead; a year of them for 30,000 people would be a heavy feed
UID_DOMAIN = "netweave"


def _event(uid: str, day: date, summary: str, description: str = "") -> Event:
    event = Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", clock.now())
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
    return event


def birthdays(owner, today: date, days: int = BIRTHDAY_DAYS) -> list[tuple[Person, date]]:
    people = (Person.objects.filter(owner=owner, archived=False, birthday_month__isnull=False,
                                    birthday_day__isnull=False)
              .only("id", "display_name", "birthday_year", "birthday_month", "birthday_day"))
    end = today + timedelta(days=days)
    found = [(p, p.next_birthday(today)) for p in people]
    return sorted(((p, d) for p, d in found if d and d <= end), key=lambda pd: (pd[1], pd[0].pk))


def calendar_for(owner, today: date | None = None) -> bytes:
    today = today or local_today(owner)
    cal = Calendar()
    cal.add("prodid", "-//netweave//reminders//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "netweave")
    cal.add("x-published-ttl", "PT1H")  # how often a calendar should read it again
    for item in due_list(owner, today=today).items:
        cal.add_component(_event(f"checkin-{item.person_id}", today, f"Reach out to {item.display_name}",
                                 item.reason))
    for person, day in birthdays(owner, today):
        turns = f" (turns {day.year - person.birthday_year})" if person.birthday_year else ""
        cal.add_component(_event(f"birthday-{person.pk}-{day.year}", day,
                                 f"Birthday: {person.display_name}{turns}"))
    for item in extras.followups(owner, today) or []:
        key = hashlib.sha256(item.key.encode()).hexdigest()[:20]  # a UID is text without spaces or @
        cal.add_component(_event(f"followup-{key}", item.day or today,
                                 f"Follow up with {item.display_name}", item.text))
    return cal.to_ical()
