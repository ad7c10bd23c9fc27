"""The built site works under a project subpath, as GitHub Pages serves it at /<repo>/.

Every page is crawled from the home page over HTTP; every link, stylesheet,
script, image and download on the site's own host must answer 200, and every
#anchor must exist on its page.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

import pytest

from .site_server import PREFIX, serve_site

REFERENCES = {"a": "href", "link": "href", "script": "src", "img": "src", "iframe": "src", "source": "src"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class _Page(HTMLParser):
    """The references and the element ids of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if tag in REFERENCES and values.get(REFERENCES[tag]):
            self.refs.append((tag, values[REFERENCES[tag]]))
        for name in ("id", "name"):
            if name in values:
                self.ids.add(values[name])


@dataclass
class Crawl:
    """What a crawl found: pages with their links, each URL's status, and problems."""

    pages: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    status: dict[str, int] = field(default_factory=dict)
    ids: dict[str, set[str]] = field(default_factory=dict)
    broken: list[str] = field(default_factory=list)


def _fetch(url: str, method: str = "GET") -> tuple[int, bytes, str]:
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), response.headers.get_content_type()
    except urllib.error.HTTPError as error:
        return error.code, b"", ""


def _is_page(url: str) -> bool:
    path = urlsplit(url).path
    return path.endswith((".html", "/"))


def crawl(start: str) -> Crawl:
    """Breadth-first over the site's own pages; assets are fetched once each."""
    host = urlsplit(start).netloc
    result = Crawl()
    queue = [start]
    fragments: list[tuple[str, str, str]] = []  # (from page, target page, fragment)
    while queue:
        url = queue.pop(0)
        if url in result.status:
            continue
        status, body, kind = _fetch(url, "GET" if _is_page(url) or url.endswith(".css") else "HEAD")
        result.status[url] = status
        if status != 200:
            continue
        if kind == "text/html":
            parser = _Page()
            parser.feed(body.decode("utf-8"))
            result.pages[url] = parser.refs
            result.ids[url] = parser.ids
            refs = [ref for _, ref in parser.refs]
        elif kind == "text/css":
            refs = CSS_URL.findall(body.decode("utf-8"))
        else:
            continue
        for ref in refs:
            absolute, fragment = urldefrag(urljoin(url, ref))
            parts = urlsplit(absolute)
            if parts.scheme not in ("http", "https") or parts.netloc != host:
                continue  # mailto:, tel:, data: and other sites are not part of this site
            if not parts.path.startswith(PREFIX):
                result.broken.append(f"{url}: '{ref}' leaves the site's subpath {PREFIX}")
                continue
            if fragment and _is_page(absolute):
                fragments.append((url, absolute, unquote(fragment)))
            if absolute not in result.status:
                queue.append(absolute)
    for url, status in result.status.items():
        if status != 200:
            sources = [
                page
                for page, refs in result.pages.items()
                if any(urldefrag(urljoin(page, ref))[0] == url for _, ref in refs)
            ]
            result.broken.append(f"{url} answered {status} (linked from {', '.join(sources[:3])})")
    for page, target, fragment in fragments:
        if target in result.ids and fragment not in result.ids[target]:
            result.broken.append(f"{page}: link to '#{fragment}' on {target}, which has no such id")
    return result


@pytest.fixture(scope="module")
def served(shipped_site: Path) -> Iterator[str]:
    with serve_site(shipped_site) as base:
        yield base


@pytest.fixture(scope="module")
def site_crawl(served: str) -> Crawl:
    return crawl(served + "index.html")


def test_the_server_refuses_paths_outside_the_subpath(served: str) -> None:
    root = served[: -len(PREFIX)]
    assert _fetch(root + "/index.html")[0] == 404
    assert _fetch(served + "index.html")[0] == 200


def test_every_page_is_reached_and_nothing_is_broken(site_crawl: Crawl, shipped_site: Path) -> None:
    built_pages = {p.relative_to(shipped_site).as_posix() for p in shipped_site.rglob("*.html")}
    crawled = {urlsplit(url).path[len(PREFIX) :] for url in site_crawl.pages}
    assert not site_crawl.broken, "\n".join(site_crawl.broken)
    assert built_pages - crawled <= {"404.html"}, "pages no link leads to"


def test_pages_load_their_stylesheets_scripts_and_images(site_crawl: Crawl) -> None:
    kinds = {tag for refs in site_crawl.pages.values() for tag, _ in refs}
    assets = [url for url in site_crawl.status if url.endswith((".css", ".js"))]
    assert {"a", "link", "script"} <= kinds
    assert any(url.endswith("brand.css") for url in assets)
    assert all(site_crawl.status[url] == 200 for url in assets)


def _links_from(crawl_result: Crawl, page_url: str) -> set[str]:
    return {urldefrag(urljoin(page_url, ref))[0] for tag, ref in crawl_result.pages[page_url] if tag == "a"}


def test_every_handout_page_links_its_pdfs(site_crawl: Crawl, served: str, shipped_site: Path) -> None:
    handouts = sorted(p.stem for p in (shipped_site / "handouts").glob("*.html") if p.stem != "index")
    assert handouts
    for handout in handouts:
        page = f"{served}handouts/{handout}.html"
        links = _links_from(site_crawl, page)
        for pdf in (f"pdf/handouts/{handout}.pdf", f"pdf/handouts/{handout}-large-print.pdf"):
            assert served + pdf in links, f"{page} does not link {pdf}"
            assert site_crawl.status[served + pdf] == 200


def test_home_page_links_the_workbook_the_guide_and_the_zip(site_crawl: Crawl, served: str) -> None:
    links = _links_from(site_crawl, served + "index.html")
    for download in ("pdf/participant-workbook.pdf", "pdf/facilitator-guide.pdf", "downloads/curriculum-site.zip"):
        assert served + download in links, f"the home page does not link {download}"
        status, body, _ = _fetch(served + download)
        assert status == 200 and len(body) > 1000, download
