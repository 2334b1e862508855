"""Drafted messages for each step of an introduction: asking A, asking B, the introduction itself to both, and
the follow-up asking how it went.

Each step has one plain-text template with named slots, which the user can replace with their own words. The
slots are filled from both people's context: name, organisation and title, how I know them, what they are
looking for or can offer, and the reason. A slot with nothing known is left out with its line, so a person
we know little about still gets a short, sensible draft. Every draft says that no is a fine answer: that is
the point of asking first.
"""

from __future__ import annotations

import logging
import string
from dataclasses import dataclass

from django.db import transaction

from netweave.core.errors import Invalid
from netweave.givefirst.ledger import first_name
from netweave.givefirst.models import Introduction, IntroTemplate
from netweave.people.models import Person

log = logging.getLogger(__name__)
STEPS = ("ask_a", "ask_b", "make", "follow_up")
# Every slot a template may use (what `context` fills).
SLOTS = ("a_first", "a_full", "a_about", "a_role", "a_knowing", "a_needs",
         "b_first", "b_full", "b_about", "b_role", "b_knowing", "b_needs",
         "reason", "me", "to_first", "other_first", "other_full")
MAX_TEMPLATE = 5000
STEP_FOR_STATE = {"asked_a": "ask_a", "asked_b": "ask_b", "made": "make", "concluded": "follow_up"}
NEEDS_SHOWN = 2  # asks and offers named per person: more reads like a list, not a message

TEMPLATES = {
    "ask_a": """Hi {a_first},

I'd like to introduce you to {b_about}.
{b_knowing}
{b_needs}

Why I think you two should meet: {reason}

Would you like me to introduce you? Saying no is completely fine: just tell me, and I won't mention it \
to {b_first}.

Best,
{me}""",
    "ask_b": """Hi {b_first},

I'd like to introduce you to {a_about}, who would be glad to meet you.
{a_knowing}
{a_needs}

Why I think you two should meet: {reason}

Would that be welcome? If the timing isn't right or you'd rather not, saying no is completely fine.

Best,
{me}""",
    "make": """Subject: {a_first}, meet {b_first}

Hi {a_first} and {b_first},

Thank you both for saying yes. Here is the introduction I promised.

{a_first}, meet {b_about}.
{b_needs}

{b_first}, meet {a_about}.
{a_needs}

Why I think you should talk: {reason}

I'll leave it to you two to take it from here. And no pressure: if it doesn't go anywhere, that's \
completely fine.

Best,
{me}""",
    "follow_up": """Hi {to_first},

A couple of weeks ago I introduced you to {other_full}. Did you get a chance to talk? I'd love to hear how \
it went. If it wasn't a fit, that's completely fine too; no need to explain.

Best,
{me}""",
}


@dataclass
class Side:
    """What I know of one person in an introduction."""

    first: str
    full: str
    role: str  # "CTO at Acme", "at Acme", "CTO" or ""
    met_how: str
    strength: int | None
    asks: list[str]
    offers: list[str]

    @property
    def about(self) -> str:
        return f"{self.full} ({self.role})" if self.role else self.full

    def knowing(self) -> str:
        """How I know them: how we met, and how close we are when the strength is known."""
        parts = []
        met = self.met_how.strip().rstrip(".")
        if met:
            parts.append(f"How I know {self.first}: {met}.")
        if self.strength is not None:
            parts.append(closeness(self.first, self.strength))
        return " ".join(parts)

    def needs(self) -> str:
        parts = []
        if self.asks:
            parts.append(f"{self.first} is looking for {listing(self.asks[:NEEDS_SHOWN])}.")
        if self.offers:
            parts.append(f"{self.first} can help with {listing(self.offers[:NEEDS_SHOWN])}.")
        return " ".join(parts)


def closeness(first: str, score: int) -> str:
    if score >= 70:
        return f"{first} and I are close."
    if score >= 40:
        return f"{first} and I keep in touch."
    if score >= 15:
        return f"{first} and I are in touch now and then."
    return f"I don't know {first} very well yet."


ASK_PHRASES = {"advice": "advice on {}", "introduction": "an introduction to {}"}


def wanted(kind: str, topic: str) -> str:
    """An ask as the object of "is looking for": "advice on pricing", or the topic as written."""
    phrase = ASK_PHRASES.get(kind)
    if phrase is None or topic.lower().startswith(phrase.split("{")[0].strip().lower()):
        return topic
    return phrase.format(topic)


def listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def role(person: Person) -> str:
    org = person.current_organisation.name if person.current_organisation_id else ""
    title = person.current_title.strip()
    if title and org:
        return f"{title} at {org}"
    return title or (f"at {org}" if org else "")


def sides(intro: Introduction) -> tuple[Side, Side]:
    """Both people's context, in four small queries."""
    from netweave.givefirst.services import open_asks, open_offers
    from netweave.nurture.models import Strength
    from netweave.nurture.today import local_today

    ids = [intro.person_a_id, intro.person_b_id]
    people = Person.objects.filter(owner_id=intro.owner_id, pk__in=ids).select_related("current_organisation")
    people = {p.pk: p for p in people}
    strengths = dict(Strength.objects.filter(person_id__in=ids).values_list("person_id", "score"))
    today = local_today(intro.owner)
    needs = {pid: ([], []) for pid in ids}
    for slot, rows in enumerate((open_asks(intro.owner, today), open_offers(intro.owner, today))):
        rows = rows.filter(person_id__in=ids).order_by("-created_at", "-id")
        for pk, pid, kind, topic in rows.values_list("pk", "person_id", "kind", "topic"):
            if slot == 0 and pk == intro.ask_id:
                needs[pid][0].insert(0, wanted(kind, topic))  # the ask this introduction serves comes first
            else:
                needs[pid][slot].append(wanted(kind, topic) if slot == 0 else topic)
    out = []
    for pid in ids:
        person = people[pid]
        out.append(Side(first_name(person), person.display_name, role(person), person.met_how,
                        strengths.get(pid), *needs[pid]))
    return out[0], out[1]


