"""Every kind of broken file gets one exact, located message, exit code 1 and no traceback.

Each case writes a small valid project, breaks one file, and runs `curriculum validate`
as an editor would. Positions are computed from the text the case writes, so the
assertions stay exact when the scaffold's wording changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .helpers import build_file_tree, minimal_files, run_cli

FILES = minimal_files()
SESSION_FILE = "curriculum/coping/01-first-session.yaml"
MODULE_FILE = "curriculum/coping/module.yaml"
PROGRAM_FILE = "curriculum/program.yaml"
SESSION = str(FILES[SESSION_FILE])
MODULE = str(FILES[MODULE_FILE])
PROGRAM = str(FILES[PROGRAM_FILE])


def edit(text: str, old: str, new: str, count: int = 1) -> str:
    """Replace text that must be there, so a changed scaffold fails loudly, not silently."""
    assert old in text, f"{old!r} is not in the file any more"
    return text.replace(old, new, count)


def at(text: str, needle: str, offset: int = 0, nth: int = 1) -> str:
    """'LINE:COL' of the nth occurrence of needle (plus offset columns), 1-based."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1 + offset
    return f"{line}:{column}"


def err(file: str, where: str, message: str) -> str:
    return f"{file}:{where}: error: {message}"


@dataclass(frozen=True)
class Case:
    name: str
    files: dict[str, str | bytes]
    expected: list[str]
    removed: tuple[str, ...] = field(default=())


CASES: list[Case] = []


def case(name: str, files: dict[str, str | bytes], *expected: str, removed: tuple[str, ...] = ()) -> None:
    CASES.append(Case(name, files, list(expected), removed))


def session_case(name: str, text: str | bytes, *expected: str) -> None:
    case(name, {SESSION_FILE: text}, *expected)


def s_err(where: str, message: str) -> str:
    return err(SESSION_FILE, where, message)


# ------------------------------------------------------------------ YAML syntax --

_broken = edit(SESSION, "title: First session", "title: [First session")
session_case(
    "unclosed bracket",
    _broken,
    s_err(
        at(_broken, "[First"),
        "YAML syntax error: the '[' here is never closed; close it, or put the "
        "whole text in quotes if it is not meant as a list",
    ),
)

_broken = edit(SESSION, "summary: What members", "summary: Note: What members")
session_case(
    "colon inside text",
    _broken,
    s_err(
        at(_broken, "Note:", 4),
        "YAML syntax error: a colon is not allowed here; if the text contains "
        "': ', put the whole text in quotes, otherwise check this line's indentation",
    ),
)

_last = SESSION.rstrip("\n").rsplit("\n", 1)[1]
_broken = edit(SESSION, _last, _last.replace("homework: ", 'homework: "'))
session_case(
    "quote never closed",
    _broken,
    s_err(
        at(_broken, '"', nth=_broken.count('"')),
        "YAML syntax error: the quote that starts here is "
        "never closed; add the closing quote mark, or, if the text contains one, use the other kind "
        "of quotes",
    ),
)

_broken = edit(SESSION, "title: First session", "title First session")
session_case(
    "missing colon",
    _broken,
    s_err(at(_broken, "title First"), "YAML syntax error: this line needs a colon; write it as 'key: value'"),
)

_broken = edit(SESSION, "tags: [example]", "tags: [example]\n---\nid: second")
session_case(
    "two documents in one file",
    _broken,
    s_err(
        at(_broken, "---"),
        "YAML syntax error: a second document starts here ('---'); a curriculum "
        "file holds one, so remove this line or move what follows into its own file",
    ),
)

_broken = edit(SESSION, "summary: What", "summary: @What")
session_case(
    "text starting with @",
    _broken,
    s_err(at(_broken, "@What"), "YAML syntax error: text starting with @ must be put in quotes"),
)

_broken = edit(SESSION, "Whiteboard and markers", "Whiteboard\x07and markers")
session_case(
    "control character pasted in",
    _broken,
    s_err(
        at(_broken, "\x07"),
        "the file contains an invisible control character (U+0007) that YAML "
        "does not allow; delete it (it often comes with text pasted from another program)",
    ),
)

# ---------------------------------------------------------------------- tabs --

