"""Organisations and tags for the demo network: names, domains, kinds, notes and work email patterns."""

from __future__ import annotations

import calendar
import re
from random import Random

from netweave.demo.cultures import CULTURES
from netweave.demo.model import Org, ascii_name
from netweave.demo.places import COUNTRY_NAMES, COUNTRY_TLDS, HUB_CITIES
from netweave.demo.vocabulary import (
    ASSOCIATION_FORMS, COMMUNITY_FORMS, FIELDS, FUNCTIONS, INTERESTS, ORG_BUSINESS, ORG_FIRST, ORG_SECOND,
    SCHOOL_FORMS, TAGS,
)
from netweave.people.normalize import fold


def plan_orgs(rng: Random, count: int) -> list[Org]:
    """`count` organisations: mostly companies and, from six on, at least one of every other kind."""
    kinds = []
    for _ in range(count):
        r = rng.random()
        kinds.append("company" if r < 0.80 else "association" if r < 0.87 else "community" if r < 0.94 else "school")
    kinds[0] = "company"
    if count >= 6:
        for i, needed in enumerate(("school", "community", "association"), start=1):
            if needed not in kinds:
                kinds[i] = needed
    cities = [c for cu in CULTURES for c in cu.cities] + list(HUB_CITIES)
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
                f"Bootstrapped and profitable. Hiring in {rng.choice(FIELDS)}.",
                f"Acquired in {rng.randint(2019, 2024)}; still runs as its own brand.",
                "Public company. Long hiring process; referrals matter.",
            ))
        elif kind in ("association", "community") and rng.random() < 0.4:
            notes = f"Meets {rng.choice(('monthly', 'every quarter', 'twice a year'))}; annual conference in " \
                    f"{calendar.month_name[rng.randint(1, 12)]}."
        pattern = rng.choice(("{g}.{f}", "{g}.{f}", "{g}", "{gi}{f}", "{g}{fi}", "{g}_{f}", "{f}.{g}"))
        orgs.append(Org(name, domain, kind, notes, pattern, city))
    return orgs


def _org_name(rng: Random, kind: str, city: str, country: str) -> tuple[str, str]:
    field = rng.choice(FIELDS)
    if kind == "company":
        base = rng.choice(ORG_FIRST) + rng.choice(ORG_SECOND)
        business = rng.choice(ORG_BUSINESS)
        name = f"{base} {business}".strip()
        slug = ascii_name(name if business and rng.random() < 0.4 else base)
        r = rng.random()
        tld = "com" if r < 0.6 else "io" if r < 0.8 else COUNTRY_TLDS.get(country, "com")
        return name, f"{slug}.{tld}"
    if kind == "association":
        name = rng.choice(ASSOCIATION_FORMS).format(country=COUNTRY_NAMES[country], field=field, city=city)
        initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", name) if w[0].isupper())
        return name, f"{ascii_name(initials)}.org"
    if kind == "community":
        name = rng.choice(COMMUNITY_FORMS).format(city=city, field=field)
        return name, f"{ascii_name(name)}.{rng.choice(('org', 'community', 'dev'))}"
    name = rng.choice(SCHOOL_FORMS).format(city=city)
    initials = "".join(w[0] for w in re.findall(r"[^\W\d_]+", name) if w[0].isupper())
    slug = ascii_name(initials + city) if rng.random() < 0.5 else ascii_name(name)
    return name, f"{slug}.{'ac.uk' if country == 'GB' else 'edu'}"


def plan_tags() -> list[tuple[str, str]]:
    """(kind, name) for every tag the demo uses; names unique per kind once folded."""
    out, seen = [], set()
    expertise = [e for spec in FUNCTIONS.values() for e in spec["expertise"]]
    for kind, names in (("tag", TAGS), ("interest", INTERESTS), ("expertise", expertise)):
        for name in names:
            if (kind, fold(name)) not in seen:
                seen.add((kind, fold(name)))
                out.append((kind, name))
    return out
