"""Immutable typed records of a loaded workspace.

Records are built only from validated input (see ``cxgov.workspace.load``): views and
presentation trust them and never check again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from cxgov.errors import Problem

STATUSES = ("not_started", "on_track", "at_risk", "off_track", "done", "dropped")
CLOSED = frozenset({"done", "dropped"})
HORIZONS = (3, 6, 12)
CADENCES = {"weekly": 7, "biweekly": 14, "monthly": 30, "quarterly": 91}
MATURITY_TRAITS = (
    "qualified_team",
    "staffing",
    "act_on_feedback",
    "feedback_agility",
    "data_visualisation",
    "timely_data",
    "agent_technology",
)


class _Cached:
    """Leave cached lookups out of pickles (they hold mappingproxies and are rebuilt on use)."""

    def __getstate__(self) -> dict[str, object]:
        cls = type(self)
        return {k: v for k, v in self.__dict__.items() if not isinstance(getattr(cls, k, None), cached_property)}


@dataclass(frozen=True, slots=True)
class Department:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name: str
    department: str
    email: str | None = None
    title: str | None = None
    executive: bool = False
    login: str | None = None  # the JupyterHub user name that signs in as this person
    admin: bool = False  # may change any committee's charter, plan and KPIs, and create committees


@dataclass(frozen=True, slots=True)
class Touchpoint:
    id: str
    name: str
    channel: str | None
    stage: str


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    name: str
    touchpoints: tuple[Touchpoint, ...]


@dataclass(frozen=True, slots=True)
class Journey:
    agreed: date | None
    stages: tuple[Stage, ...]
    priorities: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # identity: cheap to hash, usable as a cache key
class Org(_Cached):
    name: str
    departments: tuple[Department, ...]
    people: tuple[Person, ...]
    journey: Journey | None
    locale: str = ""  # numbers, money and dates of its pages (cxgov.i18n.numbers); "": en

    @cached_property
    def person(self) -> MappingProxyType[str, Person]:
        return MappingProxyType({p.id: p for p in self.people})

    @cached_property
    def login(self) -> MappingProxyType[str, Person]:
        """People by their JupyterHub login (only those who have one)."""
        return MappingProxyType({p.login: p for p in self.people if p.login})

    @cached_property
    def department(self) -> MappingProxyType[str, Department]:
        return MappingProxyType({d.id: d for d in self.departments})

    @cached_property
    def touchpoint(self) -> MappingProxyType[str, Touchpoint]:
        stages = self.journey.stages if self.journey else ()
        return MappingProxyType({t.id: t for s in stages for t in s.touchpoints})


@dataclass(frozen=True, slots=True)
class BudgetLine:
    line: str
    amount: float
    currency: str
    departments: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Milestone:
    horizon: int
    goal: str
    due: date


@dataclass(frozen=True, slots=True)
class Raci:
    responsible: tuple[str, ...]
    accountable: str
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()

    def letters(self) -> dict[str, str]:
        """Map each person to their letter on this action."""
        out = {p: "I" for p in self.informed}
        out.update({p: "C" for p in self.consulted})
        out.update({p: "R" for p in self.responsible})
        out[self.accountable] = "A"
        return out


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    title: str
    horizon: int
    due: date
    raci: Raci
    kpis: tuple[str, ...] = ()
    touchpoints: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    evidence: str | None = None
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Kpi:
    id: str
    name: str
    kind: str  # operational | outcome
    unit: str
    direction: str  # up | down
    target: float | None
    owner: str | None
    baseline: float | None = None
    drives: tuple[str, ...] = ()  # "kpi" or "committee/kpi"
    shared: bool = False
    weight: float = 1.0


class Update(NamedTuple):
    date: date
    action: str
    status: str
    by: str
    note: str
    line: int


class Measurement(NamedTuple):
    kpi: str
    period: str  # YYYY-MM
    value: float
    note: str
    line: int


@dataclass(frozen=True, slots=True)
class Decision:
    text: str
    actions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Meeting:
    date: date
    attendees: tuple[str, ...]
    decisions: tuple[Decision, ...]
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class Commentary:
    """The chair's few lines for a month's review (commentary.yaml), and the help asked of the sponsor."""

    month: str  # YYYY-MM: the review it belongs to
    by: str  # a person id, or ''
    text: str
    asks: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Assessment:
    date: date
    traits: tuple[bool, ...]  # in MATURITY_TRAITS order

    @property
    def score(self) -> int:
        return sum(self.traits)

    @property
    def level(self) -> str:
        return maturity_level(self.score)


def maturity_level(score: int) -> str:
    """Name the maturity level for a count of characteristics held (0-7)."""
    if score >= 6:
        return "Champion"
    if score >= 4:
        return "Riser"
    return "Starter"


@dataclass(frozen=True, slots=True)
class Charter:
    """A committee's charter (committee.yaml): who it is, what it is for, when its plan starts."""

    id: str
    name: str
    purpose: str
    chair: str
    sponsor: str | None
    members: tuple[str, ...]
    departments: tuple[str, ...]
    cadence: str
    launch: date
    budget: tuple[BudgetLine, ...]


