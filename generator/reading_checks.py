"""The per-sentence reading check: one hard sentence in a handout is named where it is.

A handout's grade is an average, so one long sentence can hide among short ones.
Each handout sentence of at least SENTENCE_CHECK_MIN_WORDS words is graded on its
own; one above thresholds.sentence_grade_max is a warning at its file and line.
Shorter sentences are not graded alone: with so few words one long word decides
the score ("Sit comfortably." would be grade 14.7). They still count in the
handout's grade.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import Problem, Severity
from .loading import Parsed
from .messages import key_path
from .readability import Sentence, handout_passages, plain, sentences
from .schema import Session, Thresholds
from .yaml_source import Mark, locate

SENTENCE_CHECK_MIN_WORDS = 8
QUOTE_WORDS = 8


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def sentence_mark(lines: list[str], value: Mark, sentence: str) -> Mark:
    """Where a sentence starts inside a text value that may span several lines of the file.

    The value's own lines are its first line and the more indented lines after it; they
    are joined the way YAML folds them, Markdown marks removed as in the sentence, and the
    sentence's first words are looked for there. When they cannot be found (escapes in a
    quoted text), the value's start is used.
    """
    first, column = value
    if not 0 < first <= len(lines):
        return value
    head = sentence.split()[:6]
    if not head:
        return value
    spans: list[tuple[int, int]] = []  # (offset in joined text, line number)
    joined = ""
    for number in range(first, len(lines) + 1):
        line = lines[number - 1]
        if number > first and line.strip() and _indent(line) <= _indent(lines[first - 1]):
            break
        text = line[column - 1 :] if number == first else line
        spans.append((len(joined), number))
        joined += " ".join(plain(text).split()) + " "
    at = next((found for found in (joined.find(" ".join(head[:n])) for n in (6, 3)) if found >= 0), -1)
    if at < 0:
        return value
    _, number = max((s for s in spans if s[0] <= at), key=lambda s: s[0])
    if number == first and at == 0:
        return value
    word = lines[number - 1].find(head[0], column - 1 if number == first else 0)
    return (number, word + 1) if word >= 0 else (number, column if number == first else 1)


def _quote(sentence: Sentence) -> str:
    found = sentence.text.split()
    start = " ".join(found[:QUOTE_WORDS])
    return start + ("..." if len(found) > QUOTE_WORDS else "")


def _source_lines(root: Path | None, file: str) -> list[str]:
    if root is None:
        return []
    try:
        return (root / file).read_text(encoding="utf-8").removeprefix("\ufeff").splitlines()
    except (OSError, UnicodeDecodeError):
        return []


def check_sentence_grades(parsed: Parsed[Session], thresholds: Thresholds, root: Path | None = None) -> list[Problem]:
    """Each handout sentence above the one-sentence limit, as a located warning."""
    session = parsed.model
    limit = thresholds.sentence_grade_max
    hard = [
        s
        for s in sentences(handout_passages(session))
        if not s.fragments and s.words >= SENTENCE_CHECK_MIN_WORDS and s.grade > limit
    ]
    if not hard:
        return []
    lines = _source_lines(root, parsed.file)
    problems = []
    for sentence in hard:
        path: tuple[Any, ...] = sentence.path
        line, column = sentence_mark(lines, locate(parsed.data, path), sentence.text)
        problems.append(
            Problem(
                parsed.file,
                line,
                column,
                f'{key_path(path)}: the sentence "{_quote(sentence)}" reads at grade {sentence.grade:g} '
                f"({sentence.words} words), above the limit of {limit:g} for one handout sentence; "
                "split it or use shorter words",
                Severity.WARNING,
            )
        )
    return problems
