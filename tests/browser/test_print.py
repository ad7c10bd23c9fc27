"""Printing from the browser: paper shows the handout or plan, not the website around it."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import expect

from generator.model import SessionEntry

from ..helpers import REPO
from .support import BROWSER, DESKTOP, PAGE_TYPES, SCREENSHOTS, PageOpener

pytestmark = BROWSER

# The website around the content; none of it belongs on paper.
SITE_CHROME = {
    "header": ".md-header",
    "navigation": ".md-sidebar--primary",
    "table of contents": ".md-sidebar--secondary",
    "search": ".md-search",
    "footer": ".md-footer",
}
README_IMAGES = REPO / "docs" / "images"
README_IMAGE_MAX_BYTES = 150_000


@pytest.mark.parametrize("name", ["handout", "lesson-plan"])
def test_printing_hides_the_site_and_keeps_the_content(open_page: PageOpener, name: str) -> None:
    page = open_page(PAGE_TYPES[name], DESKTOP)
    expect(page.locator(".md-header")).to_be_visible()
    expect(page.locator(".md-search__form")).to_be_visible()
    if name == "lesson-plan":
        expect(page.locator(".md-sidebar--primary")).to_be_visible()

    page.emulate_media(media="print")
    for what, selector in SITE_CHROME.items():
        for element in page.locator(selector).all():
            assert element.is_hidden(), f"the {what} ({selector}) shows when {name} is printed"
    expect(page.locator("article h1").first).to_be_visible()
    expect(page.locator(".crisis-lines")).to_be_visible()
    expect(page.locator(".crisis-lines")).to_contain_text("988")


def _pdf_to_png(pdf: bytes, target: Path) -> None:
    source = target.with_suffix(".pdf")
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(source), str(target.with_suffix(""))],
        check=True,
        capture_output=True,
        timeout=60,
    )
    source.unlink()


def _fewer_colours(picture: Path) -> None:
    """Text and flat colours need few shades; 64 keep a screenshot sharp at a third of the bytes."""
    with Image.open(picture) as image:
        small = image.convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    small.save(picture, optimize=True)


def test_readme_pictures(open_page: PageOpener, session_entry: SessionEntry) -> None:
    """The lesson plan as seen on a desktop and the handout as printed, small enough for the README.

    Written to screenshots/; with UPDATE_README_IMAGES=1 also to docs/images/, which the README shows.
    """
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is missing (apt-get install poppler-utils)")
    SCREENSHOTS.mkdir(exist_ok=True)
    lesson_plan = SCREENSHOTS / "readme-lesson-plan.png"
    handout = SCREENSHOTS / "readme-handout-print.png"

    page = open_page(f"modules/{session_entry.module_id}/{session_entry.id}.html", DESKTOP)
    page.screenshot(path=str(lesson_plan))
    _fewer_colours(lesson_plan)
    page.goto(f"{open_page.site_url}handouts/{session_entry.id}.html")
    _pdf_to_png(page.pdf(format="Letter"), handout)

    for picture in (lesson_plan, handout):
        assert 0 < picture.stat().st_size < README_IMAGE_MAX_BYTES, f"{picture.name}: too big for the README"
    if os.environ.get("UPDATE_README_IMAGES") == "1":
        README_IMAGES.mkdir(parents=True, exist_ok=True)
        shutil.copy(lesson_plan, README_IMAGES / "lesson-plan.png")
        shutil.copy(handout, README_IMAGES / "handout-print.png")