def sign_off(owner) -> str:
    return (owner.first_name or owner.get_username()).strip()


def context(intro: Introduction, *, to: str = "a") -> dict[str, str]:
    """Every slot a template may use."""
    a, b = sides(intro)
    reason = intro.reason.strip()
    if reason and reason[-1] not in ".!?":
        reason += "."
    to_side, other = (a, b) if to == "a" else (b, a)
    slots = {"reason": reason, "me": sign_off(intro.owner), "to_first": to_side.first,
             "other_first": other.first, "other_full": other.full}
    for key, side in (("a", a), ("b", b)):
        slots.update({f"{key}_first": side.first, f"{key}_full": side.full, f"{key}_about": side.about,
                      f"{key}_role": side.role, f"{key}_knowing": side.knowing(), f"{key}_needs": side.needs()})
    return slots


def fill(template: str, slots: dict[str, str]) -> str:
    """The template with its slots filled; a line that is only an empty slot is dropped."""
    fields = [(name, spec, conversion) for line in template.splitlines()
              for _, name, spec, conversion in string.Formatter().parse(line) if name]
    unknown = sorted({name for name, _, _ in fields if name not in slots})
    if unknown:
        raise Invalid({"template": f"unknown slot {{{unknown[0]}}}; use any of "
                                   + ", ".join(f"{{{s}}}" for s in sorted(slots))})
    shaped = next((name for name, spec, conversion in fields if spec or conversion), None)
    if shaped:  # "{me:>999999999}" would build a huge string: a slot is only ever filled as it is
        raise Invalid({"template": f"write the slot as {{{shaped}}}, with nothing after its name"})
    lines = []
    for line in template.splitlines():
        text = line.format_map(slots).rstrip()
        if not text and line.strip():
            continue  # a line of slots with nothing known
        lines.append(text)
    return "\n".join(lines).strip() + "\n"


def draft(intro: Introduction, step: str, *, template: str | None = None, to: str = "a") -> str:
    """The message for a step ("ask_a", "ask_b", "make", "follow_up"), from `template` when given, else the
    owner's own saved template for the step, else the default. A follow-up goes to A unless `to` is "b"."""
    if step not in TEMPLATES:
        raise Invalid({"step": f"must be one of {', '.join(STEPS)}"})
    if to not in ("a", "b"):
        raise Invalid({"to": "must be a or b"})
    slots = context(intro, to=to)
    if template is None:
        own = IntroTemplate.objects.filter(owner_id=intro.owner_id, step=step).values_list("text", flat=True).first()
        if own is not None:
            try:
                return _fill_checked(own, slots)
            except Invalid:  # checked when saved; only a slot dropped by a later version can fail it
                log.warning("givefirst: user %s's template for %s no longer fills; using the default",
                            intro.owner_id, step)
        template = TEMPLATES[step]
    return _fill_checked(template, slots)


def _fill_checked(template: str, slots: dict[str, str]) -> str:
    try:
        return fill(template, slots)
    except Invalid:
        raise
    except (ValueError, IndexError) as exc:  # a stray brace or a positional slot in the user's own template
        raise Invalid({"template": f"cannot be filled: {exc}"}) from exc


# ---- my own templates: every change to them ------------------------------------------------------------

def _check_step(step: str) -> None:
    if step not in STEPS:
        raise Invalid({"step": f"must be one of {', '.join(STEPS)}"})


def check_template(text) -> str:
    """The text cleaned (NULs out, blank lines round it trimmed), or Invalid (field "text") when it is empty,
    too long, or has a slot that does not exist or cannot be filled. Checked as `draft` fills it."""
    if not isinstance(text, str):
        raise Invalid({"text": "must be text"})
    text = text.replace("\x00", "").replace("\r\n", "\n").strip()
    if not text:
        raise Invalid({"text": "write the message, or go back to the default"})
    if len(text) > MAX_TEMPLATE:
        raise Invalid({"text": f"is {len(text)} characters long; at most {MAX_TEMPLATE}"})
    try:
        _fill_checked(text, {name: name for name in SLOTS})
    except Invalid as exc:
        raise Invalid({"text": exc.errors["template"]}) from None
    return text


def my_template(owner, step: str) -> dict:
    """One step's template as I see it: {step, label, text, custom, default}; `text` is mine or the default."""
    _check_step(step)
    own = IntroTemplate.objects.filter(owner=owner, step=step).first()
    return _shown(step, own)


def my_templates(owner) -> list[dict]:
    """Every step's template (see `my_template`), in the order of the steps."""
    own = {t.step: t for t in IntroTemplate.objects.filter(owner=owner)}
    return [_shown(step, own.get(step)) for step in STEPS]


def _shown(step: str, own: IntroTemplate | None) -> dict:
    return {"step": step, "label": IntroTemplate.Step(step).label, "text": own.text if own else TEMPLATES[step],
            "custom": own is not None, "default": TEMPLATES[step], "updated_at": own.updated_at if own else None}


@transaction.atomic
def save_template(owner, step: str, text: str) -> IntroTemplate:
    """Keep my own words for a step's drafts; `draft` uses them from now on."""
    _check_step(step)
    text = check_template(text)
    found, _ = IntroTemplate.objects.update_or_create(owner=owner, step=step, defaults={"text": text})
    return found


@transaction.atomic
def reset_template(owner, step: str) -> None:
    """Go back to the default template for a step."""
    _check_step(step)
    IntroTemplate.objects.filter(owner=owner, step=step).delete()
