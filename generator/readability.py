"""Reading grade (Flesch-Kincaid) of handouts and lesson plans, computed offline.

Syllables are counted with pyphen's bundled hyphenation dictionary, so nothing
is fetched at run time (recent textstat releases download NLTK data, which
fails on a clinic machine without internet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pyphen

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
    # Worksheet prompts count; checklist items are fragments and would flatter the grade.
    items += [block.prompt for block in handout.worksheet if block.prompt]
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


_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+")
_SENTENCE_END = re.compile(r"[.!?:;]+(?:\s|$)")
_DICTIONARY = pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables of one word: hyphenation points plus one, at least one."""
    if word.isdigit():
        return max(1, len(word) - 1)
    return max(1, len(_DICTIONARY.positions(word.lower())) + 1)


def grade(text: str) -> float:
    """Flesch-Kincaid grade: 0.39 words per sentence + 11.8 syllables per word - 15.59."""
    words = _WORD.findall(text)
    if not words:
        return 0.0
    sentences = max(1, len(_SENTENCE_END.findall(text.strip() + " ")))
    total = sum(map(syllables, words))
    return round(0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59, 1)


@dataclass(frozen=True)
class Grades:
    handout: float
    lesson_plan: float


def session_grades(session: Session) -> Grades:
    return Grades(handout=grade(handout_text(session)), lesson_plan=grade(lesson_plan_text(session)))
