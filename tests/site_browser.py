"""Debian's chromium, headless, shared by every browser test in the run."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
_NO_CHROMIUM = pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)")


def browser_test(test: Any) -> Any:
    """Mark a test as needing Debian's chromium; it is skipped, with the reason, without it."""
    return pytest.mark.browser(_NO_CHROMIUM(test))


class _Shared:
    """One Playwright and one browser for every user at once: the sync API allows one per thread."""

    users = 0
    playwright: Any = None
    browser: Any = None


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's chromium, started on first use and closed when its last user is done."""
    from playwright.sync_api import sync_playwright

    if _Shared.users == 0:
        playwright = sync_playwright().start()
        try:
            _Shared.browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
        except BaseException:
            playwright.stop()
            raise
        _Shared.playwright = playwright
    _Shared.users += 1
    try:
        yield _Shared.browser
    finally:
        _Shared.users -= 1
        if _Shared.users == 0:
            _Shared.browser.close()
            _Shared.playwright.stop()
            _Shared.browser = _Shared.playwright = None


def search(page: Any, query: str) -> Any:
    """Type into Material's search box as a visitor does; returns the result items locator."""
    page.keyboard.press("s")  # Material's shortcut that opens the search box
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    box.press_sequentially(query, delay=20)  # Material reacts to key presses, not to a filled value
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15000)
    return results
