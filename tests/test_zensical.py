"""`curriculum build --engine zensical`: the same generated tree, built by Material's successor."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from generator import engines, paths
from generator.build import build_site
from generator.errors import BuildFailed
from generator.pdf import plan_jobs
from generator.validate import load_and_validate

from .helpers import copy_shipped_project, minimal_project, run_cli

needs_zensical = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None, reason="zensical is not installed (pip install '.[test]')"
)


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if importlib.util.find_spec("zensical") is None:
        pytest.skip("zensical is not installed (pip install '.[test]')")
    root = copy_shipped_project(tmp_path_factory.mktemp("zensical"))
    old = root / "site"
    old.mkdir()
    (old / ".curriculum-site").write_text("built before", encoding="utf-8")
    (old / "stale.html").write_text("from an older build", encoding="utf-8")
    done = run_cli("build", "--root", str(root), "--engine", "zensical", "--no-pdf", "--strict")
    assert done.returncode == 0, done.stderr
    assert "with Zensical" in done.stderr
    return root / "site"


@needs_zensical
def test_key_pages_exist(zensical_site: Path) -> None:
    curriculum = load_and_validate(zensical_site.parent).curriculum
    assert curriculum is not None
    entry = curriculum.sessions[0]
    pages = {
        paths.HOME: curriculum.program.title,
        paths.SCHEDULE: "Schedule",
        paths.lesson_plan(entry): entry.session.title,
        paths.handout(entry): entry.session.handout.title,
    }
    for page, heading in pages.items():
        html = (zensical_site / paths.html_path(page)).read_text(encoding="utf-8")
        title = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
        assert title and heading in re.sub(r"<[^>]+>", "", title.group(1)), page


@needs_zensical
def test_every_session_has_its_pages(zensical_site: Path) -> None:
    curriculum = load_and_validate(zensical_site.parent).curriculum
    assert curriculum is not None
    for entry in curriculum.sessions:
        for page in (paths.lesson_plan(entry), paths.handout(entry)):
            assert (zensical_site / paths.html_path(page)).is_file(), page


@needs_zensical
def test_the_new_site_replaced_the_old_one(zensical_site: Path) -> None:
    assert not (zensical_site / "stale.html").exists()
    assert (zensical_site / paths.SITE_ZIP).is_file()
    assert (zensical_site / "assets/stylesheets/brand.css").is_file()


@needs_zensical
def test_pages_load_nothing_from_other_hosts(zensical_site: Path) -> None:
    loaded = re.compile(r"""<(?:script|img)\b[^>]*\bsrc=["']([^"']+)|<link\b[^>]*\bhref=["']([^"']+)""")
    remote = [
        f"{page.name}: {m.group(1) or m.group(2)}"
        for page in zensical_site.rglob("*.html")
        for m in loaded.finditer(page.read_text(encoding="utf-8"))
        if re.match(r"(?:https?:)?//", m.group(1) or m.group(2))
    ]
    assert not remote, remote[:5]


@needs_zensical
def test_pdfs_can_be_cut_from_zensical_pages(zensical_site: Path) -> None:
    """The PDF step reads the handout and lesson plan articles from the built HTML."""
    curriculum = load_and_validate(zensical_site.parent).curriculum
    assert curriculum is not None
    jobs = plan_jobs(curriculum, zensical_site, "", "letter")
    handout_job = next(job for job in jobs if job.target == paths.handout_pdf(curriculum.sessions[0]))
    assert curriculum.sessions[0].session.handout.title in handout_job.html


def test_without_zensical_the_build_stops_and_keeps_the_old_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = minimal_project(tmp_path)
    site = root / "site"
    site.mkdir()
    (site / ".curriculum-site").write_text("built before", encoding="utf-8")
    (site / "index.html").write_text("the site a clinic already has", encoding="utf-8")
    monkeypatch.setattr(engines, "_find_spec", lambda name: None)
    monkeypatch.setattr(engines, "_which", lambda name: None)
    with pytest.raises(BuildFailed, match="pip install zensical"):
        build_site(root, with_pdfs=False, engine="zensical")
    assert (site / "index.html").read_text(encoding="utf-8") == "the site a clinic already has"


def test_an_unknown_engine_is_a_usage_error(tmp_path: Path) -> None:
    done = run_cli("build", "--root", str(minimal_project(tmp_path)), "--engine", "hugo")
    assert done.returncode == 2
    assert "invalid choice: 'hugo'" in done.stderr
    assert "Traceback" not in done.stderr
