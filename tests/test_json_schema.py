"""The JSON Schema editors use says what the validator says, and the files point to it.

The schema comes from `curriculum schema KIND`, exported from the same models the
validator uses; every shipped YAML file must pass it, the committed copies in
curriculum/_schema must equal a fresh export, and every file (shipped or scaffolded)
must start with a yaml-language-server line that finds its schema.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.yaml_source import read_yaml

from .helpers import REPO, run_cli

CURRICULUM = REPO / "curriculum"
SCHEMA_DIR = CURRICULUM / "_schema"
KINDS = ("glossary", "module", "program", "session")
SHIPPED = sorted(p for p in CURRICULUM.rglob("*.yaml") if "_schema" not in p.parts)
MARKER = "# yaml-language-server: $schema="


def kind_of(path: Path) -> str:
    return path.stem if path.stem in ("program", "glossary", "module") else "session"


def load(path: Path) -> Any:
    data, problems = read_yaml(path, path.name)
    assert problems == [], problems
    return data


@pytest.fixture(scope="module")
def validators() -> dict[str, Draft202012Validator]:
    """One validator per kind, from the schema the command prints."""
    found = {}
    for kind in KINDS:
        result = run_cli("schema", kind)
        assert result.returncode == 0, result.stderr
        schema = json.loads(result.stdout)
        Draft202012Validator.check_schema(schema)
        found[kind] = Draft202012Validator(schema)
    return found


def schema_errors(validator: Draft202012Validator, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(data)]


def test_every_kind_of_file_is_shipped() -> None:
    assert {kind_of(p) for p in SHIPPED} == set(KINDS)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.relative_to(CURRICULUM).as_posix() for p in SHIPPED])
def test_shipped_file_passes_the_json_schema(validators: dict[str, Draft202012Validator], path: Path) -> None:
    assert schema_errors(validators[kind_of(path)], load(path)) == []


def test_schema_refuses_what_the_validator_refuses(validators: dict[str, Draft202012Validator]) -> None:
    """The check above can fail: an unknown key, a missing key and text for minutes are caught."""
    session = load(next(p for p in SHIPPED if kind_of(p) == "session"))
    broken = dict(session, colour="blue")
    del broken["title"]
    broken["minutes"] = "ninety"
    errors = schema_errors(validators["session"], broken)
    assert any("colour" in e for e in errors)
    assert any("'title' is a required property" in e for e in errors)
    assert any(e.startswith("minutes:") for e in errors)


def test_committed_schemas_equal_a_fresh_export(tmp_path: Path) -> None:
    result = run_cli("schema", "--write", "--root", str(tmp_path))
    assert result.returncode == 0, result.stderr
    fresh = {p.name: p.read_bytes() for p in (tmp_path / "curriculum" / "_schema").iterdir()}
    committed = {p.name: p.read_bytes() for p in SCHEMA_DIR.iterdir()}
    assert sorted(fresh) == sorted(committed) == [f"{kind}.schema.json" for kind in KINDS]
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert stale == [], "run `curriculum schema --write` and commit curriculum/_schema"


def test_printed_schema_equals_the_committed_file() -> None:
    for kind in KINDS:
        printed = run_cli("schema", kind).stdout
        assert printed == (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")


def assert_points_to_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(MARKER), f"{path}: first line is {first!r}"
    target = (path.parent / first.removeprefix(MARKER).strip()).resolve()
    assert target.is_file(), f"{path}: {target} does not exist"
    assert target.name == f"{kind_of(path)}.schema.json"


@pytest.mark.parametrize("path", SHIPPED, ids=[p.relative_to(CURRICULUM).as_posix() for p in SHIPPED])
def test_shipped_file_points_to_its_schema(path: Path) -> None:
    assert_points_to_schema(path)


def test_scaffolded_files_point_to_their_schema_and_pass_it(
    tmp_path: Path, validators: dict[str, Draft202012Validator]
) -> None:
    """A new project: `new module` also writes program.yaml and the schema folder."""
    root = tmp_path
    for args in (("module", "new-module"), ("session", "new-module", "new-session")):
        result = run_cli("new", *args, "--root", str(root))
        assert result.returncode == 0, result.stderr
    written = sorted(p for p in (root / "curriculum").rglob("*.yaml") if "_schema" not in p.parts)
    assert sorted(kind_of(p) for p in written) == ["module", "program", "session"]
    for path in written:
        assert_points_to_schema(path)
        assert schema_errors(validators[kind_of(path)], load(path)) == []
