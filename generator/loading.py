"""Find the curriculum's YAML files and parse each into its schema model.

Layout: curriculum/program.yaml, curriculum/glossary.yaml (optional), and one
folder per module holding module.yaml plus one file per session. Sessions run
in file-name order, so a numeric prefix (01-, 02-) sets the order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import ValidationError

from .content_memo import file_result
from .errors import LocatedError, Problem
from .messages import is_mapping, problems_from
from .schema import Glossary, Model, Module, Program, Session
from .yaml_source import Mark, read_yaml, walk_strings

CURRICULUM_DIR = "curriculum"
SITE_CONFIG = "mkdocs.yml"
YAML_SUFFIXES = (".yaml", ".yml")


ModelT = TypeVar("ModelT", bound=Model)


@dataclass(frozen=True)
class Parsed(Generic[ModelT]):
    """One file's model and the raw located data, kept for later located checks."""

    file: str
    data: Any
    model: ModelT

    @cached_property
    def strings(self) -> list[tuple[tuple[Any, ...], Mark, str]]:
        """Every text value with its key path and position, walked once for all text checks."""
        return list(walk_strings(self.data))


@dataclass(frozen=True)
class ParsedModule:
    module: Parsed[Module]
    sessions: tuple[Parsed[Session], ...]


@dataclass(frozen=True)
class ParsedCurriculum:
    program: Parsed[Program] | None
    glossary: Parsed[Glossary] | None
    modules: tuple[ParsedModule, ...]


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def leaves_project(path: Path, root: Path) -> bool:
    """A symlink (or a path through one) that ends outside the project is never read:
    its content would be published, or quoted in error messages."""
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return True
    return False


def outside_problem(path: Path, root: Path) -> Problem:
    return Problem(
        _relative(path, root),
        1,
        1,
        "this is a symbolic link to a file outside the project, which is never read or "
        "published; copy the file into the project instead",
    )


def parse_file(path: Path, root: Path, model: type[ModelT]) -> tuple[Parsed[ModelT] | None, list[Problem]]:
    """Read and validate one file against one model; never raises for bad content."""
    file = _relative(path, root)
    if leaves_project(path, root):
        return None, [outside_problem(path, root)]
    # A live server reads again only the files whose bytes changed (content_memo.py).
    return file_result(path, (file, model.__name__), lambda: _parse_contents(path, file, model))


def _parse_contents(path: Path, file: str, model: type[ModelT]) -> tuple[Parsed[ModelT] | None, list[Problem]]:
    data, problems = read_yaml(path, file)
    if problems:
        return None, problems
    if not is_mapping(data):
        return None, [
            Problem(
                file,
                1,
                1,
                "expected 'key: value' lines at the top of the file, found "
                f"{'a list' if isinstance(data, list) else 'plain text'}",
            )
        ]
    try:
        instance = model.model_validate(data)
    except ValidationError as error:
        return None, problems_from(error, data, file, model)
    except (RecursionError, MemoryError):
        return None, [Problem(file, 1, 1, "the file is too deeply nested or too large to check")]
    return Parsed(file, data, instance), []


def check_site_config(root: Path) -> list[Problem]:
    """mkdocs.yml must read as settings; found here so `validate` reports it, located."""
    from .mkdocs_config import read_base_config

    try:
        read_base_config(root)
    except LocatedError as error:
        return [error.problem]
    return []


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)


def parse_curriculum(root: Path) -> tuple[ParsedCurriculum, list[Problem]]:
    """Parse every file, collecting all problems instead of stopping at the first."""
    folder = root / CURRICULUM_DIR
    problems: list[Problem] = []
    if not folder.is_dir():
        problems.append(
            Problem(
                CURRICULUM_DIR,
                1,
                1,
                "no curriculum/ folder here; run the command in the project folder or pass --root DIR",
            )
        )
        return ParsedCurriculum(None, None, ()), problems

    program: Parsed[Program] | None = None
    glossary: Parsed[Glossary] | None = None
    program_path = next((folder / f"program{s}" for s in YAML_SUFFIXES if (folder / f"program{s}").exists()), None)
    if program_path is None:
        problems.append(
            Problem(
                f"{CURRICULUM_DIR}/program.yaml", 1, 1, "the program file is missing; create curriculum/program.yaml"
            )
        )
    else:
        program, found = parse_file(program_path, root, Program)
        problems += found
    for path in _yaml_files(folder):
        if path.stem == "glossary":
            glossary, found = parse_file(path, root, Glossary)
            problems += found
        elif path.stem != "program":
            problems.append(
                Problem(
                    _relative(path, root),
                    1,
                    1,
                    "unexpected file: the curriculum folder holds program.yaml, "
                    "glossary.yaml and one folder per module; move it into a "
                    "module folder",
                )
            )

    modules: list[ParsedModule] = []
    for module_dir in sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        module_path = next(
            (module_dir / f"module{s}" for s in YAML_SUFFIXES if (module_dir / f"module{s}").exists()), None
        )
        session_paths = [p for p in _yaml_files(module_dir) if p.stem != "module"]
        if module_path is None:
            if session_paths or not any(module_dir.iterdir()):
                problems.append(
                    Problem(
                        _relative(module_dir, root) + "/module.yaml",
                        1,
                        1,
                        "this module folder has no module.yaml; add one (`curriculum new module ID` writes an example)",
                    )
                )
            continue
        if leaves_project(module_dir, root):
            problems.append(outside_problem(module_dir, root))
            continue
        module, found = parse_file(module_path, root, Module)
        problems += found
        if module and not session_paths:
            problems.append(
                Problem(
                    _relative(module_path, root),
                    1,
                    1,
                    "this module has no sessions, so its page would list nothing; "
                    f"add one with `curriculum new session {module_dir.name} ID`, "
                    "or delete the folder",
                )
            )
        sessions: list[Parsed[Session]] = []
        for path in session_paths:
            session, found = parse_file(path, root, Session)
            problems += found
            if session:
                sessions.append(session)
        if module:
            modules.append(ParsedModule(module, tuple(sessions)))
    return ParsedCurriculum(program, glossary, tuple(modules)), problems
