"""Test helpers: build a small project on disk in one call, and run the CLI (in this process,
or in a separate one where the real entry point is what is tested)."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
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


# A dated cycle for the schedule tests: two weeks from Monday 2026-01-05, closed on the
# Wednesday, a process group after each curriculum group.
DATED_SCHEDULE = """\
  start_date: 2026-01-05
  closed:
    - date: 2026-01-07
      note: Staff training
  blocks:
    - kind: curriculum
    - kind: process
      start: "19:15"
      minutes: 60
"""


def with_schedule(program_yaml: str, lines: str) -> str:
    """The test program with more `schedule:` keys (indented two spaces) after its start time."""
    anchor = '  start_time: "17:30"\n'
    assert anchor in program_yaml
    return program_yaml.replace(anchor, anchor + lines, 1)


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
    """Run `curriculum` in this process, as `main(argv)`: the same parsing, messages and exit
    codes as the command, without starting Python again for every call (a second or more each).

    Output is captured from sys.stdout and sys.stderr; the working folder, the environment and
    the SIGTERM handler that `main` changes are put back afterwards. Tests of the real entry
    point (a separate process, signals) use `run_cli_process`.
    """
    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    before_cwd, before_env = os.getcwd(), dict(os.environ)
    before_sigterm = signal.getsignal(signal.SIGTERM)
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as stop:  # argparse: bad usage, --help, --version
                code = _exit_code(stop.code)
    finally:
        os.chdir(before_cwd)
        os.environ.clear()
        os.environ.update(before_env)
        signal.signal(signal.SIGTERM, before_sigterm)
    return subprocess.CompletedProcess(["curriculum", *args], code, out.getvalue(), err.getvalue())


def _exit_code(code: object) -> int:
    """The status a process would exit with for sys.exit(code)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1


@contextlib.contextmanager
def _mkdocs_logging_restored() -> Iterator[None]:
    """The `mkdocs` command sets its logger's level, handler and propagation, and adds a filter
    that drops any message it has seen before: put them back, so one run cannot silence the next."""
    loggers = [logging.getLogger(name) for name in ("mkdocs", "mkdocs.commands.build")]
    saved = [(logger.level, logger.propagate, list(logger.handlers), list(logger.filters)) for logger in loggers]
    try:
        yield
    finally:
        for logger, (level, propagate, handlers, filters) in zip(loggers, saved, strict=True):
            logger.setLevel(level)
            logger.propagate = propagate
            logger.handlers[:] = handlers
            logger.filters[:] = filters


def run_mkdocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the `mkdocs` command (its own command-line entry point) in this process, in cwd, as
    `mkdocs ARGS` would run there; for bare `mkdocs build` through the curriculum plugin."""
    from mkdocs.__main__ import cli

    out, err = io.StringIO(), io.StringIO()
    before_cwd = os.getcwd()
    try:
        os.chdir(cwd)
        with _mkdocs_logging_restored(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli.main(list(args), prog_name="mkdocs")
                code = 0
            except SystemExit as stop:
                code = _exit_code(stop.code)
    finally:
        os.chdir(before_cwd)
    return subprocess.CompletedProcess(["mkdocs", *args], code, out.getvalue(), err.getvalue())


def run_cli_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `curriculum` as a user would, in a separate process (`python -m generator.cli`)."""
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
