"""Checks across fields and files that the schema alone cannot express.

The rule of thirds, unique ids, references between files and safe links live
here. Every check returns located problems; none raises.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import Problem, Severity
from .loading import Parsed, ParsedCurriculum
from .messages import key_path
from .schema import Glossary, Module, Program, Session, Thresholds
from .yaml_source import locate

UNSAFE_LINK = re.compile(r"\]\(\s*(?:javascript|data|vbscript):", re.IGNORECASE)


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _at(parsed: Parsed, path: tuple[Any, ...], message: str, severity: Severity = Severity.ERROR) -> Problem:
    line, column = locate(parsed.data, path)
    return Problem(parsed.file, line, column, f"{key_path(path)}: {message}", severity)


def check_thirds(parsed: Parsed, default_minutes: int, thresholds: Thresholds) -> list[Problem]:
    """The rule of thirds: segments add up, and each part keeps close to a third."""
    session = parsed.model
    assert isinstance(session, Session)
    length = session.minutes or default_minutes
    parts = {name: sum(s.minutes for s in segments) for name, segments in session.outline.parts()}
    total = sum(parts.values())
    problems: list[Problem] = []
    summary = ", ".join(f"{name} {minutes}" for name, minutes in parts.items())
    if total != length:
        change = f"add {length - total}" if total < length else f"remove {total - length}"
        problems.append(_at(parsed, ("outline",),
                            f"the segments add up to {total} minutes but the session is {length} "
                            f"minutes ({summary}); {change} minutes"))
    low, high = thresholds.thirds_min_percent, thresholds.thirds_max_percent
    for name, minutes in parts.items():
        share = 100 * minutes / length
        if not low <= share <= high:
            problems.append(_at(parsed, ("outline", name),
                                f"the {name} takes {minutes} minutes, {share:.0f}% of the session; "
                                f"each part should take {low}-{high}% "
                                f"({low * length / 100:.0f}-{high * length / 100:.0f} of "
                                f"{length} minutes), following the rule of thirds"))
    return problems


def check_exercises(parsed: Parsed) -> list[Problem]:
    session = parsed.model
    assert isinstance(session, Session)
    problems: list[Problem] = []
    ids = [e.id for e in session.exercises]
    seen: set[str] = set()
    for index, exercise_id in enumerate(ids):
        if exercise_id in seen:
            problems.append(_at(parsed, ("exercises", index, "id"),
                                f"duplicate exercise id '{exercise_id}'; give each exercise its own id"))
        seen.add(exercise_id)
    used: set[str] = set()
    for part, segments in session.outline.parts():
        for index, segment in enumerate(segments):
            if segment.exercise is None:
                continue
            used.add(segment.exercise)
            if segment.exercise not in seen:
                problems.append(_at(parsed, ("outline", part, index, "exercise"),
                                    f"no exercise with id '{segment.exercise}' in this session"
                                    f"{_did_you_mean(segment.exercise, ids)}; "
                                    f"exercises here: {', '.join(ids)}"))
    for index, exercise_id in enumerate(ids):
        if exercise_id not in used:
            problems.append(_at(parsed, ("exercises", index, "id"),
                                f"exercise '{exercise_id}' is not run in any segment; add "
                                f"'exercise: {exercise_id}' to the segment where it is practiced",
                                Severity.WARNING))
    return problems


def check_links(parsed: Parsed) -> list[Problem]:
    """Markdown links may point to web pages, mail or phone numbers, never to scripts."""
    return [
        Problem(parsed.file, line, column,
                f"{key_path(path)}: links to 'javascript:', 'data:' or 'vbscript:' addresses are "
                "not allowed; link to a web page (https://...) instead")
        for path, (line, column), text in parsed.strings
        if UNSAFE_LINK.search(text)
    ]


def check_unique_ids(parsed: ParsedCurriculum) -> list[Problem]:
    problems: list[Problem] = []
    modules: dict[str, Parsed] = {}
    sessions: dict[str, Parsed] = {}
    for pm in parsed.modules:
        module_id = pm.module.model.id  # type: ignore[attr-defined]
        if module_id in modules:
            first = modules[module_id]
            problems.append(_at(pm.module, ("id",),
                                f"duplicate module id '{module_id}': {first.file} uses it too; "
                                "give each module its own id"))
        else:
            modules[module_id] = pm.module
        for ps in pm.sessions:
            session_id = ps.model.id  # type: ignore[attr-defined]
            if session_id in sessions:
                first = sessions[session_id]
                line = locate(first.data, ("id",))[0]
                problems.append(_at(ps, ("id",),
                                    f"duplicate session id '{session_id}': {first.file} line {line} "
                                    "uses it too (a copied file?); give this session its own id"))
            else:
                sessions[session_id] = ps
    return problems


def check_schedule(program: Parsed, parsed: ParsedCurriculum) -> list[Problem]:
    model = program.model
    assert isinstance(model, Program)
    module_ids = [pm.module.model.id for pm in parsed.modules]  # type: ignore[attr-defined]
    session_refs = [
        f"{pm.module.model.id}/{ps.model.id}"  # type: ignore[attr-defined]
        for pm in parsed.modules for ps in pm.sessions
    ]
    problems: list[Problem] = []
    for index, ref in enumerate(model.schedule.order):
        if ref not in module_ids and ref not in session_refs:
            problems.append(_at(program, ("schedule", "order", index),
                                f"no module or session '{ref}'{_did_you_mean(ref, module_ids + session_refs)}; "
                                "use a module id or 'module-id/session-id'"))
    schedule = model.schedule
    if schedule.hours_per_week < 9:
        problems.append(_at(program, ("schedule", "hours_per_week"),
                            f"{schedule.hours_per_week:g} hours a week is below the 9 hours that "
                            "adult intensive outpatient care (ASAM level 2.1) requires", Severity.WARNING))
    group_hours = len(schedule.days) * model.session_minutes / 60
    if group_hours > schedule.hours_per_week:
        problems.append(_at(program, ("schedule", "hours_per_week"),
                            f"{len(schedule.days)} groups of {model.session_minutes} minutes take "
                            f"{group_hours:g} hours, more than hours_per_week ({schedule.hours_per_week:g})"))
    return problems


def check_glossary(glossary: Parsed) -> list[Problem]:
    model = glossary.model
    assert isinstance(model, Glossary)
    seen: set[str] = set()
    problems = []
    for index, term in enumerate(model.terms):
        key = term.term.casefold()
        if key in seen:
            problems.append(_at(glossary, ("terms", index, "term"), f"'{term.term}' is defined twice"))
        seen.add(key)
    return problems


LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


def check_branding(program: Parsed, root: Path) -> list[Problem]:
    """The logo is an image file inside curriculum/, so the build can copy it into the site."""
    model = program.model
    assert isinstance(model, Program)
    logo = model.branding.logo
    if logo is None:
        return []
    where = ("branding", "logo")
    parts = PurePosixPath(logo.replace("\\", "/")).parts
    if not logo.strip() or logo.startswith(("/", "\\")) or ".." in parts or ":" in logo:
        return [_at(program, where, f"'{logo}' must be a path inside curriculum/ without '..', "
                                    "e.g. 'images/logo.png'")]
    folder = (root / "curriculum").resolve()
    path = (folder / logo).resolve()
    if not path.is_relative_to(folder):
        return [_at(program, where,
                    f"'{logo}' leads outside curriculum/; put the image in curriculum/")]
    if path.suffix.lower() not in LOGO_SUFFIXES:
        return [_at(program, where,
                    f"'{logo}' is not an image; use one of {', '.join(LOGO_SUFFIXES)}")]
    if not path.is_file():
        return [_at(program, where,
                    f"no file curriculum/{logo}; put the image there or fix the path")]
    return []


def check_all(parsed: ParsedCurriculum, root: Path | None = None) -> list[Problem]:
    """Every cross-field and cross-file check, over whatever parsed cleanly."""
    program = parsed.program.model if parsed.program else None
    default_minutes = program.session_minutes if isinstance(program, Program) else 90
    thresholds = program.thresholds if isinstance(program, Program) else Thresholds()
    problems = check_unique_ids(parsed)
    for pm in parsed.modules:
        assert isinstance(pm.module.model, Module)
        problems += check_links(pm.module)
        for ps in pm.sessions:
            problems += check_thirds(ps, default_minutes, thresholds)
            problems += check_exercises(ps)
            problems += check_links(ps)
    if parsed.program:
        problems += check_schedule(parsed.program, parsed)
        problems += check_links(parsed.program)
        if root is not None and isinstance(program, Program):
            problems += check_branding(parsed.program, root)
    if parsed.glossary:
        problems += check_glossary(parsed.glossary)
        problems += check_links(parsed.glossary)
    return problems
