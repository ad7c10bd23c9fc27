"""One escaping rule for content: Markdown marks read as formatting wherever content appears
(Markdown, raw HTML, titles), and HTML in content is always inert text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.build import build_site
from generator.templates import html_inline, plain_text

from .helpers import build_file_tree, minimal_files

BOLD, ITALIC, TAG = "**Mark-bold**", "*Mark-italic*", "<b>mark-tag</b>"
MARKED = f"{BOLD} and {ITALIC} with {TAG}"


def _marked_session(text: str) -> str:
    data: dict[str, Any] = yaml.safe_load(text)
    data["title"] = f"Session {BOLD}"
    data["summary"] = MARKED
    data["objectives"][0] = MARKED
    data["materials"][0] = MARKED
    handout = data["handout"]
    handout["title"] = f"Handout {BOLD}"
    handout["purpose"] = MARKED
    handout["key_points"][0] = MARKED
    handout["steps"][0] = MARKED
    handout["homework"] = MARKED
    for block in handout["worksheet"]:
        if block.get("checklist"):
            block["checklist"][0] = MARKED
        if block.get("table"):
            block["table"]["columns"][0] = BOLD
        if block.get("scale"):
            block["scale"]["label"] = MARKED
    data["exercises"][0]["title"] = f"Exercise {BOLD}"
    data["outline"]["topic"][0]["name"] = f"Teach {BOLD}"
    data["outline"]["topic"][0]["say"] = MARKED
    data["homework"]["task"] = MARKED
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


PROGRAM_EXTRA = f"""\
on_call: "{BOLD} 555-0100"
local_crisis_lines:
  - name: "County line {BOLD}"
    contact: Call 555-0111
    note: "{ITALIC}"
branding:
  contact: "{MARKED}"
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = minimal_files(session_ids=("first-session",))
    session = "curriculum/coping/01-first-session.yaml"
    files[session] = _marked_session(str(files[session]))
    files["curriculum/program.yaml"] = str(files["curriculum/program.yaml"]) + PROGRAM_EXTRA
    root = build_file_tree(tmp_path_factory.mktemp("marks"), files)
    report = build_site(root, with_pdfs=False)
    assert not [p for p in report.problems if p.severity.value == "error"]
    return root / "site"


def _visible(html: str) -> str:
    """The page as the reader gets it: no scripts or styles (their code may hold asterisks)."""
    return re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.DOTALL | re.IGNORECASE)


def _prose(html: str) -> str:
    """Visible text outside code samples (the editors' guide shows Markdown syntax on purpose)."""
    note = re.search(r'<pre class="group-note"[^>]*>.*?</pre>', html, re.DOTALL)
    rest = re.sub(r"<(code|pre)\b.*?</\1>", "", _visible(html), flags=re.DOTALL)
    return rest + (note.group(0) if note else "")


def test_no_page_shows_markdown_marks_or_live_html_from_content(site: Path) -> None:
    shown: list[str] = []
    for page in sorted(site.rglob("*.html")):
        text = _prose(page.read_text(encoding="utf-8"))
        for leftover in (BOLD, ITALIC, "**", TAG):
            if leftover in text:
                shown.append(f"{page.relative_to(site)}: {leftover!r}")
    assert not shown, shown[:20]


def test_marks_read_as_formatting_in_markdown_and_in_raw_html(site: Path) -> None:
    handout = _visible((site / "handouts" / "first-session.html").read_text(encoding="utf-8"))
    purpose = re.search(r'<p class="handout-purpose">(.*?)</p>', handout, re.DOTALL)
    assert purpose and "<strong>Mark-bold</strong>" in purpose.group(1) and "<em>Mark-italic</em>" in purpose.group(1)
    assert "&lt;b&gt;mark-tag&lt;/b&gt;" in purpose.group(1)
    crisis = re.search(r'<div[^>]*class="crisis-lines".*?</div>', handout, re.DOTALL)
    assert crisis and "County line <strong>Mark-bold</strong>" in crisis.group(0)
    plan = _visible((site / "modules" / "coping" / "first-session.html").read_text(encoding="utf-8"))
    assert "<title>Session Mark-bold" in plan
    assert "<strong>Mark-bold</strong>" in plan


def test_the_three_filters_agree_on_what_a_mark_is() -> None:
    text = "**b** *i* _u_ `c` [label](page.md) snake_case 2*3*4 <i>x</i>"
    assert str(html_inline(text)) == (
        "<strong>b</strong> <em>i</em> <em>u</em> <code>c</code> label snake_case 2*3*4 &lt;i&gt;x&lt;/i&gt;"
    )
    assert plain_text(text) == "b i u c label snake_case 2*3*4 <i>x</i>"
