"""A real `curriculum build --strict` of the shipped curriculum, checked on the built HTML."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import yaml

from generator.model import Curriculum, SessionEntry
from generator.validate import load_and_validate

from .helpers import REPO


def _html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def _text(html: str) -> str:
    main = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.DOTALL)
    assert main, "page has no main article"
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main.group(1))))


def _shipped_sessions() -> list[tuple[str, str]]:
    found = []
    for path in sorted((REPO / "curriculum").glob("*/[0-9][0-9]-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.append((path.parent.name, data["id"]))
    return found


def _curriculum() -> Curriculum:
    """The shipped curriculum as the generator reads it. The tests take names from it, never
    from its wording: a clinic rewrites the content, and its site must still be checked."""
    result = load_and_validate(REPO)
    assert result.curriculum is not None
    return result.curriculum


def _first() -> SessionEntry:
    return _curriculum().sessions[0]


def test_every_page_type_exists(shipped_site: Path) -> None:
    for page in (
        "index.html",
        "program.html",
        "schedule.html",
        "modules/index.html",
        "handouts/index.html",
        "group-types/index.html",
        "tags/index.html",
        "glossary.html",
        "writing-a-session.html",
        "reading-level.html",
        "search/search_index.json",
        "downloads/curriculum-site.zip",
        "pdf/participant-workbook.pdf",
        "pdf/facilitator-guide.pdf",
    ):
        assert (shipped_site / page).is_file(), page
    sessions = _shipped_sessions()
    assert sessions
    for module, session in sessions:
        assert (shipped_site / f"modules/{module}/{session}.html").is_file()
        assert (shipped_site / f"handouts/{session}.html").is_file()
        assert (shipped_site / f"modules/{module}/index.html").is_file()


def test_lesson_plan_shows_the_three_parts_with_minutes(shipped_site: Path) -> None:
    first = _first()
    text = _text(_html(shipped_site, f"modules/{first.module_id}/{first.id}.html"))
    for part in ("Opening: first third", "Topic: middle third", "Closing: last third"):
        assert re.search(rf"{part} \(\d+ min, \d+% of the session\)", text), part
    start = _curriculum().program.schedule.start_time
    assert re.search(rf"{start}–\d\d:\d\d", text)  # run sheet from the program's start time
    for section in (
        "Objectives",
        "Materials and preparation",
        "Check-in questions",
        "Debrief questions",
        "Homework",
        "Anticipated challenges",
        "Adaptations",
        "Safety and crisis response",
        "Sources",
    ):
        assert section in text


def test_handout_page_has_no_facilitator_content(shipped_site: Path) -> None:
    for _module, session in _shipped_sessions():
        html = _html(shipped_site, f"handouts/{session}.html")
        text = _text(html)
        assert "988" in text and "1-800-662-4357" in text and "911" in text
        assert "does not replace treatment" in text
        for facilitator_only in (
            "Facilitator notes",
            "Debrief",
            "Anticipated challenges",
            "Safety and crisis",
            "Run sheet",
            "Objectives",
        ):
            assert facilitator_only not in text, (session, facilitator_only)


def test_schedule_places_sessions_in_weeks_and_days(shipped_site: Path) -> None:
    text = _text(_html(shipped_site, "schedule.html"))
    schedule = _curriculum().program.schedule
    assert f"{schedule.enrollment.capitalize()} enrollment" in text
    assert re.search(rf"\b{schedule.weeks} {schedule.days[-1]}\b", text)  # the last week's last day
    assert " ".join(_first().session.title.split()) in text


def test_search_index_covers_sessions(shipped_site: Path) -> None:
    index = json.loads(_html(shipped_site, "search/search_index.json"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    for entry in _curriculum().sessions:
        assert f"handouts/{entry.id}.html" in locations
        assert f"modules/{entry.module_id}/{entry.id}.html" in locations


def test_browsing_pages_list_sessions(shipped_site: Path) -> None:
    curriculum = _curriculum()
    for entry in curriculum.sessions:
        assert f"{entry.id}.html" in _html(shipped_site, f"group-types/{entry.group_type.value}.html")
        for tag in entry.session.tags:
            assert f"{entry.id}.html" in _html(shipped_site, f"tags/{tag}.html")
    glossary = _text(_html(shipped_site, "glossary.html"))
    if curriculum.glossary:
        for term in curriculum.glossary.terms[:5]:
            assert " ".join(term.term.split()) in glossary


def test_module_page_opens_with_facilitator_overview(shipped_site: Path) -> None:
    for module in _curriculum().modules:
        text = _text(_html(shipped_site, f"modules/{module.id}/index.html"))
        for heading in ("For the facilitator", "Goals", "Key skills", "Sessions in order", "Follows"):
            assert heading in text
        assert " ".join(module.module.title.split()) in text
