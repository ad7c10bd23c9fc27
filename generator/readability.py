"""Reading grade (Flesch-Kincaid) of handouts and lesson plans, computed offline.

grade = 0.39 x words per sentence + 11.8 x syllables per word - 15.59, never below 0.

What counts as a sentence matters as much as the syllables. Text is split into
sentences at . ! and ? (not inside e.g. or 2.5). A list item is read the way
it reads on the page:

- an item that ends with . ! or ?, or has at least FRAGMENT_WORDS words, counts
  as its own sentence(s);
- a shorter item with no end mark ("Call a friend", "Money worries") is a
  fragment, not a sentence: the fragments in a row in one list count as one
  sentence together, as if joined with commas, so a list of labels neither
  pulls the grade toward 0 nor hides its long words.

Handouts and lesson plans follow the same rule. Syllables: see syllables.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .model import Grades
from .schema import Session
from .syllables import syllables

FRAGMENT_WORDS = 5
"""List items shorter than this, with no end mark, are fragments rather than sentences."""

_MARKDOWN = re.compile(r"[*_`#>\[\]]|\((?:https?|mailto|tel):[^)]*\)")
_WORD = re.compile(r"[^\W_]+(?:['’\-.][^\W_]+)*")
_ABBREVIATIONS = ("e.g", "i.e", "etc", "vs", "approx", "Dr", "Mr", "Mrs", "Ms", "St", "a.m", "p.m")
# A sentence ends at . ! or ?, with any closing quotes or brackets, before a space and a word that
# does not start in lower case (or the end of the text); never right after an abbreviation.
_END = re.compile(
    r"[.!?]"
    + "".join(rf"(?<!\b{re.escape(a)}\.)" for a in _ABBREVIATIONS)
    + r"[.!?]*[\"'”’)\]]*(?:\s+(?=[^\sa-z])|\s*$)"
)
# Web and mail addresses are read as one short word each, not spelled out syllable by syllable.
_DOMAIN = re.compile(r"\.(?:com|org|gov|net|edu|us|info)\b|www\.")
_ADDRESS = re.compile(
    r"\S+@\S+\.\w+|(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|gov|net|edu|us|info)\b\S*"
)
_TERMINAL = (".", "!", "?")
_CLOSING = "\"'”’)] "


def plain(text: str) -> str:
    """Strip Markdown marks so they do not count as words."""
    return _MARKDOWN.sub("", text)


def words(text: str) -> list[str]:
    """Words of a plain text as a reader meets them: 'time-out', 'don't' and '2.5' are one word each."""
    if "@" in text or "/" in text or _DOMAIN.search(text):
        text = _ADDRESS.sub("link", text)
    found = _WORD.findall(text)
    return [w.replace(".", "") if "." in w and w.replace(".", "").isdigit() else w for w in found]


def split_sentences(text: str) -> list[str]:
    """Sentences of one plain text: split after . ! or ? unless an abbreviation ends there
    or the next word starts in lower case ('e.g. a walk', '"Why?" she asks')."""
    if not any(mark in text[:-1] for mark in _TERMINAL):
        return [text.strip()] if text.strip() else []
    pieces, start = [], 0
    for end in _END.finditer(text):
        pieces.append(text[start : end.end()].strip())
        start = end.end()
    pieces.append(text[start:].strip())
    return [piece for piece in pieces if piece]


def formula(word_count: int, syllable_count: int, sentence_count: int) -> float:
    """Flesch-Kincaid grade, rounded to one decimal, clamped at 0 (very easy text is grade 0)."""
    if not word_count or not sentence_count:
        return 0.0
    value = 0.39 * word_count / sentence_count + 11.8 * syllable_count / word_count - 15.59
    return max(0.0, round(value, 1))


@dataclass(frozen=True)
class Sentence:
    """One counted sentence (Markdown removed) and the YAML key path of the text it is in."""

    path: tuple[Any, ...]
    text: str
    words: int
    syllables: int
    fragments: bool = False  # a run of short list items, counted as one sentence

    @property
    def grade(self) -> float:
        return formula(self.words, self.syllables, 1)


def _measure(path: tuple[Any, ...], text: str, found: list[str] | None = None, fragments: bool = False) -> Sentence:
    found = words(text) if found is None else found
    return Sentence(path, text, len(found), sum(map(syllables, found)), fragments)


Passage = tuple[tuple[Any, ...], str]
"""A text value and its key path; items of one YAML list share the path up to their index."""


