"""The type family ships with the package: the site serves it, and every PDF is set in it,
so a handout prints the same on a machine with no other fonts at all."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import fonts
from generator.build import build_site
from generator.pdf import is_package_font

from .helpers import minimal_project

FAMILY_IN_PDF = "Atkinson-Hyperlegible"
_FONT_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdffonts") is None or shutil.which("pdftotext") is None,
    reason="needs poppler-utils (pdffonts, pdftotext)",
)


def test_the_package_has_the_four_styles_of_the_family() -> None:
    styles = {(f.weight, f.style) for f in fonts.font_files()}
    assert styles == {(400, "normal"), (400, "italic"), (700, "normal"), (700, "italic")}
    assert all(f.path.read_bytes()[:4] in (b"\x00\x01\x00\x00", b"true", b"OTTO") for f in fonts.font_files())
    assert b"SIL Open Font License" in fonts.licence_text()


def test_the_pdf_renderer_may_open_the_font_files_and_nothing_else(tmp_path: Path) -> None:
    font = fonts.font_files()[0].path
    assert is_package_font(font.as_uri())
    folder = font.parent
    refused = [
        (folder.parent / "LICENSE").as_uri(),  # beside the fonts, but not a font
        (folder.parent / "metadata.json").as_uri(),
        font.as_uri().replace(font.name, f"../{font.name}"),  # a way out of the folder
        font.as_uri().replace(font.name, "../metadata.json"),
        "file:///etc/passwd",
        "https://fonts.example/" + font.name,
        "data:font/ttf;base64,AAAA",
    ]
    copy = tmp_path / font.name
    copy.write_bytes(font.read_bytes())
    refused.append(copy.as_uri())  # the same bytes elsewhere on disk
    assert [url for url in refused if is_package_font(url)] == []


def test_only_the_sites_own_font_addresses_are_pointed_at_the_package() -> None:
    name = fonts.font_files()[0].path.name
    css = f'a {{ src: url("../fonts/{name}"); }} b {{ src: url(../fonts/Other.ttf); }}'
    rewritten = fonts.for_pdf(css)
    assert fonts.font_files()[0].path.as_uri() in rewritten
    assert "url(../fonts/Other.ttf)" in rewritten


def test_the_site_serves_the_font_files_its_stylesheet_names(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    build_site(root, with_pdfs=False)
    site = root / "site"
    stylesheets = site / "assets" / "stylesheets"
    css = (stylesheets / "curriculum.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\s*{[^}]*}", css)
    assert len(faces) == 4 and all(fonts.FAMILY in face for face in faces)
    urls = [url for face in faces for url in _FONT_URL.findall(face)]
    assert urls and not [url for url in urls if "://" in url or url.startswith("//")]
    served = {(stylesheets / url).resolve() for url in urls}
    assert all(path.is_file() for path in served), served
    assert {path.read_bytes() for path in served} == {f.path.read_bytes() for f in fonts.font_files()}
    assert (site / fonts.SITE_FONTS / fonts.LICENCE_NAME).read_bytes() == fonts.licence_text()
    assert f'--md-text-font: "{fonts.FAMILY}"' in css  # Material's text font


def _pdf_fonts(pdf: Path) -> set[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return {line.split()[0].split("+")[-1] for line in out.splitlines()[2:] if line.strip()}


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def _no_fonts_environment(tmp_path: Path) -> dict[str, str]:
    """The environment of a machine with no fonts: fontconfig reads a configuration with no folder."""
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": str(tmp_path)}
    env.pop("FONTCONFIG_PATH", None)
    return env


@pytest.mark.slow
@needs_poppler
def test_pdfs_are_the_same_on_a_machine_without_fonts(tmp_path: Path) -> None:
    env = _no_fonts_environment(tmp_path)
    if shutil.which("fc-list"):
        listed = subprocess.run(["fc-list"], env=env, capture_output=True, text=True, check=True).stdout
        assert listed.strip() == "", "the empty font configuration still finds fonts"
    built = {}
    for name, environment in (("usual", dict(os.environ)), ("no-fonts", env)):
        root = minimal_project(tmp_path / name, session_ids=("first-session", "second-session"))
        result = subprocess.run(
            [sys.executable, "-m", "generator.cli", "build", "--root", str(root)],
            env=environment,
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, result.stderr[-2000:]
        pdfs = sorted((root / "site" / "pdf").rglob("*.pdf"))
        built[name] = {p.relative_to(root / "site").as_posix(): p for p in pdfs}
    usual, bare = built["usual"], built["no-fonts"]
    assert usual and set(usual) == set(bare)
    problems = []
    for name in usual:
        a, b = _pages(usual[name]), _pages(bare[name])
        if len(a) != len(b):
            problems.append(f"{name}: {len(a)} pages with the machine's fonts, {len(b)} without")
        elif a != b:
            problems.append(f"{name}: the lines break differently without the machine's fonts")
        for pdf in (usual[name], bare[name]):
            others = {font for font in _pdf_fonts(pdf) if not font.startswith(FAMILY_IN_PDF)}
            if others:
                problems.append(f"{name}: uses {sorted(others)} besides {fonts.FAMILY}")
    assert problems == []
