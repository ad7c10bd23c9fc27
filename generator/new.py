"""Write scaffolded YAML files into the curriculum, never over an existing file."""

from __future__ import annotations

import re
from pathlib import Path

from .errors import CurriculumError
from .scaffold import module_yaml, next_session_path, program_yaml, session_yaml
from .schema import reserved_id_message
from .schema_docs import SCHEMA_DIR, write_schema_files

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _check_slug(value: str, what: str) -> None:
    if not SLUG.match(value) or len(value) > 60:
        raise CurriculumError(
            f"'{value}' is not a safe {what} id: use lowercase letters, digits and single hyphens, like 'warning-signs'"
        )


def new_module(root: Path, module_id: str) -> Path:
    _check_slug(module_id, "module")
    folder = root.resolve() / "curriculum" / module_id
    path = folder / "module.yaml"
    if path.exists():
        raise CurriculumError(f"{path} already exists; choose another id")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(module_yaml(module_id), encoding="utf-8")
    program = folder.parent / "program.yaml"
    if not program.exists():  # a new project: give it a program file to fill in
        program.write_text(program_yaml(), encoding="utf-8")
    _ensure_schemas(root)
    return path


def new_session(root: Path, module_id: str, session_id: str) -> Path:
    _check_slug(module_id, "module")
    _check_slug(session_id, "session")
    reserved = reserved_id_message(session_id)
    if reserved:
        raise CurriculumError(reserved)
    folder = root.resolve() / "curriculum" / module_id
    if not (folder / "module.yaml").exists():
        raise CurriculumError(
            f"no module '{module_id}' (curriculum/{module_id}/module.yaml); "
            f"create it with `curriculum new module {module_id}`"
        )
    existing = [p for p in folder.glob("*.y*ml") if p.stem.split("-", 1)[-1] == session_id]
    if existing:
        raise CurriculumError(f"{existing[0]} already exists; choose another id")
    path = next_session_path(folder, session_id)
    path.write_text(session_yaml(module_id, session_id), encoding="utf-8")
    _ensure_schemas(root)
    return path


def _ensure_schemas(root: Path) -> None:
    """The scaffolded files point editors at curriculum/_schema; make sure it is there."""
    if not (root.resolve() / SCHEMA_DIR).is_dir():
        write_schema_files(root.resolve())
