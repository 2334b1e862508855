"""Thoughtful questions for a brief: a written bank of templates keyed to kinds of context, ranked so the most
specific, recent context wins, never two from the same source, and always three to five.

Each candidate scores its kind's specificity (a job change or a milestone says more than a shared interest)
plus a bonus for recency that halves every two months, so last week's news beats last year's topic. At most two
questions come from one kind of context, so a brief is not three questions about hobbies; opening questions,
which need no context at all, fill a thin brief up to three. Templates are picked per source by a stable hash,
so the same brief asks the same questions and two people get some variety.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from datetime import date

from netweave.coach.brief import Brief, Question, Talk, long_ago, when_words
from netweave.interactions.models import Interaction

MIN_QUESTIONS = 3
MAX_QUESTIONS = 5
PER_KIND = 2
SAME_KIND_PENALTY = 10.0
WORTH_ASKING = 20  # past three questions, only candidates scoring this much are added
RECENT_BONUS = 30.0
RECENT_HALF_LIFE_DAYS = 60
LONG_SILENCE_DAYS = 180
BIRTHDAY_RECENT_DAYS = 60

# How specific each kind of context is: the base of its score.
SPECIFICITY = {
    "job_change": 60, "milestone": 60, "open_ask": 58, "last_topic": 45, "long_silence": 50, "occasion": 48,
    "birthday": 35, "new_tie": 32, "mutual_contact": 30, "open_offer": 28, "shared_interest": 27, "group": 25,
    "how_we_met": 22, "place": 20, "role": 18, "no_history": 5,
}

BANK: dict[str, tuple[str, ...]] = {
    "new_job": ("How is the new role at {org} going?", "What drew you to {org}?",
                "What has surprised you most since joining {org}?"),
    "promotion": ("Congratulations on becoming {title} — what has changed day to day?",
                  "What are you focusing on first as {title}?"),
    "joined": ("What made you join {org}?", "How are you finding {org} so far?"),
    "left": ("What's next for you after {org}?", "What will you miss most about {org}?"),
    "milestone:launch": ("How has the launch gone — what are people saying?",),
    "milestone:award": ("Congratulations on the award — what was the work behind it?",),
    "milestone:move": ("How are you settling in after the move?",),
    "milestone:new_child": ("How are you all doing with the new arrival?",),
    "milestone:new_job": ("How are the first weeks in the new job going?",),
    "milestone:promotion": ("Congratulations on the promotion — what has changed day to day?",),
    "milestone:other": ("I heard about “{text}” — how did it go?",),
    "ask:hire": ("You were looking for {topic} — did you find someone?",),
    "ask:cofounder": ("How is the search for a co-founder going — still looking for {topic}?",),
    "ask:advice": ("Where have you got to with {topic}?", "Is {topic} still on your mind?"),
    "ask:job": ("How is the search for {topic} going?",),
    "ask:funding": ("How is the fundraising for {topic} going?",),
    "ask:introduction": ("Are you still hoping to meet {topic}? I may know someone.",),
    "ask:other": ("Are you still looking for {topic}?",),
    "offer": ("Are you still happy to help people with {topic}?",
              "What do people most often ask you about {topic}?"),
    "topic": ("{When} we talked about {topic} — how has that moved on?", "{When} we talked about {topic}. "
              "What's the latest?", "Any news on {topic} since we spoke {when}?"),
    "plain": ("Anything new since we last {verb} {when}?",),
    "plain:event": ("What was the highlight of {summary} for you?", "Who was the best person you met at {summary}?"),
    "long_silence": ("It's been {long} — what has kept you busy since {month}?",
                     "It's been {long}! What's the biggest change for you since {month}?"),
    "birthday": ("Did you do anything nice for your birthday?",),
    "tie:introduced": ("Did you and {first} get to meet after the introduction?",),
    "tie:met at": ("How did you come to meet {first}?",),
    "tie:mentor of": ("How is the mentoring with {first} going?",),
    "tie:mentored by": ("How is it going with {first} as a mentor?",),
    "mutual:colleague": ("How is {first} doing — are you still working together?",
                         "Do you still see much of {first} at work?"),
    "mutual:friend": ("How is {first}? Have you seen each other lately?",
                      "When did you last catch up with {first}?"),
    "mutual:family": ("How is {first} doing?",),
    "mutual:their mentor": ("How is the mentoring with {first} going?",),
    "mutual:their mentee": ("How is {first} getting on with your mentoring?",),
    "mutual:other": ("How do you know {first}?",),
    "interest": ("What got you into {name}?", "Have you come across anything good on {name} lately?"),
    "expertise": ("What's the most interesting thing happening in {name} right now?",
                  "What do people most often get wrong about {name}?"),
    "group:school": ("Do you keep in touch with anyone from {org}?",),
    "group:school:example": ("Do you know {first} from {org}?",),
    "group:other": ("What's happening at {org} these days?", "How did you get involved with {org}?"),
    "group:other:example": ("Do you know {first} from {org}?",),
    "place": ("What do you like most about living in {city}?", "Any places in {city} you would recommend?"),
    "met_at": ("Have you been back to {event} since we met there?",),
    "introduced_by": ("How is {first} doing? I'm glad they introduced us.",),
    "met_how": ("How have things been since we met?",),
    "role": ("What are you working on at {org} these days?", "What does a typical week look like for you at {org}?"),
    "role:title": ("What does a typical week look like for you as {title}?",),
    "occasion": ("What are you hoping to get out of {occasion}?", "Who are you hoping to meet at {occasion}?"),
}
OPENINGS = (
    "What are you working on at the moment that you're most excited about?",
    "How did you get into your line of work?",
    "What's keeping you busy outside work these days?",
    "Who has helped you most in your work so far?",
    "What's something you're hoping to learn this year?",
)

# Words in what we last talked about that call for a particular follow-up: (pattern, lead, follow-up), the most
# particular first. The lead reads after "In March": "you were hiring for the data team"; {rest} is what follows
# the cue in its clause.
_REST = r"(?P<rest>[^.;!?\n,—–()]*)"
CUES = (
    (rf"\b(?:hiring|recruiting)\b{_REST}", "you were hiring{rest}", "did you find someone?"),
    (r"\b(?:moving|relocating)\b(?P<rest> to [^.;!?\n,—–()]*)?", "you were moving{rest}",
     "how is the move going?"),
    (r"\b(?:fundrais\w*|raising (?:a round|money|funds))\b", "you were fundraising", "how is it going?"),
    (r"\b(?:baby|expecting)\b", "you mentioned the baby news", "how is everyone?"),
    (r"\bwedding\b", "you mentioned the wedding", "how was it?"),
    (r"\blaunch(?:ed|ing|es)?\b", "you mentioned the launch", "how did it go?"),
    (r"\binterview(?:s|ed|ing)?\b", "you mentioned an interview", "how did it go?"),
    (r"\b(?:job search|job hunt|new job)\b", "you mentioned the job search", "how is it going?"),
    (r"\b(?:keynote|speaking at|talk at|giving a talk)\b", "you mentioned your talk", "how did it go?"),
    (r"\b(?:thesis|exams?|studying)\b", "you mentioned your studies", "how are they going?"),
    (r"\b(?:trip|holiday|vacation)\b", "you mentioned the trip", "how was it?"),
    (rf"\b(?:looking|searching) for\b{_REST}", "you were looking for{rest}", "did you find what you were after?"),
    # The general ones last: "working on the launch" is about the launch.
    (rf"\b(?P<verb>looking into|working on|exploring)\b{_REST}", "you were {verb}{rest}",
     "how is it coming along?"),
)
_CUES = [(re.compile(pattern, re.IGNORECASE), lead, follow) for pattern, lead, follow in CUES]
_TOPIC = (re.compile(r"\b(?:about|regarding|re:)\s+(?P<topic>.+)$", re.IGNORECASE),
          re.compile(r":\s+(?P<topic>.+)$"),
          re.compile(r"\bon\s+(?P<topic>.+)$", re.IGNORECASE))
CONTACT_VERBS = {"meeting": "met", "call": "spoke", "video": "spoke", "message": "messaged", "email": "emailed",
                 "event": "saw each other"}
JOB_CHANGES = ("new_job", "promotion", "joined", "left")


@dataclass(frozen=True)
class Candidate:
    score: float
    question: Question


def choose(brief: Brief, *, occasion: str = "") -> list[Question]:
    """Three to five questions for the brief, best first. Each further question of a kind already chosen
    counts for less, so a second question about a colleague loses to a first about an interest."""
    pool = sorted(candidates(brief, occasion=occasion), key=lambda c: (-c.score, c.question.kind, c.question.source))
    chosen: list[Question] = []
    sources: set[str] = set()
    texts: set[str] = set()
    per_kind: dict[str, int] = {}
    while len(chosen) < MAX_QUESTIONS:
        best, best_score = None, 0.0
        for candidate in pool:
            q = candidate.question
            taken = per_kind.get(q.kind, 0)
            limit = MAX_QUESTIONS if q.kind == "no_history" else PER_KIND
            if q.source in sources or q.text in texts or taken >= limit:
                continue
            score = candidate.score - (0 if q.kind == "no_history" else SAME_KIND_PENALTY * taken)
            if best is None or score > best_score:
                best, best_score = candidate, score
        if best is None or (len(chosen) >= MIN_QUESTIONS and best_score < WORTH_ASKING):
            break
        q = best.question
        chosen.append(q)
        sources.add(q.source)
        texts.add(q.text)
        per_kind[q.kind] = per_kind.get(q.kind, 0) + 1
    return chosen


def candidates(brief: Brief, *, occasion: str = "") -> list[Candidate]:
    """Every question the bank can ask from this brief's context, scored."""
    out: list[Candidate] = []
    today = brief.today

    def add(kind: str, key: str, source: str, draws_on: str, day: date | None = None, bonus: float = 0.0,
            **values) -> None:
        text = _fill(_pick(key, source), values)
        score = SPECIFICITY[kind] + bonus + _recency(day, today)
        out.append(Candidate(score, Question(text, draws_on, kind, source, day)))

    for item in brief.since.items if brief.since else []:
        _happening(add, item, today)
    for ask in brief.asks:
        key = f"ask:{ask.kind}" if f"ask:{ask.kind}" in BANK else "ask:other"
        add("open_ask", key, f"ask:{ask.id}", f"their open ask ({ask.kind_label}: {ask.topic}), noted "
            f"{ask.day.isoformat()}", ask.day, topic=ask.topic)
    for offer in brief.offers:
        add("open_offer", "offer", f"offer:{offer.id}", f"their offer ({offer.kind_label}: {offer.topic}), noted "
            f"{offer.day.isoformat()}", offer.day, topic=offer.topic)
    for position, talk in enumerate(brief.talks):
        _talk(add, talk, position, today)
    days = brief.days_since_contact
    if days is not None and days >= LONG_SILENCE_DAYS and brief.last_contact_at:
        last = brief.since.day if brief.since else today
        add("long_silence", "long_silence", "silence", f"no contact since {last.isoformat()}",
            long=long_ago(days), month=f"{last:%B %Y}")
    _ground(add, brief)
    _openers(add, brief, occasion)
    return out


