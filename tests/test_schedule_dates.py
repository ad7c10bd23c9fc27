"""A dated cycle: real dates, closed days, days with several blocks, per-slot start times."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from generator.errors import Problem, Severity
from generator.generate import build_files
from generator.model import Curriculum
from generator.pages import RenderOptions
from generator.validate import load_and_validate
from tests.helpers import build_file_tree, minimal_files

SESSIONS = ("first-session", "second-session", "third-session")
SIMPLE = '  start_time: "17:30"\n'


def _project(tmp_path: Path, schedule_lines: str, hours: int = 9, top: str = "") -> Path:
    """The minimal project with three sessions and extra lines under `schedule:`."""
    files = minimal_files(session_ids=SESSIONS)
    program = str(files["curriculum/program.yaml"])
    program = program.replace(SIMPLE, SIMPLE + schedule_lines).replace("hours_per_week: 9", f"hours_per_week: {hours}")
    files["curriculum/program.yaml"] = top + program
    return build_file_tree(tmp_path, files)


def _valid(root: Path) -> Curriculum:
    result = load_and_validate(root)
    assert result.curriculum is not None, [p.message for p in result.problems]
    return result.curriculum


def _pages(curriculum: Curriculum, root: Path) -> dict[str, str | bytes]:
    return build_files(root, curriculum, RenderOptions(with_pdfs=False, with_zip=False))


def _problems(root: Path) -> list[Problem]:
    return list(load_and_validate(root).problems)


def _line(root: Path, text: str) -> int:
    """The line of program.yaml that holds text, as an editor numbers it."""
    lines = (root / "curriculum/program.yaml").read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _rows(markdown: str) -> list[list[str]]:
    """The day-by-day table's rows, as cells."""
    table = markdown.split("## Day by day", 1)[1]
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in table.splitlines()
        if line.startswith("| ") and not line.startswith("| Week")
    ]


DATED = """\
  start_date: 2026-01-05
  closed:
    - date: 2026-01-07
      note: Staff training
"""


def test_the_schedule_shows_real_dates_and_a_closed_day_moves_the_sessions_on(tmp_path: Path) -> None:
    root = _project(tmp_path, DATED)
    curriculum = _valid(root)
    rows = _rows(str(_pages(curriculum, root)["schedule.md"]))
    assert rows[0][:4] == ["1", "Monday", "Jan 5, 2026", "17:30–19:00"]
    assert "First session" in rows[0][4]
    assert rows[1][:3] == ["1", "Wednesday", "Jan 7, 2026"] and rows[1][4] == "**Closed: Staff training**"
    # The session Wednesday would have had runs on Thursday, the next open group day.
    assert rows[2][:3] == ["1", "Thursday", "Jan 8, 2026"] and "Second session" in rows[2][4]
    assert rows[-1][:3] == ["2", "Thursday", "Jan 15, 2026"]
    assert len(rows) == 6  # two weeks of three group days, the closed one included
    slots = [s for s in curriculum.schedule if s.entry]
    assert [s.date for s in slots][:2] == [date(2026, 1, 5), date(2026, 1, 8)]


def test_a_cycle_that_starts_mid_week_counts_weeks_from_its_first_day(tmp_path: Path) -> None:
    curriculum = _valid(_project(tmp_path, "  start_date: 2026-01-07\n"))
    first = [(s.week, s.day, s.date) for s in curriculum.schedule[:4]]
    assert first == [
        (1, "Wednesday", date(2026, 1, 7)),
        (1, "Thursday", date(2026, 1, 8)),
        (1, "Monday", date(2026, 1, 12)),
        (2, "Wednesday", date(2026, 1, 14)),
    ]


def test_without_a_start_date_the_schedule_keeps_weeks_and_days_only(tmp_path: Path) -> None:
    root = _project(tmp_path, "")
    curriculum = _valid(root)
    files = _pages(curriculum, root)
    schedule = str(files["schedule.md"])
    assert "| Week | Day | Time | Group | Module | Handout |" in schedule
    assert "Date" not in schedule and "tonight" not in schedule and "schedule.ics" not in schedule
    assert "tonight-dates" not in str(files["index.md"])
    assert "schedule.ics" not in files
    assert [(s.week, s.day, s.start) for s in curriculum.schedule[:2]] == [
        (1, "Monday", "17:30"),
        (1, "Wednesday", "17:30"),
    ]


BLOCKS = """\
  blocks:
    - kind: curriculum
    - kind: process
      start: "19:15"
      minutes: 60
    - kind: individual
      start: "16:30"
      minutes: 45
      days: [Monday]
"""


