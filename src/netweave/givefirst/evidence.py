"""Evidence a user can check, in words: what one person has for one ask, and how I reach them.

"offers: mentoring on fundraising", "expertise: Rust", "2 meetings about hiring, last 2026-10-03",
"strong tie (78)", "known to Ana Lima, a strong tie (81)".
"""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from netweave.givefirst.reach import DIRECT, STRONG

# What a full match of each kind of evidence is worth: an offer says "I can help with this" outright.
SOURCES = {"offer": 3.0, "expertise": 2.0, "title": 1.5, "tag": 1.0, "notes": 1.0, "talk": 1.0,
           "interest": 0.75, "organisation": 0.75}
OFFER_WORDS = {"expertise": "expertise in", "introductions": "introductions to", "mentoring": "mentoring on",
               "review": "a review of", "other": ""}
SHOWN_PER_SOURCE = 3


class Evidence:
    """What one person has for one ask: per kind of evidence, the ask's groups it matched and the words shown."""

    __slots__ = ("hits", "lines", "boost")

    def __init__(self):
        self.hits: dict[str, set[int]] = {}
        self.lines: dict[str, list[str]] = {}
        self.boost = 1.0  # more interactions on the topic say a little more than one

    def add(self, source: str, groups, line: str) -> None:
        self.hits.setdefault(source, set()).update(groups)
        shown = self.lines.setdefault(source, [])
        if line and line not in shown and len(shown) < SHOWN_PER_SOURCE:
            shown.append(line)

    def relevance(self, weights: list[float]) -> float:
        """Each kind of evidence for the share of the ask it covers; then, as a whole, more for covering
        all of the ask than for covering one word of it many ways."""
        total = sum(weights) or 1.0
        score = sum(SOURCES[s] * sum(weights[g] for g in groups) / total for s, groups in self.hits.items())
        covered = sum(weights[g] for g in set().union(*self.hits.values())) / total
        return score * (0.5 + 0.5 * covered) * (self.boost if "talk" in self.hits else 1.0)

    def words(self) -> list[str]:
        return [line for source in SOURCES for line in self.lines.get(source, ())]


def offer_words(kind: str, topic: str) -> str:
    """An offer as evidence: "offers: mentoring on fundraising"."""
    return " ".join(w for w in ("offers:", OFFER_WORDS.get(kind, ""), topic) if w)


KIND_NAMES = {"meeting": "meeting", "call": "call", "video": "video call", "message": "message", "email": "email",
              "event": "event", "note": "note"}


def talk_words(said: list) -> str:
    """"2 meetings about hiring, last 2026-10-03"; "a call about Rust on 2026-09-14". Each of `said` has a
    kind, occurred_at and the words it used; the two words used most are named."""
    kinds = {m.kind for m in said}
    noun = KIND_NAMES.get(kinds.pop(), "interaction") if len(kinds) == 1 else "interaction"
    counts = Counter(w.lower() for m in said for w in m.words)
    shown: dict[str, str] = {}
    order: dict[str, int] = {}  # the ask's own order breaks ties: its topic's words come first
    for m in said:
        for group, word in zip(m.groups, m.words):
            shown.setdefault(word.lower(), word)
            order[word.lower()] = min(group, order.get(word.lower(), group))
    named: list[str] = []
    for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], order[kv[0]], kv[0])):
        if not any(key in other.lower() or other.lower() in key for other in named):
            named.append(shown[key])
    about = " and ".join(named[:2])
    last = timezone.localdate(max(m.occurred_at for m in said)).isoformat()
    if len(said) == 1:
        article = "an" if noun[0] in "aeiou" else "a"
        return f"{article} {noun} about {about} on {last}"
    return f"{len(said)} {noun}s about {about}, last {last}"


def tie_words(strength: int | None, via: tuple | None) -> list[str]:
    """The tie in words: "strong tie (78)", "weak tie (12)", "known to Ana Lima, a strong tie (81)"."""
    out = []
    if strength is not None:
        out.append(f"strong tie ({strength})" if strength >= STRONG else
                   f"tie strength {strength}" if strength >= DIRECT else f"weak tie ({strength})")
    if via:
        out.append(f"known to {via[1]}, a {'strong ' if via[2] >= STRONG else ''}tie ({via[2]})")
    return out
