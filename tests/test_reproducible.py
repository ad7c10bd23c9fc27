"""The same input gives the same bytes, PDFs, sitemap and offline zip included.

Two copies of one project, in different folders and each with its own PDF cache, are
built as a user builds them; every file of the two sites must match. Both copies carry
one snapshot of the templates (as a project's own site_templates layer), so the
comparison is about the build alone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.templates import PACKAGE_TEMPLATES

from .helpers import minimal_project

EPOCH = "1700000000"


def build_both(roots: list[Path], env: dict[str, str]) -> list[dict[str, bytes]]:
    """Build the projects at the same time, as `curriculum build` from the command line."""
    command = [sys.executable, "-m", "generator.cli", "build", "--quiet", "--root"]
    running = [
        subprocess.Popen([*command, str(root)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for root in roots
    ]
    sites = []
    for root, process in zip(roots, running, strict=True):
        _, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr
        site = root / "site"
        sites.append({p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()})
    return sites


@pytest.mark.parametrize("epoch", [EPOCH, None], ids=["SOURCE_DATE_EPOCH set", "not set"])
def test_two_builds_give_identical_bytes(tmp_path: Path, epoch: str | None) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    if epoch:
        env["SOURCE_DATE_EPOCH"] = epoch
    snapshot = shutil.copytree(PACKAGE_TEMPLATES, tmp_path / "templates")
    roots = [minimal_project(tmp_path / name, session_ids=("one", "two")) for name in ("first", "second-copy")]
    for root in roots:
        shutil.copytree(snapshot, root / "site_templates")
    first, second = build_both(roots, env)
    assert sorted(first) == sorted(second)
    for needed in (
        "sitemap.xml",
        "sitemap.xml.gz",
        "downloads/curriculum-site.zip",
        "pdf/handouts/one.pdf",
        "pdf/participant-workbook.pdf",
        "pdf/facilitator-guide.pdf",
    ):
        assert needed in first
    different = [name for name in first if first[name] != second[name]]
    assert different == []


# Whole builds or a live server: outside the fast lane.
pytestmark = pytest.mark.slow
