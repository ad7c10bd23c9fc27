"""Lay the running order over the program's weeks, group days and blocks.

Without a start date the schedule is weeks x days, as before. With one, every day of the
cycle has its date; a closed day (a holiday) is kept as a row of its own and its groups
move on, so the session that would have run that day runs on the next open group day.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from .errors import Severity
from .model import SessionEntry, Slot
from .schema import WEEKDAYS, Block, Program, clock

ADULT_IOP_HOURS = 9  # ASAM level 2.1, adults
SchedulePoint = tuple[tuple[Any, ...], str, Severity]  # key path in program.yaml, message, severity


def _days(program: Program) -> Iterator[tuple[int, str, date | None]]:
    """(week, weekday, date or None) for every group day of the cycle, in order."""
    schedule = program.schedule
    start = schedule.start_date
    if start is None:
        for week in range(1, schedule.weeks + 1):
            for name in schedule.days:
                yield week, name, None
        return
    for offset in range(schedule.weeks * 7):
        moment = start + timedelta(days=offset)
        weekday = WEEKDAYS[moment.weekday()]
        if weekday in schedule.days:
            yield offset // 7 + 1, weekday, moment


def plan_slots(program: Program, order: tuple[SessionEntry, ...]) -> tuple[Slot, ...]:
    """Fill the days' blocks in time order; curriculum blocks take the next session.

    The sequence starts again when it runs out. Repeating it is what makes rolling
    (open) enrollment work: a member who joins in any week meets every session once
    the cycle comes round.
    """
    if not order:
        return ()
    schedule = program.schedule
    week_blocks = schedule.week(program.session_minutes)
    closed = {day.date: day for day in schedule.closed}
    slots: list[Slot] = []
    index = 0
    for week, day, moment in _days(program):
        if moment is not None and moment in closed:
            note = closed[moment].note
            slots.append(
                Slot(
                    week=week,
                    day=day,
                    entry=None,
                    cycle=0,
                    kind="closed",
                    title=f"Closed: {note}" if note else "Closed",
                    date=moment,
                )
            )
            continue
        for block in (b for b in week_blocks if day in b.days):
            entry = None
            cycle = 0
            if block.kind == "curriculum":
                entry, cycle = order[index % len(order)], index // len(order) + 1
                index += 1
            slots.append(
                Slot(
                    week=week,
                    day=day,
                    entry=entry,
                    cycle=cycle,
                    start=block.start or "",
                    minutes=block.minutes or 0,
                    kind=block.kind,
                    title=block.label,
                    date=moment,
                )
            )
    return tuple(slots)


def _overlaps(blocks: tuple[Block, ...]) -> list[str]:
    """'Monday: Process group starts at 19:00, before Curriculum group ends at 19:30'."""
    found = []
    for day in WEEKDAYS:
        on_day = [b for b in blocks if day in b.days]
        for first, second in zip(on_day, on_day[1:], strict=False):
            end = clock(first.start or "00:00", first.minutes or 0)
            if (second.start or "") < end:
                found.append(f"on {day}, {second.label} starts at {second.start}, before {first.label} ends at {end}")
    return found


def schedule_problems(program: Program) -> list[SchedulePoint]:
    """What the schedule's dates and hours get wrong, as (key path, message, severity)."""
    schedule = program.schedule
    problems: list[SchedulePoint] = []
    if schedule.hours_per_week < ADULT_IOP_HOURS:
        problems.append(
            (
                ("schedule", "hours_per_week"),
                f"{schedule.hours_per_week:g} hours a week is below the {ADULT_IOP_HOURS} hours that "
                "adult intensive outpatient care (ASAM level 2.1) requires",
                Severity.WARNING,
            )
        )
    week = schedule.week(program.session_minutes)
    hours = schedule.weekly_minutes(program.session_minutes) / 60
    if schedule.blocks:
        if hours < ADULT_IOP_HOURS:
            problems.append(
                (
                    ("schedule", "blocks"),
                    f"the blocks add up to {hours:g} hours a week, below the {ADULT_IOP_HOURS} hours "
                    "that adult intensive outpatient care (ASAM level 2.1) requires; add a block "
                    "(a process group, individual sessions) or lengthen one",
                    Severity.WARNING,
                )
            )
        if hours > schedule.hours_per_week:
            problems.append(
                (
                    ("schedule", "hours_per_week"),
                    f"the blocks take {hours:g} hours a week, more than hours_per_week "
                    f"({schedule.hours_per_week:g}); raise hours_per_week or shorten a block",
                    Severity.ERROR,
                )
            )
        problems += [
            (("schedule", "blocks"), f"{overlap}; change a start time or a length", Severity.WARNING)
            for overlap in _overlaps(week)
        ]
    elif hours > schedule.hours_per_week:
        problems.append(
            (
                ("schedule", "hours_per_week"),
                f"{len(schedule.days)} groups of {program.session_minutes} minutes take "
                f"{hours:g} hours, more than hours_per_week ({schedule.hours_per_week:g})",
                Severity.ERROR,
            )
        )
    problems += _closed_problems(program)
    return problems


def _closed_problems(program: Program) -> list[SchedulePoint]:
    """A closed date that changes nothing is probably a typo: say so, at the date."""
    schedule = program.schedule
    problems: list[SchedulePoint] = []
    start = schedule.start_date
    if schedule.closed and start is None:
        return [
            (
                ("schedule", "closed"),
                "closed days need schedule.start_date (the first day of the "
                "cycle) to fall on; add it, or remove the closed days",
                Severity.WARNING,
            )
        ]
    if start is None:
        return problems
    end = start + timedelta(days=schedule.weeks * 7 - 1)
    for index, day in enumerate(schedule.closed):
        weekday = WEEKDAYS[day.date.weekday()]
        if not start <= day.date <= end:
            problems.append(
                (
                    ("schedule", "closed", index),
                    f"{day.date.isoformat()} is outside the cycle ({start.isoformat()} to "
                    f"{end.isoformat()}), so it changes nothing; check the year",
                    Severity.WARNING,
                )
            )
        elif weekday not in schedule.days:
            problems.append(
                (
                    ("schedule", "closed", index),
                    f"{day.date.isoformat()} is a {weekday}, not a group day, so it changes nothing; check the date",
                    Severity.WARNING,
                )
            )
    return problems