_broken = edit(SESSION, "  minutes_per_person: 2", "\tminutes_per_person: 2")
session_case(
    "tab indenting a key",
    _broken,
    s_err(
        at(_broken, "\tminutes_per_person"),
        "a tab character is used for indentation; YAML needs spaces (replace the tab with two spaces)",
    ),
)

_broken = edit(SESSION, "  - Whiteboard and markers", "\t- Whiteboard and markers")
session_case(
    "tab indenting a list item",
    _broken,
    s_err(
        at(_broken, "\t- Whiteboard"),
        "a tab character is used for indentation; YAML needs spaces (replace the tab with two spaces)",
    ),
)

# ---------------------------------------------------------------- wrong types --

_broken = edit(SESSION, "      minutes: 5\n", "      minutes: five\n")
session_case(
    "text where segment minutes go",
    _broken,
    s_err(at(_broken, "five"), "outline.opening[0].minutes: expected a whole number of minutes, like 10, got 'five'"),
)

_broken = edit(SESSION, "minutes: 90", "minutes: ninety minutes")
session_case(
    "text where session minutes go",
    _broken,
    s_err(at(_broken, "ninety"), "minutes: expected a whole number of minutes, like 10, got 'ninety minutes'"),
)

_broken = edit(SESSION, "      minutes: 5\n", "      minutes: 5.5\n")
session_case(
    "fraction of a minute",
    _broken,
    s_err(at(_broken, "5.5"), "outline.opening[0].minutes: expected a whole number of minutes, like 10, got '5.5'"),
)

_broken = edit(SESSION, "tags: [example]", "tags: example")
session_case(
    "text where a list goes",
    _broken,
    s_err(at(_broken, "tags: example", 6), "tags: expected a list (lines starting with '- '), got 'example'"),
)

_broken = edit(SESSION, "title: First session", "title: {name} group")
session_case(
    "braces at the start of text",
    _broken,
    s_err(
        at(_broken, "{name}", 7),
        "YAML syntax error: unexpected text after a quoted or bracketed "
        "value; put the whole text in double quotes (inside single quotes, write it's as it''s)",
    ),
)

_broken = edit(SESSION, "title: First session", "title: {name}")
session_case(
    "a mapping where text goes",
    _broken,
    s_err(
        at(_broken, "{name}"),
        "title: expected text, got a mapping (text that starts with [ or { must be put in quotes)",
    ),
)

_broken = edit(SESSION, "  minutes_per_day: 10", "  minutes_per_day: 30")
session_case(
    "homework too long a day",
    _broken,
    s_err(at(_broken, "30"), "homework.minutes_per_day: must be at most 19, got '30'"),
)

_broken = edit(MODULE, "group_type: skills", "group_type: skils")
case(
    "group type misspelled",
    {MODULE_FILE: _broken},
    err(
        MODULE_FILE,
        at(_broken, "skils"),
        "group_type: 'skils' is not one of: psychoeducational, "
        "skills, relapse-prevention, refusal-training, family, process, pretreatment (did you mean 'skills'?)",
    ),
)

_broken = edit(PROGRAM, 'start_time: "17:30"', "start_time: 5:30pm")
case(
    "start time not a clock time",
    {PROGRAM_FILE: _broken},
    err(
        PROGRAM_FILE,
        at(_broken, "5:30pm"),
        "schedule.start_time: '5:30pm' is not a time: write it as 'HH:MM' in quotes, like '18:00'",
    ),
)

_broken = edit(PROGRAM, "group_size_max: 10", "group_size_max: 20")
case(
    "group larger than 15",
    {PROGRAM_FILE: _broken},
    err(PROGRAM_FILE, at(_broken, "20"), "schedule.group_size_max: must be at most 15, got '20'"),
)

# ---------------------------------------------------- missing and unknown keys --

_broken = edit(SESSION, "summary: What members learn and practice in this session.\n", "")
session_case(
    "missing required key",
    _broken,
    s_err(
        at(_broken, "id: first-session"),
        "summary: missing required key 'summary'; add a 'summary:' line at the top level of the file",
    ),
)

_broken = edit(SESSION, "  task: Use the skill once a day and write down what happened.\n", "")
session_case(
    "missing nested key",
    _broken,
    s_err(
        at(_broken, "minutes_per_day"),
        "homework.task: missing required key 'task'; add a 'task:' line under 'homework'",
    ),
)

