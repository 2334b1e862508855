"""Build a deterministic synthetic network for one user: people, organisations, job histories, interactions, ties.

The same seed and the same `now` give the same data, row for row (ids aside). The network is shaped like a
real one: names from many cultures, a few big employers and many small ones, job changes and promotions, a
handful of close ties with frequent contact, many weak ties with a few interactions, dormant ties that were
strong three to four years ago, groups of friends and colleagues who meet together, events with many
attendees, mentors, and introductions.

It writes with multi-row INSERTs inside one transaction (30,000 people and about a million interactions in
well under the three-minute target on SQLite), and computes the derived columns (current organisation and
title, last contact, search text) exactly as `people.services` would.
"""

from __future__ import annotations

import calendar
import re
import time
from datetime import date, datetime, timedelta, timezone as dt_timezone
from itertools import accumulate
from random import Random
from typing import Callable

from django.db import connection, transaction

from netweave.core import clock
from netweave.demo import names as N
from netweave.people.normalize import fold, url_key
from netweave.people.search import search_text_for

UTC = dt_timezone.utc
HISTORY_DAYS = 1095  # three years of regular contact
DORMANT_FROM, DORMANT_TO = 1100, 1460  # dormant ties: strong three to four years ago, silent since
INTERACTIONS_PER_CHUNK = 60_000

Progress = Callable[[str, float], None]

# Interaction profiles: how many interactions over the history, and how they are spread in time.
PROFILES = {
    #           (min, max)   kind mix
    "inner":    ((100, 160), "close"),
    "close":    ((55, 90), "close"),
    "fading":   ((30, 60), "close"),    # used to be close, nothing for 5+ months
    "active":   ((30, 60), "work"),
    "warm":     ((50, 95), "work"),
    "regular":  ((18, 50), "work"),
    "weak":     ((1, 10), "weak"),
    "dormant":  ((25, 60), "dormant"),
}
KIND_MIX = {
    "close": (("message", 34), ("call", 14), ("video", 10), ("meeting", 22), ("email", 12), ("note", 8)),
    "work": (("email", 30), ("message", 18), ("video", 18), ("meeting", 18), ("call", 10), ("note", 6)),
    "weak": (("email", 35), ("message", 20), ("meeting", 20), ("video", 12), ("call", 8), ("note", 5)),
    "dormant": (("meeting", 25), ("call", 20), ("email", 25), ("message", 20), ("video", 5), ("note", 5)),
}
SUMMARIES = {
    ("meeting", "me"): ("Coffee with {n} about {t}", "Lunch with {n}: {t}", "Met {n} at {p}",
                        "Breakfast with {n} to talk about {t}", "Walk with {n}, talked about {t}",
                        "Drinks with {n} after work", "Catch-up with {n} at {p}"),
    ("meeting", "them"): ("{n} invited me for coffee: {t}", "Lunch with {n}: {t}", "Met {n} at {p}",
                          "{n} asked to meet about {t}", "Dinner with {n}"),
    ("call", "me"): ("Called {n} about {t}", "Call with {n} about {t}", "Phone catch-up with {n}"),
    ("call", "them"): ("{n} called about {t}", "Call with {n} about {t}", "{n} rang to ask about {t}"),
    ("video", "me"): ("Video call with {n} on {t}", "Zoom with {n}: {t}", "Google Meet with {n} about {t}"),
    ("video", "them"): ("Video call with {n} on {t}", "{n} set up a call about {t}", "Zoom with {n}: {t}"),
    ("message", "me"): ("Messaged {n} about {t}", "Sent {n} congratulations on {m}", "WhatsApp to {n}: {t}",
                        "Texted {n} about {t}"),
    ("message", "them"): ("{n} messaged about {t}", "{n} shared an article on {t}", "{n} asked about {t}",
                          "{n} sent photos from the trip"),
    ("email", "me"): ("Emailed {n} about {t}", "Sent {n} notes on {t}", "Followed up with {n} on {t}"),
    ("email", "them"): ("Email from {n} re: {t}", "{n} sent an update on {t}", "{n} asked for advice on {t}"),
    ("note", ""): ("Note: {n} is looking into {t}", "Heard {n} is working on {t}", "{n} mentioned {t}",
                   "Remember to ask {n} about {t}"),
}
GROUP_SUMMARIES = {
    "meeting": ("Dinner with {n} and {o}", "Lunch with {n} and {o}: {t}", "Drinks with {n} and {o}",
                "Workshop on {t} with {n} and {o}"),
    "call": ("Conference call with {n} and {o} about {t}",),
    "video": ("Team call with {n} and {o} about {t}", "Zoom with {n} and {o}: {t}"),
    "message": ("Group chat with {n} and {o} about {t}",),
    "email": ("Thread with {n} and {o} re: {t}",),
}


class _Org:
    __slots__ = ("name", "key", "domain", "kind", "notes", "pattern", "city")

    def __init__(self, name, domain, kind, notes, pattern, city):
        self.name, self.key, self.domain, self.kind = name, fold(name), domain, kind
        self.notes, self.pattern, self.city = notes, pattern, city


class _Person:
    __slots__ = (
        "idx", "culture", "female", "given", "middle", "family", "display", "nickname", "prefix", "pronouns",
        "birthday", "location", "city", "country", "function", "level", "affiliations", "emails", "phones", "urls",
        "tags", "circle", "profile", "known_days", "quiet_days", "met_how", "notes", "met_at_event",
        "introduced_by", "short", "current", "topics", "created_days",
    )


# --------------------------------------------------------------------------------------------- helpers

