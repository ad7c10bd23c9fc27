"""Each page type on a phone and on a desktop: readable, no sideways scrolling, accessible."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from .support import BROWSER, PAGE_TYPES, SCREENSHOTS, SIZES, PageOpener, Size, serious_violations

pytestmark = BROWSER

CASES = [pytest.param(name, size, id=f"{name}-{size.name}") for name in PAGE_TYPES for size in SIZES]

# Elements sticking out past the right edge of the window, for the failure message.
WIDER_THAN_WINDOW = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .filter(e => !e.closest('.md-typeset__scrollwrap, [hidden]'))
  .slice(0, 5)
  .map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : ''))"""


@pytest.mark.parametrize(("name", "size"), CASES)
def test_page_shows_its_content_without_sideways_scrolling(open_page: PageOpener, name: str, size: Size) -> None:
    page = open_page(PAGE_TYPES[name], size)
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{size.name}.png"), full_page=True)

    assert page.locator("article.md-content__inner").is_visible(), "the main content is not visible"
    assert page.locator("article.md-content__inner h1").first.is_visible(), "the page title is not visible"
    widths: dict[str, int] = page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, window: window.innerWidth})"
    )
    assert widths["window"] == size.width
    assert widths["scroll"] <= widths["window"], (
        f"{PAGE_TYPES[name]} is {widths['scroll']}px wide in a {size.width}px window; "
        f"too wide: {page.evaluate(WIDER_THAN_WINDOW)}"
    )
    assert open_page.foreign_requests == [], "the page asked for something outside the site"


@pytest.mark.parametrize(("name", "size"), CASES)
def test_page_has_no_serious_accessibility_problem(open_page: PageOpener, name: str, size: Size) -> None:
    page = open_page(PAGE_TYPES[name], size)
    results: Any = Axe().run(page)
    problems = serious_violations(results.response)
    assert problems == [], f"{PAGE_TYPES[name]} at {size.width}px:\n" + "\n".join(problems)
