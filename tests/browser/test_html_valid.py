"""The generated HTML passes the Nu HTML Checker, apart from listed markup of the Material theme."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from generator import paths

from ..helpers import REPO
from .support import GROUP_TYPE, PAGE_TYPES, SESSION_ID

pytestmark = pytest.mark.browser

VNU_DIR = REPO / ".cache" / "vnu"
VNU_JAR = VNU_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One page of each type, and the pages that have no type of their own.
SAMPLE = [
    *PAGE_TYPES.values(),
    paths.html_path(paths.PROGRAM),
    paths.html_path(paths.MODULES),
    paths.html_path(paths.HANDOUTS),
    paths.html_path(paths.READING),
    paths.html_path(paths.group_type_page(GROUP_TYPE)),
    paths.html_path(paths.FACILITATOR),
    paths.html_path(paths.ESCALATION),
    paths.html_path(paths.SIGN_IN),
    f"kit/{SESSION_ID}.html",
    "404.html",
]

# Errors in Material's own templates (see tests/browser/README.md): (message, start of the flagged tag).
MATERIAL_ERRORS = {
    (
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, "
        "“text”, “time”, “url”, or “week”.",
        '<input class="md-toggle" ',
    ),
    (
        "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
        '<label class="md-nav__link',
    ),
    (
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
        '<label class="md-nav__title" for="__toc">',
    ),
}


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """The checker from the npm package vnu-jar in .cache/vnu, where .ci/run installs it.

    Without it, one `npm install` is tried; when that fails (no network, no registry), the
    test is skipped with npm's reason, never failed: the HTML is then checked in CI."""
    if shutil.which("java") is None:
        pytest.skip("java is missing (apt-get install default-jre-headless)")
    if VNU_JAR.is_file():
        return VNU_JAR
    if shutil.which("npm") is None:
        pytest.skip(
            f"the Nu HTML Checker is not in {VNU_DIR} and npm is not installed to fetch it "
            "(apt-get install npm, or run .ci/run)"
        )
    try:
        done = subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(VNU_DIR),
                "--no-audit",
                "--no-fund",
                "--fetch-retries=1",
                "--fetch-timeout=30000",
                "vnu-jar",
            ],
            capture_output=True,
            text=True,
            timeout=300,
        )
        said = [
            line.strip()
            for line in (done.stderr + done.stdout).splitlines()
            if line.strip() and "complete log" not in line
        ]
        reason = ["; ".join(said[:2]) or f"npm exited with {done.returncode}"]
    except subprocess.TimeoutExpired:
        reason = ["npm took more than 5 minutes"]
    if not VNU_JAR.is_file():
        pytest.skip(f"the Nu HTML Checker is not in {VNU_DIR} and npm could not install it (no network?): {reason[0]}")
    return VNU_JAR


def is_material_error(message: dict[str, Any]) -> bool:
    extract = message.get("extract", "")
    start = message.get("hiliteStart", 0)
    flagged = extract[start : start + message.get("hiliteLength", len(extract))]
    # The checker sometimes starts the highlight one character early (on the newline before a tag).
    return any(message["message"] == text and flagged.lstrip().startswith(tag) for text, tag in MATERIAL_ERRORS)


def test_generated_pages_are_valid_html(vnu_jar: Path, shipped_site: Path) -> None:  # checker first: it may skip
    files = [str(shipped_site / page) for page in SAMPLE]
    assert [f for f in files if not Path(f).is_file()] == []
    checked = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--format", "json", "--errors-only", *files],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(checked.stderr)["messages"]
    ours = [m for m in messages if not is_material_error(m)]
    report = [
        f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
        f"\n    {m.get('extract', '')!r}"
        for m in ours
    ]
    assert report == [], "\n".join(report)
