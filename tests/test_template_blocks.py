"""Overrides that extend: a clinic replaces one block of a shipped page and keeps the rest."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import build_site
from generator.errors import BuildFailed
from generator.templates import PACKAGE_TEMPLATES

from .helpers import build_file_tree, minimal_files

OVERRIDE = """\
{% extends "base/lesson_plan.md.j2" %}
{% block homework %}
## Homework

Our program's own homework note: bring the sheet back on {{ program.schedule.days[0] }}.

{% endblock %}
"""


def test_an_override_replaces_one_block_and_keeps_every_other_part(tmp_path: Path) -> None:
    files = minimal_files()
    files["overrides/lesson_plan.md.j2"] = OVERRIDE
    root = build_file_tree(tmp_path, files)
    report = build_site(root, with_pdfs=False)
    assert not [p for p in report.problems if p.severity.value == "error"]
    html = (root / "site" / "modules" / "coping" / "first-session.html").read_text(encoding="utf-8")
    assert "own homework note: bring the sheet back on Monday." in html
    assert "About 10 minutes a day" not in html  # the shipped homework block is gone
    for kept in ("Run sheet", "Safety first", "If a member is at risk right now", "Check-in questions"):
        assert kept in html, kept


def test_every_shipped_page_template_is_a_thin_file_over_a_base_with_blocks() -> None:
    pages = sorted(p for p in PACKAGE_TEMPLATES.glob("*.j2"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        if page.name == "brand.css.j2":
            continue
        assert f'{{% extends "base/{page.name}" %}}' in text, page.name
        base = (PACKAGE_TEMPLATES / "base" / page.name).read_text(encoding="utf-8")
        blocks = re.findall(r"\{% block (\w+) %\}", base)
        assert blocks, page.name
        listed = re.search(r"Blocks: ([\w, ]+)\.", text)
        assert listed and listed.group(1).split(", ") == blocks, page.name


def test_an_override_that_extends_itself_is_a_located_error(tmp_path: Path) -> None:
    files = minimal_files()
    files["overrides/handout.md.j2"] = '{% extends "handout.md.j2" %}\n{% block title %}# Mine\n{% endblock %}\n'
    root = build_file_tree(tmp_path, files)
    with pytest.raises(BuildFailed) as failure:
        build_site(root, with_pdfs=False)
    message = str(failure.value)
    assert message.startswith("overrides/handout.md.j2:1:1: error:")
    assert '{% extends "base/handout.md.j2" %}' in message


def test_an_override_that_drops_a_printed_part_is_named_not_a_traceback(tmp_path: Path) -> None:
    files = minimal_files()
    files["overrides/kit.md.j2"] = '{% extends "base/kit.md.j2" %}\n{% block fidelity %}{% endblock %}\n'
    root = build_file_tree(tmp_path, files)
    with pytest.raises(BuildFailed) as failure:
        build_site(root, with_pdfs=True)
    message = str(failure.value)
    assert message.startswith("kit/first-session.html:") and "fidelity checklist" in message
    assert "overrides" in message
