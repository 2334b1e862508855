"""The `Planner`: the whole demo network as plain Python objects, before anything is written to the database."""

from __future__ import annotations

from datetime import datetime
from random import Random

from netweave.demo.interactions import plan_events, plan_introductions
from netweave.demo.model import DORMANT_FROM, DORMANT_TO, Person, Progress, cumulative, weighted
from netweave.demo.orgs import plan_orgs, plan_tags
from netweave.demo.people import plan_people
from netweave.people.search import search_text_for


class Planner:
    """Everything about the network except the database: plain Python objects and lists of indices.

    One random stream drives it all, so the steps must run in the same order every time: `plan()`, then
    `event_when` for each event, `interactions_of` for each person, and `plan_ties`.
    """

    def __init__(self, people: int, seed: int, now: datetime):
        self.n, self.seed, self.now = people, seed, now
        self.today = now.date()
        self.rng = Random(f"netweave-demo:{seed}:{people}")

    def plan(self, progress: Progress | None) -> None:
        """Organisations, tags, people, circles, events, introductions and groups, in that order."""
        rng = self.rng
        self.orgs = plan_orgs(rng, max(3, round(self.n / 15)))
        self.tags = plan_tags()
        self.tag_index = {t: i for i, t in enumerate(self.tags)}
        by_kind: dict[str, list[int]] = {"company": [], "association": [], "community": [], "school": []}
        for i, org in enumerate(self.orgs):
            by_kind[org.kind].append(i)
        self.org_lists = {}
        for kind, idxs in by_kind.items():
            idxs = list(idxs)
            rng.shuffle(idxs)  # popularity order: a few big employers, many small ones
            self.org_lists[kind] = (idxs, cumulative(1 / (rank + 8) for rank in range(len(idxs))))
        self.communities = by_kind["association"] + by_kind["community"]
        self.people, self.families = plan_people(self, progress)
        self._plan_circles()
        self.events = plan_events(self)
        plan_introductions(self)
        self._plan_clusters()
        self._plan_derived()

    def pick_org(self, kind: str, avoid: int | None = None) -> int | None:
        """An organisation of `kind` (a company if there is none), big ones more often; it tries not to pick `avoid`."""
        idxs, cum = self.org_lists[kind]
        if not idxs:
            idxs, cum = self.org_lists["company"]
        for _ in range(4):
            choice = weighted(self.rng, idxs, cum)
            if choice != avoid:
                return choice
        return choice

    def _plan_circles(self) -> None:
        """Who is in the inner, close, active and wide circles, and the profile of contact each one has."""
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
        """What each person's interactions talk about, and when they were added."""
        for p in self.people:
            org_name = self.orgs[p.current[0]].name if p.current else ""
            p.topics = [self.tags[t][1] for t in p.tags if self.tags[t][0] == "expertise"]
            if org_name:
                p.topics += [f"the role at {org_name}", f"hiring at {org_name}"]
            p.created_days = min(p.known_days, 1800)

    def search_text(self, p: Person, emails, phones) -> str:
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
