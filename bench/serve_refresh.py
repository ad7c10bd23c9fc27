"""Edit-to-refresh time of `curriculum serve` on the shipped curriculum.

Starts `curriculum serve` on a copy of the shipped project in a temporary folder,
then, several times over, adds a few words to one objective of one session's YAML
and times how long it takes until the server returns that session's lesson plan
with the new words (polled over HTTP). Prints every edit and the median; without
--no-results it also rewrites the "Serve" section of bench/RESULTS.md.

    .venv/bin/python bench/serve_refresh.py                 # 9 edits
    .venv/bin/python bench/serve_refresh.py --edits 15 --max-load 1.5
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml
from machine import load_average, machine

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
RESULTS = BENCH / "RESULTS.md"
SECTION = "## Serve: edit to refresh"
TARGET_S = 1.0
POLL_S = 0.02
_TOP_ID = re.compile(r"^id: *(\S+) *$", re.MULTILINE)


@dataclass(frozen=True)
class Target:
    """The session file that is edited, the text changed in it, and its page."""

    path: Path
    objective: str
    url_path: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _copy_shipped(folder: Path) -> Path:
    shutil.copytree(REPO / "curriculum", folder / "curriculum")
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def _target(root: Path) -> Target:
    """The first session file whose first objective is one line of its own in the file."""
    for path in sorted((root / "curriculum").glob("*/[0-9]*.yaml")):
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        objectives = data.get("objectives") or []
        if objectives and text.count(f"- {objectives[0]}\n") == 1 and (match := _TOP_ID.search(text)):
            return Target(path, objectives[0], f"modules/{path.parent.name}/{match.group(1)}.html")
    raise SystemExit("no session with a one-line first objective in the shipped curriculum")


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, OSError):
        return ""


def _wait_for(url: str, text: str, seconds: float) -> float | None:
    """Seconds until the page at url contains text, or None after the time limit."""
    start = time.monotonic()
    while time.monotonic() - start < seconds:
        if text in _page(url):
            return time.monotonic() - start
        time.sleep(POLL_S)
    return None


def _wait_for_quiet(max_load: float | None, max_wait: float) -> None:
    deadline = time.monotonic() + max_wait
    while max_load is not None and os.getloadavg()[0] >= max_load and time.monotonic() < deadline:
        time.sleep(5)


def measure(edits: int, settle: float, max_load: float | None, max_wait: float) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="curriculum-serve-bench-"))
    log = (work / "serve.log").open("w")
    try:
        root = _copy_shipped(work / "project")
        target = _target(root)
        port = _free_port()
        url = f"http://127.0.0.1:{port}/{target.url_path}"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
        server = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", "--root", str(root), "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            start = _wait_for(url, target.objective, 300)
            if start is None:
                raise SystemExit(f"the server did not serve {target.url_path}; see {work / 'serve.log'}")
            print(f"first build served {target.url_path} after {start:.1f} s", file=sys.stderr)
            original = target.path.read_text(encoding="utf-8")
            times: list[float] = []
            for number in range(1, edits + 1):
                time.sleep(settle)  # let the last rebuild, and any it set off, finish
                _wait_for_quiet(max_load, max_wait)
                marker = f"{target.objective} Edit number {number}."
                changed = original.replace(f"- {target.objective}\n", f"- {marker}\n", 1)
                began = time.monotonic()
                target.path.write_text(changed, encoding="utf-8")
                seen = _wait_for(url, marker, 60)
                if seen is None:
                    raise SystemExit(f"edit {number} never appeared; see {work / 'serve.log'}")
                took = time.monotonic() - began
                times.append(took)
                print(f"edit {number}: {took:.2f} s", file=sys.stderr)
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        return {
            "page": target.url_path,
            "first_build_s": round(start, 2),
            "times_s": [round(t, 3) for t in times],
            "median_s": round(statistics.median(times), 3),
        }
    finally:
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def section(result: dict[str, object], command: str, load_start: str, load_end: str) -> str:
    info = machine()
    median = float(result["median_s"])  # type: ignore[arg-type]
    times = ", ".join(f"{t:.2f}" for t in result["times_s"])  # type: ignore[attr-defined]
    return (
        f"{SECTION}\n\n"
        f"Measured {time.strftime('%Y-%m-%d')} with `python bench/{command}` on the same kind of "
        f"machine ({info['cpus_usable']} usable cores, Python {info['python']}, MkDocs {info['mkdocs']}); "
        f"load average {load_start} at the start, {load_end} at the end.\n\n"
        "`curriculum serve` on a copy of the shipped curriculum; a few words added to one objective "
        "of one session file, timed from the write until the server returns that session's lesson "
        f"plan (`{result['page']}`) with the new words, polled every {POLL_S * 1000:.0f} ms.\n\n"
        "| first build s | edits | median edit-to-refresh s | each edit s | target | met |\n"
        "|:---|---:|---:|---:|---:|---:|\n"
        f"| {result['first_build_s']} | {len(result['times_s'])} | {median:.2f} | {times} | "  # type: ignore[arg-type]
        f"< {TARGET_S:.0f} s | {'yes' if median < TARGET_S else '**no**'} |\n"
    )


_SECTION_TEXT = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)


def serve_section(markdown: str) -> str | None:
    """This benchmark's section of a RESULTS.md text, if it has one (bench/run.py keeps it)."""
    found = _SECTION_TEXT.search(markdown)
    return found.group(0).rstrip("\n") + "\n" if found else None


def write_section(text: str, path: Path = RESULTS) -> None:
    """Replace this benchmark's section of RESULTS.md (or add it at the end); keep the rest."""
    old = path.read_text(encoding="utf-8") if path.is_file() else "# Benchmark results\n"
    new = (
        _SECTION_TEXT.sub(lambda _: text + "\n", old)
        if _SECTION_TEXT.search(old)
        else (old.rstrip("\n") + "\n\n" + text)
    )
    path.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=9, help="edits to time; the median is reported")
    parser.add_argument("--settle", type=float, default=2.0, help="pause before each edit, s")
    parser.add_argument(
        "--max-load",
        type=float,
        default=None,
        help="before each edit, wait until the 1-minute load average is below this",
    )
    parser.add_argument("--max-wait", type=float, default=120, help="longest wait for --max-load, s")
    parser.add_argument("--no-results", action="store_true", help="do not rewrite bench/RESULTS.md")
    args = parser.parse_args(argv)
    command = "serve_refresh.py " + " ".join(argv if argv is not None else sys.argv[1:])
    load_start = load_average()
    result = measure(args.edits, args.settle, args.max_load, args.max_wait)
    text = section(result, command.strip(), load_start, load_average())
    print(text)
    if not args.no_results:
        write_section(text)
        print(f"wrote {RESULTS}", file=sys.stderr)
    return 0 if float(result["median_s"]) < TARGET_S else 1  # type: ignore[arg-type]


if __name__ == "__main__":
    sys.exit(main())
