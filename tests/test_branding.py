"""Branding and local settings in program.yaml change the site and the handouts, no template edits."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.build import build_site

from .helpers import PROGRAM_YAML, minimal_project, run_cli

LOCAL_LINE = "Riverbend County Crisis Line"
LOCAL_CONTACT = "Call 555-0199"
CONTACT = "Questions? Call the Riverbend front desk at 555-0100."
BRANDED_PROGRAM = (
    PROGRAM_YAML.replace("title: Test Program", "title: Riverbend Recovery IOP")
    + f"""\
language: es
page_size: a4
local_crisis_lines:
  - name: {LOCAL_LINE}
    contact: {LOCAL_CONTACT}
branding:
  logo: images/clinic-logo.png
  primary_color: "#123456"
  contact: "{CONTACT}"
"""
)
SESSIONS = ("first-session", "second-session")


def tiny_png() -> bytes:
    """A valid one-pixel PNG, made here so the test needs no image file."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x12\x34\x56"))
        + chunk(b"IEND", b"")
    )


def _build(root: Path, program: str | None = None, *, with_pdfs: bool = False) -> Path:
    minimal_project(root, session_ids=SESSIONS)
    if program is not None:
        (root / "curriculum" / "program.yaml").write_text(program, encoding="utf-8")
        (root / "curriculum" / "images").mkdir()
        (root / "curriculum" / "images" / "clinic-logo.png").write_bytes(tiny_png())
    build_site(root, strict=False, with_pdfs=with_pdfs)
    return root / "site"


@pytest.fixture(scope="module")
def branded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("branded"), BRANDED_PROGRAM)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("plain"))


# Rendering PDFs costs several seconds a site: only the PDF test builds them (outside the fast lane).
@pytest.fixture(scope="module")
def branded_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("branded-pdfs"), BRANDED_PROGRAM, with_pdfs=True)


@pytest.fixture(scope="module")
def plain_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("plain-pdfs"), with_pdfs=True)


def _handouts(site: Path) -> list[Path]:
    pages = sorted(p for p in (site / "handouts").glob("*.html") if p.name != "index.html")
    assert len(pages) == len(SESSIONS)
    return pages


def _html_lang(page: Path) -> str:
    match = re.search(r"<html[^>]*\blang=\"([^\"]+)\"", page.read_text(encoding="utf-8"))
    assert match, page
    return match.group(1)


def test_program_name_and_colour(branded: Path, plain: Path) -> None:
    assert "<title>Riverbend Recovery IOP</title>" in (branded / "index.html").read_text(encoding="utf-8")
    assert "#123456" in (branded / "assets/stylesheets/brand.css").read_text(encoding="utf-8")
    assert "#123456" not in (plain / "assets/stylesheets/brand.css").read_text(encoding="utf-8")


def test_logo_is_copied_and_shown_in_the_header(branded: Path, plain: Path) -> None:
    assert (branded / "assets/images/logo.png").read_bytes() == tiny_png()
    header = re.compile(r'class="md-header__button md-logo"[^>]*>\s*<img src="([^"]+)"')
    for page, expected in (
        (branded / "index.html", "assets/images/logo.png"),
        (_handouts(branded)[0], "../assets/images/logo.png"),
    ):
        match = header.search(page.read_text(encoding="utf-8"))
        assert match and match.group(1) == expected, page
    assert not header.search((plain / "index.html").read_text(encoding="utf-8"))


def test_local_crisis_line_and_contact_on_every_handout(branded: Path, plain: Path) -> None:
    for page in _handouts(branded):
        text = page.read_text(encoding="utf-8")
        assert LOCAL_LINE in text and LOCAL_CONTACT in text, page
        assert "Call or text 988" in text, "local lines are added to the national ones"
        assert CONTACT in text, page
    assert CONTACT in (branded / "index.html").read_text(encoding="utf-8")
    assert LOCAL_LINE not in _handouts(plain)[0].read_text(encoding="utf-8")


@pytest.mark.slow
def test_handout_pdf_is_a4_with_the_local_crisis_line(branded_pdfs: Path, plain_pdfs: Path) -> None:
    branded, plain = branded_pdfs, plain_pdfs
    for handout in _handouts(branded):
        reader = PdfReader(branded / "pdf" / "handouts" / f"{handout.stem}.pdf")
        text = " ".join((page.extract_text() or "") for page in reader.pages)
        assert LOCAL_LINE in " ".join(text.split()), handout.stem
        box = reader.pages[0].mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    letter = PdfReader(plain / "pdf" / "handouts" / f"{_handouts(plain)[0].stem}.pdf").pages[0].mediabox
    assert (round(float(letter.width)), round(float(letter.height))) == (612, 792)


def test_interface_language(branded: Path, plain: Path) -> None:
    assert _html_lang(branded / "index.html") == "es"
    assert _html_lang(_handouts(branded)[0]) == "es"
    assert _html_lang(plain / "index.html") == "en"
    assert (branded / "assets/javascripts/lunr/min/lunr.es.min.js").is_file()


def _validate_with_logo(root: Path, logo: str) -> tuple[int, str, int]:
    minimal_project(root)
    program = PROGRAM_YAML + f"branding:\n  logo: {logo}\n"
    (root / "curriculum" / "program.yaml").write_text(program, encoding="utf-8")
    done = run_cli("validate", "--root", str(root))
    line = program.splitlines().index(f"  logo: {logo}") + 1
    return done.returncode, done.stderr + done.stdout, line


@pytest.mark.parametrize(
    ("logo", "says"),
    [
        ("images/missing.png", "no file curriculum/images/missing.png"),
        ("../outside.png", "without '..'"),
        ("images/../../outside.png", "without '..'"),
        ("/etc/logo.png", "without '..'"),
    ],
)
def test_a_logo_that_is_not_in_the_curriculum_is_a_located_error(tmp_path: Path, logo: str, says: str) -> None:
    (tmp_path / "outside.png").write_bytes(tiny_png())
    code, output, line = _validate_with_logo(tmp_path / "project", logo)
    assert code == 1
    assert re.search(
        rf"^curriculum/program\.yaml:{line}:\d+: error: branding\.logo: .*{re.escape(says)}", output, re.MULTILINE
    ), output
    assert "Traceback" not in output


def test_a_logo_link_leading_outside_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(tiny_png())
    project = tmp_path / "project"
    minimal_project(project)
    (project / "curriculum" / "logo.png").symlink_to(tmp_path / "secret.png")
    (project / "curriculum" / "program.yaml").write_text(
        PROGRAM_YAML + "branding:\n  logo: logo.png\n", encoding="utf-8"
    )
    done = run_cli("validate", "--root", str(project))
    assert done.returncode == 1
    assert "branding.logo: 'logo.png' leads outside curriculum/" in done.stderr


def test_a_logo_that_is_not_an_image_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    minimal_project(project)
    (project / "curriculum" / "notes.txt").write_text("not a picture", encoding="utf-8")
    (project / "curriculum" / "program.yaml").write_text(
        PROGRAM_YAML + "branding:\n  logo: notes.txt\n", encoding="utf-8"
    )
    done = run_cli("validate", "--root", str(project))
    assert done.returncode == 1
    assert "branding.logo: 'notes.txt' is not an image" in done.stderr
