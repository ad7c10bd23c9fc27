"""The validated curriculum as immutable objects the renderer reads; no I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .readability import Grades
from .schema import Glossary, GroupType, Module, Program, Session


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


@dataclass(frozen=True)
class Slot:
    """One group meeting in the program schedule."""

    week: int
    day: str
    entry: SessionEntry
    cycle: int


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
