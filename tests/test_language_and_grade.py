"""Plain language and person-first words, as editors meet them in `curriculum validate`."""

from __future__ import annotations

from pathlib import Path

from generator.readability import grade, syllables
from generator.validate import load_and_validate

from .helpers import minimal_project, run_cli


def test_grade_separates_plain_from_dense_text() -> None:
    plain = "You can get through a craving. It rises and falls like a wave. Call a friend."
    dense = (
        "The cognitive-behavioral conceptualization of relapse emphasizes interactions between "
        "high-risk situations and the availability of effective coping responses."
    )
    assert grade(plain) < 4
    assert grade(dense) > 14
    assert syllables("craving") == 2 and syllables("a") == 1


def test_shipped_handouts_meet_the_reading_targets() -> None:
    result = load_and_validate(Path(__file__).resolve().parent.parent)
    assert result.curriculum is not None
    grades = [entry.grades.handout for entry in result.curriculum.sessions]
    assert max(grades) <= 8
    assert sum(grades) / len(grades) <= 7
    assert all(entry.grades.lesson_plan <= 10 for entry in result.curriculum.sessions)


def test_stigmatizing_word_is_a_warning_then_an_error_under_strict(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    session = root / "curriculum/coping/01-first-session.yaml"
    session.write_text(
        session.read_text().replace(
            "    - This skill helps you stay on track.", "    - This skill helps any addict stay clean."
        )
    )
    loose = run_cli("validate", "--root", str(root))
    assert loose.returncode == 0
    assert (
        "curriculum/coping/01-first-session.yaml:117:7: warning: handout.key_points[0]: 'addict' is "
        "stigmatizing language; say person with a substance use disorder"
    ) in loose.stderr
    assert "'clean' is stigmatizing language" in loose.stderr
    assert loose.stdout.strip() == "valid: 1 session; 0 errors, 2 warnings"
    strict = run_cli("validate", "--strict", "--root", str(root))
    assert strict.returncode == 1
    assert strict.stdout.strip().startswith("invalid; 2 errors, 0 warnings")


def test_titles_of_published_sources_are_not_flagged(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    session = root / "curriculum/coping/01-first-session.yaml"
    session.write_text(
        session.read_text().replace(
            "  - work: SAMHSA TIP 47, Clinical Issues in Intensive Outpatient Treatment",
            "  - work: SAMHSA TIP 47, Substance Abuse - Clinical Issues in Intensive Outpatient Treatment",
        )
    )
    assert load_and_validate(root).warnings == []


def test_program_can_allow_and_add_terms(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    program = root / "curriculum/program.yaml"
    program.write_text(
        program.read_text() + "language_check:\n  extra_terms:\n    - term: skill\n      instead: ability\n"
    )
    warnings = [str(w) for w in load_and_validate(root).warnings]
    assert any("'skill' is stigmatizing language; say ability" in w for w in warnings)


def test_handout_above_the_grade_target_warns(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    session = root / "curriculum/coping/01-first-session.yaml"
    session.write_text(
        session.read_text().replace(
            "  homework: Use the skill once a day. Write down what happened.",
            "  homework: Systematically operationalize the aforementioned interpersonal effectiveness "
            "methodology, documenting physiological and psychological manifestations comprehensively, "
            "notwithstanding situational unpredictability and environmental considerations.",
        )
    )
    warnings = [str(w) for w in load_and_validate(root).warnings]
    assert any("handout: the handout reads at grade" in w and "above the target of 8" in w for w in warnings)