def _happening(add, item, today: date) -> None:
    detail = item.detail
    if item.kind in JOB_CHANGES:
        org = detail["organisation"]
        says = {"new_job": "the job change", "promotion": "the promotion", "joined": f"joining {org}",
                "left": f"leaving {org}"}[item.kind]
        key = item.kind if item.kind != "promotion" or detail.get("title") else "new_job"
        add("job_change", key, item.source, f"{says} on {item.day.isoformat()}", item.day,
            org=detail["organisation"], title=detail.get("title", ""))
    elif item.kind == "milestone":
        key = f"milestone:{detail['kind']}" if f"milestone:{detail['kind']}" in BANK else "milestone:other"
        add("milestone", key, item.source, f"the milestone of {item.day.isoformat()}: {detail['text']}", item.day,
            text=detail["text"])
    elif item.kind == "birthday" and (today - item.day).days <= BIRTHDAY_RECENT_DAYS:
        add("birthday", "birthday", item.source, f"their birthday on {item.day.isoformat()}", item.day)
    elif item.kind == "tie":
        key = f"tie:{detail['tie']}" if f"tie:{detail['tie']}" in BANK else "mutual:other"
        add("new_tie", key, item.source, f"{item.text} (noted {item.day.isoformat()})", item.day,
            first=first_name(detail["display_name"]))


