"""The command-line contract of DESIGN.md section 5, as a user runs it.

Most tests call the command in this process (`run_cli`); the exit codes and usage errors
are checked through a separate process too (`run_cli_process`), as a shell sees them."""

from __future__ import annotations

import json
from pathlib import Path

from .helpers import minimal_project, run_cli, run_cli_process


def test_validate_exit_codes(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    ok = run_cli_process("validate", "--root", str(root))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "valid: 1 session; 0 errors, 0 warnings"
    (root / "curriculum/coping/module.yaml").write_text("id: Coping\n")
    bad = run_cli_process("validate", "--root", str(root))
    assert bad.returncode == 1
    assert "curriculum/coping/module.yaml:1:5: error: id: 'Coping' is not a safe id" in bad.stderr
    assert "Traceback" not in bad.stderr + bad.stdout


def test_bad_usage_exits_2(tmp_path: Path) -> None:
    assert run_cli_process("validate", "--no-such-flag").returncode == 2
    unknown = run_cli_process("frobnicate")
    assert unknown.returncode == 2 and "invalid choice: 'frobnicate'" in unknown.stderr


def test_in_process_runs_report_like_the_command(tmp_path: Path) -> None:
    """The in-process runner the other tests use gives the exit codes and output of the process."""
    root = minimal_project(tmp_path)
    (root / "curriculum/coping/module.yaml").write_text("id: Coping\n")
    for command in (["validate", "--root", str(root)], ["validate", "--no-such-flag"], ["--version"]):
        inside, outside = run_cli(*command), run_cli_process(*command)
        assert (inside.returncode, inside.stdout, inside.stderr) == (
            outside.returncode,
            outside.stdout,
            outside.stderr,
        ), command


def test_new_module_and_session_scaffold_valid_yaml(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    made = run_cli("new", "module", "family-education", "--root", str(root))
    assert made.returncode == 0, made.stderr
    session = run_cli("new", "session", "family-education", "talking-at-home", "--root", str(root))
    assert session.returncode == 0, session.stderr
    assert (root / "curriculum/family-education/01-talking-at-home.yaml").is_file()
    second = run_cli("new", "session", "family-education", "second-talk", "--root", str(root))
    assert "02-second-talk.yaml" in second.stdout
    check = run_cli("validate", "--root", str(root))
    assert check.returncode == 0, check.stderr
    again = run_cli("new", "module", "family-education", "--root", str(root))
    assert again.returncode == 1 and "already exists" in again.stderr
    unsafe = run_cli("new", "session", "family-education", "../escape", "--root", str(root))
    assert unsafe.returncode == 1 and "is not a safe session id" in unsafe.stderr


def test_schema_prints_json_schema() -> None:
    result = run_cli("schema")
    schema = json.loads(result.stdout)
    assert schema["title"] == "IOP curriculum session file"
    assert {"outline", "handout", "exercises"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_export_writes_tree_and_config(tmp_path: Path) -> None:
    root = minimal_project(tmp_path / "project")
    out = tmp_path / "export"
    result = run_cli("export", str(out), "--root", str(root))
    assert result.returncode == 0, result.stderr
    assert (out / "docs/index.md").is_file()
    assert (out / "docs/handouts/first-session.md").is_file()
    config = (out / "mkdocs.yml").read_text()
    assert "docs_dir: docs" in config and "curriculum" not in config.split("plugins:")[1].split("\n")[1]


def test_build_makes_a_site_without_pdfs(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    result = run_cli("build", "--root", str(root), "--no-pdf", "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("0 errors, 0 warnings")
    assert (root / "site/handouts/first-session.html").is_file()
    assert not (root / "site/pdf").exists()


def test_report_lists_grades(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    result = run_cli("report", "--root", str(root))
    assert result.returncode == 0
    assert "coping/first-session" in result.stdout and "average handout grade" in result.stdout


def test_new_module_starts_a_fresh_project(tmp_path: Path) -> None:
    assert run_cli("new", "module", "coping", "--root", str(tmp_path)).returncode == 0
    assert run_cli("new", "session", "coping", "first-group", "--root", str(tmp_path)).returncode == 0
    assert (tmp_path / "curriculum/program.yaml").is_file()
    assert (tmp_path / "curriculum/_schema/session.schema.json").is_file()
    result = run_cli("validate", "--root", str(tmp_path))
    assert result.returncode == 0, result.stderr
