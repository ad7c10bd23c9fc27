"""Lay the running order over the program's weeks and group days."""

from __future__ import annotations

from .model import SessionEntry, Slot
from .schema import Schedule


def plan_slots(schedule: Schedule, order: tuple[SessionEntry, ...]) -> tuple[Slot, ...]:
    """Fill weeks x days in order, starting the sequence again when it runs out.

    Repeating the sequence is what makes rolling (open) enrollment work: a member
    who joins in any week meets every session once the cycle comes round.
    """
    if not order:
        return ()
    slots: list[Slot] = []
    index = 0
    for week in range(1, schedule.weeks + 1):
        for day in schedule.days:
            slots.append(
                Slot(week=week, day=day, entry=order[index % len(order)], cycle=index // len(order) + 1)
            )
            index += 1
    return tuple(slots)
