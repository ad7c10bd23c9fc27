"""Reading grade (Flesch-Kincaid) of handouts and lesson plans, computed offline.

textstat 0.7.4 counts syllables with pyphen's bundled dictionaries; later
releases fetch NLTK data at run time, which fails on a clinic machine without
internet, so the version is pinned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import textstat

from .schema import Session

_MARKDOWN = re.compile(r"[*_`#>\[\]]|\((?:https?|mailto|tel):[^)]*\)")


def plain(text: str) -> str:
    """Strip Markdown marks so they do not count as words."""
    return _MARKDOWN.sub("", text)


def _sentences(items: list[str]) -> str:
    """Join items so each counts as its own sentence, as it reads on the page."""
    return " ".join(t if t.rstrip().endswith((".", "?", "!", ":")) else t + "." for t in map(plain, items))


def handout_text(session: Session) -> str:
    handout = session.handout
    items = [handout.purpose, *handout.key_points, *handout.steps, handout.homework]
    for exercise in session.exercises:
        items += list(exercise.steps)
    for block in handout.worksheet:
        items += [block.prompt] if block.prompt else []
        items += list(block.checklist or ())
    return _sentences(items)


def lesson_plan_text(session: Session) -> str:
    items = [*session.objectives, *session.check_in.questions, session.homework.task]
    for _, segments in session.outline.parts():
        for segment in segments:
            items += [segment.facilitator, *( [segment.say] if segment.say else []), *segment.prompts]
    for exercise in session.exercises:
        items += list(exercise.debrief)
    notes = session.facilitator_notes
    items += [*notes.challenges, *notes.adaptations, notes.safety]
    return _sentences(items)


def grade(text: str) -> float:
    return round(float(textstat.flesch_kincaid_grade(text)), 1)


@dataclass(frozen=True)
class Grades:
    handout: float
    lesson_plan: float


def session_grades(session: Session) -> Grades:
    return Grades(handout=grade(handout_text(session)), lesson_plan=grade(lesson_plan_text(session)))
