"""Checks across fields and files that the schema alone cannot express.

The rule of thirds, unique ids, references between files and safe links live
here. Every check returns located problems; none raises.
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import Problem, Severity
from .loading import Parsed, ParsedCurriculum
from .messages import key_path
from .reading_checks import check_sentence_grades
from .schedule import schedule_problems
from .schema import Glossary, Module, Program, Segment, Session, Thresholds
from .yaml_source import locate

# Every Markdown form that carries an address: inline links and images, reference
# definitions, and autolinks. Reference-style links ([x][g] with [g]: ...) go through the
# definition, so checking definitions covers them.
_INLINE = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)>\n]*)")
_DEFINITION = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*<?([^\s>]+)", re.MULTILINE)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^>\s]*)>")
_REFERENCE_IMAGE = re.compile(r"!\[[^\]]*\]\[")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
SAFE_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})


def _scheme(address: str) -> str | None:
    # Browsers ignore whitespace and control characters inside a scheme ("java\tscript:").
    cleaned = "".join(ch for ch in address if ch > " " and ch != "\x7f").lower()
    found = _SCHEME.match(cleaned)
    return found.group(1) if found else None


def unsafe_addresses(text: str) -> list[str]:
    """What is wrong with the addresses in one Markdown text, as short reasons."""
    if "[" not in text and "<" not in text:
        return []
    reasons: list[str] = []
    images = [m.group(2) for m in _INLINE.finditer(text) if m.group(1)]
    links = [m.group(2) for m in _INLINE.finditer(text) if not m.group(1)]
    definitions = [m.group(1) for m in _DEFINITION.finditer(text)]
    if _REFERENCE_IMAGE.search(text):
        images += definitions
    links += definitions + [m.group(1) for m in _AUTOLINK.finditer(text)]
    for address in links:
        scheme = _scheme(address)
        if scheme is not None and scheme not in SAFE_LINK_SCHEMES:
            reasons.append(
                f"a link to a '{scheme}:' address is not allowed; link to a web page "
                "(https://...), an email (mailto:) or a phone number (tel:) instead"
            )
    for address in images:
        if _scheme(address) is not None or address.startswith(("/", "\\")) or ".." in address.split("/"):
            reasons.append(
                f"the image '{address[:60]}' is not a file inside curriculum/: images from "
                "the web or elsewhere on this computer are not allowed; copy the picture "
                "into curriculum/ and give its path relative to it"
            )
    return reasons


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _at(parsed: Parsed[Any], path: tuple[Any, ...], message: str, severity: Severity = Severity.ERROR) -> Problem:
    line, column = locate(parsed.data, path)
    return Problem(parsed.file, line, column, f"{key_path(path)}: {message}", severity)


def check_thirds(parsed: Parsed[Session], default_minutes: int, thresholds: Thresholds) -> list[Problem]:
    """The rule of thirds: segments add up, and each part keeps close to a third."""
    session = parsed.model
    length = session.minutes or default_minutes
    parts = {name: sum(s.minutes for s in segments) for name, segments in session.outline.parts()}
    total = sum(parts.values())
    problems: list[Problem] = []
    summary = ", ".join(f"{name} {minutes}" for name, minutes in parts.items())
    if total != length:
        change = f"add {length - total}" if total < length else f"remove {total - length}"
        problems.append(
            _at(
                parsed,
                ("outline",),
                f"the segments add up to {total} minutes but the session is {length} "
                f"minutes ({summary}); {change} minutes",
            )
        )
    low, high = thresholds.thirds_min_percent, thresholds.thirds_max_percent
    for name, minutes in parts.items():
        share = 100 * minutes / length
        if not low <= share <= high:
            problems.append(
                _at(
                    parsed,
                    ("outline", name),
                    f"the {name} takes {minutes} minutes, {share:.0f}% of the session; "
                    f"each part should take {low}-{high}% "
                    f"({low * length / 100:.0f}-{high * length / 100:.0f} of "
                    f"{length} minutes), following the rule of thirds",
                )
            )
    return problems


def check_exercises(parsed: Parsed[Session]) -> list[Problem]:
    session = parsed.model
    problems: list[Problem] = []
    ids = [e.id for e in session.exercises]
    seen: set[str] = set()
    for index, exercise_id in enumerate(ids):
        if exercise_id in seen:
            problems.append(
                _at(
                    parsed,
                    ("exercises", index, "id"),
                    f"duplicate exercise id '{exercise_id}'; give each exercise its own id",
                )
            )
        seen.add(exercise_id)
    used: set[str] = set()
    for part, segments in session.outline.parts():
        for index, segment in enumerate(segments):
            if segment.exercise is None:
                continue
            used.add(segment.exercise)
            if segment.exercise not in seen:
                problems.append(
                    _at(
                        parsed,
                        ("outline", part, index, "exercise"),
                        f"no exercise with id '{segment.exercise}' in this session"
                        f"{_did_you_mean(segment.exercise, ids)}; "
                        f"exercises here: {', '.join(ids)}",
                    )
                )
    for index, exercise_id in enumerate(ids):
        if exercise_id not in used:
            problems.append(
                _at(
                    parsed,
                    ("exercises", index, "id"),
                    f"exercise '{exercise_id}' is not run in any segment; add "
                    f"'exercise: {exercise_id}' to the segment where it is practiced",
                    Severity.WARNING,
                )
            )
    return problems


CHECK_IN_NAME = re.compile(r"check[\s-]*in", re.IGNORECASE)
SHARED_CHECK_IN = re.compile(r"\b(?:pairs?|triads?|small groups?|threes)\b", re.IGNORECASE)


def check_in_segment(session: Session) -> tuple[int, Segment] | None:
    """The opening segment that holds the check-in, found by its name."""
    return next(((i, s) for i, s in enumerate(session.outline.opening) if CHECK_IN_NAME.search(s.name)), None)


def check_check_in_time(parsed: Parsed[Session], group_size_max: int) -> list[Problem]:
    """A full group must fit the check-in: members x minutes each, or a stated shorter format."""
    session = parsed.model
    found = check_in_segment(session)
    if found is None:
        return [
            _at(
                parsed,
                ("outline", "opening"),
                "no check-in segment in the opening; name the segment where members check in "
                "'Check-in', so the plan's timing can be checked",
                Severity.WARNING,
            )
        ]
    index, segment = found
    per_person = session.check_in.minutes_per_person
    needed = group_size_max * per_person
    if segment.minutes >= needed:
        return []
    text = " ".join([segment.facilitator, segment.say or "", *segment.prompts])
    if SHARED_CHECK_IN.search(text):
        return []
    return [
        _at(
            parsed,
            ("outline", "opening", index, "minutes"),
            f"the check-in takes {segment.minutes} minutes, but a full group of {group_size_max} "
            f"at {per_person} minute(s) each needs {needed}; make it {needed} minutes, lower "
            "check_in.minutes_per_person, or say in the segment how it is shared "
            "(e.g. 'check in in pairs, then one word each')",
            Severity.WARNING,
        )
    ]


def check_handout_exercises(parsed: Parsed[Session]) -> list[Problem]:
    """Every exercise the plan runs has its place on the handout, named by `exercise:`."""
    session = parsed.model
    ids = [e.id for e in session.exercises]
    problems: list[Problem] = []
    served: set[str] = set()
    for index, block in enumerate(session.handout.worksheet):
        if block.exercise is None:
            continue
        served.add(block.exercise)
        if block.exercise not in ids:
            problems.append(
                _at(
                    parsed,
                    ("handout", "worksheet", index, "exercise"),
                    f"no exercise with id '{block.exercise}' in this session"
                    f"{_did_you_mean(block.exercise, ids)}; exercises here: {', '.join(ids)}",
                )
            )
    used = [
        (part, i, s.exercise)
        for part, segments in session.outline.parts()
        for i, s in enumerate(segments)
        if s.exercise
    ]
    for part, index, exercise_id in used:
        if exercise_id in ids and exercise_id not in served:
            problems.append(
                _at(
                    parsed,
                    ("outline", part, index, "exercise"),
                    f"the plan runs exercise '{exercise_id}' but the handout has no place "
                    "for it; add 'exercise: " + exercise_id + "' to the worksheet block "
                    "members use for it",
                    Severity.WARNING,
                )
            )
            served.add(exercise_id)
    return problems


def check_links(parsed: Parsed[Any]) -> list[Problem]:
    """Markdown links may point to web pages, mail or phone numbers, never to scripts;
    images are the curriculum's own files, never the web's or the build machine's."""
    return [
        Problem(parsed.file, line, column, f"{key_path(path)}: {reason}")
        for path, (line, column), text in parsed.strings
        for reason in unsafe_addresses(text)
    ]


