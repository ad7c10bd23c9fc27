"""Phase one: load and check everything, then either a Curriculum or the full list of problems."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from .checks import check_all
from .content_memo import object_result
from .errors import Problem, Severity, in_reading_order
from .language import active_terms, check_language
from .loading import Parsed, ParsedCurriculum, check_site_config, parse_curriculum
from .messages import key_path
from .model import Curriculum, ModuleEntry, SessionEntry
from .readability import session_grades
from .schedule import plan_slots
from .schema import LanguageCheck, Program, Session, Thresholds
from .templates import template_problems
from .yaml_source import locate


@dataclass(frozen=True)
class Result:
    curriculum: Curriculum | None
    problems: tuple[Problem, ...]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def failed(self, strict: bool = False) -> bool:
        return bool(self.errors) or (strict and bool(self.warnings))


def _grade_warning(parsed: Parsed[Session], path: tuple[str, ...], what: str, value: float, limit: float) -> Problem:
    line, column = locate(parsed.data, path)
    return Problem(
        parsed.file,
        line,
        column,
        f"{key_path(path)}: the {what} reads at grade {value:g}, above the target of "
        f"{limit:g}; use shorter sentences and everyday words",
        Severity.WARNING,
    )


def _program_position(program: Program) -> Callable[[ModuleEntry], tuple[int, str]]:
    """Modules in the order the program first runs them; unscheduled ones after, by folder."""
    first: dict[str, int] = {}
    for index, ref in enumerate(program.schedule.order):
        first.setdefault(ref.split("/")[0], index)
    return lambda module: (first.get(module.id, len(first)), module.file)


def _assemble(parsed: ParsedCurriculum, program: Program, thresholds: Thresholds) -> tuple[Curriculum, list[Problem]]:
    warnings: list[Problem] = []
    modules = []
    for pm in parsed.modules:
        module = pm.module.model
        entries = []
        for number, ps in enumerate(pm.sessions, start=1):
            session = ps.model
            grades = object_result(session, partial(session_grades, session))  # kept while serving
            if grades.handout > thresholds.handout_grade_max:
                warnings.append(
                    _grade_warning(ps, ("handout",), "handout", grades.handout, thresholds.handout_grade_max)
                )
            if grades.lesson_plan > thresholds.lesson_plan_grade_max:
                warnings.append(
                    _grade_warning(
                        ps, ("outline",), "lesson plan", grades.lesson_plan, thresholds.lesson_plan_grade_max
                    )
                )
            entries.append(
                SessionEntry(
                    session=session,
                    module_id=module.id,
                    file=ps.file,
                    number=number,
                    minutes=session.minutes or program.session_minutes,
                    group_type=session.group_type or module.group_type,
                    grades=grades,
                    handout_mark=locate(ps.data, ("handout",)),
                )
            )
        modules.append(ModuleEntry(module=module, file=pm.module.file, sessions=tuple(entries)))
    modules.sort(key=_program_position(program))
    glossary = parsed.glossary.model if parsed.glossary else None
    curriculum = Curriculum(program=program, modules=tuple(modules), glossary=glossary)
    slots = plan_slots(program, curriculum.running_order())
    return Curriculum(program=program, modules=tuple(modules), glossary=glossary, schedule=slots), warnings


def load_and_validate(root: Path) -> Result:
    """Read every file and run every check; build the model only if nothing is wrong."""
    parsed, problems = parse_curriculum(root)
    problems += check_site_config(root)
    problems += template_problems(root)
    problems += check_all(parsed, root)
    program = parsed.program.model if parsed.program else None
    settings = program.language_check if program is not None else LanguageCheck()
    terms = active_terms(settings)
    files: list[Parsed[Any] | None] = [parsed.program, parsed.glossary]
    for pm in parsed.modules:
        files += [pm.module, *pm.sessions]
    for item in files:
        if item is not None:
            problems += check_language(item, terms)
    if not parsed.modules and not any(p.severity is Severity.ERROR for p in problems):
        problems.append(
            Problem(
                "curriculum", 1, 1, "no modules found; add a folder with a module.yaml (`curriculum new module ID`)"
            )
        )
    if any(p.severity is Severity.ERROR for p in problems) or not isinstance(program, Program):
        return Result(None, in_reading_order(problems))
    curriculum, warnings = _assemble(parsed, program, program.thresholds)
    problems += warnings
    return Result(curriculum, in_reading_order(problems))