@dataclass(frozen=True, slots=True)
class Change:
    """One recorded change of one field (or whole object) of one file (a row of changes.csv, see workspace.changes)."""

    date: date
    by: str
    file: str
    obj: str
    field: str
    before: Any  # the JSON value, or changes' ABSENT
    after: Any
    reason: str
    line: int


@dataclass(frozen=True, eq=False)  # identity: cheap to hash, usable as a cache key
class Committee(_Cached):
    """A committee: its charter, plan, KPIs and histories. The charter's fields read through it (c.name, c.launch)."""

    charter: Charter
    milestones: tuple[Milestone, ...]
    actions: tuple[Action, ...]
    kpis: tuple[Kpi, ...]
    updates: tuple[Update, ...]
    measurements: tuple[Measurement, ...]
    meetings: tuple[Meeting, ...]
    assessments: tuple[Assessment, ...]
    changes: tuple[Change, ...] = ()  # changes.csv as read, every row (views cut it at their date)
    commentary: tuple[Commentary, ...] = ()  # commentary.yaml in file order (a later entry corrects its month)

    @property
    def id(self) -> str:
        return self.charter.id

    @property
    def name(self) -> str:
        return self.charter.name

    @property
    def purpose(self) -> str:
        return self.charter.purpose

    @property
    def chair(self) -> str:
        return self.charter.chair

    @property
    def sponsor(self) -> str | None:
        return self.charter.sponsor

    @property
    def members(self) -> tuple[str, ...]:
        return self.charter.members

    @property
    def departments(self) -> tuple[str, ...]:
        return self.charter.departments

    @property
    def cadence(self) -> str:
        return self.charter.cadence

    @property
    def launch(self) -> date:
        return self.charter.launch

    @property
    def budget(self) -> tuple[BudgetLine, ...]:
        return self.charter.budget

    @cached_property
    def action(self) -> MappingProxyType[str, Action]:
        return MappingProxyType({a.id: a for a in self.actions})

    @cached_property
    def kpi(self) -> MappingProxyType[str, Kpi]:
        return MappingProxyType({k.id: k for k in self.kpis})

    @cached_property
    def milestone(self) -> MappingProxyType[int, Milestone]:
        return MappingProxyType({m.horizon: m for m in self.milestones})


class Signal(NamedTuple):
    date: date
    id: str
    source: str
    summary: str
    touchpoint: str | None
    departments: tuple[str, ...]
    committee: str | None
    action: str | None
    line: int


@dataclass(frozen=True, eq=False)  # identity: cheap to hash, usable as a cache key
class Workspace(_Cached):
    """Everything that loaded, plus every problem found on the way."""

    root: Path
    shown: str  # the root as the user typed it, for messages
    org: Org | None
    committees: tuple[Committee, ...]
    signals: tuple[Signal, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    failed: tuple[str, ...] = ()  # committee ids left out because of blocking problems

    @cached_property
    def committee(self) -> MappingProxyType[str, Committee]:
        return MappingProxyType({c.id: c for c in self.committees})

    def problems_of(self, committee: str | None) -> tuple[Problem, ...]:
        """Problems found in one committee's files (None: workspace-level files)."""
        return tuple(p for p in self.problems if p.committee == committee)