def test_a_day_with_several_blocks_lists_each_and_counts_them_toward_the_hours(tmp_path: Path) -> None:
    root = _project(tmp_path, BLOCKS, hours=9)
    curriculum = _valid(root)
    schedule = str(_pages(curriculum, root)["schedule.md"])
    monday = [row for row in _rows(schedule) if row[:2] == ["1", "Monday"]]
    assert [row[2:4] for row in monday] == [
        ["16:30–17:15", "Individual sessions"],
        ["17:30–19:00", monday[1][3]],
        ["19:15–20:15", "Process group"],
    ]
    assert "First session" in monday[1][3]
    # 3 x 90 + 3 x 60 + 45 minutes = 8.25 hours: below the 9 an adult program needs.
    assert "These add up to **8.25 hours a week** of the program's 9." in schedule
    warnings = [p for p in _problems(root) if "add up to 8.25 hours a week" in p.message]
    assert len(warnings) == 1 and warnings[0].severity is Severity.WARNING
    assert warnings[0].file == "curriculum/program.yaml"
    assert warnings[0].line == _line(root, "- kind: curriculum")  # the start of the blocks list


def test_blocks_that_reach_nine_hours_give_no_hours_warning(tmp_path: Path) -> None:
    root = _project(tmp_path, BLOCKS.replace("minutes: 45", "minutes: 90"))
    assert not [p for p in _problems(root) if "hours" in p.message]


def test_blocks_longer_than_the_program_week_are_an_error(tmp_path: Path) -> None:
    root = _project(tmp_path, BLOCKS.replace("minutes: 60", "minutes: 120"))
    errors = [p for p in _problems(root) if p.severity is Severity.ERROR]
    assert len(errors) == 1 and "more than hours_per_week (9)" in errors[0].message


def test_each_run_sheet_starts_at_its_slot_and_a_second_time_is_named(tmp_path: Path) -> None:
    # Thursdays hold a morning group too: four slots a week for three sessions, so the third
    # session runs on Thursday morning in week 1 and on Wednesday evening in week 2.
    blocks = '  blocks:\n    - kind: curriculum\n    - kind: curriculum\n      start: "10:00"\n      days: [Thursday]\n'
    root = _project(tmp_path, blocks)
    curriculum = _valid(root)
    files = _pages(curriculum, root)
    second = str(files["modules/coping/second-session.md"])
    assert re.search(r"\| 17:30–17:\d\d \|", second) and "10:00–" not in second
    third = str(files["modules/coping/third-session.md"])
    assert re.search(r"\| 10:00–10:\d\d \|", third) and "| 17:30–" not in third
    assert "on the schedule at 10:00 and 17:30; the clock times below are for 10:00" in third
    assert "on the schedule at" not in second


def _message(root: Path) -> str:
    problems = [p for p in _problems(root) if p.file == "curriculum/program.yaml"]
    assert problems, "expected a problem in program.yaml"
    return "; ".join(f"{p.line}: {p.message}" for p in problems)


def test_a_misspelt_time_zone_is_located_with_a_suggestion(tmp_path: Path) -> None:
    root = _project(tmp_path, "  timezone: America/Chicgo\n")
    assert _message(root).startswith(
        f"{_line(root, 'Chicgo')}: schedule.timezone: 'America/Chicgo' is not "
        "a time zone name (did you mean 'America/Chicago'?)"
    )


def test_a_date_that_is_not_on_the_calendar_is_located(tmp_path: Path) -> None:
    root = _project(tmp_path, "  start_date: 2026-02-30\n")
    assert _message(root) == (
        f"{_line(root, '02-30')}: schedule.start_date: '2026-02-30' is not a day "
        "of the calendar; check the month and the day"
    )
    message = _message(_project(tmp_path / "b", "  start_date: 5 January\n"))
    assert "is not a date: write it as YYYY-MM-DD" in message


def test_a_block_on_a_day_that_is_not_a_group_day_is_an_error(tmp_path: Path) -> None:
    message = _message(_project(tmp_path, "  blocks:\n    - kind: curriculum\n      days: [Friday]\n"))
    assert "blocks[0] is on Friday, which is not one of schedule.days" in message


def test_a_closed_date_that_changes_nothing_is_a_located_warning(tmp_path: Path) -> None:
    root = _project(tmp_path, "  start_date: 2026-01-05\n  closed:\n    - 2026-01-06\n    - 2025-01-07\n")
    warnings = [p for p in _problems(root) if p.severity is Severity.WARNING]
    assert [(p.line, p.message.split(":")[0]) for p in warnings] == [
        (_line(root, "2026-01-06"), "schedule.closed[0]"),
        (_line(root, "2025-01-07"), "schedule.closed[1]"),
    ]
    assert "is a Tuesday, not a group day" in warnings[0].message
    assert "outside the cycle" in warnings[1].message


def test_overlapping_blocks_are_a_warning(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        '  blocks:\n    - kind: curriculum\n    - kind: process\n      start: "18:30"\n      minutes: 60\n',
        hours=10,
    )
    warnings = [p.message for p in _problems(root) if "before" in p.message]
    assert warnings and "Process group starts at 18:30, before Curriculum group ends at 19:00" in warnings[0]