def check_unique_ids(parsed: ParsedCurriculum) -> list[Problem]:
    problems: list[Problem] = []
    modules: dict[str, Parsed[Module]] = {}
    sessions: dict[str, Parsed[Session]] = {}
    for pm in parsed.modules:
        module_id = pm.module.model.id
        if module_id in modules:
            first = modules[module_id]
            problems.append(
                _at(
                    pm.module,
                    ("id",),
                    f"duplicate module id '{module_id}': {first.file} uses it too; give each module its own id",
                )
            )
        else:
            modules[module_id] = pm.module
        for ps in pm.sessions:
            session_id = ps.model.id
            if session_id in sessions:
                earlier = sessions[session_id]
                line = locate(earlier.data, ("id",))[0]
                problems.append(
                    _at(
                        ps,
                        ("id",),
                        f"duplicate session id '{session_id}': {earlier.file} line {line} "
                        "uses it too (a copied file?); give this session its own id",
                    )
                )
            else:
                sessions[session_id] = ps
    return problems


def check_schedule(program: Parsed[Program], parsed: ParsedCurriculum) -> list[Problem]:
    model = program.model
    module_ids = [pm.module.model.id for pm in parsed.modules]
    session_refs = [f"{pm.module.model.id}/{ps.model.id}" for pm in parsed.modules for ps in pm.sessions]
    problems: list[Problem] = []
    for index, ref in enumerate(model.schedule.order):
        if ref not in module_ids and ref not in session_refs:
            problems.append(
                _at(
                    program,
                    ("schedule", "order", index),
                    f"no module or session '{ref}'{_did_you_mean(ref, module_ids + session_refs)}; "
                    "use a module id or 'module-id/session-id'",
                )
            )
    if model.schedule.order:
        named = {ref.split("/", 1)[0] for ref in model.schedule.order}
        for module_id in module_ids:
            if module_id not in named:
                problems.append(
                    _at(
                        program,
                        ("schedule", "order"),
                        f"module '{module_id}' is not in schedule.order, so it runs after the "
                        "listed modules (in the schedule, the workbook and the guide); add it "
                        "to the list to choose its place",
                        Severity.WARNING,
                    )
                )
    problems += [_at(program, path, message, severity) for path, message, severity in schedule_problems(model)]
    return problems