def _lists(passages: Iterable[Passage]) -> Iterator[list[Passage]]:
    """Passages grouped into the lists they came from (a single value is a list of one)."""
    group: list[Passage] = []
    for passage in passages:
        path = passage[0]
        if group and not (isinstance(path[-1], int) and group[-1][0][:-1] == path[:-1]):
            yield group
            group = []
        group.append(passage)
    if group:
        yield group


def sentences(passages: Iterable[Passage]) -> list[Sentence]:
    """Every sentence of the passages, by the list-item rule in this module's docstring."""
    found: list[Sentence] = []
    for group in _lists(passages):
        run: list[tuple[tuple[Any, ...], str, list[str]]] = []
        for path, raw in [*group, ((), "")]:
            text = plain(raw).strip()
            if text and not text.rstrip(_CLOSING).endswith(_TERMINAL):
                item_words = words(text)
                if len(item_words) < FRAGMENT_WORDS:
                    run.append((path, text, item_words))
                    continue
            if run:
                found.append(
                    _measure(
                        run[0][0], ", ".join(t for _, t, _ in run), [w for *_, ws in run for w in ws], fragments=True
                    )
                )
                run = []
            found += [_measure(path, piece) for piece in split_sentences(text)]
    return [s for s in found if s.words]


def grade_of(found: list[Sentence]) -> float:
    return formula(sum(s.words for s in found), sum(s.syllables for s in found), len(found))


def passages_grade(passages: Iterable[Passage]) -> float:
    """grade_of(sentences(passages)), counted without building each sentence: the fast path
    for whole handouts and lesson plans, where only the totals matter."""
    word_count = syllable_count = sentence_count = run_words = 0
    for group in _lists(passages):
        for _, raw in [*group, ((), "")]:
            text = plain(raw).strip()
            found = words(text) if text else []
            word_count += len(found)
            syllable_count += sum(map(syllables, found))
            if text and len(found) < FRAGMENT_WORDS and not text.rstrip(_CLOSING).endswith(_TERMINAL):
                run_words += len(found)
                continue
            sentence_count += run_words > 0
            run_words = 0
            if found:
                sentence_count += sum(1 for piece in split_sentences(text) if _WORD.search(piece))
    return formula(word_count, syllable_count, sentence_count)


def grade(text: str) -> float:
    """Flesch-Kincaid grade of one text (no list items)."""
    return grade_of([_measure((), piece) for piece in split_sentences(plain(text))])


def handout_passages(session: Session) -> list[Passage]:
    """The text members read on the handout; titles and checklist items are labels, not prose."""
    handout = session.handout
    found: list[Passage] = [(("handout", "purpose"), handout.purpose)]
    found += [(("handout", "key_points", i), t) for i, t in enumerate(handout.key_points)]
    found += [(("handout", "steps", i), t) for i, t in enumerate(handout.steps)]
    found.append((("handout", "homework"), handout.homework))
    for e, exercise in enumerate(session.exercises):
        found += [(("exercises", e, "steps", i), t) for i, t in enumerate(exercise.steps)]
    found += [(("handout", "worksheet", i, "prompt"), b.prompt) for i, b in enumerate(handout.worksheet) if b.prompt]
    return found


def lesson_plan_passages(session: Session) -> list[Passage]:
    """The facilitator's text in the lesson plan."""
    found: list[Passage] = [(("objectives", i), t) for i, t in enumerate(session.objectives)]
    found += [(("check_in", "questions", i), t) for i, t in enumerate(session.check_in.questions)]
    found.append((("homework", "task"), session.homework.task))
    for part, segments in session.outline.parts():
        for s, segment in enumerate(segments):
            found.append((("outline", part, s, "facilitator"), segment.facilitator))
            if segment.say:
                found.append((("outline", part, s, "say"), segment.say))
            found += [(("outline", part, s, "prompts", i), t) for i, t in enumerate(segment.prompts)]
    for e, exercise in enumerate(session.exercises):
        found += [(("exercises", e, "debrief", i), t) for i, t in enumerate(exercise.debrief)]
    notes = session.facilitator_notes
    found += [(("facilitator_notes", "challenges", i), t) for i, t in enumerate(notes.challenges)]
    found += [(("facilitator_notes", "adaptations", i), t) for i, t in enumerate(notes.adaptations)]
    found.append((("facilitator_notes", "safety"), notes.safety))
    return found


def session_grades(session: Session) -> Grades:
    return Grades(
        handout=passages_grade(handout_passages(session)), lesson_plan=passages_grade(lesson_plan_passages(session))
    )
