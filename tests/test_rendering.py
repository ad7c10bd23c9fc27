"""Rendering is a pure function of the model and templates; golden files pin its output.

After an intended change to a template, refresh the golden files with:

    .venv/bin/pytest tests/test_rendering.py --update-golden

and review the diff in git like any other change.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.generate import build_files
from generator.pages import RenderOptions
from generator.validate import load_and_validate

from .helpers import minimal_project

GOLDEN = Path(__file__).parent / "golden" / "minimal"


@pytest.fixture
def rendered(tmp_path: Path) -> dict[str, str]:
    root = minimal_project(tmp_path, session_ids=("first-session", "second-session"))
    result = load_and_validate(root)
    assert result.curriculum is not None, result.problems
    files = build_files(root, result.curriculum, RenderOptions(with_pdfs=True, with_zip=True))
    generated = {path: text for path, text in files.items() if isinstance(text, str)}
    # static assets are copied as they are; only brand.css among them is rendered
    return {
        path: text
        for path, text in generated.items()
        if not path.startswith("assets/") or path == "assets/stylesheets/brand.css"
    }


def test_pages_match_golden_files(rendered: dict[str, str], update_golden: bool) -> None:
    if update_golden:
        for old in GOLDEN.rglob("*"):
            if old.is_file():
                old.unlink()
        for path, text in rendered.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        pytest.skip("golden files updated")
    expected = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*") if p.is_file()
    }
    assert sorted(rendered) == sorted(expected), "pages added or removed; run with --update-golden"
    for path, text in rendered.items():
        assert text == expected[path], f"{path} differs from tests/golden; run with --update-golden if intended"


def test_rendering_is_deterministic(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    result = load_and_validate(root)
    assert result.curriculum is not None
    first = build_files(root, result.curriculum, RenderOptions())
    second = build_files(root, result.curriculum, RenderOptions())
    assert first == second


def test_lesson_plan_shows_thirds_with_minutes_and_clock(rendered: dict[str, str]) -> None:
    plan = rendered["modules/coping/first-session.md"]
    assert "### Opening: first third (30 min, 33% of the session)" in plan
    assert "### Topic: middle third (30 min, 33% of the session)" in plan
    assert "### Closing: last third (30 min, 33% of the session)" in plan
    assert "| 17:30–17:35 | 5 | Opening | Welcome and group agreements |" in plan
    assert "| 18:53–19:00 | 7 | Closing | Closing ritual |" in plan


def test_handout_holds_only_participant_content(rendered: dict[str, str]) -> None:
    handout = rendered["handouts/first-session.md"]
    for facilitator_only in (
        "Facilitator notes",
        "Debrief",
        "Anticipated challenges",
        "Greet members",
        "risk assessment",
    ):
        assert facilitator_only not in handout
    for participant in (
        "Key points",
        "Practice: Try the skill",
        "988",
        "1-800-662-4357",
        "Test Program · ",
        "Version 2.5",
    ):
        assert participant in handout


def test_pdf_links_only_when_pdfs_are_built(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    result = load_and_validate(root)
    assert result.curriculum is not None
    without = build_files(root, result.curriculum, RenderOptions(with_pdfs=False, with_zip=False))
    assert ".pdf" not in str(without["handouts/first-session.md"])
    assert ".pdf" not in str(without["index.md"]) and ".zip" not in str(without["index.md"])


def test_override_folder_wins_over_shipped_templates(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    (root / "overrides").mkdir()
    (root / "overrides" / "glossary.md.j2").write_text("# Our words\n\nAsk your counselor.\n", encoding="utf-8")
    result = load_and_validate(root)
    assert result.curriculum is not None
    files = build_files(root, result.curriculum, RenderOptions())
    assert files["glossary.md"] == "# Our words\n\nAsk your counselor.\n"
    assert "# Handouts" in str(files["handouts/index.md"])  # everything else still comes from the shipped layer