_ASCII_EXTRA = str.maketrans({"ı": "i", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th"})
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def _ascii(text: str) -> str:
    """A name as it appears in an email address or a URL: "Łukasz" -> "lukasz", "O'Brien" -> "obrien"."""
    return _NOT_ALNUM.sub("", fold(text).translate(_ASCII_EXTRA))


def _weighted(rng: Random, items, cum) -> object:
    return rng.choices(items, cum_weights=cum)[0]


def _cum(weights) -> list[float]:
    return list(accumulate(weights))


def _midnight(value: datetime | None) -> datetime:
    if value is None:
        value = clock.now()
        value = value.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        return value
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def _phone(rng: Random, country: str) -> tuple[str, str]:
    dial, patterns = N.PHONE_PLANS.get(country, N.PHONE_PLANS["GB"])
    out = []
    for ch in rng.choice(patterns):
        if ch == "D":
            out.append(str(rng.randint(0, 9)))
        elif ch == "N":
            out.append(str(rng.randint(2, 9)))
        else:
            out.append(ch)
    national = "".join(out)
    return f"+{dial} {national}", "+" + dial + re.sub(r"\D", "", national)


# ------------------------------------------------------------------------------------------- planning


def _plan_orgs(rng: Random, count: int) -> list[_Org]:
    kinds = []
    for _ in range(count):
        r = rng.random()
        kinds.append("company" if r < 0.80 else "association" if r < 0.87 else "community" if r < 0.94 else "school")
    kinds[0] = "company"
    if count >= 6:
        for i, needed in enumerate(("school", "community", "association"), start=1):
            if needed not in kinds:
                kinds[i] = needed
    cities = [c for cu in N.CULTURES for c in cu.cities] + list(N.HUB_CITIES)
    used_keys: set[str] = set()
    used_domains: set[str] = set()
    orgs = []
    for i, kind in enumerate(kinds):
        for attempt in range(60):
            city, country = rng.choice(cities)
            name, domain = _org_name(rng, kind, city, country)
            if fold(name) not in used_keys and domain not in used_domains:
                break
        else:
            name, domain = f"{name} {i}", (f"{i}{domain}" if domain else "")
        used_keys.add(fold(name))
        if domain:
            used_domains.add(domain)
        notes = ""
        if kind == "company" and rng.random() < 0.25:
            notes = rng.choice((
                f"Series {rng.choice('ABC')}, about {rng.choice((40, 80, 150, 300, 600))} people. "
                f"{rng.choice(('Remote-first.', f'Office in {city}.', 'Hybrid, three days in the office.'))}",
                f"Bootstrapped and profitable. Hiring in {rng.choice(N.FIELDS)}.",
                f"Acquired in {rng.randint(2019, 2024)}; still runs as its own brand.",
                "Public company. Long hiring process; referrals matter.",
            ))
        elif kind in ("association", "community") and rng.random() < 0.4:
            notes = f"Meets {rng.choice(('monthly', 'every quarter', 'twice a year'))}; annual conference in " \
                    f"{calendar.month_name[rng.randint(1, 12)]}."
        pattern = rng.choice(("{g}.{f}", "{g}.{f}", "{g}", "{gi}{f}", "{g}{fi}", "{g}_{f}", "{f}.{g}"))
        orgs.append(_Org(name, domain, kind, notes, pattern, city))
    return orgs


def _org_name(rng: Random, kind: str, city: str, country: str) -> tuple[str, str]:
    field = rng.choice(N.FIELDS)
    if kind == "company":
        base = rng.choice(N.ORG_FIRST) + rng.choice(N.ORG_SECOND)
        business = rng.choice(N.ORG_BUSINESS)
        name = f"{base} {business}".strip()
        slug = _ascii(name if business and rng.random() < 0.4 else base)
        r = rng.random()
        tld = "com" if r < 0.6 else "io" if r < 0.8 else N.COUNTRY_TLDS.get(country, "com")
        return name, f"{slug}.{tld}"
    if kind == "association":
        name = rng.choice(N.ASSOCIATION_FORMS).format(country=N.COUNTRY_NAMES[country], field=field, city=city)
        initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", name) if w[0].isupper())
        return name, f"{_ascii(initials)}.org"
    if kind == "community":
        name = rng.choice(N.COMMUNITY_FORMS).format(city=city, field=field)
        return name, f"{_ascii(name)}.{rng.choice(('org', 'community', 'dev'))}"
    name = rng.choice(N.SCHOOL_FORMS).format(city=city)
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", name) if w[0].isupper())
    slug = _ascii(initials + city) if rng.random() < 0.5 else _ascii(name)
    return name, f"{slug}.{'ac.uk' if country == 'GB' else 'edu'}"


def _plan_tags() -> list[tuple[str, str]]:
    """(kind, name) for every tag the demo uses; names unique per kind once folded."""
    out, seen = [], set()
    expertise = [e for spec in N.FUNCTIONS.values() for e in spec["expertise"]]
    for kind, names in (("tag", N.TAGS), ("interest", N.INTERESTS), ("expertise", expertise)):
        for name in names:
            if (kind, fold(name)) not in seen:
                seen.add((kind, fold(name)))
                out.append((kind, name))
    return out


class _Planner:
    """Everything about the network except the database: plain Python objects and lists of indices."""

    def __init__(self, people: int, seed: int, now: datetime):
        self.n, self.seed, self.now = people, seed, now
        self.today = now.date()
        self.rng = Random(f"netweave-demo:{seed}:{people}")

    # ----------------------------------------------------------------------------------- organisations

    def plan(self, progress: Progress | None) -> None:
        rng = self.rng
        self.orgs = _plan_orgs(rng, max(3, round(self.n / 15)))
        self.tags = _plan_tags()
        self.tag_index = {t: i for i, t in enumerate(self.tags)}
        by_kind: dict[str, list[int]] = {"company": [], "association": [], "community": [], "school": []}
        for i, org in enumerate(self.orgs):
            by_kind[org.kind].append(i)
        self.org_lists = {}
        for kind, idxs in by_kind.items():
            idxs = list(idxs)
            rng.shuffle(idxs)  # popularity order: a few big employers, many small ones
            self.org_lists[kind] = (idxs, _cum(1 / (rank + 8) for rank in range(len(idxs))))
        self.communities = by_kind["association"] + by_kind["community"]
        self._plan_people(progress)
        self._plan_circles()
        self._plan_events()
        self._plan_introductions()
        self._plan_clusters()
        self._plan_derived()

    def _pick_org(self, kind: str, avoid: int | None = None) -> int | None:
        idxs, cum = self.org_lists[kind]
        if not idxs:
            idxs, cum = self.org_lists["company"]
        for _ in range(4):
            choice = _weighted(self.rng, idxs, cum)
            if choice != avoid:
                return choice
        return choice

    # ------------------------------------------------------------------------------------------ people

    def _plan_people(self, progress: Progress | None) -> None:
        rng, n = self.rng, self.n
        cultures = N.CULTURES
        culture_cum = _cum(c.weight for c in cultures)
        functions = list(N.FUNCTIONS)
        function_cum = _cum(N.FUNCTIONS[f]["weight"] for f in functions)
        self.families: list[list[int]] = []
        relatives: list[tuple] = []  # pending relatives of the previous person: (culture, surnames, city, country)
        used_emails: set[str] = set()
        used_slugs: set[str] = set()
        used_phones: set[str] = set()
        tag_names = [t for t in self.tags if t[0] == "tag"]
        interests = [t for t in self.tags if t[0] == "interest"]
        interest_cum = _cum(1 / (r + 3) for r in range(len(interests)))
        all_expertise = [t for t in self.tags if t[0] == "expertise"]
        self.people: list[_Person] = []
        family_group: list[int] | None = None
        for idx in range(n):
            p = _Person()
            p.idx = idx
            p.female = rng.random() < 0.5
            if relatives:
                cu, surnames, city, country = relatives.pop()
                family_group.append(idx)
            else:
                cu = _weighted(rng, cultures, culture_cum)
                surnames = [self._surname(cu)]
                if cu.two_surnames and rng.random() < cu.two_surnames:
                    surnames.append(self._surname(cu))
                if rng.random() < 0.04:
                    city, country = rng.choice(cu.cities)
                else:
                    home = cu.cities + cu.cities[:1]  # the first city twice: it is the biggest
                    city, country = rng.choice(home) if rng.random() < 0.7 else rng.choice(N.HUB_CITIES)
                if rng.random() < 0.035 and idx + 3 < n:
                    family_group = [idx]
                    self.families.append(family_group)
                    relatives = [(cu, surnames, city, country)] * rng.choice((1, 1, 2, 3))
            p.culture = cu
            self._name(p, cu, surnames)
            p.city, p.country = city, country
            p.location = "" if rng.random() < 0.04 else f"{city}, {N.COUNTRY_NAMES[country]}"

            age = int(rng.triangular(22, 70, 34))
            p.birthday = None
            if rng.random() < 0.6:
                year = self.today.year - age if rng.random() < 0.8 else None
                month = rng.randint(1, 12)
                day = rng.randint(1, calendar.monthrange(year or 2001, month)[1])
                p.birthday = (year, month, day)
            p.pronouns = ""
            if rng.random() < 0.3:
                usual = N.PRONOUNS_F if p.female else N.PRONOUNS_M
                p.pronouns = rng.choice(usual) if rng.random() < 0.93 else "they/them"

            p.function = _weighted(rng, functions, function_cum)
            career = max(0, age - 22 - rng.randint(0, 3))
            if career < 3:
                p.level = rng.choice((0, 1, 1))
            elif career < 8:
                p.level = rng.choice((1, 1, 2, 2, 3))
            elif career < 15:
                p.level = rng.choice((1, 2, 2, 3, 3, 4))
            else:
                p.level = rng.choice((2, 3, 3, 4, 4, 5, 6))
            p.affiliations = self._career(p)
            p.prefix = ""
            if p.function == "research" and rng.random() < 0.6:
                p.prefix = "Prof." if p.level >= 5 else "Dr."
            elif rng.random() < 0.015:
                p.prefix = "Dr."

            # current role: the open affiliation that started last (ties: the one written last)
            current = None
            for pos, (org, title, start, end) in enumerate(p.affiliations):
                if end is None and (current is None or start >= current[2]):
                    current = (org, title, start, pos)
            p.current = current

            p.emails = self._emails(p, used_emails)
            p.phones = []
            if rng.random() < 0.8:
                home = p.country if rng.random() < 0.8 else cu.cities[0][1]
                p.phones.append(self._unique_phone(home, used_phones) + ("mobile",))
                if rng.random() < 0.1:
                    p.phones.append(self._unique_phone(p.country, used_phones) + (rng.choice(("work", "home")),))
            p.urls = self._urls(p, used_slugs)

            chosen: list[int] = []
            for _ in range(rng.choices((0, 1, 2), (50, 35, 15))[0]):
                chosen.append(self.tag_index[rng.choice(tag_names)])
            for _ in range(rng.choices((0, 1, 2, 3), (25, 35, 25, 15))[0]):
                chosen.append(self.tag_index[_weighted(rng, interests, interest_cum)])
            own = [("expertise", e) for e in N.FUNCTIONS[p.function]["expertise"]]
            for _ in range(rng.choices((0, 1, 2, 3), (20, 35, 30, 15))[0]):
                pool = own if rng.random() < 0.85 else all_expertise
                chosen.append(self.tag_index[_expertise_key(rng.choice(pool), self.tag_index)])
            p.tags = sorted(set(chosen))
            p.notes = ""
            p.met_how = ""
            p.met_at_event = None
            p.introduced_by = None
            self.people.append(p)
            if progress and idx % 2000 == 0:
                progress("Planning people", 0.15 * idx / n)

        # A handful of people born on 29 February (in a leap year, or with no year).
        with_birthday = [p for p in self.people if p.birthday]
        if self.n >= 20 and with_birthday:
            for p in rng.sample(with_birthday, min(len(with_birthday), max(1, self.n // 1000))):
                year = p.birthday[0]
                if year is not None:
                    year -= year % 4
                    if not calendar.isleap(year):
                        year -= 4
                p.birthday = (year, 2, 29)

    def _surname(self, cu) -> tuple[str, str]:
        entry = self.rng.choice(cu.family)
        return entry if isinstance(entry, tuple) else (entry, entry)

    def _name(self, p: _Person, cu, surnames) -> None:
        rng = self.rng
        given = rng.choice(cu.given_f if p.female else cu.given_m)
        family = " ".join(s[1] if p.female else s[0] for s in surnames)
        middle = ""
        if cu.key == "vietnamese":
            middle = rng.choice(N.VIETNAMESE_MIDDLE_F if p.female else N.VIETNAMESE_MIDDLE_M)
        elif cu.patronymic and rng.random() < 0.7:
            middle = rng.choice(N.PATRONYMICS)[1 if p.female else 0]
        display = f"{family} {middle} {given}" if cu.family_first else f"{given} {family}"
        native_given = cu.native_given.get(given)
        native_family = cu.native_family.get(family)
        if native_given and native_family and rng.random() < 0.3:
            if cu.key in ("chinese", "korean"):
                display = f"{native_family}{native_given}"
            elif cu.key == "japanese":
                display = f"{native_family} {native_given}"
            else:
                display = f"{native_given} {native_family}"
        p.given, p.middle, p.family, p.display = given, middle, family, display
        short = cu.nicknames.get(given)
        p.nickname = short if short and rng.random() < 0.5 else ""
        p.short = p.nickname or given

    def _career(self, p: _Person) -> list[tuple[int, str, date, date | None]]:
        """Job history, oldest first: (organisation index, title, start, end or None)."""
        rng, today = self.rng, self.today
        total = rng.choices((1, 2, 3, 4), (25, 35, 25, 15))[0]
        has_job = rng.random() > 0.07
        study = total >= 2 and (p.function == "research" or rng.random() < 0.25) and self.org_lists["school"][0]
        community = has_job and total - bool(study) >= 2 and rng.random() < 0.3 and self.communities
        jobs_count = total - bool(study) - bool(community)
        employer_kind = "school" if p.function == "research" else "company"
        function = p.function
        role = rng.choice(N.FUNCTIONS[function]["roles"])
        level = p.level
        end = None if has_job else today - timedelta(days=rng.randint(20, 540))
        org = self._pick_org(employer_kind)
        jobs = []
        for j in range(jobs_count):
            anchor = end or today
            start = anchor - timedelta(days=rng.randint(60, 2400) if j == 0 else rng.randint(200, 2000))
            jobs.append((org, _title(function, role, level), start, end))
            if level > 0 and function != "founder" and rng.random() < 0.18:
                end = start - timedelta(days=1)  # a promotion: the earlier role at the same place, one level down
                level -= 1
            else:
                end = start - timedelta(days=rng.randint(0, 120))
                if function == "founder":
                    function = rng.choice(("engineering", "product", "sales", "finance", "data", "marketing"))
                    role = rng.choice(N.FUNCTIONS[function]["roles"])
                elif rng.random() < 0.2:
                    role = rng.choice(N.FUNCTIONS[function]["roles"])
                level = max(0, level - rng.choice((0, 1, 1, 2)))
                org = self._pick_org(employer_kind, avoid=org)
        history = list(reversed(jobs))
        if study:
            first_start = history[0][2]
            end = first_start - timedelta(days=rng.randint(0, 150))
            start = end - timedelta(days=rng.randint(300, 1500))
            title = "PhD Student" if p.function == "research" else rng.choice(
                ("BSc Student", "MSc Student", "MBA Student", "Exchange Student", "BA Student"))
            history.insert(0, (self._pick_org("school"), title, start, end))
        if community:
            latest_start = max(a[2] for a in history)
            start = latest_start - timedelta(days=rng.randint(30, 1500))
            end = None
            if rng.random() < 0.4:
                end = min(start + timedelta(days=rng.randint(100, 1000)), today - timedelta(days=1))
                if end <= start:
                    end = None
            org = rng.choice(self.communities)
            history.append((org, rng.choice(N.COMMUNITY_ROLES), start, end))
            history.sort(key=lambda a: a[2])
        return history

    def _emails(self, p: _Person, used: set[str]) -> list[tuple[str, str]]:
        rng = self.rng
        g = _ascii(p.given.split()[0]) or "contact"
        f = _ascii(p.family.split()[-1]) or "x"
        out = []
        if rng.random() < 0.78:
            local = rng.choice((f"{g}.{f}", f"{g}{f}", f"{g[0]}{f}", f"{f}.{g}", f"{g}_{f}",
                                f"{g}.{f}{rng.randint(1, 99)}", f"{g}{rng.randint(70, 99)}"))
            providers = N.MAIL_PROVIDERS.get(p.country, N.MAIL_PROVIDERS["default"])
            domain = rng.choices(providers, [len(providers) - i for i in range(len(providers))])[0]
            out.append((_unique_email(rng, local, domain, used), "personal"))
        if p.current and rng.random() < 0.7:
            org = self.orgs[p.current[0]]
            if org.domain:
                local = org.pattern.format(g=g, f=f, gi=g[0], fi=f[0])
                out.append((_unique_email(rng, local, org.domain, used), "work"))
        if len(p.affiliations) > 1 and rng.random() < 0.12:
            past = self.orgs[p.affiliations[0][0]]
            if past.domain and (not p.current or p.affiliations[0][0] != p.current[0]):
                local = past.pattern.format(g=g, f=f, gi=g[0], fi=f[0])
                out.append((_unique_email(rng, local, past.domain, used), "work (old)"))
        if len(out) > 1 and rng.random() < 0.5:
            out[0], out[1] = out[1], out[0]
        return out

    def _unique_phone(self, country: str, used: set[str]) -> tuple[str, str]:
        while True:
            raw, e164 = _phone(self.rng, country)
            if e164 not in used:
                used.add(e164)
                return raw, e164

    def _urls(self, p: _Person, used: set[str]) -> list[tuple[str, str, str]]:
        rng = self.rng
        out = []
        g = _ascii(p.given) or "contact"
        f = _ascii(p.family) or "x"
        if rng.random() < 0.78:
            slug = f"{g}-{f}"
            if rng.random() < 0.03:  # a few profiles keep accents in the slug, percent-encoded as browsers copy them
                from urllib.parse import quote

                slug = quote(f"{p.given}-{p.family}".lower().replace(" ", "-"))
            while slug in used or rng.random() < 0.4:
                slug = f"{g}-{f}-{rng.getrandbits(32):08x}"[: len(g) + len(f) + 10]
            used.add(slug)
            form = rng.random()
            url = (f"https://www.linkedin.com/in/{slug}" if form < 0.8 else
                   f"https://www.linkedin.com/in/{slug}/" if form < 0.93 else f"linkedin.com/in/{slug}")
            out.append((url, url_key(url), "linkedin"))
        if p.function in ("engineering", "data") and rng.random() < 0.35:
            url = f"https://github.com/{g}{f[:rng.randint(1, len(f))]}"
            out.append((url, url_key(url), "github"))
        if rng.random() < 0.06:
            url = f"https://{g}{f}.{rng.choice(('dev', 'com', 'net', 'me'))}"
            out.append((url, url_key(url), "website"))
        return out

    # -------------------------------------------------------------------------------- circles, profiles

    def _plan_circles(self) -> None:
        rng, n = self.rng, self.n
        order = list(range(n))
        rng.shuffle(order)
        inner = min(5, max(1, n // 20))
        close = min(15, max(1, n // 10))
        active = min(100, max(2, n * 5 // 100))
        for rank, idx in enumerate(order):
            p = self.people[idx]
            if rank < inner:
                p.circle, p.profile = "inner", "inner"
            elif rank < inner + close:
                p.circle, p.profile = "close", "fading" if rng.random() < 0.12 else "close"
            elif rank < inner + close + active:
                p.circle, p.profile = "active", "fading" if rng.random() < 0.1 else "active"
            else:
                p.circle = "wide"
                p.profile = rng.choices(("weak", "regular", "warm", "dormant"), (35, 30, 20, 15))[0]
        ranges = {
            "inner": (1200, 5000), "close": (1200, 5000), "fading": (400, 4000), "active": (200, 3000),
            "warm": (200, 3000), "regular": (60, 2500), "weak": (15, DORMANT_TO), "dormant": (1200, 4000),
        }
        for p in self.people:
            p.known_days = rng.randint(*ranges[p.profile])
            p.quiet_days = DORMANT_FROM if p.profile == "dormant" else 150 if p.profile == "fading" else 0

    # ------------------------------------------------------------------------------------------- events

    def _plan_events(self) -> None:
        """Conferences and meetups: kind=event, many participants. Two are still to come."""
        rng, n = self.rng, self.n
        count = 2 + max(2, round(n / 120))  # two still to come, and at least two that happened
        self.events: list[list] = []  # [summary, notes, age_days, participants]
        cities = [c for cu in N.CULTURES for c in cu.cities] + list(N.HUB_CITIES)
        for i in range(count):
            age = -rng.randint(3, 60) if i < 2 else rng.randint(2, DORMANT_TO)
            when = self.today - timedelta(days=age)
            city = rng.choice(cities)[0]
            form = rng.choice(N.EVENT_FORMS)
            org = self.orgs[rng.choice(self.communities)].name if self.communities else "Open Source"
            if "{org}" in form and not self.communities:
                form = N.EVENT_FORMS[0]
            summary = form.format(city=city, field=rng.choice(N.FIELDS), year=when.year, n=rng.randint(3, 120), org=org)
            notes = ""
            if rng.random() < 0.3:
                notes = f"Goals: meet two people working on {rng.choice(N.FIELDS).lower()}; " \
                        f"follow up with the speakers within a week."
            size = min(rng.randint(8, 60), max(3, n // 4))
            participants: list[int] = []
            seen: set[int] = set()
            for idx in rng.sample(range(n), min(n, size * 2)):
                if len(participants) >= size:
                    break
                if self.people[idx].quiet_days <= max(age, 0) and idx not in seen:
                    seen.add(idx)
                    participants.append(idx)
            self.events.append([summary, notes, age, participants])

    def _plan_introductions(self) -> None:
        rng = self.rng
        past_events = [i for i, e in enumerate(self.events) if 2 <= e[2] <= DORMANT_TO]
        introducers = [p.idx for p in self.people if p.profile in ("inner", "close", "active", "warm")]
        for p in self.people:
            if p.profile in ("inner", "dormant", "fading"):
                continue
            r = rng.random()
            if r < 0.08 and past_events:
                e = rng.choice(past_events)
                event = self.events[e]
                p.met_at_event = e
                p.known_days = event[2]
                if p.idx not in event[3]:
                    event[3].append(p.idx)
                p.met_how = f"Met at {event[0]}."
            elif r < 0.16 and introducers:
                by = rng.choice(introducers)
                if by != p.idx:
                    p.introduced_by = by
                    p.met_how = f"Introduced by {self.people[by].display}" + rng.choice((
                        ".", f" who thought we should talk about {rng.choice(N.TOPICS)}.",
                        f"; both of us work on {rng.choice(N.FIELDS).lower()}."))
        for p in self.people:
            if not p.met_how and rng.random() < 0.35:
                p.met_how = rng.choice(N.MET_HOW).format(
                    past_org=self.orgs[p.affiliations[0][0]].name, field=rng.choice(N.FIELDS), city=p.city,
                    topic=rng.choice(N.TOPICS),
                    community=self.orgs[rng.choice(self.communities)].name if self.communities else "local tech")
            if rng.random() < 0.25:
                interest = next((self.tags[t][1] for t in p.tags if self.tags[t][0] == "interest"),
                                rng.choice(N.INTERESTS))
                expertise = next((self.tags[t][1] for t in p.tags if self.tags[t][0] == "expertise"),
                                 rng.choice(N.FUNCTIONS[p.function]["expertise"]))
                p.notes = rng.choice(N.PERSON_NOTES).format(
                    interest=interest, expertise=expertise, topic=rng.choice(N.TOPICS),
                    city=rng.choice(N.HUB_CITIES)[0])

    def _plan_clusters(self) -> None:
        """Friends in small groups (mostly in the same city), and colleagues by organisation."""
        rng = self.rng
        by_city: dict[str, list[int]] = {}
        for p in self.people:
            if rng.random() < 0.3:
                by_city.setdefault(p.city, []).append(p.idx)
        self.clusters: list[list[int]] = []
        for city in sorted(by_city):
            members = by_city[city]
            i = 0
            while i < len(members):
                size = rng.randint(3, 8)
                group = members[i:i + size]
                if len(group) >= 2:
                    self.clusters.append(group)
                i += size
        self.cluster_of: dict[int, list[int]] = {}
        for group in self.clusters:
            for idx in group:
                self.cluster_of[idx] = group
        self.family_of: dict[int, list[int]] = {idx: group for group in self.families for idx in group}
        self.staff: dict[int, list[int]] = {}  # organisation -> people who work there now
        self.alumni: dict[int, list[int]] = {}  # organisation -> everyone who ever had a role there
        for p in self.people:
            if p.current is not None:
                self.staff.setdefault(p.current[0], []).append(p.idx)
            for org in dict.fromkeys(a[0] for a in p.affiliations):
                self.alumni.setdefault(org, []).append(p.idx)

    def _plan_derived(self) -> None:
        for p in self.people:
            org_name = self.orgs[p.current[0]].name if p.current else ""
            p.topics = [self.tags[t][1] for t in p.tags if self.tags[t][0] == "expertise"]
            if org_name:
                p.topics += [f"the role at {org_name}", f"hiring at {org_name}"]
            p.created_days = min(p.known_days, 1800)

    def search_text(self, p: _Person, emails, phones) -> str:
        """What people.services.reindex computes, from the same inputs in the same order."""
        by_recent = sorted(range(len(p.affiliations)), key=lambda i: (p.affiliations[i][2], i), reverse=True)
        tags = sorted((self.tags[t] for t in p.tags), key=lambda kn: (kn[0], kn[1]))
        return search_text_for(
            names=[p.display, p.nickname, p.given, p.middle, p.family],
            emails=emails,
            phones=phones,
            organisations=[self.orgs[p.affiliations[i][0]].name for i in by_recent],
            titles=[p.current[1] if p.current else ""],
            tags=[name for _, name in tags],
            location=p.location,
        )

    # ------------------------------------------------------------------------------------- interactions

    def interactions_of(self, p: _Person):
        """Yield (kind, occurred_at, initiated_by, summary, notes, participant indices) for one person."""
        rng, today = self.rng, self.today
        low, high = PROFILES[p.profile][0]
        mix = KIND_MIX[PROFILES[p.profile][1]]
        kinds = [k for k, _ in mix]
        kinds_cum = _cum(w for _, w in mix)
        count = rng.randint(low, high)
        span = max(1, min(p.known_days, HISTORY_DAYS))
        ages = []
        for _ in range(count):
            u = rng.random()
            if p.profile == "dormant":
                age = rng.randint(DORMANT_FROM, DORMANT_TO)
            elif p.profile == "fading":
                age = 150 + int((HISTORY_DAYS - 150) * u ** 0.8)
            elif p.profile == "weak":
                # most contact soon after we met, then it thins out
                known = max(1, min(p.known_days, DORMANT_TO))
                age = 1 + int((known - 1) * (1 - u ** 2.5))
            else:
                bias = {"inner": 1.3, "close": 1.2, "active": 1.1, "warm": 1.0, "regular": 0.9}[p.profile]
                age = 1 + int((span - 1) * u ** bias)
            ages.append(age)
        if p.profile in ("inner", "close", "active", "warm") and rng.random() < 0.06:
            ages.append(-rng.randint(1, 45))  # a plan
        if p.introduced_by is not None:
            first = min(max(ages) + rng.randint(1, 10), DORMANT_TO)
            introducer = self.people[p.introduced_by]
            yield ("email", self._when(first, "email"), "them",
                   f"Intro from {introducer.short}: meet {p.short}", "", [p.idx, p.introduced_by])
        pools = [pool for pool in (self.staff.get(p.current[0]) if p.current else None,
                                   self.cluster_of.get(p.idx), self.family_of.get(p.idx)) if pool and len(pool) > 1]
        for age in ages:
            kind = _weighted(rng, kinds, kinds_cum)
            initiated = "" if kind == "note" else ("me" if rng.random() < 0.5 else "them")
            when = self._when(age, kind)
            participants = [p.idx]
            if pools and kind != "note" and rng.random() < 0.08:
                for _ in range(rng.choice((1, 1, 2, 2, 3, 4, 5))):
                    other = rng.choice(rng.choice(pools))
                    if other not in participants and self.people[other].quiet_days <= age:
                        participants.append(other)
            topic = rng.choice(p.topics) if p.topics and rng.random() < 0.3 else rng.choice(N.TOPICS)
            if len(participants) > 1:
                others = [self.people[i].short for i in participants[1:]]
                o = others[0] if len(others) == 1 else f"{len(others)} others"
                summary = rng.choice(GROUP_SUMMARIES[kind]).format(n=p.short, o=o, t=topic)
            else:
                summary = rng.choice(SUMMARIES[(kind, initiated)]).format(
                    n=p.short, t=topic, p=rng.choice(N.PLACES), m=rng.choice(N.MILESTONES))
            notes = ""
            if rng.random() < 0.08:
                notes = rng.choice(N.INTERACTION_NOTES).format(
                    expertise=rng.choice(p.topics) if p.topics else rng.choice(N.FIELDS), topic=topic,
                    city=rng.choice(N.HUB_CITIES)[0])
            yield kind, when, initiated, summary, notes, participants

    def _when(self, age: int, kind: str) -> datetime:
        rng = self.rng
        day = self.today - timedelta(days=age)
        if kind in ("meeting", "call", "video"):
            if day.weekday() >= 5 and rng.random() < 0.8:
                day += timedelta(days=7 - day.weekday()) if age <= 0 else -timedelta(days=day.weekday() - 4)
            hour, minute = rng.randint(8, 18), rng.choice((0, 0, 15, 30, 30, 45))
        elif kind == "note":
            hour, minute = rng.randint(17, 23), rng.randint(0, 59)
        else:
            hour, minute = rng.randint(7, 23), rng.randint(0, 59)
        if age > 0 and day >= self.today:
            day = self.today - timedelta(days=1)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)

    def event_when(self, age: int) -> datetime:
        day = self.today - timedelta(days=age)
        if day.weekday() == 6:
            day -= timedelta(days=1)
        if age > 0 and day >= self.today:
            day = self.today - timedelta(days=1)
        return datetime(day.year, day.month, day.day, self.rng.choice((9, 10, 14, 18, 19)), 0, tzinfo=UTC)

    # ------------------------------------------------------------------------------------------- ties

    def ties(self) -> dict[tuple[int, int, str], tuple[str, str]]:
        """(a, b, kind) -> (source, evidence); undirected kinds with a < b, mentor ties a mentors b."""
        rng = self.rng
        out: dict[tuple[int, int, str], tuple[str, str]] = {}

        def add(a: int, b: int, kind: str, source: str, evidence: str) -> None:
            if a == b:
                return
            if kind != "mentor" and a > b:
                a, b = b, a
            if kind == "mentor" and (b, a, kind) in out:
                return
            out.setdefault((a, b, kind), (source, evidence))

        for org, members in sorted(self.staff.items()):
            name = self.orgs[org].name
            if len(members) < 2:
                continue
            for idx in members:
                for _ in range(min(len(members) - 1, rng.randint(1, 3))):
                    add(idx, rng.choice(members), "colleague", "me", f"Both at {name}")
        for org, members in sorted(self.alumni.items()):
            if len(members) < 2:
                continue
            name = self.orgs[org].name
            for idx in members:
                if rng.random() < 0.25:
                    add(idx, rng.choice(members), "colleague", "me", f"Worked together at {name}")
        for group in self.families:
            relation = rng.choice(("Siblings", "Cousins", "Same family", "Parent and child", "Married"))
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    add(a, b, "family", "me", relation if len(group) == 2 else "Same family")
        for group in self.clusters:
            city = self.people[group[0]].city
            evidence = rng.choice((f"Friends from {city}", f"Same {rng.choice(N.INTERESTS)} group in {city}",
                                   "Old school friends", f"Flatmates in {city} years ago"))
            for i, a in enumerate(group):
                if i:
                    add(group[i - 1], a, "friend", "me", evidence)
                for b in group[i + 1:]:
                    if rng.random() < 0.4:
                        add(a, b, "friend", "me", evidence)
        seniors = [p.idx for p in self.people if p.level >= 3]
        for mentor in rng.sample(seniors, min(len(seniors), max(1, self.n // 50))):
            m = self.people[mentor]
            colleagues = self.staff.get(m.current[0], []) if m.current else []
            for _ in range(rng.choice((1, 1, 2, 3))):
                pool = colleagues if colleagues and rng.random() < 0.6 else None
                mentee = rng.choice(pool) if pool else rng.randrange(self.n)
                if self.people[mentee].level < m.level:
                    topic = rng.choice(N.FUNCTIONS[m.function]["expertise"])
                    add(mentor, mentee, "mentor", "me", f"Mentors {self.people[mentee].short} on {topic}")
        for p in self.people:
            if p.introduced_by is not None:
                add(p.introduced_by, p.idx, "introduced", "introduction",
                    f"{self.people[p.introduced_by].short} introduced me to {p.short}")
        for summary, _, age, participants in self.events:
            if age > 0 and len(participants) >= 2:
                for _ in range(rng.randint(0, 3)):
                    a, b = rng.sample(participants, 2)
                    add(a, b, "met_at", "me", f"Met each other at {summary}")
        return out


def _expertise_key(item: tuple[str, str], index: dict) -> tuple[str, str]:
    """The (kind, name) under which an expertise is stored (names repeat across functions)."""
    if item in index:
        return item
    folded = fold(item[1])
    return next(k for k in index if k[0] == "expertise" and fold(k[1]) == folded)


def _unique_email(rng: Random, local: str, domain: str, used: set[str]) -> str:
    address = f"{local}@{domain}"
    while address in used:
        address = f"{local}{rng.randint(1, 999)}@{domain}"
    used.add(address)
    return address


def _title(function: str, role: str, level: int) -> str:
    spec = N.FUNCTIONS[function]
    if function == "founder":
        return role
    if function == "research":
        return spec["roles"][min(4, max(0, level - 1))]
    return N.SENIORITY[level].format(role=role, head=spec["head"])


# --------------------------------------------------------------------------------------------- writing


class _Writer:
    """Multi-row INSERTs through Django's connection, with the columns a model has and nothing per row."""

    def __init__(self, owner, stamp: datetime):
        self.owner = owner
        self.stamp = stamp
        self.ops = connection.ops

    def dt(self, value: datetime | None):
        return self.ops.adapt_datetimefield_value(value)

    def d(self, value: date | None):
        return self.ops.adapt_datefield_value(value)

    def insert(self, model, attnames: tuple[str, ...], rows: list[tuple], *, ids: bool = False) -> list[int]:
        opts = model._meta
        fields = {f.attname: f for f in opts.concrete_fields}
        rest = [f for f in opts.concrete_fields if not f.primary_key and f.attname not in attnames]
        suffix = tuple(self._default(f) for f in rest)
        qn = self.ops.quote_name
        columns = [fields[a].column for a in attnames] + [f.column for f in rest]
        table, pk = qn(opts.db_table), qn(opts.pk.column)
        sql = f"INSERT INTO {table} ({', '.join(qn(c) for c in columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
        with connection.cursor() as cursor:
            before = 0
            if ids:
                cursor.execute(f"SELECT MAX({pk}) FROM {table}")
                before = cursor.fetchone()[0] or 0
            for start in range(0, len(rows), 20_000):
                part = rows[start:start + 20_000]
                cursor.executemany(sql, [row + suffix for row in part] if suffix else part)
            if not ids:
                return []
            owner_column = qn(opts.get_field("owner").column)
            cursor.execute(f"SELECT {pk} FROM {table} WHERE {pk} > %s AND {owner_column} = %s ORDER BY {pk}",
                           [before, self.owner.pk])
            new = [r[0] for r in cursor.fetchall()]
        if len(new) != len(rows):
            raise RuntimeError(f"{opts.db_table}: wrote {len(rows)} rows but found {len(new)}; another writer?")
        return new

    def _default(self, field):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            return self.dt(self.stamp)
        return field.get_db_prep_save(field.get_default(), connection)


def build_demo(owner, *, people: int, seed: int, now: datetime | None = None,
               progress: Progress | None = None) -> dict:
    """Write a synthetic network of `people` people for `owner`. Returns counts and the seconds it took.

    `progress(stage, fraction)` is called now and then with a fraction from 0 to 1.
    """
    from netweave.core.models import Origin
    from netweave.interactions.models import Interaction, Participation
    from netweave.people.models import (
        Affiliation, Circle, Email, Organisation, Person, Phone, Tag, Tie, Url,
    )
    from netweave.people.services import DEFAULT_CIRCLES, ensure_default_circles

    if people < 1:
        raise ValueError("a demo network needs at least one person")
    started = time.perf_counter()
    now = _midnight(now)
    report = progress or (lambda stage, fraction: None)
    plan = _Planner(people, seed, now)
    plan.plan(progress)
    report("Writing people", 0.15)
    w = _Writer(owner, now)
    stats = {"people": people, "seed": seed, "now": now.isoformat()}

    with transaction.atomic():
        ensure_default_circles(owner)
        origin = Origin.objects.create(owner=owner, kind="demo", label=f"demo --people {people} --seed {seed}")
        circles = dict(Circle.objects.filter(owner=owner, name__in=DEFAULT_CIRCLES).values_list("name", "id"))

        # Tags and organisations: reuse what the owner already has under the same key.
        existing_tags = {(k, key): i for k, key, i in Tag.objects.filter(owner=owner).values_list("kind", "key", "id")}
        missing = [t for t in plan.tags if (t[0], fold(t[1])) not in existing_tags]
        new_ids = w.insert(Tag, ("owner_id", "kind", "name", "key"),
                           [(owner.pk, kind, name, fold(name)) for kind, name in missing], ids=True)
        existing_tags.update({(k, fold(name)): i for (k, name), i in zip(missing, new_ids)})
        tag_ids = [existing_tags[(k, fold(name))] for k, name in plan.tags]

        existing_orgs = dict(Organisation.objects.filter(owner=owner).values_list("key", "id"))
        missing_orgs = [o for o in plan.orgs if o.key not in existing_orgs]
        new_ids = w.insert(Organisation, ("owner_id", "name", "key", "domain", "kind", "notes", "origin_id"),
                           [(owner.pk, o.name, o.key, o.domain, o.kind, o.notes, origin.pk) for o in missing_orgs],
                           ids=True)
        existing_orgs.update({o.key: i for o, i in zip(missing_orgs, new_ids)})
        org_ids = [existing_orgs[o.key] for o in plan.orgs]

        interaction_fields = ("owner_id", "kind", "occurred_at", "initiated_by", "summary", "notes", "source",
                              "origin_id", "created_at", "updated_at")
        event_rows, event_members = [], []
        for summary, notes, age, participants in plan.events:
            when = plan.event_when(age)
            stamp = w.dt(min(when, now))
            event_rows.append((owner.pk, "event", w.dt(when), "", summary, notes, "demo", origin.pk, stamp, stamp))
            event_members.append((participants, when))
        event_ids = w.insert(Interaction, interaction_fields, event_rows, ids=True)

        # People, with their derived columns (last contact is filled in once the interactions are written).
        person_rows = []
        contact_rows = {"emails": [], "phones": [], "urls": []}
        for p in plan.people:
            emails = [address for address, _ in p.emails]
            phones = [e164 for _, e164, _ in p.phones]
            year, month, day = p.birthday or (None, None, None)
            person_rows.append((
                owner.pk, p.display, p.prefix, p.given, p.middle, p.family, p.nickname, p.pronouns,
                year, month, day, p.location, p.met_how,
                event_ids[p.met_at_event] if p.met_at_event is not None else None,
                circles[p.circle], p.notes,
                org_ids[p.current[0]] if p.current else None, p.current[1] if p.current else "",
                plan.search_text(p, emails, phones),
                w.dt(now - timedelta(days=p.created_days)), w.dt(now),
            ))
        person_ids = w.insert(Person, (
            "owner_id", "display_name", "prefix", "given_name", "middle_name", "family_name", "nickname", "pronouns",
            "birthday_year", "birthday_month", "birthday_day", "location", "met_how", "met_at_event_id", "circle_id",
            "notes", "current_organisation_id", "current_title", "search_text", "created_at", "updated_at",
        ), person_rows, ids=True)
        del person_rows
        report("Writing contact details", 0.22)

        qn = connection.ops.quote_name
        person_table = qn(Person._meta.db_table)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {person_table} SET {qn('introduced_by_id')} = %s WHERE {qn('id')} = %s",
                [(person_ids[p.introduced_by], person_ids[p.idx]) for p in plan.people if p.introduced_by is not None],
            )

        for p in plan.people:
            pid = person_ids[p.idx]
            for pos, (address, label) in enumerate(p.emails):
                contact_rows["emails"].append((owner.pk, pid, label, pos, origin.pk, address, address.lower()))
            for pos, (raw, e164, label) in enumerate(p.phones):
                contact_rows["phones"].append((owner.pk, pid, label, pos, origin.pk, raw, e164))
            for pos, (url, key, label) in enumerate(p.urls):
                contact_rows["urls"].append((owner.pk, pid, label, pos, origin.pk, url, key))
        value_fields = ("owner_id", "person_id", "label", "position", "origin_id")
        w.insert(Email, value_fields + ("address", "key"), contact_rows["emails"])
        w.insert(Phone, value_fields + ("raw", "e164"), contact_rows["phones"])
        w.insert(Url, value_fields + ("url", "key"), contact_rows["urls"])

        affiliation_rows = []
        for p in plan.people:
            pid = person_ids[p.idx]
            for org, title, start, end in p.affiliations:
                affiliation_rows.append((owner.pk, pid, org_ids[org], title, w.d(start), w.d(end), origin.pk))
        w.insert(Affiliation, ("owner_id", "person_id", "organisation_id", "title", "start", "end", "origin_id"),
                 affiliation_rows)
        through = Person.tags.through
        tag_rows = [(person_ids[p.idx], tag_ids[t]) for p in plan.people for t in p.tags]
        w.insert(through, ("person_id", "tag_id"), tag_rows)
        report("Writing interactions", 0.3)

        # Interactions, streamed a chunk at a time; last contact is tracked as they are written.
        last = [None] * people
        now_db = w.dt(now)
        participation_fields = ("owner_id", "interaction_id", "person_id", "occurred_at")
        totals = {"interactions": len(event_rows), "participations": 0}

        def write(rows: list[tuple], members: list[tuple[list[int], datetime]], ids: list[int] | None = None) -> None:
            if ids is None:
                ids = w.insert(Interaction, interaction_fields, rows, ids=True)
            part_rows = []
            for row, iid, (group, when) in zip(rows, ids, members):
                when_db = row[2]
                past = when <= now
                for idx in group:
                    part_rows.append((owner.pk, iid, person_ids[idx], when_db))
                    if past and (last[idx] is None or when > last[idx]):
                        last[idx] = when
            w.insert(Participation, participation_fields, part_rows)
            totals["participations"] += len(part_rows)

        write(event_rows, event_members, event_ids)
        rows: list[tuple] = []
        members: list[tuple[list[int], datetime]] = []
        for i, p in enumerate(plan.people):
            for kind, when, initiated, summary, notes, group in plan.interactions_of(p):
                when_db = w.dt(when)
                stamp = when_db if when <= now else now_db
                rows.append((owner.pk, kind, when_db, initiated, summary, notes, "demo", origin.pk, stamp, stamp))
                members.append((group, when))
            if len(rows) >= INTERACTIONS_PER_CHUNK:
                write(rows, members)
                totals["interactions"] += len(rows)
                rows, members = [], []
                report("Writing interactions", 0.3 + 0.65 * (i + 1) / people)
        if rows:
            write(rows, members)
            totals["interactions"] += len(rows)
        report("Writing ties", 0.95)

        # Derived column: each person's latest past contact (plans do not count), as refresh_last_contact has it.
        updates = [(w.dt(value), person_ids[idx]) for idx, value in enumerate(last) if value is not None]
        with connection.cursor() as cursor:
            cursor.executemany(f"UPDATE {person_table} SET {qn('last_contact_at')} = %s WHERE {qn('id')} = %s", updates)

        tie_rows = []
        for (a, b, kind), (source, evidence) in plan.ties().items():
            ida, idb = person_ids[a], person_ids[b]
            if kind != "mentor" and ida > idb:
                ida, idb = idb, ida
            tie_rows.append((owner.pk, ida, idb, kind, source, evidence, origin.pk))
        w.insert(Tie, ("owner_id", "person_a_id", "person_b_id", "kind", "source", "evidence", "origin_id"), tie_rows)

    # A bulk load changes the tables' shape a lot: refresh the query planner's statistics, as an import should.
    # Without them SQLite picks poor indexes (e.g. filtering the people list by a tag takes 5x longer).
    if connection.vendor in ("sqlite", "postgresql"):
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    stats.update({
        "organisations": len(plan.orgs),
        "affiliations": len(affiliation_rows),
        "interactions": totals["interactions"],
        "participations": totals["participations"],
        "ties": len(tie_rows),
        "emails": len(contact_rows["emails"]),
        "phones": len(contact_rows["phones"]),
        "urls": len(contact_rows["urls"]),
        "tags": len(plan.tags),
        "seconds": round(time.perf_counter() - started, 2),
    })
    report("Done", 1.0)
    return stats


def clear_user_data(owner) -> None:
    """Delete everything a user owns in the network (people, organisations, interactions, ties, tags, circles,
    origins), but not the account itself nor its API tokens."""
    from django.apps import apps

    from netweave.core.models import Origin, Owned
    from netweave.interactions.models import Interaction, Participation
    from netweave.people.models import Circle, Organisation, Person, Tag

    with transaction.atomic():
        Person.objects.filter(owner=owner).update(met_at_event=None, introduced_by=None)
        Person.tags.through.objects.filter(person__owner=owner).delete()
        Participation.objects.filter(owner=owner).delete()
        # Interactions are the big table: delete them in one statement when nothing else points at them.
        others = [r for r in Interaction._meta.related_objects
                  if r.related_model not in (Participation, Person)]
        if not others:
            with connection.cursor() as cursor:
                qn = connection.ops.quote_name
                cursor.execute(f"DELETE FROM {qn(Interaction._meta.db_table)} WHERE {qn('owner_id')} = %s",
                               [owner.pk])
        last = (Person, Organisation, Tag, Circle, Origin)
        owned = [m for m in apps.get_models() if issubclass(m, Owned) and m._meta.app_label != "accounts"]
        for model in [m for m in owned if m not in last] + list(last):
            model.objects.filter(owner=owner).delete()