def check_glossary(glossary: Parsed[Glossary]) -> list[Problem]:
    model = glossary.model
    seen: set[str] = set()
    problems = []
    for index, term in enumerate(model.terms):
        key = term.term.casefold()
        if key in seen:
            problems.append(_at(glossary, ("terms", index, "term"), f"'{term.term}' is defined twice"))
        seen.add(key)
    return problems


LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")


def check_branding(program: Parsed[Program], root: Path) -> list[Problem]:
    """The logo is an image file inside curriculum/, so the build can copy it into the site."""
    model = program.model
    logo = model.branding.logo
    if logo is None:
        return []
    where = ("branding", "logo")
    parts = PurePosixPath(logo.replace("\\", "/")).parts
    if not logo.strip() or logo.startswith(("/", "\\")) or ".." in parts or ":" in logo:
        return [_at(program, where, f"'{logo}' must be a path inside curriculum/ without '..', e.g. 'images/logo.png'")]
    folder = (root / "curriculum").resolve()
    path = (folder / logo).resolve()
    if not path.is_relative_to(folder):
        return [_at(program, where, f"'{logo}' leads outside curriculum/; put the image in curriculum/")]
    if path.suffix.lower() not in LOGO_SUFFIXES:
        return [_at(program, where, f"'{logo}' is not an image; use one of {', '.join(LOGO_SUFFIXES)}")]
    if not path.is_file():
        return [_at(program, where, f"no file curriculum/{logo}; put the image there or fix the path")]
    return []


@lru_cache(maxsize=1)
def theme_languages() -> frozenset[str] | None:
    """The languages Material ships a translation for; None when Material is not installed."""
    import importlib.util

    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "templates" / "partials" / "languages"
    return frozenset(p.stem for p in folder.glob("*.html")) if folder.is_dir() else None


def check_language_available(parsed: Parsed[Program]) -> list[Problem]:
    program = parsed.model
    available = theme_languages()
    code = program.language.split("-")[0]
    if available is None or code in available:
        return []
    return [
        _at(
            parsed,
            ("language",),
            f"the site theme has no translation for '{program.language}'"
            f"{_did_you_mean(code, sorted(available))}; use a language code it ships, such as "
            "'en', 'es' or 'fr'",
        )
    ]


def check_all(parsed: ParsedCurriculum, root: Path | None = None) -> list[Problem]:
    """Every cross-field and cross-file check, over whatever parsed cleanly."""
    program = parsed.program.model if parsed.program else None
    default_minutes = program.session_minutes if isinstance(program, Program) else 90
    thresholds = program.thresholds if isinstance(program, Program) else Thresholds()
    group_size = program.schedule.group_size_max if isinstance(program, Program) else 12
    problems = check_unique_ids(parsed)
    for pm in parsed.modules:
        problems += check_links(pm.module)
        for ps in pm.sessions:
            problems += check_thirds(ps, default_minutes, thresholds)
            problems += check_exercises(ps)
            problems += check_handout_exercises(ps)
            problems += check_check_in_time(ps, group_size)
            problems += check_sentence_grades(ps, thresholds, root)
            problems += check_links(ps)
    if parsed.program:
        problems += check_schedule(parsed.program, parsed)
        problems += check_links(parsed.program)
        if root is not None and isinstance(program, Program):
            problems += check_branding(parsed.program, root)
        if isinstance(program, Program):
            problems += check_language_available(parsed.program)
    if parsed.glossary:
        problems += check_glossary(parsed.glossary)
        problems += check_links(parsed.glossary)
    return problems
