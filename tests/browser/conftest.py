"""One web server and one browser for the whole run; a fresh browser tab per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.model import Curriculum, SessionEntry
from generator.validate import load_and_validate

from ..helpers import REPO
from ..site_browser import CHROMIUM, chromium
from ..site_server import serve_site
from .support import MODULE_ID, SESSION_ID, PageOpener, find_session

# Search results wait for the search index; give a busy machine time.
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def site_url(shipped_site: Path) -> Iterator[str]:
    """The built site over http on 127.0.0.1, under a subpath as GitHub Pages serves it."""
    with serve_site(shipped_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[Any]:
    """Debian's chromium, headless, started once for the whole run."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    with chromium() as browser:
        yield browser


@pytest.fixture
def open_page(chromium_browser: Any, site_url: str) -> Iterator[PageOpener]:
    opener = PageOpener(chromium_browser, site_url)
    yield opener
    opener.close()


@pytest.fixture(scope="session")
def shipped_curriculum() -> Curriculum:
    """The shipped curriculum as the generator reads it: titles the pages must show."""
    result = load_and_validate(REPO)
    assert result.curriculum is not None, "the shipped curriculum does not validate"
    return result.curriculum


@pytest.fixture(scope="session")
def session_entry(shipped_curriculum: Curriculum) -> SessionEntry:
    """The session the navigation and print tests walk to."""
    return find_session(shipped_curriculum, MODULE_ID, SESSION_ID)
