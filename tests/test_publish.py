"""Publishing: the GitHub Pages workflow runs the README's commands, and `mkdocs gh-deploy` works."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import paths
from generator.validate import load_and_validate

from .helpers import REPO, copy_shipped_project

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
CI_RUN = REPO / ".ci" / "run"
FENCE = re.compile(r"^```(?:bash|sh|shell|console)?\n(.*?)^```", re.MULTILINE | re.DOTALL)
ON_MAIN = "github.event_name == 'push' && github.ref == 'refs/heads/main'"


def readme_commands() -> set[str]:
    """Every command line in the README's code blocks, without comments or prompts."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    commands = set()
    for block in FENCE.findall(text):
        for line in block.splitlines():
            line = line.split(" #")[0].strip().removeprefix("$ ")
            if line and not line.startswith("#"):
                commands.add(line)
    return commands


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def triggers(data: dict[Any, Any]) -> dict[str, Any]:
    return data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` key as true


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps", []))


def uses(step: dict[str, Any]) -> str:
    return str(step.get("uses", "")).split("@")[0]


def _ci_run_command() -> str:
    lines = [line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and not line.startswith("#")][-1]


def test_workflow_runs_only_the_readme_commands() -> None:
    commands = readme_commands()
    assert "bash scripts/build.sh" in commands and "bash scripts/test.sh" in commands
    run_steps = [
        step["run"].strip()
        for job in workflow()["jobs"].values()
        for step in steps(job)
        if "run" in step and not step["run"].startswith("apt-get")
    ]
    assert run_steps == ["bash scripts/build.sh --strict"]
    assert run_steps[0] in commands, "the workflow's build command is not in the README"


def test_the_pages_workflow_does_not_run_the_developer_suite() -> None:
    """A clinic's content change publishes in minutes: the workflow checks the curriculum
    (validate under --strict is part of the build) and builds; it runs no test suite."""
    run_steps = [step.get("run", "") for step in steps(workflow()["jobs"]["build"])]
    assert not any(".ci/run" in run or "scripts/test.sh" in run for run in run_steps)


def test_the_pdf_cache_is_kept_between_runs_keyed_on_content() -> None:
    build = workflow()["jobs"]["build"]
    caches = [step for step in steps(build) if uses(step) == "actions/cache"]
    assert len(caches) == 1
    assert caches[0]["with"]["path"] == ".cache/curriculum/pdf"
    assert "hashFiles('curriculum/**'" in caches[0]["with"]["key"]
    order = [uses(step) or step.get("run", "") for step in steps(build)]
    assert order.index("actions/cache") < order.index("bash scripts/build.sh --strict")


def test_build_script_names_the_system_packages_and_writes_the_run_summary() -> None:
    script = (REPO / "scripts" / "build.sh").read_text(encoding="utf-8")
    assert "GITHUB_STEP_SUMMARY" in script
    assert "python3-venv" in script and "libpango-1.0-0" in script


def test_workflow_runs_on_push_to_main_and_on_pull_requests() -> None:
    on = triggers(workflow())
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on


def test_only_a_push_to_main_deploys() -> None:
    jobs = workflow()["jobs"]
    deployers = [name for name, job in jobs.items() if any(uses(step) == "actions/deploy-pages" for step in steps(job))]
    assert deployers == ["deploy"]
    deploy = jobs["deploy"]
    assert deploy["if"] == ON_MAIN
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["cancel-in-progress"] is False
    pages_upload = [step for step in steps(jobs["build"]) if uses(step) == "actions/upload-pages-artifact"]
    assert len(pages_upload) == 1
    assert pages_upload[0]["if"] == ON_MAIN and pages_upload[0]["with"]["path"] == "site"


def test_a_pull_request_uploads_the_site_as_an_artifact() -> None:
    build = workflow()["jobs"]["build"]
    assert "if" not in build, "the build job must run for pull requests too"
    uploads = [step for step in steps(build) if uses(step) == "actions/upload-artifact"]
    assert len(uploads) == 1
    assert uploads[0]["if"] == "github.event_name == 'pull_request'"
    assert uploads[0]["with"]["path"] == "site"


def test_workflow_uses_python_311_and_reads_the_repository_only() -> None:
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    build = data["jobs"]["build"]
    assert build["container"]["image"] == "python:3.11-bookworm"
    assert uses(steps(build)[0]) == "actions/checkout"


def _git(*args: str, cwd: Path, env: dict[str, str]) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, f"git {' '.join(args)} failed: {done.stderr}"
    return done.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is missing (apt-get install git)")
@pytest.mark.slow
def test_mkdocs_gh_deploy_publishes_the_site_to_gh_pages(tmp_path: Path) -> None:
    project = copy_shipped_project(tmp_path / "project")
    origin = tmp_path / "origin.git"
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_MKDOCS_2_WARNING": "1",
        "GIT_AUTHOR_NAME": "Clinic IT",
        "GIT_AUTHOR_EMAIL": "it@example.org",
        "GIT_COMMITTER_NAME": "Clinic IT",
        "GIT_COMMITTER_EMAIL": "it@example.org",
    }
    _git("init", "--bare", "--quiet", str(origin), cwd=tmp_path, env=env)
    _git("init", "--quiet", "-b", "main", cwd=project, env=env)
    _git("add", ".", cwd=project, env=env)
    _git("commit", "--quiet", "-m", "Curriculum", cwd=project, env=env)
    _git("remote", "add", "origin", str(origin), cwd=project, env=env)

    deploy = subprocess.run(
        [sys.executable, "-m", "mkdocs", "gh-deploy", "--force", "--no-history"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert deploy.returncode == 0, deploy.stderr

    files = set(_git("ls-tree", "-r", "--name-only", "gh-pages", cwd=origin, env=env).split())
    curriculum = load_and_validate(project).curriculum
    assert curriculum is not None
    expected = {
        paths.html_path(page)
        for entry in curriculum.sessions
        for page in (paths.handout(entry), paths.lesson_plan(entry))
    }
    assert {"index.html", "schedule.html", ".nojekyll"} <= files
    assert expected <= files, f"missing on gh-pages: {sorted(expected - files)[:5]}"
    home_page = _git("show", "gh-pages:index.html", cwd=origin, env=env)
    assert f"<title>{curriculum.program.title}</title>" in home_page
