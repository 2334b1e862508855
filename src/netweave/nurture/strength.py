"""How strong my tie with one person is, from the contacts we had: a pure function, no database.

The app (`nurture.strengths`) and the lab (`nurture.lab`) both score with `measure`, so the figures the lab
reports are the figures of the model users see.

A contact is a tuple `(at, kind, participants, initiated_by)`: `at` in days since the epoch on the user's
clock (a float), `kind` an `Interaction.Kind` value, `participants` how many people took part besides me,
`initiated_by` "me", "them" or "" (unknown). A contact after `now` is a plan and counts for nothing.

The model. Each contact i, t_i days ago, weighs

    w_i = DEPTH[kind] x crowd       meeting 1.0 > video 0.8 > call 0.7 > event 0.5 > message 0.4 > email 0.3
                                    > note 0.1; crowd is 1 up to 3 people, then 3/n, and (3/n)^2 for an email
                                    or an event: a mail to 30 people counts a hundredth of a mail to one
    d_i = 2^(-t_i / half_life)      the user's half-life (NurtureSettings.half_life_days, 90 by default)

and the parts, each from 0 to 1, are

    recency    R = max_i min(1, w_i / DEPTH[email]) d_i     how lately we were in touch, one to one
    frequency  F = S / (S + frequency_half), S = sum w_i d_i  how much, lately: a decayed count of contacts
    depth      D = sum w_i d_i / sum d_i                   what kind of contact we have, typically
    balance    B = 1 - |2p - 1|, p = (mine + 1) / (known + 2)  who starts: all one-sided is low, unknown is 1
    known      K = 1 - 2^(-years known)                    since the first contact or since they were added

    score = 100 x (a R + (1 - a) F) x (1 - wd (1 - D) - wb (1 - B) - wk (1 - K))

Contact (recency and frequency) makes the score; depth, balance and how long we have known each other can
only lower it, so nobody without contact scores above zero. The give-and-take ledger will join the balance
through `ledger` (favours I gave count as mine, favours received as theirs).

The weights were chosen with `netweave lab strength` (nurture.lab): at 5 cut-offs, does ranking each node's
past contacts by strength predict whom it is in touch with in the next 30 days? (mean ROC AUC). No real
timestamped contact log is at hand, so the figures are synthetic: the demo network's interactions exported by
bench/demo_events.py (one ego and 30,000 contacts, about 1.1 million lines). The weights were tuned by
coordinate search (bench/strength.py --tune) on the 10,000-person network of seed 7, then checked on the
30,000-person networks of seeds 7, 8 and 9, which the search never saw:

    horizon 30 days, half-life 90 days    strength   recency alone   frequency alone
    seed 7                                 0.854       0.812           0.683
    seed 8                                 0.853       0.810           0.679
    seed 9                                 0.854       0.813           0.679

- The half-life matters most (tuning set): 30 days 0.842, 60 days 0.853, 90 days 0.855, 180 days 0.841,
  365 days 0.802. Hence the default of 90.
- Recency and frequency together beat either: a = 0 (frequency part only) 0.850, a = 0.25 0.855, a = 0.5 0.852,
  a = 1 (recency part only) 0.830. frequency_half from 0.25 to 8 moves it by under 0.005; 4 was best.
- Depth, balance and how long we have known each other cannot be measured on this data (the demo's initiators
  are a coin toss, its kinds differ little between close and loose ties, and SNAP logs have no kinds): any
  weight from 0 to 0.5 moves the AUC by under 0.001. Their weights (0.3, 0.1, 0.1) are judgement, after
  Gilbert and Karahalios' intensity, reciprocal services and duration: enough to tell a weekly coffee from a
  weekly newsletter, never enough to outweigh contact. The crowd discount adds 0.0005 here (few big events).
- A memoryless synthetic inbox (bench/make_mbox.py, 30,000 messages read by `netweave import mail`) scores
  0.547 / 0.553 / 0.513: nothing predicts a random correspondent beyond threads still running at the cut-off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

Contact = tuple[float, str, int, str]

DEPTH = {"meeting": 1.0, "video": 0.8, "call": 0.7, "event": 0.5, "message": 0.4, "email": 0.3, "note": 0.1}
MASS_KINDS = frozenset({"email", "event"})  # many recipients make these a broadcast, not a conversation
SMALL_GROUP = 3
ONE_TO_ONE = DEPTH["email"]  # the weakest kind that is still personal contact: it counts fully for recency
LN2 = math.log(2)
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True)
class Model:
    """The model's settings: the user's half-life, and the weights chosen with the lab."""

    half_life_days: float = 90.0
    recency_share: float = 0.25  # a: recency's share of the contact score, frequency has the rest
    frequency_half: float = 4.0  # S at which frequency is one half: four meetings' worth, recently
    depth_weight: float = 0.3
    balance_weight: float = 0.1
    known_weight: float = 0.1

    def with_half_life(self, days: float) -> Model:
        return replace(self, half_life_days=float(days))


MODEL = Model()


def crowd(kind: str, participants: int) -> float:
    """How much of a contact is mine when `participants` people shared it: a big event or a mass mail little."""
    if participants <= SMALL_GROUP:
        return 1.0
    share = SMALL_GROUP / participants
    return share * share if kind in MASS_KINDS else share


def weight(kind: str, participants: int) -> float:
    return DEPTH.get(kind, DEPTH["message"]) * crowd(kind, participants)


def balance(mine: float, theirs: float) -> float:
    """1 when both sides start as often (or nobody knows who started), towards 0 when one side does it all.
    One prior contact each way keeps a single known contact from deciding."""
    share = (mine + 1) / (mine + theirs + 2)
    return 1 - abs(2 * share - 1)


def measure(contacts: Iterable[Contact], *, now: float, known_since: float | None = None, model: Model = MODEL,
            ledger: tuple[float, float] | None = None) -> tuple[float, dict[str, float]]:
    """The score from 0 to 100 (unrounded) and its parts, each from 0 to 1."""
    rate = LN2 / model.half_life_days
    recency = total = decay_sum = 0.0
    mine = theirs = 0
    first = known_since
    for at, kind, participants, initiated_by in contacts:
        age = now - at
        if age < 0:
            continue  # a plan: it has not happened yet
        w = weight(kind, participants)
        d = math.exp(-rate * age)
        total += w * d
        decay_sum += d
        touch = d * (w / ONE_TO_ONE if w < ONE_TO_ONE else 1.0)
        if touch > recency:
            recency = touch
        if initiated_by == "me":
            mine += 1
        elif initiated_by == "them":
            theirs += 1
        if first is None or at < first:
            first = at
    if ledger is not None:
        mine, theirs = mine + ledger[0], theirs + ledger[1]
    frequency = total / (total + model.frequency_half)
    depth = total / decay_sum if decay_sum else 0.0
    both = balance(mine, theirs)
    years = max(0.0, now - first) / DAYS_PER_YEAR if first is not None else 0.0
    known = 1 - 2 ** -years
    contact = model.recency_share * recency + (1 - model.recency_share) * frequency
    keep = 1 - model.depth_weight * (1 - depth) - model.balance_weight * (1 - both) - model.known_weight * (1 - known)
    parts = {"recency": recency, "frequency": frequency, "depth": depth, "balance": both, "known": known}
    return 100 * contact * max(0.0, keep), parts


def score(contacts: Sequence[Contact], *, now: float, known_since: float | None = None, model: Model = MODEL,
          ledger: tuple[float, float] | None = None) -> tuple[int, dict[str, float], str]:
    """The score as a whole number from 0 to 100, its parts rounded for storage, and the words for it."""
    value, parts = measure(contacts, now=now, known_since=known_since, model=model, ledger=ledger)
    rounded = {name: round(part, 3) for name, part in parts.items()}
    return min(100, max(0, round(value))), rounded, explain(contacts, now=now, known_since=known_since)


# The words. Kinds in order of depth; a mail or an event shared with many is named for what it is.
NOUNS = {"meeting": ("meeting", "meetings"), "video": ("video call", "video calls"), "call": ("call", "calls"),
         "event": ("event", "events"), "big event": ("big event", "big events"), "message": ("message", "messages"),
         "email": ("email", "emails"), "mass mail": ("mass mail", "mass mails"), "note": ("note", "notes")}
MASS_NAMES = {"email": "mass mail", "event": "big event"}
MASS_FROM = 10  # from this many participants an email or event counts under a hundredth: name it so
SHOWN_KINDS = 3  # the deepest kinds are named, the rest counted


def noun(kind: str, count: int = 1) -> str:
    singular, plural = NOUNS.get(kind, (kind, kind + "s"))
    return singular if count == 1 else plural


def label(kind: str, participants: int) -> str:
    if kind in MASS_NAMES and participants >= MASS_FROM:
        return MASS_NAMES[kind]
    return kind if kind in NOUNS else "message"


def ago(days: int) -> str:
    """A whole number of days in words: today, yesterday, 41 days ago, 5 months ago, 3 years ago."""
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 60:
        return f"{days} days ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def listing(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def explain(contacts: Sequence[Contact], *, now: float, known_since: float | None = None) -> str:
    """The score in words: "3 meetings and 1 call in the past year; last call 41 days ago; you started 80% of
    contacts". Days are counted on the user's calendar (`now` and `at` are local), so 23:00 yesterday is
    "yesterday" at 08:00 today."""
    past = [c for c in contacts if c[0] <= now]
    if not past:
        return "no contact logged yet"
    counts: dict[str, int] = {}
    # A note is something I wrote down, not contact: the last contact is named unless there was none.
    last = max((c for c in past if c[1] != "note"), key=lambda c: c[0], default=None) or max(past, key=lambda c: c[0])
    mine = theirs = 0
    for at, kind, participants, initiated_by in past:
        if now - at < 365:
            name = label(kind, participants)
            counts[name] = counts.get(name, 0) + 1
        mine += initiated_by == "me"
        theirs += initiated_by == "them"
    order = list(NOUNS)
    if counts:
        kinds = sorted(counts, key=order.index)
        said = [f"{counts[k]} {noun(k, counts[k])}" for k in kinds[:SHOWN_KINDS]]
        rest = sum(counts[k] for k in kinds[SHOWN_KINDS:])
        if rest:
            said.append(f"{rest} other{'s' if rest > 1 else ''}")
        words = [f"{listing(said)} in the past year"]
    else:
        words = ["no contact in the past year"]
    words.append(f"last {noun(label(last[1], last[2]))} {ago(math.floor(now) - math.floor(last[0]))}")
    if mine + theirs >= 2:
        if not theirs:
            words.append("you started every contact")
        elif not mine:
            words.append("they started every contact")
        else:
            share = min(99, max(1, round(100 * mine / (mine + theirs))))  # "100%" would say "every contact"
            words.append(f"you started {share}% of contacts")
    first = min(c[0] for c in past)
    if known_since is not None:
        first = min(first, known_since)
    years = int((now - first) // DAYS_PER_YEAR)
    if years >= 1:
        words.append(f"known for {years} year{'s' if years > 1 else ''}")
    return "; ".join(words)