_broken = edit(SESSION, "summary:", "sumary:")
session_case(
    "misspelled key", _broken, s_err(at(_broken, "sumary"), "sumary: unknown key 'sumary' (did you mean 'summary'?)")
)

_broken = edit(SESSION, "      minutes: 5\n", "      minuts: 5\n")
session_case(
    "misspelled nested key",
    _broken,
    s_err(at(_broken, "minuts"), "outline.opening[0].minuts: unknown key 'minuts' (did you mean 'minutes'?)"),
)

_broken = edit(SESSION, "tags: [example]", "tags: [example]\ncolour: blue")
session_case(
    "unknown key with no near miss",
    _broken,
    s_err(
        at(_broken, "colour"),
        "colour: unknown key 'colour' (allowed here: id, title, summary, "
        "minutes, group_type, tags, objectives, materials, preparation, sources, check_in, outline, "
        "exercises, homework, facilitator_notes, handout)",
    ),
)

# ------------------------------------------------------------- duplicate keys --

_broken = edit(SESSION, "tags: [example]", "tags: [example]\ntitle: Copied title")
session_case(
    "duplicate key at the top",
    _broken,
    s_err(
        at(_broken, "title: Copied"),
        f"duplicate key 'title' (first given on line "
        f"{at(_broken, 'title: First').split(':')[0]}); YAML would silently keep only the last one, "
        "so remove or rename one",
    ),
)

_broken = edit(SESSION, "  minutes_per_day: 10", "  minutes_per_day: 10\n  minutes_per_day: 5")
session_case(
    "duplicate key nested",
    _broken,
    s_err(
        at(_broken, "minutes_per_day: 5"),
        f"duplicate key 'minutes_per_day' (first given on line "
        f"{at(_broken, 'minutes_per_day: 10').split(':')[0]}); YAML would silently keep only the last "
        "one, so remove or rename one",
    ),
)

# -------------------------------------------------------------- duplicate ids --

_COPY = "curriculum/coping/02-copy-of-first.yaml"
case(
    "same session id in two files",
    {_COPY: SESSION},
    err(
        _COPY,
        at(SESSION, "first-session", nth=2),
        "id: duplicate session id 'first-session': "
        f"{SESSION_FILE} line {at(SESSION, 'id: first')[:-2]} uses it too (a copied file?); give this "
        "session its own id",
    ),
)

_OTHER = "curriculum/other/module.yaml"
case(
    "same module id in two folders",
    {
        _OTHER: MODULE,
        "curriculum/other/01-first-session.yaml": SESSION.replace("id: first-session", "id: other-session"),
    },
    err(
        _OTHER,
        at(MODULE, "coping", nth=1),
        f"id: duplicate module id 'coping': {MODULE_FILE} uses it too; give each module its own id",
    ),
)

# ----------------------------------------------------------------- unsafe ids --

SAFE_ID_HINT = "is not a safe id: use lowercase letters, digits and single hyphens, like 'warning-signs'"
for _name, _bad in (
    ("path in id", "../etc"),
    ("spaces in id", "first session"),
    ("uppercase id", "First-Session"),
    ("slash in id", "a/b"),
):
    _broken = edit(SESSION, "id: first-session", f"id: {_bad}")
    session_case(_name, _broken, s_err(at(_broken, _bad), f"id: '{_bad}' {SAFE_ID_HINT}"))

_broken = edit(SESSION, "id: first-session", 'id: ""')
session_case("empty id", _broken, s_err(at(_broken, '""'), "id: must not be empty"))

_broken = edit(MODULE, "id: coping", "id: Coping Skills")
case(
    "unsafe module id",
    {MODULE_FILE: _broken},
    err(MODULE_FILE, at(_broken, "Coping Skills"), f"id: 'Coping Skills' {SAFE_ID_HINT}"),
)

# ------------------------------------------------------------------- timings --

_broken = edit(SESSION, "      minutes: 7\n", "      minutes: 9\n")
session_case(
    "segments do not add up",
    _broken,
    s_err(
        at(_broken, "  opening:", 2),
        "outline: the segments add up to 92 minutes but the session "
        "is 90 minutes (opening 30, topic 30, closing 32); remove 2 minutes",
    ),
)

