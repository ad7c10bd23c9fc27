"""The rule of thirds: segments add up to the session, and each part keeps near a third."""

from __future__ import annotations

from pathlib import Path

from generator.validate import load_and_validate

from .helpers import minimal_project


def _problems(root: Path) -> list[str]:
    return [str(p) for p in load_and_validate(root).problems]


def test_scaffolded_session_is_valid(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    result = load_and_validate(root)
    assert result.errors == []
    assert result.curriculum is not None
    assert [e.minutes for e in result.curriculum.sessions] == [90]


def test_minutes_that_do_not_add_up_are_refused(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    path = root / "curriculum/coping/01-first-session.yaml"
    path.write_text(path.read_text().replace("minutes: 20\n", "minutes: 15\n"))
    assert _problems(root) == [
        "curriculum/coping/01-first-session.yaml:47:3: error: outline: the segments add up to 85 "
        "minutes but the session is 90 minutes (opening 30, topic 25, closing 30); add 5 minutes",
    ]


def test_part_outside_the_tolerance_is_refused(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    path = root / "curriculum/coping/01-first-session.yaml"
    text = path.read_text().replace("minutes: 20\n", "minutes: 40\n").replace("minutes: 25\n", "minutes: 5\n")
    path.write_text(text)
    problems = _problems(root)
    assert (
        "curriculum/coping/01-first-session.yaml:48:5: error: outline.opening: the opening takes 10 "
        "minutes, 11% of the session; each part should take 25-40% (22-36 of 90 minutes), "
        "following the rule of thirds" in problems
    )
    assert any("outline.topic: the topic takes 50 minutes, 56% of the session" in p for p in problems)


def test_tolerance_is_configurable_per_program(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    session = root / "curriculum/coping/01-first-session.yaml"
    session.write_text(
        session.read_text().replace("minutes: 15\n", "minutes: 10\n").replace("minutes: 20\n", "minutes: 25\n")
    )  # topic 35 (39%), closing 25 (28%)
    assert load_and_validate(root).errors == []
    program = root / "curriculum/program.yaml"
    program.write_text(program.read_text() + "thresholds:\n  thirds_min_percent: 30\n  thirds_max_percent: 36\n")
    problems = _problems(root)
    assert any(
        "outline.topic: the topic takes 35 minutes, 39% of the session; each part should take 30-36%" in p
        for p in problems
    )
    assert any("outline.closing: the closing takes 25 minutes, 28%" in p for p in problems)


def test_session_length_can_differ_from_the_program(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    session = root / "curriculum/coping/01-first-session.yaml"
    session.write_text(session.read_text().replace("minutes: 90\n", "minutes: 60\n"))
    problems = _problems(root)
    assert any(
        "the segments add up to 90 minutes but the session is 60 minutes" in p and "remove 30 minutes" in p
        for p in problems
    )
