"""A short, warm message to congratulate someone, in plain words, drawing only on what we have noted together:
how we met, how long we have known each other, the last thing we talked about. Nothing is made up: a part we
know nothing about is left out, so a person with no history still gets a sensible, shorter message."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

A_WHILE_DAYS = 60  # past this, the last catch-up was "a while" ago


@dataclass
class History:
    """What we share with one person, as far as netweave knows it."""

    first_name: str
    met_how: str = ""
    first_contact: date | None = None
    last_summary: str = ""
    last_at: datetime | None = None


def first_name(given_name: str, nickname: str, display_name: str) -> str:
    return (nickname or given_name or display_name.split(" ")[0] or display_name).strip()


def opening(kind: str, name: str, *, org: str = "", title: str = "", years: int | None = None,
            milestone_kind: str = "") -> str:
    """The congratulation itself, for one kind of celebration."""
    if kind == "birthday":
        return f"Happy birthday, {name}! I hope it's a great day."
    if kind == "anniversary":
        years_text = f"{years} year{'s' if years != 1 else ''}"
        return f"Congratulations on {years_text} at {org}, {name}!"
    if kind == "new_job":
        role = f"as {title} at {org}" if title else f"at {org}"
        return f"Congratulations on the new job {role}, {name}!"
    if kind == "promotion":
        return f"Congratulations on becoming {title}, {name}!" if title else f"Congratulations on the promotion, {name}!"
    return {
        "launch": f"Congratulations on the launch, {name}!",
        "award": f"Congratulations on the award, {name}!",
        "move": f"I hear you've moved, {name}: I hope the new place already feels like home.",
        "new_child": f"Congratulations on the new baby, {name}!",
        "new_job": f"Congratulations on the new job, {name}!",
        "promotion": f"Congratulations on the promotion, {name}!",
    }.get(milestone_kind, f"Congratulations, {name}!")


def shared(history: History, today: date) -> str:
    """A sentence or two about our history, or "" when we have none noted."""
    parts = []
    years = _whole_years(history.first_contact, today) if history.first_contact else 0
    met = history.met_how.strip().rstrip(".")
    if met:
        met = met[0].lower() + met[1:]
    if years >= 1 and met:
        parts.append(f"It's been {_years(years)} since we met ({met}).")
    elif years >= 1:
        parts.append(f"Hard to believe we've known each other for {_years(years)}.")
    elif met:
        parts.append(f"I still think of how we met ({met}).")
    if history.last_summary and history.last_at:
        when = f"{history.last_at:%B %Y}"
        if (today - history.last_at.date()).days > A_WHILE_DAYS:
            parts.append(f'It\'s been a while since our last catch-up in {when} ("{history.last_summary}"): '
                         "I'd love to hear how things are going.")
        else:
            parts.append(f'Good to have caught up in {when} ("{history.last_summary}").')
    return " ".join(parts)


def draft(opening_line: str, history: History, today: date) -> str:
    """The whole message: the congratulation, what we share, and an invitation."""
    middle = shared(history, today)
    closing = "Let's catch up soon." if middle else "Hope all is well, and let's catch up soon."
    return " ".join(p for p in (opening_line, middle, closing) if p)


def _whole_years(since: date, today: date) -> int:
    return today.year - since.year - ((today.month, today.day) < (since.month, since.day))


def _years(n: int) -> str:
    return "a year" if n == 1 else f"{n} years"