_broken = edit(edit(SESSION, "      minutes: 20\n", "      minutes: 30\n"), "      minutes: 15\n", "      minutes: 5\n")
session_case(
    "a part outside the thirds",
    _broken,
    s_err(
        at(_broken, "    - name: Teach", 4),
        "outline.topic: the topic takes 40 "
        "minutes, 44% of the session; each part should take 25-40% (22-36 of 90 "
        "minutes), following the rule of thirds",
    ),
    s_err(
        at(_broken, "    - name: Apply", 4),
        "outline.closing: the closing takes 20 "
        "minutes, 22% of the session; each part should take 25-40% (22-36 of 90 "
        "minutes), following the rule of thirds",
    ),
)

# ---------------------------------------------------------------- references --

_broken = PROGRAM + "  order: [copin]\n"
case(
    "schedule names a missing module",
    {PROGRAM_FILE: _broken},
    err(
        PROGRAM_FILE,
        at(_broken, "copin"),
        "schedule.order[0]: no module or session 'copin' (did you "
        "mean 'coping'?); use a module id or 'module-id/session-id'",
    ),
)

_broken = PROGRAM + "  order: [coping/frist-session]\n"
case(
    "schedule names a missing session",
    {PROGRAM_FILE: _broken},
    err(
        PROGRAM_FILE,
        at(_broken, "coping/frist"),
        "schedule.order[0]: no module or session "
        "'coping/frist-session' (did you mean 'coping/first-session'?); use a module id or "
        "'module-id/session-id'",
    ),
)

_broken = edit(SESSION, "      exercise: practice-first-session", "      exercise: role-play")
session_case(
    "segment names a missing exercise",
    _broken,
    s_err(
        at(_broken, "role-play"),
        "outline.topic[1].exercise: no exercise with id 'role-play' in this "
        "session; exercises here: practice-first-session",
    ),
)

# ------------------------------------------------------- empty and odd files --

EMPTY = (
    "the file is empty (or holds only comments); fill it in or delete it "
    "(`curriculum new session MODULE ID` writes a complete example)"
)
session_case("empty file", "", s_err("1:1", EMPTY))
session_case("only comments", "# a session will go here\n# soon\n", s_err("1:1", EMPTY))
session_case(
    "a list instead of keys",
    "- one\n- two\n",
    s_err("1:1", "expected 'key: value' lines at the top of the file, found a list"),
)

_broken = edit(SESSION, "Whiteboard and markers", "Whiteboard and markers (the teacher’s)")
_bytes = _broken.encode("utf-8").replace("’".encode(), b"\x92")  # Windows-1252, as Word saves it
session_case(
    "invalid UTF-8",
    _bytes,
    s_err(
        at(_broken, "’"),
        "the file is not valid UTF-8 (byte 0x92); save it again with UTF-8 encoding "
        "(in Word or Notepad: Save As, Encoding: UTF-8)",
    ),
)

_broken = edit(SESSION, "minutes: 90", "minutes: ninety")
session_case(
    "byte-order mark and CRLF keep positions right",
    b"\xef\xbb\xbf" + _broken.replace("\n", "\r\n").encode("utf-8"),
    s_err(at(_broken, "ninety"), "minutes: expected a whole number of minutes, like 10, got 'ninety'"),
)

case(
    "file outside a module folder",
    {"curriculum/notes.yaml": "note: hello\n"},
    err(
        "curriculum/notes.yaml",
        "1:1",
        "unexpected file: the curriculum folder holds program.yaml, "
        "glossary.yaml and one folder per module; move it into a module folder",
    ),
)

case(
    "module folder without module.yaml",
    {},
    err(
        "curriculum/coping/module.yaml",
        "1:1",
        "this module folder has no module.yaml; add one (`curriculum new module ID` writes an example)",
    ),
    removed=(MODULE_FILE,),
)

case(
    "no program file",
    {},
    err(PROGRAM_FILE, "1:1", "the program file is missing; create curriculum/program.yaml"),
    removed=(PROGRAM_FILE,),
)

# ------------------------------------------------------------ hostile input --

