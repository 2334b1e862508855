"""Text to topic terms, for matching asks to the people who could meet them.

A term is a folded, lightly stemmed word: "Hiring" and "hires" are both "hir", "Investors" is "investor",
"co-founder" is "cofounder". Stop words go. An ask's words become `Group`s: each word with its synonyms
(hiring ↔ recruiting, funding ↔ investor ↔ seed, ...), so a group matches a text that has any of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from netweave.people.normalize import fold

# A word as written: letters and digits in any script, with inner hyphens and apostrophes ("co-founder").
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_JOINERS = re.compile(r"['’\-]")

# Words that say nothing about what someone needs or knows. "go" is missing on purpose: it is a language. An
# introduction is what every ask of that kind wants; whom to is what tells people apart.
STOP_WORDS = frozenset("""
a about above after again all also am an and any are as at be been being both but by can could did do does
doing during each few for from further get getting good great had has have having he her here hers him his
how i if in into is it its just let like looking lot lots me more most my myself need needs new no nor not now
of off on once only or other our ours out over own please really same she should so some someone something
such than that the their theirs them then there these they this those through to too under until up us very
want wants was we were what when where which while who whom why will with would you your yours
advice help helping thoughts question questions idea ideas tip tips find finding person people anyone
senior junior know knows knowing known background experience via within across around among
intro intros introduction introductions introduce
""".split())

# Ask kinds and the words people use for them. Each line is one group of synonyms.
SYNONYMS = (
    "hire hiring recruiting recruiter recruitment talent",
    "funding fundraising investor investment seed vc raise angel",
    "cofounder founder",
    "job role vacancy position career",
    "mentor mentoring mentorship coaching coach",
    "ml machine-learning",
    "ai llm",
)
# The words an ask's kind adds to its topic, at half weight: a hire is about hiring whatever the role.
KIND_WORDS = {"hire": "hiring", "funding": "funding", "cofounder": "cofounder", "job": "job"}

# Two-word names of one thing: matched as one term (a text keeps its two words as well).
PHRASES = {
    ("machine", "learning"): "ml", ("venture", "capital"): "vc", ("artificial", "intelligence"): "ai",
    ("co", "founder"): "cofounder", ("co", "founders"): "cofounder", ("large", "language"): "llm",
}

# Industries named in organisation names, for the weaker "both in fintech" reason.
INDUSTRIES = {
    "analytics": "analytics", "health": "health", "healthcare": "health", "robotics": "robotics",
    "payments": "payments", "fintech": "fintech", "bank": "banking", "banking": "banking",
    "logistics": "logistics", "energy": "energy", "software": "software", "bio": "biotech",
    "biotech": "biotech", "pharma": "pharma", "capital": "investing", "ventures": "investing",
    "media": "media", "foods": "food", "food": "food", "mobility": "mobility", "security": "security",
    "insurance": "insurance", "learning": "education", "education": "education", "ai": "AI", "cloud": "cloud",
    "consulting": "consulting", "games": "games", "gaming": "games", "materials": "materials",
    "networks": "telecoms", "retail": "retail", "travel": "travel", "design": "design", "legal": "legal",
}


def stem(word: str) -> str:
    """A light stemmer: plurals, -ing and -ed, and a final e ("hire", "hiring", "hired" are all "hir")."""
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3 and _has_vowel(word[:-len(ending)]):
            word = word[:-len(ending)]
            if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]  # running → run, but not "dwell" → "dwel"
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _has_vowel(text: str) -> bool:
    return any(ch in "aeiouy" for ch in text)


def _key(raw: str) -> str:
    return _JOINERS.sub("", fold(raw))


def words(text: str) -> list[str]:
    """The folded words of a text, hyphens and apostrophes joined ("co-founder" → "cofounder")."""
    return [_key(raw) for raw in _WORD.findall(text or "")]


@lru_cache(maxsize=50_000)
def _term(word: str) -> str:
    return "" if word in STOP_WORDS else stem(word)


def _phrased(raws: list[str]) -> list[tuple[str, str]]:
    """(as written, folded word) with two-word names joined into one ("machine learning" → "ml")."""
    out: list[tuple[str, str]] = []
    i = 0
    while i < len(raws):
        pair = (_key(raws[i]), _key(raws[i + 1])) if i + 1 < len(raws) else None
        if pair in PHRASES:
            out.append((f"{raws[i]} {raws[i + 1]}", PHRASES[pair]))
            i += 2
        else:
            out.append((raws[i], _key(raws[i])))
            i += 1
    return out


def _parts(raw: str) -> list[str]:
    """The parts of a hyphenated word worth matching alone: "seed-stage" → seed, stage; not "go" of go-to-market."""
    if not _JOINERS.search(raw):
        return []
    return [w for w in (fold(p) for p in _JOINERS.split(raw)) if len(w) > 3]


def terms(text: str) -> list[str]:
    """The distinct terms of a text: folded, stop words dropped, stemmed. A hyphenated word gives its parts
    too ("seed-stage": seedstag, seed, stag), and a two-word name its own term besides its words'."""
    seen: dict[str, None] = {}
    keys = []
    for word in _WORD.findall(fold(text or "")):
        parts = _JOINERS.split(word) if ("-" in word or "'" in word or "’" in word) else ()
        word = "".join(parts) if parts else word
        keys.append(word)
        for each in (word, *(p for p in parts if len(p) > 3)):
            if term := _term(each):
                seen.setdefault(term, None)
    for pair in zip(keys, keys[1:]):
        if (phrase := PHRASES.get(pair)) is not None:
            seen.setdefault(_term(phrase), None)
    return list(seen)


