"""A module left out of schedule.order is scheduled after the listed ones, with a located warning."""

from __future__ import annotations

from pathlib import Path

from generator.scaffold import module_yaml, session_yaml
from generator.validate import load_and_validate
from tests.helpers import build_file_tree, minimal_files


def test_a_module_missing_from_the_order_runs_after_the_listed_ones(tmp_path: Path) -> None:
    files = minimal_files()
    files["curriculum/program.yaml"] = str(files["curriculum/program.yaml"]).replace(
        '  start_time: "17:30"\n', '  start_time: "17:30"\n  order: [coping]\n'
    )
    files["curriculum/extra/module.yaml"] = module_yaml("extra")
    files["curriculum/extra/01-added.yaml"] = session_yaml("extra", "added")
    result = load_and_validate(build_file_tree(tmp_path, files))
    assert result.curriculum is not None
    assert [e.id for e in result.curriculum.running_order()] == ["first-session", "added"]
    assert "added" in {slot.entry.id for slot in result.curriculum.schedule}
    warnings = [p for p in result.problems if "not in schedule.order" in p.message]
    assert len(warnings) == 1 and warnings[0].file == "curriculum/program.yaml" and warnings[0].line > 1
