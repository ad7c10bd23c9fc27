"""The validated curriculum as immutable objects the renderer reads; no I/O here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import cached_property

from .schema import Glossary, GroupType, Module, Program, Session, clock


@dataclass(frozen=True)
class Grades:
    """A session's Flesch-Kincaid grades (readability.py computes them)."""

    handout: float
    lesson_plan: float


@dataclass(frozen=True)
class SessionEntry:
    """A session with what it inherits from its module resolved."""

    session: Session
    module_id: str
    file: str
    number: int
    minutes: int
    group_type: GroupType
    grades: Grades
    handout_mark: tuple[int, int] = (1, 1)

    @property
    def id(self) -> str:
        return self.session.id

    @property
    def ref(self) -> str:
        return f"{self.module_id}/{self.session.id}"


@dataclass(frozen=True)
class ModuleEntry:
    module: Module
    file: str
    sessions: tuple[SessionEntry, ...]

    @property
    def id(self) -> str:
        return self.module.id


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Slot:
    """One block of one program day: a curriculum group with its session, another block
    (a process group, individual sessions), or a closed day (kind 'closed', no block)."""

    week: int
    day: str
    entry: SessionEntry | None
    cycle: int
    start: str = ""
    minutes: int = 0
    kind: str = "curriculum"
    title: str = ""
    date: datetime.date | None = None

    @property
    def end(self) -> str:
        return clock(self.start, self.minutes) if self.start else ""

    @property
    def date_label(self) -> str:
        """'Jan 5, 2026': the same in every locale, so builds are identical everywhere."""
        if self.date is None:
            return ""
        return f"{MONTHS[self.date.month - 1]} {self.date.day}, {self.date.year}"


@dataclass(frozen=True)
class Curriculum:
    program: Program
    modules: tuple[ModuleEntry, ...]
    glossary: Glossary | None
    schedule: tuple[Slot, ...] = field(default=())

    @property
    def sessions(self) -> tuple[SessionEntry, ...]:
        return tuple(entry for module in self.modules for entry in module.sessions)

    @cached_property
    def _modules_by_id(self) -> dict[str, ModuleEntry]:
        return {m.id: m for m in self.modules}

    def module(self, module_id: str) -> ModuleEntry:
        """By id in constant time: pages look up a module for every session they list."""
        return self._modules_by_id[module_id]

    @cached_property
    def _start_times(self) -> dict[str, tuple[str, ...]]:
        times: dict[str, list[str]] = {}
        for slot in self.schedule:
            if slot.entry is not None:
                found = times.setdefault(slot.entry.ref, [])
                if slot.start not in found:
                    found.append(slot.start)
        return {ref: tuple(found) for ref, found in times.items()}

    def start_times(self, entry: SessionEntry) -> tuple[str, ...]:
        """When the session's slots start, first slot first; empty if it is never scheduled."""
        return self._start_times.get(entry.ref, ())

    @property
    def dated(self) -> bool:
        """Whether the schedule has real dates (program.yaml gives schedule.start_date)."""
        return self.program.schedule.start_date is not None

    def sessions_in_running_order(self) -> tuple[SessionEntry, ...]:
        """Each session once, where it first runs (schedule.order may list one twice); folder
        order when the running order is empty. For the workbook and the kit's overview."""
        seen: set[str] = set()
        once = []
        for entry in self.running_order():
            if entry.ref not in seen:
                seen.add(entry.ref)
                once.append(entry)
        return tuple(once) or self.sessions

    def running_order(self) -> tuple[SessionEntry, ...]:
        """Sessions in the order the program runs them (schedule.order, else folder order)."""
        order = self.program.schedule.order
        if not order:
            return self.sessions
        by_ref = {entry.ref: entry for entry in self.sessions}
        result: list[SessionEntry] = []
        for ref in order:
            if "/" in ref:
                result.append(by_ref[ref])
            else:
                result.extend(self.module(ref).sessions)
        # A module left out of the list is never silently dropped: it runs after the listed ones
        # (validation says so, located on schedule.order).
        named = {ref.split("/", 1)[0] for ref in order}
        for module in self.modules:
            if module.id not in named:
                result.extend(module.sessions)
        return tuple(result)