@lru_cache(maxsize=20_000)
def term_set(text: str) -> frozenset[str]:
    """`terms` as a set, remembered: titles and organisation names repeat across thousands of people."""
    return frozenset(terms(text))


def could_match(text: str, probes: tuple[str, ...]) -> bool:
    """Whether any probe is in the folded text: a cheap test before the text is cut into terms."""
    folded = fold(text)
    return any(p in folded for p in probes)


def _synonym_table() -> dict[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for line in SYNONYMS:
        group = frozenset(stem(_key(w)) for w in line.split())
        for term in group:
            table[term] = table.get(term, frozenset()) | group
    return table


_SYNONYMS = _synonym_table()


def synonyms(term: str) -> frozenset[str]:
    """The term and every term that means the same for matching."""
    return _SYNONYMS.get(term, frozenset((term,)))


@dataclass(frozen=True, slots=True)
class Group:
    """One word of an ask with its synonyms; it matches a text that has any of `terms`."""

    word: str  # as the user wrote it, for evidence ("hiring")
    terms: frozenset[str]
    weight: float

    def matches(self, found: frozenset[str] | set[str]) -> bool:
        return not self.terms.isdisjoint(found)


MAX_GROUPS = 10  # a long ask's details add words, but only this many count
SHORT_PROBE = 3  # a probe this short is looked for at the start of a word only (talk.contains)


def query(topic: str, details: str = "", kind: str = "") -> list[Group]:
    """The groups an ask is matched by: its topic's words (weight 1), its kind's (½), its details' (½)."""
    return list(_query(topic, details or "", kind or ""))


@lru_cache(maxsize=4096)
def _query(topic: str, details: str, kind: str) -> tuple[Group, ...]:
    """`query`, remembered: listing what one person could meet reads every open ask's words."""
    groups: dict[frozenset[str], Group] = {}

    def add(text: str, weight: float) -> None:
        for written, word in _phrased(_WORD.findall(text or "")):
            parts = [] if _term(word) in _SYNONYMS else _parts(written)
            for shown, each, share in ((written, word, weight), *((p, p, weight / 2) for p in parts)):
                term = _term(each)
                key = synonyms(term) if term else None
                if key and key not in groups and len(groups) < MAX_GROUPS:
                    groups[key] = Group(shown, key, share)

    add(topic, 1.0)
    add(KIND_WORDS.get(kind, ""), 0.5)
    add(details, 0.5)
    return tuple(groups.values())


def probes(group: Group) -> list[str]:
    """Substrings a database LIKE can look for before the terms are checked properly: each term ("company" →
    "compan"), a hyphenated word as written ("go-to-market", its term has no hyphens), and a word with accents
    as written."""
    found = {t[:-1] if t.endswith("y") and len(t) > 3 else t for t in group.terms}
    written = fold(group.word)
    if _JOINERS.search(written):
        found.add(written)
    accented = group.word.lower()
    if accented != written and " " not in accented:  # a database LIKE does not fold accents: "ingénieur" too
        found.add(stem(_JOINERS.sub("", accented)))
    # "fund" finds whatever "fundrais" finds (a probe over SHORT letters is looked for anywhere in the text)
    return sorted(p for p in found if not any(q != p and len(q) > SHORT_PROBE and q in p for q in found))


def snippet(text: str, group_terms: frozenset[str], width: int = 70) -> str:
    """A short quote of `text` around its first word in `group_terms`, for evidence a user can check."""
    folded = fold(text)
    source = text if len(folded) == len(text) else folded  # folding "ß" or ligatures moves the offsets
    for match in _WORD.finditer(folded):
        if _term(_JOINERS.sub("", match.group())) in group_terms:
            start = max(0, match.start() - width // 2)
            end = min(len(source), match.end() + width // 2)
            quote = " ".join(source[start:end].split())
            return ("…" if start else "") + quote + ("…" if end < len(source) else "")
    return ""


def written(text: str, groups: list[Group], which) -> tuple[str, ...]:
    """For each group in `which`, the first of its words as `text` writes it ("fundraising" for the funding
    group), or the ask's own word when only a two-word name matched."""
    folded = fold(text)
    source = text if len(folded) == len(text) else folded
    first: dict[int, str] = {}
    for match in _WORD.finditer(folded):
        term = _term(_JOINERS.sub("", match.group()))
        for i in which:
            if i not in first and term in groups[i].terms:
                first[i] = source[match.start():match.end()]
        if len(first) == len(which):
            break
    return tuple(first.get(i, groups[i].word) for i in which)


def industry(organisation_name: str) -> str | None:
    """The industry an organisation's name says it is in ("Brightstone Payments" → "payments"), if any."""
    for word in reversed(words(organisation_name)):
        if word in INDUSTRIES:
            return INDUSTRIES[word]
    return None
