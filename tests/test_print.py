"""Printing handouts from the browser, as a facilitator does with the "Print" button.

Every handout page is printed by Chromium on US Letter and on A4: one or two sheets, none
blank, with the title and the crisis lines and none of the website around it; body text at
least 12 pt and writing lines a pen fits (at least 8 mm apart).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from generator.validate import load_and_validate

from .site_browser import CHROMIUM, chromium
from .site_server import serve_site

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"),
]

PAPERS = ("Letter", "A4")
CRISIS_NUMBERS = ("988", "1-800-662-4357")
# Text of the website around a page (skip link, search, navigation, table of contents,
# footer); none of it belongs on paper.
SITE_CHROME = (
    "Skip to content",
    "Table of contents",
    "Writing a session",
    "Reading level",
    "All modules",
    "Group types",
    "Glossary",
    "Made with",
)
SEARCH = re.compile(r"\bSearch\b")
MIN_BODY_PX = 16  # 12 pt at 96 px per inch
MIN_LINE_GAP_PX = 30  # 8 mm at 96 px per inch is 30.2 px; a pen needs that much

# Every visible piece of text in the handout with its font size, except the small footer.
TEXT_SIZES_JS = """() => {
  const walker = document.createTreeWalker(document.querySelector('article.handout'), NodeFilter.SHOW_TEXT);
  const found = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!node.textContent.trim() || element.closest('.handout-footer')) continue;
    if (element.getClientRects().length === 0) continue;
    found.push([node.textContent.trim().slice(0, 40), parseFloat(getComputedStyle(element).fontSize)]);
  }
  return found;
}"""
HEIGHTS_JS = "(selector) => [...document.querySelectorAll(selector)].map(e => e.getBoundingClientRect().height)"


def _squeeze(text: str) -> str:
    """Text without whitespace: a title or phone number may wrap onto the next line."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def handout_titles(shipped_site: Path) -> dict[str, str]:
    """{page path in the site: handout title}, for every handout page."""
    result = load_and_validate(shipped_site.parent)
    assert result.curriculum is not None
    titles = {f"handouts/{e.id}.html": e.session.handout.title for e in result.curriculum.sessions}
    on_disk = {f"handouts/{p.name}" for p in (shipped_site / "handouts").glob("*.html") if p.name != "index.html"}
    assert on_disk == set(titles), "a handout page is missing, or a page has no session"
    return titles


@pytest.fixture(scope="module")
def site(shipped_site: Path) -> Iterator[tuple[Any, str]]:
    """A Chromium window at desktop size and the site's address over http on 127.0.0.1."""
    with serve_site(shipped_site, prefix="/") as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        yield context, base
        context.close()


@pytest.fixture
def browser_page(site: tuple[Any, str]) -> Iterator[tuple[Any, str]]:
    """A fresh tab, so that one test's media emulation never leaks into another's."""
    context, base = site
    page = context.new_page()
    yield page, base
    page.close()


def _print(page: Any, paper: str) -> PdfReader:
    return PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True, prefer_css_page_size=False)))


def _chrome_on_paper(text: str) -> list[str]:
    found = [phrase for phrase in SITE_CHROME if phrase in text]
    return found + (["Search"] if SEARCH.search(text) else [])


def test_every_handout_prints_on_one_or_two_pages_with_its_content_only(
    browser_page: tuple[Any, str],
    handout_titles: dict[str, str],
) -> None:
    page, base = browser_page
    problems: list[str] = []
    pages_used: dict[str, list[int]] = {paper: [] for paper in PAPERS}
    for path, title in sorted(handout_titles.items()):
        page.goto(base + path)
        for paper in PAPERS:
            sheets = _print(page, paper).pages
            texts = [sheet.extract_text() for sheet in sheets]
            text = "\n".join(texts)
            pages_used[paper].append(len(sheets))
            where = f"{path} on {paper}"
            if not 1 <= len(sheets) <= 2:
                problems.append(f"{where}: {len(sheets)} pages")
            if not texts[-1].strip():
                problems.append(f"{where}: the last page is blank")
            for needed in (title, *CRISIS_NUMBERS):
                if _squeeze(needed) not in _squeeze(text):
                    problems.append(f"{where}: '{needed}' is not on paper")
            problems += [f"{where}: site text '{chrome}' is on paper" for chrome in _chrome_on_paper(text)]
    assert problems == []
    assert all(pages_used[paper] for paper in PAPERS)


def test_handout_body_text_is_at_least_12pt_and_lines_fit_a_pen(
    browser_page: tuple[Any, str],
    handout_titles: dict[str, str],
) -> None:
    page, base = browser_page
    page.emulate_media(media="print")
    problems: list[str] = []
    lines_seen = 0
    for path in sorted(handout_titles):
        page.goto(base + path)
        sizes = page.evaluate(TEXT_SIZES_JS)
        assert sizes, f"{path}: no text in the handout"
        problems += [f"{path}: '{text}' is {size}px" for text, size in sizes if size < MIN_BODY_PX]
        for selector in (".handout li", ".handout p"):
            assert page.locator(selector).count() > 0, f"{path}: no {selector}"
        for selector in (".ws-line", ".ws-table td"):
            heights = page.evaluate(HEIGHTS_JS, selector)
            lines_seen += len(heights)
            problems += [f"{path}: {selector} is {h:.1f}px high" for h in heights if h < MIN_LINE_GAP_PX]
    assert problems == []
    assert lines_seen > 0, "no handout has writing lines or a table to fill in"


def test_lesson_plan_prints_without_the_website(browser_page: tuple[Any, str], shipped_site: Path) -> None:
    page, base = browser_page
    result = load_and_validate(shipped_site.parent)
    assert result.curriculum is not None
    entry = result.curriculum.sessions[0]
    page.goto(f"{base}modules/{entry.module_id}/{entry.id}.html")
    text = "\n".join(sheet.extract_text() for sheet in _print(page, "Letter").pages)
    assert _squeeze(entry.session.title) in _squeeze(text)
    assert "988" in text
    assert _chrome_on_paper(text) == []
