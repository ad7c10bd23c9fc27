"""One error vocabulary for the whole tool: located problems, collected then reported."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """A finding tied to a place in a file, printed as FILE:LINE:COL: severity: message."""

    file: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity.value}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def in_reading_order(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """The one order every report uses: by file, then line, column and message."""
    return tuple(sorted(problems, key=lambda p: (p.file, p.line, p.column, p.message)))


class CurriculumError(Exception):
    """Base of every error the tool reports to a user instead of a traceback."""


class InvalidCurriculum(CurriculumError):
    """Raised once, after loading and validating everything, when any error was found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = list(problems)  # in the order given: validation already sorted them
        errors = sum(p.is_error for p in self.problems)
        summary = (
            f"{errors} error(s) in the curriculum"
            if errors
            else f"{len(self.problems)} warning(s) in the curriculum, which --strict treats as errors"
        )
        first = f": {self.problems[0]}" if self.problems else ""
        super().__init__(summary + first)


class LocatedError(CurriculumError):
    """One problem with a place in a file; printed as FILE:LINE:COL: error: message."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class BuildFailed(CurriculumError):
    """Raised when MkDocs, PDF rendering or writing fails after validation passed."""
