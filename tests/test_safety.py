"""Safe by construction: no build deletes a user's files, runs or leaks anything, or drops
the crisis lines. Each test is a case an attacker or a careless editor tried."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import site_guard
from generator.build import build_site, export_tree
from generator.checks import unsafe_addresses
from generator.cli import main
from generator.errors import BuildFailed
from generator.html_safety import unsafe_attributes
from generator.pdf import RefusedResource, refuse_outside_resources
from tests.helpers import REPO, build_file_tree, minimal_files, minimal_project, run_mkdocs

SESSION_FILE = "curriculum/coping/01-first-session.yaml"


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """The command in-process, as a user calls it; returns exit code and all output."""
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out + out.err


def _project_with_program_lines(root: Path, extra: str) -> Path:
    """The minimal project with lines added at the end of program.yaml."""
    files = minimal_files()
    return build_file_tree(root, {**files, "curriculum/program.yaml": str(files["curriculum/program.yaml"]) + extra})


def _no_traceback(output: str) -> None:
    assert "Traceback" not in output and "--debug for details" not in output


# ------------------------------------------------------------- data loss --


@pytest.mark.parametrize("folder", ["curriculum/coping", "overrides", "site_templates", "curriculum"])
def test_site_dir_inside_the_project_sources_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str
) -> None:
    root = minimal_project(tmp_path)
    keep = build_file_tree(root, {f"{folder}/keep-me.txt": "a clinic's own file"})
    code, output = cli(capsys, "build", "--root", str(root), "--no-pdf", "--site-dir", str(root / folder))
    assert code == 1
    _no_traceback(output)
    assert "refusing" in output and folder.split("/")[0] in output
    assert (keep / folder / "keep-me.txt").read_text(encoding="utf-8") == "a clinic's own file"


def test_a_folder_that_is_not_a_built_site_is_never_replaced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_project(tmp_path / "project")
    other = build_file_tree(tmp_path / "notes", {"minutes.txt": "board minutes", "sub/a.txt": "a"})
    code, output = cli(capsys, "build", "--root", str(root), "--no-pdf", "--site-dir", str(other))
    assert code == 1
    _no_traceback(output)
    assert "not built by curriculum" in output and ".curriculum-site" in output
    assert (other / "minutes.txt").read_text(encoding="utf-8") == "board minutes"
    assert sorted(p.name for p in other.iterdir()) == ["minutes.txt", "sub"]


def test_a_plain_file_as_site_dir_is_refused_and_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = minimal_project(tmp_path / "project")
    target = tmp_path / "report.docx"
    target.write_bytes(b"a document")
    code, output = cli(capsys, "build", "--root", str(root), "--no-pdf", "--site-dir", str(target))
    assert code == 1
    assert "is a file, not a folder" in output
    assert target.read_bytes() == b"a document"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_fifo_as_site_dir_is_refused_without_hanging(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = minimal_project(tmp_path / "project")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, output = cli(capsys, "build", "--root", str(root), "--no-pdf", "--site-dir", str(fifo))
    assert code == 1
    assert "is a file, not a folder" in output
    assert fifo.exists()


def test_a_symlinked_site_dir_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = minimal_project(tmp_path / "project")
    real = build_file_tree(tmp_path / "real", {"x.txt": "x"})
    link = tmp_path / "link"
    link.symlink_to(real)
    code, output = cli(capsys, "build", "--root", str(root), "--no-pdf", "--site-dir", str(link))
    assert code == 1
    assert "symbolic link" in output
    assert (real / "x.txt").exists()


def test_a_built_site_carries_the_marker_and_is_replaced_on_the_next_build(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    build_site(root, with_pdfs=False)
    site = root / "site"
    assert (site / site_guard.SITE_MARKER).is_file()
    (site / "stale.html").write_text("old", encoding="utf-8")
    build_site(root, with_pdfs=False)
    assert not (site / "stale.html").exists()
    assert (site / "index.html").is_file()


def test_an_empty_folder_may_be_the_site_dir(tmp_path: Path) -> None:
    root = minimal_project(tmp_path / "project")
    empty = tmp_path / "empty"
    empty.mkdir()
    build_site(root, empty, with_pdfs=False)
    assert (empty / "index.html").is_file()


def test_export_into_the_project_folder_is_refused_and_deletes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = build_file_tree(minimal_project(tmp_path), {"docs/images/shot.png": b"\x89PNG"})
    settings = (root / "mkdocs.yml").read_text(encoding="utf-8")
    code, output = cli(capsys, "export", "--root", str(root), str(root))
    assert code == 1
    _no_traceback(output)
    assert (root / "docs/images/shot.png").read_bytes() == b"\x89PNG"
    assert (root / "mkdocs.yml").read_text(encoding="utf-8") == settings


def test_export_refuses_a_docs_folder_or_settings_it_did_not_write(tmp_path: Path) -> None:
    root = minimal_project(tmp_path / "project")
    target = build_file_tree(tmp_path / "out", {"docs/notes.md": "mine"})
    with pytest.raises(BuildFailed, match="not built by curriculum"):
        export_tree(root, target)
    assert (target / "docs/notes.md").read_text(encoding="utf-8") == "mine"
    other = build_file_tree(tmp_path / "out2", {"mkdocs.yml": "site_name: Mine\n"})
    with pytest.raises(BuildFailed, match="not written by curriculum export"):
        export_tree(root, other)
    assert (other / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Mine\n"


def test_export_twice_into_the_same_folder_works(tmp_path: Path) -> None:
    root = minimal_project(tmp_path / "project")
    target = tmp_path / "out"
    export_tree(root, target)
    (target / "docs" / "stale.md").write_text("old page", encoding="utf-8")
    export_tree(root, target)
    assert not (target / "docs" / "stale.md").exists()
    assert (target / "docs" / "index.md").is_file()


def test_a_site_left_aside_by_a_killed_swap_is_restored(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    build_site(root, with_pdfs=False)
    site = root / "site"
    aside = root / ".site.old-999999"  # a process id that is not running
    site.rename(aside)
    messages: list[str] = []
    build_site(root, with_pdfs=False, progress=messages.append)
    assert any("Restored the previous site" in m for m in messages)
    assert (site / "index.html").is_file()
    assert not aside.exists()


def test_work_folders_of_a_killed_build_are_cleaned(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    stale = build_file_tree(root / f"{site_guard.BUILD_PREFIX}999999-abc", {"docs/index.md": "x"})
    messages: list[str] = []
    build_site(root, with_pdfs=False, progress=messages.append)
    assert not stale.exists()
    assert any("work folder of an earlier build" in m for m in messages)


def test_sigterm_cleans_up_like_ctrl_c(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    build_site(root, with_pdfs=False)
    before = (root / "site" / "index.html").read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", "--root", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(root.glob(f"{site_guard.BUILD_PREFIX}*")):
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=120)
    assert "Traceback" not in err
    assert list(root.glob(f"{site_guard.BUILD_PREFIX}*")) == []
    assert (root / "site" / "index.html").read_bytes() == before


def test_mkdocs_build_keeps_the_pdfs_of_curriculum_build(tmp_path: Path) -> None:
    """Through the real `mkdocs` command in its own process (the other bare-MkDocs tests run it
    in this one): the plugin is found by its entry point and the exit status is MkDocs' own."""
    root = minimal_project(tmp_path)
    build_site(root, with_pdfs=False)
    build_file_tree(
        root, {"site/pdf/handouts/first-session.pdf": b"%PDF-1.7 kept", "site/downloads/curriculum-site.zip": b"zip"}
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (root / "site/pdf/handouts/first-session.pdf").read_bytes() == b"%PDF-1.7 kept"
    assert (root / "site/downloads/curriculum-site.zip").read_bytes() == b"zip"


def test_a_site_dir_that_cannot_be_made_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Writing fails (here: the parent is a file, which even root cannot write into): the
    message names the path, and nothing is left behind."""
    root = minimal_project(tmp_path / "project")
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder", encoding="utf-8")
    code, output = cli(capsys, "build", "--root", str(root), "--no-pdf", "--site-dir", str(blocker / "site"))
    assert code == 1
    _no_traceback(output)
    assert str(blocker) in output and "cannot write" in output
    assert blocker.read_text(encoding="utf-8") == "a file, not a folder"


# --------------------------------------------------- content that becomes live --


@pytest.mark.parametrize(
    "text",
    [
        "See [the guide][g].\n\n[g]: javascript:alert(1)",
        "See [the guide][g].\n\n[g]: <vbscript:msgbox(1)>",
        "Open <javascript:alert(1)> now.",
        "Read [this](java\tscript:alert(1)).",
        "Read [this](DATA:text/html;base64,PHNjcmlwdD4=).",
        "![a picture](file:///etc/passwd)",
        "![a picture](https://tracker.example/pixel.png)",
        "![a picture][p]\n\n[p]: https://tracker.example/pixel.png",
        "![a picture](../../secret.png)",
    ],
)
def test_every_markdown_form_of_an_unsafe_address_is_refused(text: str) -> None:
    assert unsafe_addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "Call [988](tel:988) or visit [the Lifeline](https://988lifeline.org).",
        "Write to [us](mailto:help@example.org).",
        "A list [a] and [b] with no links.",
        "![our logo](images/logo.png)",
    ],
)
def test_safe_addresses_pass(text: str) -> None:
    assert unsafe_addresses(text) == []


def test_a_reference_style_script_link_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = minimal_files()
    session = str(files[SESSION_FILE])
    session = session.replace(
        "    - This skill helps you stay on track.",
        "    - |-\n      See [the guide][g].\n\n      [g]: javascript:alert(1)",
    )
    root = build_file_tree(tmp_path, {**files, SESSION_FILE: session})
    code, output = cli(capsys, "validate", "--root", str(root))
    assert code == 1
    assert f"{SESSION_FILE}:" in output and "'javascript:'" in output


def test_the_built_html_is_scanned_for_script_addresses() -> None:
    assert unsafe_attributes('<a href="javascript:alert(1)">x</a>')
    assert unsafe_attributes("<img src = ' data:text/html,x'>")
    assert unsafe_attributes('<a href="JaVa Script:x">')
    assert unsafe_attributes('<a href="https://example.org">ok</a><img src="data:image/svg+xml,x">') == []


def test_pdfs_fetch_nothing_from_the_machine_or_the_web() -> None:
    for url in ("file:///etc/passwd", "https://tracker.example/p.png", "http://127.0.0.1/x"):
        with pytest.raises(RefusedResource):
            refuse_outside_resources(url)


def test_a_file_image_never_reaches_a_pdf(tmp_path: Path) -> None:
    from generator.pdf import render_pdf

    secret = tmp_path / "secret.png"
    secret.write_bytes((REPO / "docs/images/handout-print.png").read_bytes())
    out = tmp_path / "out.pdf"
    render_pdf(f'<p>text</p><img src="file://{secret}">', str(out))
    assert out.stat().st_size < secret.stat().st_size // 4


def test_a_session_file_linked_from_outside_the_project_is_refused_and_not_quoted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_project(tmp_path / "project")
    outside = tmp_path / "private.yaml"
    outside.write_text("password: hunter2-secret\n", encoding="utf-8")
    (root / "curriculum/coping/02-linked.yaml").symlink_to(outside)
    code, output = cli(capsys, "validate", "--root", str(root))
    assert code == 1
    assert "curriculum/coping/02-linked.yaml:1:1: error:" in output and "outside the project" in output
    assert "hunter2" not in output


def test_an_override_linked_from_outside_the_project_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_project(tmp_path / "project")
    outside = tmp_path / "evil.md.j2"
    outside.write_text("{{ 1 }}", encoding="utf-8")
    (root / "overrides").mkdir()
    (root / "overrides/home.md.j2").symlink_to(outside)
    code, output = cli(capsys, "validate", "--root", str(root))
    assert code == 1
    assert "overrides/home.md.j2:1:1: error:" in output


def test_an_override_cannot_reach_python_internals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    witness = tmp_path / "ran"
    template = "{{ cycler.__init__.__globals__.os.popen('touch " + str(witness) + "').read() }}"
    root = build_file_tree(minimal_project(tmp_path / "project"), {"overrides/home.md.j2": template})
    code, output = cli(capsys, "build", "--root", str(root), "--no-pdf")
    assert code == 1
    _no_traceback(output)
    assert "overrides/home.md.j2:1:1: error:" in output and "unsafe" in output
    assert not witness.exists()


@pytest.mark.parametrize(
    "template, words",
    [
        ("{{ 1 / 0 }}", "ZeroDivisionError"),
        ('{% extends "home.md.j2" %}', "itself"),
    ],
)
def test_a_failing_override_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], template: str, words: str
) -> None:
    root = build_file_tree(minimal_project(tmp_path), {"overrides/home.md.j2": template})
    code, output = cli(capsys, "build", "--root", str(root), "--no-pdf")
    assert code == 1
    _no_traceback(output)
    assert "home.md.j2:" in output and words in output


def test_a_folder_named_like_a_template_is_a_located_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = minimal_project(tmp_path)
    (root / "overrides/home.md.j2").mkdir(parents=True)
    code, output = cli(capsys, "validate", "--root", str(root))
    assert code == 1
    assert "overrides/home.md.j2:1:1: error: a folder is named like a template" in output


HOSTILE_TITLE = "Beta </title><script>alert(2)</script>"


def _hostile_project(root: Path) -> Path:
    files = minimal_files()
    program = str(files["curriculum/program.yaml"]).replace("title: Test Program", f'title: "{HOSTILE_TITLE}"')
    return build_file_tree(root, {**files, "curriculum/program.yaml": program})


def _assert_inert(site: Path) -> None:
    pages = list(site.rglob("*.html"))
    assert pages
    for page in pages:
        assert "<script>alert(2)" not in page.read_text(encoding="utf-8"), page


def test_a_hostile_program_title_is_inert_through_curriculum_build(tmp_path: Path) -> None:
    root = _hostile_project(tmp_path)
    build_site(root, with_pdfs=False)
    _assert_inert(root / "site")


def test_a_hostile_program_title_is_inert_through_mkdocs_build(tmp_path: Path) -> None:
    root = _hostile_project(tmp_path)
    done = run_mkdocs("build", "-q", cwd=root)
    assert done.returncode == 0, done.stderr
    _assert_inert(root / "site")


def test_mkdocs_build_strict_applies_the_curriculum_warnings(tmp_path: Path) -> None:
    files = minimal_files()
    session = str(files[SESSION_FILE]).replace(
        "This skill helps you stay on track.", "This skill helps an addict stay on track."
    )
    root = build_file_tree(tmp_path, {**files, SESSION_FILE: session})
    loose = run_mkdocs("build", "-q", cwd=root)
    assert loose.returncode == 0, loose.stderr
    strict = run_mkdocs("build", "-q", "--strict", cwd=root)
    assert strict.returncode != 0
    assert f"{SESSION_FILE}:" in strict.stderr


def test_the_plugin_uses_the_program_language(tmp_path: Path) -> None:
    root = _project_with_program_lines(tmp_path, "language: es\n")
    done = run_mkdocs("build", "-q", cwd=root)
    assert done.returncode == 0, done.stderr
    assert '<html lang="es"' in (root / "site/index.html").read_text(encoding="utf-8")


# ------------------------------------------------- silent loss of pages or safety --


@pytest.mark.parametrize("edit", [("id: first-session", "id: index"), ("tags: [", "tags: [index, ")])
def test_ids_and_tags_that_would_replace_a_generated_page_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], edit: tuple[str, str]
) -> None:
    files = minimal_files()
    session = str(files[SESSION_FILE])
    assert edit[0] in session
    root = build_file_tree(tmp_path, {**files, SESSION_FILE: session.replace(edit[0], edit[1], 1)})
    code, output = cli(capsys, "validate", "--root", str(root))
    assert code == 1
    assert f"{SESSION_FILE}:" in output and "reserved" in output


def test_new_session_named_index_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = minimal_project(tmp_path)
    code, output = cli(capsys, "new", "session", "coping", "index", "--root", str(root))
    assert code != 0
    assert not list((root / "curriculum/coping").glob("*index*"))


def test_two_pages_on_one_path_is_an_error_naming_the_path() -> None:
    from generator.pages import PageSet

    pages = PageSet()
    pages["handouts/index.md"] = "listing"
    with pytest.raises(BuildFailed, match="handouts/index.md"):
        pages.update({"handouts/index.md": "a session's handout"})


def test_an_empty_list_of_crisis_lines_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project_with_program_lines(tmp_path, "crisis_lines: []\n")
    code, output = cli(capsys, "validate", "--root", str(root))
    assert code == 1
    assert "curriculum/program.yaml:" in output and "crisis_lines cannot be empty" in output


def test_a_module_without_sessions_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    files = minimal_files()
    from generator.scaffold import module_yaml

    root = build_file_tree(tmp_path, {**files, "curriculum/empty/module.yaml": module_yaml("empty")})
    code, output = cli(capsys, "validate", "--root", str(root))
    assert code == 1
    assert "curriculum/empty/module.yaml:1:1: error: this module has no sessions" in output


def test_a_language_the_theme_does_not_ship_is_a_located_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project_with_program_lines(tmp_path, "language: ht\n")
    code, output = cli(capsys, "validate", "--root", str(root))
    assert code == 1
    assert "curriculum/program.yaml:" in output and "no translation for 'ht'" in output


def test_a_folder_holding_a_downloaded_site_zip_is_not_taken_for_a_site(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Someone's own folder with the offline zip saved into it is still theirs."""
    root = minimal_project(tmp_path / "project")
    home = build_file_tree(tmp_path / "home", {"downloads/curriculum-site.zip": b"zip", "letters/mine.txt": "mine"})
    code, output = cli(capsys, "build", "--root", str(root), "--no-pdf", "--site-dir", str(home))
    assert code == 1
    assert "not built by curriculum" in output
    assert (home / "letters/mine.txt").read_text(encoding="utf-8") == "mine"


def test_a_site_built_before_the_marker_existed_is_still_replaced(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    build_site(root, with_pdfs=False)
    (root / "site" / site_guard.SITE_MARKER).unlink()
    build_site(root, with_pdfs=False)
    assert (root / "site" / site_guard.SITE_MARKER).is_file()


def test_an_asset_folder_linked_from_outside_the_project_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = minimal_project(tmp_path / "project")
    secret = build_file_tree(tmp_path / "private", {"notes.txt": "hunter2-secret"})
    (root / "overrides/assets").mkdir(parents=True)
    (root / "overrides/assets/extra").symlink_to(secret, target_is_directory=True)
    code, output = cli(capsys, "build", "--root", str(root), "--no-pdf")
    assert code == 1
    assert "outside the project" in output and "hunter2" not in output
    assert not (root / "site").exists()
