"""Offline: the site works opened from a folder (file://), search included, and as a zip."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .site_browser import browser_test, chromium, search

ZIP = "downloads/curriculum-site.zip"
FOLDER = "curriculum-site"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as started:
        yield started


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    yield context.new_page()
    context.close()


def _search_and_open(page: Any, index: Path) -> None:
    page.goto(index.as_uri())
    results = search(page, "craving")
    assert results.count() >= 1
    title = results.first.locator("h1, h2").first.inner_text()
    results.first.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://")
    assert page.url.split("?")[0] != index.as_uri(), "clicking a result did not open its page"
    assert title.strip() in page.locator("article").first.inner_text()


def test_the_offline_plugin_is_on(shipped_site: Path) -> None:
    """Material's offline plugin inlines the search index so search needs no server."""
    index_js = shipped_site / "search" / "search_index.js"
    assert index_js.is_file() and index_js.read_text(encoding="utf-8").startswith("var __index")


@browser_test
def test_search_works_from_a_folder(page: Any, shipped_site: Path) -> None:
    _search_and_open(page, shipped_site / "index.html")


def test_the_zip_holds_the_whole_site(shipped_site: Path) -> None:
    handouts = sorted(p.relative_to(shipped_site).as_posix() for p in (shipped_site / "handouts").glob("*.html"))
    with zipfile.ZipFile(shipped_site / ZIP) as archive:
        names = set(archive.namelist())
        assert archive.testzip() is None
    assert f"{FOLDER}/index.html" in names
    assert f"{FOLDER}/search/search_index.js" in names
    assert len(handouts) > 1 and {f"{FOLDER}/{h}" for h in handouts} <= names
    assert f"{FOLDER}/pdf/participant-workbook.pdf" in names
    assert f"{FOLDER}/{ZIP}" not in names, "the zip must not hold itself"


@browser_test
def test_the_unzipped_site_works_from_a_folder(page: Any, shipped_site: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(shipped_site / ZIP) as archive:
        archive.extractall(tmp_path)
    index = tmp_path / FOLDER / "index.html"
    page.goto(index.as_uri())
    page.locator("a[href$='handouts/index.html']").first.click()
    page.wait_for_load_state()
    assert page.url == (tmp_path / FOLDER / "handouts" / "index.html").as_uri()
    assert page.locator("article a[href$='.html']").count() > 1
    _search_and_open(page, index)
