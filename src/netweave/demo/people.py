"""People for the demo network: names, families, home towns, birthdays, job histories and tags."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from random import Random
from typing import TYPE_CHECKING

from netweave.demo.contacts import email_addresses, phone_numbers, profile_urls
from netweave.demo.cultures import (
    CULTURES, PATRONYMICS, PRONOUNS_F, PRONOUNS_M, VIETNAMESE_MIDDLE_F, VIETNAMESE_MIDDLE_M,
)
from netweave.demo.model import Person, Progress, cumulative, weighted
from netweave.demo.places import COUNTRY_NAMES, HUB_CITIES
from netweave.demo.vocabulary import COMMUNITY_ROLES, FUNCTIONS, SENIORITY
from netweave.people.normalize import fold

if TYPE_CHECKING:
    from netweave.demo.planner import Planner


def plan_people(plan: Planner, progress: Progress | None) -> tuple[list[Person], list[list[int]]]:
    """Everyone in the network, and the families among them (lists of indices into the people)."""
    rng, n = plan.rng, plan.n
    culture_cum = cumulative(c.weight for c in CULTURES)
    functions = list(FUNCTIONS)
    function_cum = cumulative(FUNCTIONS[f]["weight"] for f in functions)
    families: list[list[int]] = []
    relatives: list[tuple] = []  # pending relatives of the previous person: (culture, surnames, city, country)
    used_emails: set[str] = set()
    used_slugs: set[str] = set()
    used_phones: set[str] = set()
    tag_names = [t for t in plan.tags if t[0] == "tag"]
    interests = [t for t in plan.tags if t[0] == "interest"]
    interest_cum = cumulative(1 / (r + 3) for r in range(len(interests)))
    all_expertise = [t for t in plan.tags if t[0] == "expertise"]
    people: list[Person] = []
    family_group: list[int] | None = None
    for idx in range(n):
        p = Person()
        p.idx = idx
        p.female = rng.random() < 0.5
        if relatives:
            cu, surnames, city, country = relatives.pop()
            family_group.append(idx)
        else:
            cu = weighted(rng, CULTURES, culture_cum)
            surnames = [_surname(rng, cu)]
            if cu.two_surnames and rng.random() < cu.two_surnames:
                surnames.append(_surname(rng, cu))
            if rng.random() < 0.04:
                city, country = rng.choice(cu.cities)
            else:
                home = cu.cities + cu.cities[:1]  # the first city twice: it is the biggest
                city, country = rng.choice(home) if rng.random() < 0.7 else rng.choice(HUB_CITIES)
            if rng.random() < 0.035 and idx + 3 < n:
                family_group = [idx]
                families.append(family_group)
                relatives = [(cu, surnames, city, country)] * rng.choice((1, 1, 2, 3))
        p.culture = cu
        _name(rng, p, cu, surnames)
        p.city, p.country = city, country
        p.location = "" if rng.random() < 0.04 else f"{city}, {COUNTRY_NAMES[country]}"

        age = int(rng.triangular(22, 70, 34))
        p.birthday = None
        if rng.random() < 0.6:
            year = plan.today.year - age if rng.random() < 0.8 else None
            month = rng.randint(1, 12)
            day = rng.randint(1, calendar.monthrange(year or 2001, month)[1])
            p.birthday = (year, month, day)
        p.pronouns = ""
        if rng.random() < 0.3:
            usual = PRONOUNS_F if p.female else PRONOUNS_M
            p.pronouns = rng.choice(usual) if rng.random() < 0.93 else "they/them"

        p.function = weighted(rng, functions, function_cum)
        career = max(0, age - 22 - rng.randint(0, 3))
        if career < 3:
            p.level = rng.choice((0, 1, 1))
        elif career < 8:
            p.level = rng.choice((1, 1, 2, 2, 3))
        elif career < 15:
            p.level = rng.choice((1, 2, 2, 3, 3, 4))
        else:
            p.level = rng.choice((2, 3, 3, 4, 4, 5, 6))
        p.affiliations = _career(plan, p)
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

        p.emails = email_addresses(rng, p, plan.orgs, used_emails)
        p.phones = phone_numbers(rng, p, used_phones)
        p.urls = profile_urls(rng, p, used_slugs)

        chosen: list[int] = []
        for _ in range(rng.choices((0, 1, 2), (50, 35, 15))[0]):
            chosen.append(plan.tag_index[rng.choice(tag_names)])
        for _ in range(rng.choices((0, 1, 2, 3), (25, 35, 25, 15))[0]):
            chosen.append(plan.tag_index[weighted(rng, interests, interest_cum)])
        own = [("expertise", e) for e in FUNCTIONS[p.function]["expertise"]]
        for _ in range(rng.choices((0, 1, 2, 3), (20, 35, 30, 15))[0]):
            pool = own if rng.random() < 0.85 else all_expertise
            chosen.append(plan.tag_index[_expertise_key(rng.choice(pool), plan.tag_index)])
        p.tags = sorted(set(chosen))
        p.notes = ""
        p.met_how = ""
        p.met_at_event = None
        p.introduced_by = None
        people.append(p)
        if progress and idx % 2000 == 0:
            progress("Planning people", 0.15 * idx / n)

    # A handful of people born on 29 February (in a leap year, or with no year).
    with_birthday = [p for p in people if p.birthday]
    if plan.n >= 20 and with_birthday:
        for p in rng.sample(with_birthday, min(len(with_birthday), max(1, plan.n // 1000))):
            year = p.birthday[0]
            if year is not None:
                year -= year % 4
                if not calendar.isleap(year):
                    year -= 4
            p.birthday = (year, 2, 29)
    return people, families


def _surname(rng: Random, cu) -> tuple[str, str]:
    entry = rng.choice(cu.family)
    return entry if isinstance(entry, tuple) else (entry, entry)


def _name(rng: Random, p: Person, cu, surnames) -> None:
    given = rng.choice(cu.given_f if p.female else cu.given_m)
    family = " ".join(s[1] if p.female else s[0] for s in surnames)
    middle = ""
    if cu.key == "vietnamese":
        middle = rng.choice(VIETNAMESE_MIDDLE_F if p.female else VIETNAMESE_MIDDLE_M)
    elif cu.patronymic and rng.random() < 0.7:
        middle = rng.choice(PATRONYMICS)[1 if p.female else 0]
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


def _career(plan: Planner, p: Person) -> list[tuple[int, str, date, date | None]]:
    """Job history, oldest first: (organisation index, title, start, end or None)."""
    rng, today = plan.rng, plan.today
    total = rng.choices((1, 2, 3, 4), (25, 35, 25, 15))[0]
    has_job = rng.random() > 0.07
    study = total >= 2 and (p.function == "research" or rng.random() < 0.25) and plan.org_lists["school"][0]
    community = has_job and total - bool(study) >= 2 and rng.random() < 0.3 and plan.communities
    jobs_count = total - bool(study) - bool(community)
    employer_kind = "school" if p.function == "research" else "company"
    function = p.function
    role = rng.choice(FUNCTIONS[function]["roles"])
    level = p.level
    end = None if has_job else today - timedelta(days=rng.randint(20, 540))
    org = plan.pick_org(employer_kind)
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
                role = rng.choice(FUNCTIONS[function]["roles"])
            elif rng.random() < 0.2:
                role = rng.choice(FUNCTIONS[function]["roles"])
            level = max(0, level - rng.choice((0, 1, 1, 2)))
            org = plan.pick_org(employer_kind, avoid=org)
    history = list(reversed(jobs))
    if study:
        first_start = history[0][2]
        end = first_start - timedelta(days=rng.randint(0, 150))
        start = end - timedelta(days=rng.randint(300, 1500))
        title = "PhD Student" if p.function == "research" else rng.choice(
            ("BSc Student", "MSc Student", "MBA Student", "Exchange Student", "BA Student"))
        history.insert(0, (plan.pick_org("school"), title, start, end))
    if community:
        latest_start = max(a[2] for a in history)
        start = latest_start - timedelta(days=rng.randint(30, 1500))
        end = None
        if rng.random() < 0.4:
            end = min(start + timedelta(days=rng.randint(100, 1000)), today - timedelta(days=1))
            if end <= start:
                end = None
        org = rng.choice(plan.communities)
        history.append((org, rng.choice(COMMUNITY_ROLES), start, end))
        history.sort(key=lambda a: a[2])
    return history


def _expertise_key(item: tuple[str, str], index: dict) -> tuple[str, str]:
    """The (kind, name) under which an expertise is stored (names repeat across functions)."""
    if item in index:
        return item
    folded = fold(item[1])
    return next(k for k in index if k[0] == "expertise" and fold(k[1]) == folded)


def _title(function: str, role: str, level: int) -> str:
    spec = FUNCTIONS[function]
    if function == "founder":
        return role
    if function == "research":
        return spec["roles"][min(4, max(0, level - 1))]
    return SENIORITY[level].format(role=role, head=spec["head"])
