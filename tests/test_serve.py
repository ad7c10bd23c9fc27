"""`curriculum serve` rebuilds when a YAML file changes (live reload), on localhost only."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from .helpers import minimal_project


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if text in _fetch(url):
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


@contextmanager
def _serving(root: Path, log_file: Path) -> Iterator[str]:
    """`curriculum serve` on a free port; yields the first handout's URL, stops the server after."""
    port = _free_port()
    with log_file.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", "serve", "--root", str(root), "--port", str(port)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield f"http://127.0.0.1:{port}/handouts/first-session.html"
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def test_serve_rebuilds_when_yaml_changes(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    with _serving(root, tmp_path / "serve.log") as url:
        assert _wait_for(url, "Learn one skill and use it this week."), "server did not start"
        session = root / "curriculum/coping/01-first-session.yaml"
        session.write_text(
            session.read_text().replace(
                "purpose: Learn one skill and use it this week.", "purpose: A changed purpose line."
            )
        )
        assert _wait_for(url, "A changed purpose line."), "page was not rebuilt after the YAML changed"


def test_a_broken_edit_shows_its_located_problems_in_the_browser(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    with _serving(root, tmp_path / "serve.log") as url:
        assert _wait_for(url, "Learn one skill and use it this week."), "server did not start"
        session = root / "curriculum/coping/01-first-session.yaml"
        good = session.read_text()
        session.write_text(good.replace("minutes: 90", "minutes: <script>ninety</script>", 1))
        assert _wait_for(url, "curriculum/coping/01-first-session.yaml:"), "the problems were not shown"
        page = _fetch(url)
        assert "<script>ninety" not in page and "The last edit has problems" in page
        session.write_text(good)
        assert _wait_for(url, "Learn one skill and use it this week."), "the fixed page did not come back"


# Whole builds or a live server: outside the fast lane.
pytestmark = pytest.mark.slow
