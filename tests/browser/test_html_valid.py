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
from .support import GROUP_TYPE, PAGE_TYPES

pytestmark = pytest.mark.browser

VNU_DIR = REPO / ".cache" / "vnu"
VNU_JAR = VNU_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# One page of each type, and the pages that have no type of their own.
SAMPLE = [*PAGE_TYPES.values(), paths.html_path(paths.PROGRAM), paths.html_path(paths.MODULES),
          paths.html_path(paths.HANDOUTS), paths.html_path(paths.READING),
          paths.html_path(paths.group_type_page(GROUP_TYPE)), "404.html"]

# Errors in Material's own templates (see tests/browser/README.md): (message, start of the flagged tag).
MATERIAL_ERRORS = {
    ("Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
     "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, "
     "“text”, “time”, “url”, or “week”.", '<input class="md-toggle" '),
    ("Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
     '<label class="md-nav__link'),
    ("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
     '<label class="md-nav__title" for="__toc">'),
}


@pytest.fixture(scope="session")
def vnu_jar() -> Path:
    """The checker from the npm package vnu-jar, installed into .cache/vnu on first use."""
    if shutil.which("java") is None:
        pytest.skip("java is missing (apt-get install default-jre-headless)")
    if not VNU_JAR.is_file():
        if shutil.which("npm") is None:
            pytest.skip(f"{VNU_JAR} is missing and npm is not installed to fetch it")
        done = subprocess.run(["npm", "install", "--prefix", str(VNU_DIR), "--no-audit", "--no-fund", "vnu-jar"],
                              capture_output=True, text=True, timeout=600)
        assert VNU_JAR.is_file(), f"npm could not install vnu-jar:\n{done.stdout}\n{done.stderr}"
    return VNU_JAR


def is_material_error(message: dict[str, Any]) -> bool:
    extract = message.get("extract", "")
    start = message.get("hiliteStart", 0)
    flagged = extract[start:start + message.get("hiliteLength", len(extract))]
    return any(message["message"] == text and flagged.startswith(tag) for text, tag in MATERIAL_ERRORS)


def test_generated_pages_are_valid_html(shipped_site: Path, vnu_jar: Path) -> None:
    files = [str(shipped_site / page) for page in SAMPLE]
    assert [f for f in files if not Path(f).is_file()] == []
    checked = subprocess.run(["java", "-jar", str(vnu_jar), "--format", "json", "--errors-only", *files],
                             capture_output=True, text=True, timeout=300)
    messages = json.loads(checked.stderr)["messages"]
    ours = [m for m in messages if not is_material_error(m)]
    report = [f"{m.get('url', '').rsplit('/site/', 1)[-1]}:{m.get('lastLine', '?')}: {m['message']}"
              f"\n    {m.get('extract', '')!r}" for m in ours]
    assert report == [], "\n".join(report)