_broken = edit(SESSION, "title: First session", "title: !!python/object/apply:os.system ['echo x']")
session_case(
    "python tag",
    _broken,
    s_err(at(_broken, "!!python"), "Python tags (!!python/...) are refused: the curriculum is data, not code"),
)

_broken = edit(SESSION, "title: First session", "title: !include other.yaml")
session_case(
    "unknown tag", _broken, s_err(at(_broken, "!include"), "the YAML tag '!include' is not supported; remove it")
)

BOMB = (
    "\n".join(
        ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    )
    + "\n"
)
session_case(
    "billion laughs",
    BOMB,
    s_err(
        at(BOMB, "*a0"), "YAML aliases (*name) are not allowed in the curriculum; write the text out in full instead"
    ),
)

_broken = edit(SESSION, "summary: What members learn and practice in this session.", "summary: " + "word " * 1200)
session_case(
    "very long text",
    _broken,
    s_err(
        at(_broken, "word"),
        "summary: the text is too long (5,999 characters; at most 4,000); shorten it or split it into a list",
    ),
)

_huge = SESSION + "# " + "x" * 1_100_000 + "\n"
session_case(
    "file too large",
    _huge,
    s_err(
        "1:1",
        f"the file is {len(_huge.encode()):,} bytes; a curriculum file may be at most 1,000,000 bytes, so split it",
    ),
)

_deep = "id: " + "[" * 500 + "]" * 500 + "\n"
session_case(
    "deeply nested brackets",
    _deep,
    s_err(at(_deep, "[", nth=30), "the document is nested more than 30 levels deep; check the indentation"),
)

_deep = "".join("  " * level + f"level{level}:\n" for level in range(60)) + "  " * 60 + "end: 1\n"
session_case(
    "deeply nested keys",
    _deep,
    s_err(at(_deep, "level29:"), "the document is nested more than 30 levels deep; check the indentation"),
)

# ------------------------------------------------------------------ templates --

case(
    "template override with a syntax error",
    {"overrides/handout.md.j2": "# Handout\n{% if %}\n"},
    err(
        "overrides/handout.md.j2",
        "2:1",
        "template syntax error: Expected an expression, got "
        "'end of statement block'; fix it, or delete the file to use the built-in template",
    ),
)

# -------------------------------------------------------------- site settings --

_broken = edit(str(FILES["mkdocs.yml"]), "site_name:", "site_name: [\nsite_name2:")
case(
    "mkdocs.yml syntax error",
    {"mkdocs.yml": _broken},
    err(
        "mkdocs.yml",
        at(_broken, "["),
        "cannot read the site settings: YAML syntax error: the '[' "
        "here is never closed; close it, or put the whole text in quotes if it is not meant as a list",
    ),
)

case(
    "mkdocs.yml not settings",
    {"mkdocs.yml": "- material\n"},
    err("mkdocs.yml", "1:1", "the site settings must be 'key: value' lines, like 'site_name: My program'"),
)


def write_case(root: Path, bad: Case) -> Path:
    build_file_tree(root, {**FILES, **bad.files})
    for relative in bad.removed:
        (root / relative).unlink()
    return root


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ": error: " in line]


@pytest.mark.parametrize("bad", CASES, ids=[c.name for c in CASES])
def test_validate_reports_exact_located_error(tmp_path: Path, bad: Case) -> None:
    root = write_case(tmp_path, bad)
    result = run_cli("validate", "--root", str(root))
    assert "Traceback" not in result.stdout + result.stderr
    assert error_lines(result.stderr) == sorted(bad.expected)
    assert result.returncode == 1
    errors = len(bad.expected)
    assert result.stdout.strip().splitlines()[-1].startswith(f"invalid; {errors} error{'s' if errors != 1 else ''}, ")


