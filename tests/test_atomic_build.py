"""A failed build leaves the site exactly as it was; a good build leaves no stale pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .helpers import minimal_project, run_cli

SESSIONS = ("first-session", "second-session")
SECOND_FILE = "curriculum/coping/02-second-session.yaml"


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def build(root: Path) -> tuple[int, str, str]:
    result = run_cli("build", "--root", str(root), "--no-pdf", "--quiet")
    assert "Traceback" not in result.stdout + result.stderr
    return result.returncode, result.stdout, result.stderr


def leftovers(root: Path) -> list[str]:
    """Temporary or old folders the build should have removed."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith((".curriculum-build-", ".site.old")))


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = minimal_project(tmp_path_factory.mktemp("built") / "project", session_ids=SESSIONS)
    code, _, stderr = build(root)
    assert code == 0, stderr
    return root


@pytest.fixture()
def built(built_once: Path, tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """A copy of one built project for each test to break (copying is cheaper than building)."""
    root = Path(shutil.copytree(built_once, tmp_path / "project", symlinks=True))
    before = snapshot(root / "site")
    assert "modules/coping/second-session.html" in before
    return root, before


def test_broken_yaml_leaves_the_site_byte_for_byte(built: tuple[Path, dict[str, bytes]]) -> None:
    root, before = built
    path = root / SECOND_FILE
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: Second session", "title: [Second session"), encoding="utf-8"
    )
    code, stdout, stderr = build(root)
    assert code == 1
    assert f"{SECOND_FILE}:" in stderr and ": error: YAML syntax error:" in stderr
    assert "the site was not changed" in stdout
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_failure_after_validation_leaves_the_site(built: tuple[Path, dict[str, bytes]]) -> None:
    """A template override that names a missing value fails while pages are written."""
    root, before = built
    (root / "overrides").mkdir()
    (root / "overrides" / "handout.md.j2").write_text("{{ no_such_value }}\n", encoding="utf-8")
    code, _, stderr = build(root)
    assert code == 1
    assert stderr.strip()
    assert snapshot(root / "site") == before
    assert leftovers(root) == []


def test_deleted_session_leaves_no_stale_pages(built: tuple[Path, dict[str, bytes]]) -> None:
    root, before = built
    (root / SECOND_FILE).unlink()
    code, _, stderr = build(root)
    assert code == 0, stderr
    after = snapshot(root / "site")
    assert not [name for name in after if "second-session" in name]
    assert "modules/coping/first-session.html" in after
    assert "handouts/first-session.html" in after
    search = after["search/search_index.json"].decode("utf-8")
    assert "second-session" not in search
    assert leftovers(root) == []


def test_renamed_session_leaves_no_stale_pages(built: tuple[Path, dict[str, bytes]]) -> None:
    root, _ = built
    path = root / SECOND_FILE
    path.write_text(path.read_text(encoding="utf-8").replace("second-session", "renamed-session"), encoding="utf-8")
    code, _, stderr = build(root)
    assert code == 0, stderr
    after = snapshot(root / "site")
    assert not [name for name in after if "second-session" in name]
    assert {"modules/coping/renamed-session.html", "handouts/renamed-session.html"} <= set(after)
