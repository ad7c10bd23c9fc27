"""schedule.ics: one event per group of the dated cycle, linked from the schedule, reproducible."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from generator.build import build_site
from generator.generate import build_files
from generator.pages import RenderOptions
from generator.validate import load_and_validate
from tests.helpers import DATED_SCHEDULE, build_file_tree, minimal_files, with_schedule

SCHEDULE = "  timezone: America/Chicago\n" + DATED_SCHEDULE


def _project(root: Path, schedule: str = SCHEDULE, top: str = "") -> Path:
    files = minimal_files(session_ids=("first-session", "second-session"))
    program = with_schedule(str(files["curriculum/program.yaml"]), schedule)
    files["curriculum/program.yaml"] = top + program.replace("hours_per_week: 9", "hours_per_week: 8")
    return build_file_tree(root, files)


def _built(root: Path) -> Path:
    build_site(root, with_pdfs=False)
    return root / "site"


def _docs(root: Path) -> Path:
    """The generated docs tree only (no site engine): where the calendar file is written."""
    result = load_and_validate(root)
    assert result.curriculum is not None, result.problems
    files = build_files(root, result.curriculum, RenderOptions(with_pdfs=False, with_zip=False))
    docs = root / "docs"
    for path, content in files.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_bytes(content.encode() if isinstance(content, str) else content)
    return docs


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(_project(tmp_path_factory.mktemp("calendar")))


def _events(site: Path) -> list[dict[str, object]]:
    calendar = Calendar.from_ical((site / "schedule.ics").read_bytes())
    return [
        {
            "summary": str(e["SUMMARY"]),
            "start": e.decoded("DTSTART"),
            "end": e.decoded("DTEND"),
            "uid": str(e["UID"]),
            "url": str(e.get("URL", "")),
            "description": str(e.get("DESCRIPTION", "")),
            "stamp": e.decoded("DTSTAMP"),
        }
        for e in calendar.walk("VEVENT")
    ]


def test_every_group_of_the_cycle_is_an_event_with_its_time_and_zone(site: Path) -> None:
    events = _events(site)
    chicago = ZoneInfo("America/Chicago")
    # Two weeks of three group days, one closed: five days with a curriculum and a process group.
    assert len(events) == 10
    first, process = events[0], events[1]
    assert first["summary"] == "First session (Coping)"
    assert first["start"] == datetime(2026, 1, 5, 17, 30, tzinfo=chicago)
    assert first["end"] == datetime(2026, 1, 5, 19, 0, tzinfo=chicago)
    assert process["summary"] == "Process group"
    assert process["start"] == datetime(2026, 1, 5, 19, 15, tzinfo=chicago)
    assert not [e for e in events if e["start"].date().isoformat() == "2026-01-07"]  # type: ignore[attr-defined]
    # The session the closed Wednesday would have had is on Thursday.
    assert events[2]["summary"] == "Second session (Coping)"
    assert events[2]["start"] == datetime(2026, 1, 8, 17, 30, tzinfo=chicago)
    assert len({e["uid"] for e in events}) == len(events)


def test_without_a_site_address_the_event_names_the_lesson_plan_page(site: Path) -> None:
    first = _events(site)[0]
    assert first["url"] == ""
    assert "Lesson plan: modules/coping/first-session.html" in str(first["description"])
    assert (site / "modules/coping/first-session.html").is_file()


def test_with_a_site_address_each_event_links_its_lesson_plan(tmp_path: Path) -> None:
    site = _docs(_project(tmp_path, top="site_url: https://clinic.example.org/iop\n"))
    first = _events(site)[0]
    assert first["url"] == "https://clinic.example.org/iop/modules/coping/first-session.html"
    assert "Handout: https://clinic.example.org/iop/handouts/first-session.html" in str(first["description"])


def test_the_schedule_page_links_the_calendar_file(site: Path) -> None:
    page = (site / "schedule.html").read_text(encoding="utf-8")
    assert 'href="schedule.ics"' in page and "Add every group to your calendar" in page


def test_without_a_time_zone_events_are_in_local_time(tmp_path: Path) -> None:
    site = _docs(_project(tmp_path, DATED_SCHEDULE))
    first = _events(site)[0]
    assert first["start"] == datetime(2026, 1, 5, 17, 30)  # floating: no zone
    assert b"VTIMEZONE" not in (site / "schedule.ics").read_bytes()


def test_without_a_start_date_there_is_no_calendar(tmp_path: Path) -> None:
    site = _built(_project(tmp_path, ""))
    assert not (site / "schedule.ics").exists()
    assert "schedule.ics" not in (site / "schedule.html").read_text(encoding="utf-8")


def test_the_calendar_is_the_same_bytes_in_every_build_and_stamped_with_the_build_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01 00:00 UTC
    first = _built(_project(tmp_path / "a"))
    second = _built(_project(tmp_path / "b"))
    assert (first / "schedule.ics").read_bytes() == (second / "schedule.ics").read_bytes()
    stamp = _events(first)[0]["stamp"]
    assert stamp == datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC"))
