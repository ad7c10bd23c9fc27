"""Person-first, non-stigmatizing language (NIDA, "Words Matter"), checked in all content."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import Problem, Severity
from .loading import Parsed
from .messages import key_path
from .schema import LanguageCheck


@dataclass(frozen=True)
class Term:
    label: str
    pattern: re.Pattern[str]
    instead: str


def _term(label: str, regex: str, instead: str) -> Term:
    return Term(label, re.compile(regex, re.IGNORECASE), instead)


BUILT_IN_TERMS: tuple[Term, ...] = (
    _term("addict", r"\baddicts?\b", "person with a substance use disorder"),
    _term("abuser", r"\b(?:drug |substance |alcohol )?abusers?\b", "person who uses substances"),
    _term("substance abuse", r"\b(?:substance|drug|alcohol) abuse\b", "substance use, or substance use disorder"),
    _term("junkie", r"\bjunkies?\b", "person who uses drugs"),
    _term("alcoholic", r"\balcoholics?\b(?!\s+anonymous)", "person with an alcohol use disorder"),
    _term("druggie", r"\bdruggies?\b", "person who uses drugs"),
    _term("crackhead", r"\b(?:crack|pot|meth)heads?\b", "person who uses drugs"),
    _term("clean", r"\bclean\b", "'in recovery', 'not using', or 'negative' for a test"),
    _term("dirty", r"\bdirty\b", "'using', or 'positive' for a test"),
    _term("drug habit", r"\bdrug habits?\b", "substance use disorder"),
)

SKIPPED_KEYS = {"sources"}  # titles of published works are quoted as published


def active_terms(settings: LanguageCheck) -> tuple[Term, ...]:
    allowed = {a.casefold() for a in settings.allow}
    terms = [t for t in BUILT_IN_TERMS if t.label not in allowed]
    terms += [_term(extra.term, rf"\b{re.escape(extra.term)}\b", extra.instead) for extra in settings.extra_terms]
    return tuple(terms)


@dataclass(frozen=True)
class _Screen:
    """Every term in one pattern: most text has none, so one scan replaces one per term.

    Case-insensitive search is slow; on ASCII text a lower-case pattern on the
    lower-cased text finds exactly the same, so that is used when the terms allow it.
    """

    any_case: re.Pattern[str]
    lower_case: re.Pattern[str] | None

    def may_match(self, text: str) -> bool:
        if self.lower_case is not None and text.isascii():
            return self.lower_case.search(text.lower()) is not None
        return self.any_case.search(text) is not None


@lru_cache(maxsize=8)
def _screen(terms: tuple[Term, ...]) -> _Screen:
    combined = "|".join(f"(?:{t.pattern.pattern})" for t in terms)
    lower_case = re.compile(combined) if combined == combined.lower() else None
    return _Screen(re.compile(combined, re.IGNORECASE), lower_case)


def check_language(parsed: Parsed[Any], terms: tuple[Term, ...]) -> list[Problem]:
    problems = []
    screen = _screen(terms)
    for path, (line, column), text in parsed.strings:
        if not screen.may_match(text):
            continue
        if SKIPPED_KEYS.intersection(p for p in path if isinstance(p, str)):
            continue
        for term in terms:
            match = term.pattern.search(text)
            if match:
                problems.append(
                    Problem(
                        parsed.file,
                        line,
                        column,
                        f"{key_path(path)}: '{match.group(0)}' is stigmatizing language; say {term.instead}",
                        Severity.WARNING,
                    )
                )
    return problems