def _talk(add, talk: Talk, position: int, today: date) -> None:
    """What we last talked about: a cue in the notes or the summary, else its topic, else the contact itself.
    Older interactions count for less: the latest one is the thread to pick up."""
    noun = Interaction.Kind(talk.kind).label if talk.kind in Interaction.Kind.values else "interaction"
    says = f"the {noun} of {talk.day.isoformat()}: “{talk.summary}”"
    when = when_words(talk.day, today)
    values = {"when": when, "When": when[:1].upper() + when[1:]}
    penalty = -8.0 * position
    source = f"interaction:{talk.id}"
    cue = _cue(talk.excerpt) or _cue(talk.summary)
    if cue:
        lead, follow = cue
        text = f"{values['When']} {lead} — {follow}"
        add("last_topic", "", source, says, talk.day, penalty + 10, _text=text)
        return
    topic = _topic(talk.summary)
    if topic:
        add("last_topic", "topic", source, says, talk.day, penalty, topic=topic, **values)
    elif talk.kind == Interaction.Kind.EVENT:
        add("last_topic", "plain:event", source, says, talk.day, penalty - 10, summary=talk.summary)
    elif talk.kind in CONTACT_VERBS:
        add("last_topic", "plain", source, says, talk.day, penalty - 20, verb=CONTACT_VERBS[talk.kind], **values)


