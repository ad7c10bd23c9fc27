"""Whatever an editor types, loading and validating returns located problems and never raises.

Hypothesis writes random YAML-like text, random bytes, and random mutations of a valid
session (a key deleted, a value of the wrong type, unknown keys, stray characters), and
checks that every problem names a file, a line and a column inside the file, and says
something.
"""

from __future__ import annotations

import copy
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import Problem
from generator.loading import parse_file
from generator.schema import FILE_MODELS, Session
from generator.validate import load_and_validate

from .helpers import build_file_tree, minimal_files

FILES = minimal_files()
SESSION_FILE = "curriculum/coping/01-first-session.yaml"
SESSION_TEXT = str(FILES[SESSION_FILE])
SESSION_DATA = yaml.safe_load(SESSION_TEXT)

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every key path in the valid session, to aim mutations at."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*prefix, index)
            yield from _paths(value, (*prefix, index))


PATHS = sorted(_paths(SESSION_DATA), key=repr)
KEY_NAMES = sorted({str(p[-1]) for p in PATHS if isinstance(p[-1], str)})

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(["", "  ", "90", "18:00", "null", "../etc", "{{ x }}"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=12,
)


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


@st.composite
def mutated_sessions(draw: st.DrawFn) -> Any:
    """The valid session with one to four mutations applied."""
    data = copy.deepcopy(SESSION_DATA)
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(PATHS))
        try:
            parent = _parent(data, path)
            key = path[-1]
            parent[key]  # noqa: B018 - the path may have gone with an earlier mutation
        except (KeyError, IndexError, TypeError):
            continue
        action = draw(st.sampled_from(["delete", "retype", "unknown key", "misspell"]))
        if action == "delete":
            del parent[key]
        elif action == "retype":
            parent[key] = draw(values)
        elif action == "unknown key" and isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=15))] = draw(values)
        elif action == "misspell" and isinstance(parent, dict) and isinstance(key, str):
            parent[key[:-1] or "x"] = parent.pop(key)
    return data


@st.composite
def text_edits(draw: st.DrawFn) -> str:
    """The valid session's text with random characters inserted or replaced."""
    text = SESSION_TEXT
    for _ in range(draw(st.integers(1, 5))):
        at = draw(st.integers(0, len(text)))
        length = draw(st.integers(0, 3))
        insert = draw(
            st.one_of(
                st.text(max_size=8),
                st.sampled_from(
                    [
                        "\t",
                        ":",
                        ": ",
                        "- ",
                        "[",
                        "]",
                        "{",
                        "}",
                        "&a",
                        "*a",
                        "!!python/name:os",
                        "'",
                        '"',
                        "#",
                        "|",
                        ">",
                        "%",
                        "@",
                        "`",
                        "\n  ",
                        "\ufeff",
                        "\x00",
                        "\r",
                    ]
                ),
            )
        )
        text = text[:at] + insert + text[at + length :]
    return text


yaml_lines = st.lists(
    st.tuples(
        st.integers(0, 6),
        st.booleans(),
        st.one_of(st.sampled_from(KEY_NAMES), st.text(max_size=10)),
        st.one_of(
            st.sampled_from(
                ["", "[a, b]", "{x: 1}", "|", ">-", "&a x", "*a", "'q", '"q"', "5", "five", "- x", "!!str 3", "~"]
            ),
            st.text(max_size=20),
        ),
    ),
    max_size=25,
).map(
    lambda lines: "".join(
        " " * indent + ("- " if dash else "") + f"{key}: {value}\n" for indent, dash, key, value in lines
    )
)


def _line_count(raw: bytes) -> int:
    try:
        return len(raw.decode("utf-8").splitlines()) + 1
    except UnicodeDecodeError:
        return raw.count(b"\n") + 1


def assert_located(problems: list[Problem] | tuple[Problem, ...], files: dict[str, bytes]) -> None:
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.file
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.message.strip(), problem
        if problem.file in files:
            assert problem.line <= _line_count(files[problem.file]), problem


def _check_parse(content: str | bytes, kind: str = "session") -> None:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        path = build_file_tree(root, {SESSION_FILE: raw}) / SESSION_FILE
        parsed, problems = parse_file(path, root, FILE_MODELS[kind])
    assert (parsed is None) == bool(problems)
    assert_located(problems, {SESSION_FILE: raw})


def _check_project(content: str | bytes) -> None:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    with tempfile.TemporaryDirectory() as folder:
        root = build_file_tree(Path(folder), {**FILES, SESSION_FILE: raw})
        result = load_and_validate(root)
    assert_located(result.problems, {SESSION_FILE: raw})
    if result.curriculum is None:
        assert result.errors, "no curriculum and no error to say why"
    else:
        assert not result.errors


@PROPERTY_SETTINGS
@given(yaml_lines, st.sampled_from(sorted(FILE_MODELS)))
def test_random_yaml_never_raises(text: str, kind: str) -> None:
    _check_parse(text, kind)


@PROPERTY_SETTINGS
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(raw: bytes) -> None:
    _check_parse(raw)


@PROPERTY_SETTINGS
@given(st.text(max_size=300))
def test_random_unicode_never_raises(text: str) -> None:
    _check_parse(text)


@PROPERTY_SETTINGS
@given(mutated_sessions())
def test_mutated_session_never_raises(data: Any) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    _check_parse(text)
    _check_project(text)


@PROPERTY_SETTINGS
@given(text_edits())
def test_edited_session_text_never_raises(text: str) -> None:
    _check_parse(text)
    _check_project(text)


def test_the_unmutated_session_is_valid() -> None:
    """The properties above start from a session that really is valid."""
    Session.model_validate(SESSION_DATA)
    _check_project(SESSION_TEXT)


@pytest.mark.parametrize("kind", sorted(FILE_MODELS))
def test_every_file_kind_reports_an_empty_mapping(kind: str) -> None:
    _check_parse("{}\n", kind)
