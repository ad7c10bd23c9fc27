"""The facilitator's kit, as data: what a counselor prints or copies for tonight's group.

Everything here is derived from a session's YAML (outline, check-in, exercises, homework)
and from program.yaml; nothing asks for or holds member information. Templates turn these
values into the kit page, the lesson plan's check-in card and the PDFs.
"""

from __future__ import annotations

from dataclasses import dataclass

from .checks import SHARED_CHECK_IN, check_in_segment
from .model import Curriculum, ModuleEntry, SessionEntry
from .run_sheet import PartSummary
from .templates import plain_text

HEAD_COUNTS = (3, 6, 9, 12, 15)
SIGN_IN_EXTRA_ROWS = 3
SIGN_IN_MAX_ROWS = 18
PRIVACY_NOTICE = (
    "This site never stores or asks for client data. This note is the group-level part of a "
    "progress note only: write each member's participation, response and plan in that member's "
    "own record in your clinic's system, which protects it under 42 CFR Part 2 and HIPAA."
)


@dataclass(frozen=True)
class CheckInRow:
    """What one head count means for this session's check-in."""

    members: int
    minutes_each: float
    full_round: bool
    advice: str


@dataclass(frozen=True)
class CheckInCard:
    segment_name: str
    segment_minutes: int
    minutes_per_person: int
    shared_format: bool
    rows: tuple[CheckInRow, ...]
    when_full: tuple[str, ...]


@dataclass(frozen=True)
class FidelityRow:
    """One thing an observer rates 0-2."""

    element: str
    detail: str


def _half_minutes(value: float) -> float:
    return int(value * 2) / 2


def _minutes_text(value: float) -> str:
    if value < 1:
        return f"{round(value * 60)} seconds"
    return f"{value:g} minute" + ("" if value == 1 else "s")


def head_counts(group_size_max: int) -> tuple[int, ...]:
    """A few real head counts up to the program's largest group, largest last."""
    counts = [n for n in HEAD_COUNTS if n < group_size_max] + [group_size_max]
    return tuple(counts[-4:])


def check_in_card(entry: SessionEntry, group_size_max: int) -> CheckInCard | None:
    """Minutes each person gets at each head count, and what to cut when the room is full.

    None when the opening has no segment named as the check-in (validation warns about that).
    """
    session = entry.session
    found = check_in_segment(session)
    if found is None:
        return None
    _, segment = found
    per_person = session.check_in.minutes_per_person
    text = " ".join([segment.facilitator, segment.say or "", *segment.prompts])
    shared = bool(SHARED_CHECK_IN.search(text))
    rows = []
    for members in head_counts(group_size_max):
        each = _half_minutes(segment.minutes / members)
        full = each >= per_person
        if full:
            advice = f"Full round: about {_minutes_text(each)} each."
        elif shared:
            advice = (
                f"As planned: share in pairs or small groups first, then a round of about "
                f"{_minutes_text(max(each, 0.5))} each."
            )
        else:
            pairs = max(segment.minutes // 2, 1)
            advice = (
                f"Short round: about {_minutes_text(max(each, 0.5))} each. Or check in in pairs "
                f"for {pairs} minutes, then one sentence each in the circle."
            )
        rows.append(CheckInRow(members, each, full, advice))
    questions = session.check_in.questions
    when_full = [f"Ask everyone the first question: \u201c{plain_text(questions[0])}\u201d"]
    if len(questions) > 1:
        when_full.append(
            "Ask the other question"
            + ("s" if len(questions) > 2 else "")
            + " in pairs, or take one or two answers from the room."
        )
    when_full.append(
        "Anyone who reports use, a crisis or feeling unsafe gets time: follow up "
        "privately after the round, never cut it short for the clock."
    )
    topic_minutes = sum(s.minutes for s in session.outline.topic)
    when_full.append(
        f"Keep the topic's {topic_minutes} minutes of teaching and practice: they are "
        "the heart of the session. Take extra minutes from the opening's other steps first."
    )
    return CheckInCard(segment.name, segment.minutes, per_person, shared, tuple(rows), tuple(when_full))


def fidelity_rows(entry: SessionEntry, parts: tuple[PartSummary, ...]) -> tuple[FidelityRow, ...]:
    """One row per outline segment, then the elements every session must deliver."""
    session = entry.session
    rows = [
        FidelityRow(f"{part.title}: {plain_text(t.segment.name)}", f"{t.segment.minutes} min, {t.start}\u2013{t.end}")
        for part in parts
        for t in part.segments
    ]
    count = len(session.check_in.questions)
    rows.append(
        FidelityRow("Check-in questions asked", f"{count} question{'s' if count != 1 else ''}, every member heard")
    )
    for exercise in session.exercises:
        rows.append(
            FidelityRow(
                f"Exercise run: {plain_text(exercise.title)}", "steps followed, then the debrief questions asked"
            )
        )
    rows.append(FidelityRow("Homework assigned", _first_words(plain_text(session.homework.task), 14)))
    rows.append(FidelityRow("Closing", "summed up, each member named a plan for the week"))
    rows.append(FidelityRow("Crisis lines", "pointed out on the handout"))
    rows.append(FidelityRow("Timing", "each part within 5 minutes of the run sheet"))
    return tuple(rows)


def _first_words(text: str, count: int) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" \u2026" if len(words) > count else "")


def group_note(
    curriculum: Curriculum, module: ModuleEntry, entry: SessionEntry, parts: tuple[PartSummary, ...], start: str
) -> str:
    """The group-level part of a progress note, as plain text to paste into a record system."""
    program = curriculum.program
    session = entry.session
    lines = [
        "GROUP NOTE (group-level part; no member information)",
        f"Program: {plain_text(program.title)}, {plain_text(program.organization)}",
        f"Group: {plain_text(module.module.title)}, session {entry.number} of {len(module.sessions)}: "
        f"{plain_text(session.title)}",
        f"Group type: {entry.group_type.label}",
        f"Date: ____________  Start: {start}  Length: {entry.minutes} minutes",
        "Facilitator(s): ____________________  Members present (number): ____",
        f"Topic: {plain_text(session.summary)}",
        "Objectives:",
        *(f"- {plain_text(o)}" for o in session.objectives),
        "Interventions used:",
    ]
    titles = {e.id: e.title for e in session.exercises}
    for part in parts:
        steps = []
        for t in part.segments:
            step = f"{plain_text(t.segment.name)} ({t.segment.minutes} min)"
            if t.segment.exercise:
                step += f", exercise \u201c{plain_text(titles[t.segment.exercise])}\u201d"
            steps.append(step)
        lines.append(f"- {part.title} ({part.minutes} min): " + "; ".join(steps))
    for exercise in session.exercises:
        purpose = f": {plain_text(exercise.purpose)}" if exercise.purpose else ""
        lines.append(f"Exercise: {plain_text(exercise.title)}{purpose}")
    lines += [
        "Materials: " + "; ".join(plain_text(m) for m in session.materials),
        f"Homework assigned: {plain_text(session.homework.task)}",
        "Member-specific participation, response and plan: documented in each member's own record.",
    ]
    return "\n".join(lines)


def sign_in_rows(group_size_max: int) -> int:
    """Room for a full group plus a few guests or new members, on one page."""
    return min(group_size_max + SIGN_IN_EXTRA_ROWS, SIGN_IN_MAX_ROWS)