def _cue(text: str) -> tuple[str, str] | None:
    for pattern, lead, follow in _CUES:
        found = pattern.search(text or "")
        if found:
            groups = found.groupdict()
            rest = " ".join((groups.get("rest") or "").split()[:8]).strip(" :-")
            if rest and groups.get("rest", "").lstrip().startswith(":"):
                rest = f"({rest})"  # "hiring: two roles" reads "you were hiring (two roles)"
            words = {"rest": f" {rest}" if rest else "", "verb": (groups.get("verb") or "").lower()}
            return lead.format(**words), follow
    return None


def _topic(summary: str) -> str:
    for pattern in _TOPIC:
        found = pattern.search(summary or "")
        if found:
            topic = " ".join(found.group("topic").split()).rstrip(" .!?")
            if 2 <= len(topic) <= 80:
                return topic
    return ""


def _ground(add, brief: Brief) -> None:
    common = brief.common
    for mutual in common.mutual[:PER_KIND + 1]:
        key = f"mutual:{mutual.tie}" if f"mutual:{mutual.tie}" in BANK else "mutual:other"
        add("mutual_contact", key, f"person:{mutual.id}", f"{mutual.display_name}, whom you both know "
            f"({mutual.tie})", first=first_name(mutual.display_name))
    for name in common.interests[:PER_KIND + 1]:
        add("shared_interest", "interest", f"interest:{name.lower()}", f"their interest in {name}", name=name)
    for name in common.expertise[:PER_KIND + 1]:
        add("shared_interest", "expertise", f"expertise:{name.lower()}", f"their expertise in {name}", bonus=-1,
            name=name)
    for group in common.groups:
        kind = "school" if group.kind == "school" else "other"
        source = f"organisation:{group.organisation_id}"
        if group.examples:
            example = group.examples[0]
            add("group", f"group:{kind}:example", source, f"{group.name}, where you also know {group.others} "
                f"other(s), such as {example.display_name}", bonus=2, org=group.name,
                first=example.display_name)
        else:
            add("group", f"group:{kind}", source, f"their time at {group.name}", org=group.name)
    for place in common.places:
        add("place", "place", f"place:{place.name.lower()}", f"they live in {brief.location or place.name}",
            city=place.name)
    if brief.met_at:
        add("how_we_met", "met_at", f"interaction:{brief.met_at.id}", f"how you met: {brief.met_at.summary} "
            f"({brief.met_at.day.isoformat()})", event=brief.met_at.summary)
    if brief.introduced_by:
        add("how_we_met", "introduced_by", f"person:{brief.introduced_by.id}",
            f"{brief.introduced_by.display_name} introduced you", first=first_name(brief.introduced_by.display_name))
    if brief.met_how and not brief.talks:
        add("how_we_met", "met_how", "met_how", f"how you met: {brief.met_how}")


def _openers(add, brief: Brief, occasion: str) -> None:
    if occasion:
        add("occasion", "occasion", "occasion", f"the event: {occasion}", occasion=occasion)
    changed = any(i.kind in JOB_CHANGES for i in (brief.since.items if brief.since else []))
    if brief.organisation and not changed:
        add("role", "role", f"organisation:{brief.organisation_id}", "their current role: "
            + (f"{brief.title} at {brief.organisation}" if brief.title else brief.organisation), org=brief.organisation)
    elif brief.title and not changed:
        add("role", "role:title", "role", f"their current role: {brief.title}", title=brief.title)
    says = "nothing logged yet: an opening question" if not brief.talks else "a good question for anyone"
    for n, text in enumerate(OPENINGS):
        add("no_history", "", f"opening:{n}", says, bonus=-n, _text=text)


def _pick(key: str, source: str) -> str:
    options = BANK.get(key)
    if not options:
        return ""
    return options[zlib.crc32(source.encode()) % len(options)]


def _fill(template: str, values: dict) -> str:
    if "_text" in values:
        return values["_text"]
    return template.format(**values)


def _recency(day: date | None, today: date) -> float:
    if day is None:
        return 0.0
    age = max(0, (today - day).days)
    return RECENT_BONUS * 0.5 ** (age / RECENT_HALF_LIFE_DAYS)


def first_name(display_name: str) -> str:
    return (display_name or "").split(" ")[0] or display_name
