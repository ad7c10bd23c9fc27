"""Run one command in its own process and measure its wall time and peak memory.

Peak memory is the child's maximum resident set size as the kernel reports it to
os.wait4 for that one child (the largest of it and any worker it waited for), so
each measurement stands alone, unlike RUSAGE_CHILDREN, which keeps the maximum
over every child so far.
"""

from __future__ import annotations

import contextlib
import os
import signal
import statistics
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    seconds: float
    cpu_s: float  # user + system time of the process and the workers it waited for
    peak_mb: float
    returncode: int
    timed_out: bool
    stdout: str
    stderr: str


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def run_measured(
    command: Sequence[str | Path],
    *,
    timeout: float | None = None,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Measurement:
    """Run command to completion (or kill it after timeout seconds) and measure it."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            [str(c) for c in command],
            stdout=out,
            stderr=err,
            cwd=cwd,
            env=env,
            start_new_session=True,
        )
        timer = threading.Timer(timeout, _kill_group, (process.pid,)) if timeout else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        timed_out = bool(timer) and not timer.is_alive()
        if timer:
            timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Measurement(
            seconds,
            usage.ru_utime + usage.ru_stime,
            usage.ru_maxrss / 1024,
            process.returncode,
            timed_out,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )


@dataclass(frozen=True)
class Summary:
    """The median of several runs, with every run kept for the JSON."""

    median_s: float
    median_cpu_s: float
    peak_mb: float
    runs_s: tuple[float, ...]


def summarize(runs: Sequence[Measurement]) -> Summary:
    return Summary(
        round(statistics.median(r.seconds for r in runs), 3),
        round(statistics.median(r.cpu_s for r in runs), 3),
        round(max(r.peak_mb for r in runs), 1),
        tuple(round(r.seconds, 3) for r in runs),
    )


def folder_mb(folder: Path) -> float:
    """Size of every file under folder, in MB (10^6 bytes)."""
    total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    return round(total / 1e6, 1)


def count_files(folder: Path, suffix: str) -> int:
    return sum(1 for _ in folder.rglob(f"*{suffix}"))
