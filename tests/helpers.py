"""Test helpers: build a small project on disk in one call, and run the CLI."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.scaffold import module_yaml, session_yaml

REPO = Path(__file__).resolve().parent.parent

PROGRAM_YAML = """\
title: Test Program
organization: Test Clinic
audience: Adults in an intensive outpatient program.
description: A small program used by the tests.
version: "2.5"
schedule:
  weeks: 2
  days: [Monday, Wednesday, Thursday]
  hours_per_week: 9
  group_size_max: 10
  start_time: "17:30"
"""


def build_file_tree(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text or bytes} under root; returns root."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def minimal_files(
    module_id: str = "coping", session_ids: tuple[str, ...] = ("first-session",)
) -> dict[str, str | bytes]:
    """A valid project: program, one module, sessions from the scaffold."""
    files: dict[str, str | bytes] = {
        "curriculum/program.yaml": PROGRAM_YAML,
        f"curriculum/{module_id}/module.yaml": module_yaml(module_id),
        "mkdocs.yml": (REPO / "mkdocs.yml").read_text(encoding="utf-8"),
    }
    for number, session_id in enumerate(session_ids, start=1):
        files[f"curriculum/{module_id}/{number:02d}-{session_id}.yaml"] = session_yaml(module_id, session_id)
    return files


def minimal_project(root: Path, **kwargs: object) -> Path:
    return build_file_tree(root, minimal_files(**kwargs))  # type: ignore[arg-type]


def copy_shipped_project(root: Path) -> Path:
    """A copy of the repository's own curriculum and settings, to break safely."""
    shutil.copytree(REPO / "curriculum", root / "curriculum")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    return root


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `curriculum` as a user would, in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
