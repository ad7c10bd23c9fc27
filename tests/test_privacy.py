"""Private by default: viewing the site asks no host but its own for anything.

A browser opens each page type from a local server, runs a search, and every
request it makes is recorded; none may leave 127.0.0.1. A static check backs it
up for every built file: no Google Fonts, no script or stylesheet from elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from .site_browser import browser_test, chromium, search
from .site_server import serve_site

THIRD_PARTY_FONTS = ("fonts.googleapis", "fonts.gstatic")
# A tag that makes the browser fetch something as soon as the page loads.
LOADED = re.compile(
    r"""<(?:script|img|iframe|source)\b[^>]*\bsrc=["']([^"']+)["']"""
    r"""|<link\b[^>]*\bhref=["']([^"']+)["']""",
    re.IGNORECASE,
)


def page_types(site: Path) -> dict[str, str]:
    """One page of each kind, found in the built site rather than named by hand."""
    module = sorted(p for p in (site / "modules").iterdir() if p.is_dir())[0]
    plan = sorted(p for p in module.glob("*.html") if p.name != "index.html")[0]
    return {
        "home": "index.html",
        "schedule": "schedule.html",
        "module": f"modules/{module.name}/index.html",
        "lesson plan": f"modules/{module.name}/{plan.name}",
        "handout": f"handouts/{plan.name}",
        "tags": "tags/index.html",
        "glossary": "glossary.html",
        "writing a session": "writing-a-session.html",
    }


def _leaks(urls: list[str], host: str) -> list[str]:
    """Requests for anything that is not on the site's own host (data: and blob: stay local)."""
    return [
        url for url in urls if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != host
    ]


@pytest.fixture(scope="module")
def visits(shipped_site: Path) -> Iterator[dict[str, list[str]]]:
    """Every request made while opening each page type, and while searching, by page type."""
    recorded: dict[str, list[str]] = {}
    with serve_site(shipped_site) as base, chromium() as browser:
        host = urlsplit(base).netloc

        def visit(name: str, action: Any) -> None:
            context = browser.new_context()
            requests: list[str] = []
            context.on("request", lambda request: requests.append(request.url))
            # Nothing may leave the machine even if a page asks: the request is still recorded.
            context.route(
                "**/*", lambda route: route.continue_() if urlsplit(route.request.url).netloc == host else route.abort()
            )
            page = context.new_page()
            action(page)
            page.wait_for_load_state("networkidle")
            recorded[name] = requests
            context.close()

        for name, path in page_types(shipped_site).items():
            visit(name, lambda page, path=path: page.goto(base + path, wait_until="networkidle"))

        def search_and_open(page: Any) -> None:
            page.goto(base + "index.html", wait_until="networkidle")
            results = search(page, "craving")
            results.first.locator("a").first.click()

        visit("search", search_and_open)
        yield recorded


@pytest.mark.parametrize(
    "page_type",
    ["home", "schedule", "module", "lesson plan", "handout", "tags", "glossary", "writing a session", "search"],
)
@browser_test
def test_no_request_leaves_the_site(visits: dict[str, list[str]], page_type: str) -> None:
    requests = visits[page_type]
    host = urlsplit(requests[0]).netloc
    assert host.startswith("127.0.0.1:")
    assert len(requests) > 3, "the page loaded no stylesheets or scripts at all"
    assert not _leaks(requests, host), f"{page_type} asked other hosts for: {_leaks(requests, host)}"


@browser_test
def test_search_loads_its_index_from_the_site(visits: dict[str, list[str]]) -> None:
    paths = [urlsplit(url).path for url in visits["search"]]
    assert any("search_index" in path for path in paths)
    assert any("/workers/search" in path for path in paths)


def _built_text_files(site: Path) -> list[Path]:
    return [p for p in site.rglob("*") if p.suffix in (".html", ".css", ".js") and p.is_file()]


def test_no_file_mentions_google_fonts(shipped_site: Path) -> None:
    files = _built_text_files(shipped_site)
    assert len(files) > 100
    found = [
        f"{p.relative_to(shipped_site)}: {name}"
        for p in files
        for name in THIRD_PARTY_FONTS
        if name in p.read_text(encoding="utf-8", errors="replace")
    ]
    assert not found


def test_pages_load_scripts_and_styles_only_from_the_site(shipped_site: Path) -> None:
    remote = []
    for page in shipped_site.rglob("*.html"):
        for match in LOADED.finditer(page.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                remote.append(f"{page.relative_to(shipped_site)}: {url}")
    assert not remote, "pages load from other hosts:\n" + "\n".join(remote[:10])
