"""Contact details for demo people: email addresses, phone numbers and profile URLs, each unique in the network."""

from __future__ import annotations

import re
from random import Random
from urllib.parse import quote

from netweave.demo.model import Org, Person, ascii_name
from netweave.demo.places import MAIL_PROVIDERS, PHONE_PLANS
from netweave.people.normalize import url_key


def email_addresses(rng: Random, p: Person, orgs: list[Org], used: set[str]) -> list[tuple[str, str]]:
    """(address, label) pairs: a personal address, a work one at the current employer, now and then an old one."""
    g = ascii_name(p.given.split()[0]) or "contact"
    f = ascii_name(p.family.split()[-1]) or "x"
    out = []
    if rng.random() < 0.78:
        local = rng.choice((f"{g}.{f}", f"{g}{f}", f"{g[0]}{f}", f"{f}.{g}", f"{g}_{f}",
                            f"{g}.{f}{rng.randint(1, 99)}", f"{g}{rng.randint(70, 99)}"))
        providers = MAIL_PROVIDERS.get(p.country, MAIL_PROVIDERS["default"])
        domain = rng.choices(providers, [len(providers) - i for i in range(len(providers))])[0]
        out.append((_unique_email(rng, local, domain, used), "personal"))
    if p.current and rng.random() < 0.7:
        org = orgs[p.current[0]]
        if org.domain:
            local = org.pattern.format(g=g, f=f, gi=g[0], fi=f[0])
            out.append((_unique_email(rng, local, org.domain, used), "work"))
    if len(p.affiliations) > 1 and rng.random() < 0.12:
        past = orgs[p.affiliations[0][0]]
        if past.domain and (not p.current or p.affiliations[0][0] != p.current[0]):
            local = past.pattern.format(g=g, f=f, gi=g[0], fi=f[0])
            out.append((_unique_email(rng, local, past.domain, used), "work (old)"))
    if len(out) > 1 and rng.random() < 0.5:
        out[0], out[1] = out[1], out[0]
    return out


def _unique_email(rng: Random, local: str, domain: str, used: set[str]) -> str:
    address = f"{local}@{domain}"
    while address in used:
        address = f"{local}{rng.randint(1, 999)}@{domain}"
    used.add(address)
    return address


def phone_numbers(rng: Random, p: Person, used: set[str]) -> list[tuple[str, str, str]]:
    """(raw, E.164, label) triples: most people have a mobile (sometimes from their home country), a few two numbers."""
    out = []
    if rng.random() < 0.8:
        home = p.country if rng.random() < 0.8 else p.culture.cities[0][1]
        out.append(_unique_phone(rng, home, used) + ("mobile",))
        if rng.random() < 0.1:
            out.append(_unique_phone(rng, p.country, used) + (rng.choice(("work", "home")),))
    return out


def _unique_phone(rng: Random, country: str, used: set[str]) -> tuple[str, str]:
    while True:
        raw, e164 = _phone(rng, country)
        if e164 not in used:
            used.add(e164)
            return raw, e164


def _phone(rng: Random, country: str) -> tuple[str, str]:
    dial, patterns = PHONE_PLANS.get(country, PHONE_PLANS["GB"])
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


def profile_urls(rng: Random, p: Person, used: set[str]) -> list[tuple[str, str, str]]:
    """(url, key, label) triples: LinkedIn for most people, GitHub for some engineers, a few personal sites."""
    out = []
    g = ascii_name(p.given) or "contact"
    f = ascii_name(p.family) or "x"
    if rng.random() < 0.78:
        slug = f"{g}-{f}"
        if rng.random() < 0.03:  # a few profiles keep accents in the slug, percent-encoded as browsers copy them
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
