"""Synthetic curricula of any size, made from the shipped sessions with new ids.

Each synthetic session is a shipped session file with its top-level `id:` and
`title:` rewritten, so text sizes, worksheets and timings stay realistic. Sessions
are grouped eight to a module; each module copies a shipped module.yaml with a new
id. The program's schedule.order lists the new modules in order.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SESSIONS_PER_MODULE = 8
_TOP_ID = re.compile(r"^id: *(\S+) *$", re.MULTILINE)
_TOP_TITLE = re.compile(r"^title: *(.+?) *$", re.MULTILINE)


@dataclass(frozen=True)
class Source:
    """One shipped file: its folder (module id), its text and its top-level id."""

    module_id: str
    text: str
    id: str


def _source(path: Path) -> Source:
    text = path.read_text(encoding="utf-8")
    match = _TOP_ID.search(text)
    if match is None:
        raise ValueError(f"{path}: no top-level id")
    return Source(path.parent.name, text, match.group(1))


def shipped_files(repo: Path = REPO) -> tuple[list[Source], list[Source]]:
    """The shipped modules and sessions, in folder and file-name order."""
    folder = repo / "curriculum"
    module_dirs = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(("_", ".")))
    modules = [_source(d / "module.yaml") for d in module_dirs]
    sessions = [_source(p) for d in module_dirs for p in sorted(d.glob("[0-9][0-9]-*.yaml"))]
    return modules, sessions


def _rewrite(text: str, new_id: str, number: int) -> str:
    """New top-level id and a numbered title; everything else stays as shipped."""
    text = _TOP_ID.sub(f"id: {new_id}", text, count=1)
    return _TOP_TITLE.sub(lambda m: f"title: {m.group(1)} ({number})", text, count=1)


def make_curriculum(size: int, dest: Path, repo: Path = REPO) -> Path:
    """Write a project with `size` sessions under dest (created); returns dest."""
    modules, sessions = shipped_files(repo)
    by_id = {m.id: m for m in modules}
    curriculum = dest / "curriculum"
    curriculum.mkdir(parents=True)
    shutil.copy(repo / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copy(repo / "curriculum" / "glossary.yaml", curriculum / "glossary.yaml")
    order: list[str] = []
    for start in range(0, size, SESSIONS_PER_MODULE):
        number = start // SESSIONS_PER_MODULE + 1
        members = [sessions[i % len(sessions)] for i in range(start, min(start + SESSIONS_PER_MODULE, size))]
        base = by_id[members[0].module_id]
        module_id = f"{base.id}-{number:03d}"
        folder = curriculum / module_id
        folder.mkdir()
        (folder / "module.yaml").write_text(_rewrite(base.text, module_id, number), encoding="utf-8")
        for position, session in enumerate(members, start=1):
            index = start + position
            session_id = f"{session.id}-{index:04d}"
            (folder / f"{position:02d}-{session_id}.yaml").write_text(
                _rewrite(session.text, session_id, index), encoding="utf-8"
            )
        order.append(module_id)
    program = yaml.safe_load((repo / "curriculum" / "program.yaml").read_text(encoding="utf-8"))
    program["schedule"]["order"] = order
    (curriculum / "program.yaml").write_text(
        yaml.safe_dump(program, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return dest