def test_there_are_at_least_thirty_cases() -> None:
    assert len(CASES) >= 30


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"\xef\xbb\xbf" + SESSION.encode(), id="byte-order mark"),
        pytest.param(SESSION.replace("\n", "\r\n").encode(), id="CRLF line endings"),
        pytest.param(b"\xef\xbb\xbf" + SESSION.replace("\n", "\r\n").encode(), id="both"),
    ],
)
def test_windows_files_are_accepted(tmp_path: Path, content: bytes) -> None:
    root = build_file_tree(tmp_path, {**FILES, SESSION_FILE: content})
    result = run_cli("validate", "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert "error:" not in result.stderr
    assert result.stdout.startswith("valid: 1 session")


@pytest.mark.parametrize(
    "bad",
    [
        c
        for c in CASES
        if c.name
        in (
            "tab indenting a key",
            "same session id in two files",
            "segments do not add up",
            "mkdocs.yml syntax error",
        )
    ],
    ids=lambda c: c.name,
)
def test_build_stops_with_the_same_located_error(tmp_path: Path, bad: Case) -> None:
    root = write_case(tmp_path, bad)
    result = run_cli("build", "--root", str(root), "--no-pdf", "--quiet")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    assert error_lines(result.stderr) == sorted(bad.expected)
    assert "the site was not changed" in result.stdout
    assert not (root / "site").exists()
    assert not list(root.glob(".curriculum-build-*"))


# ------------------------------------------------------- warnings and --strict --


def warning_project(root: Path) -> tuple[Path, list[str]]:
    """A valid project with one stigmatizing word and a lesson plan above a strict grade target."""
    session = edit(SESSION, "summary: What members", "summary: Help for every addict. What members")
    program = PROGRAM + "thresholds:\n  lesson_plan_grade_max: 1\n"
    build_file_tree(root, {**FILES, SESSION_FILE: session, PROGRAM_FILE: program})
    expected = [
        rf"{SESSION_FILE}:{at(session, 'Help for')}: warning: summary: 'addict' is stigmatizing "
        r"language; say person with a substance use disorder",
        rf"{SESSION_FILE}:{at(session, '  opening:', 2)}: warning: outline: the lesson plan reads "
        r"at grade [0-9.]+, above the target of 1; use shorter sentences and everyday words",
    ]
    return root, expected


def assert_warnings(stderr: str, expected: list[str], strict: bool = False) -> None:
    """Warnings print as warnings; under --strict the same lines print as errors, marked [--strict]."""
    if strict:
        expected = [p.replace(": warning: ", ": error: ") + r" \[--strict\]" for p in expected]
    kind = ": error: " if strict else ": warning: "
    lines = [line for line in stderr.splitlines() if kind in line]
    assert len(lines) == len(expected), stderr
    for line, pattern in zip(sorted(lines), expected, strict=True):
        assert re.fullmatch(pattern, line), line
    assert (": warning: " if strict else ": error: ") not in stderr


def test_warnings_do_not_fail_validate_but_do_under_strict(tmp_path: Path) -> None:
    root, expected = warning_project(tmp_path)
    relaxed = run_cli("validate", "--root", str(root))
    assert relaxed.returncode == 0
    assert_warnings(relaxed.stderr, expected)
    assert relaxed.stdout.splitlines()[-1].endswith("; 0 errors, 2 warnings")
    assert relaxed.stdout.startswith("valid:")

    strict = run_cli("validate", "--root", str(root), "--strict")
    assert strict.returncode == 1
    assert_warnings(strict.stderr, expected, strict=True)
    assert strict.stdout.splitlines()[-1] == "invalid; 2 errors, 0 warnings"


def test_warnings_do_not_stop_build_but_do_under_strict(tmp_path: Path) -> None:
    root, expected = warning_project(tmp_path)
    built = run_cli("build", "--root", str(root), "--no-pdf", "--quiet")
    assert built.returncode == 0, built.stderr
    assert_warnings(built.stderr, expected)
    assert built.stdout.splitlines()[-1].endswith("; 0 errors, 2 warnings")
    before = (root / "site" / "index.html").read_bytes()

    (root / PROGRAM_FILE).write_text(
        PROGRAM.replace("Test Program", "Renamed Program") + "thresholds:\n  lesson_plan_grade_max: 1\n",
        encoding="utf-8",
    )
    strict = run_cli("build", "--root", str(root), "--no-pdf", "--quiet", "--strict")
    assert strict.returncode == 1
    assert_warnings(strict.stderr, expected, strict=True)
    assert strict.stdout.splitlines()[-1] == "Build stopped; the site was not changed. 2 errors, 0 warnings"
    assert (root / "site" / "index.html").read_bytes() == before
