"""`curriculum serve` rebuilds only what an edit changed, and still shows the whole site right:
search lists each page once with its new text, and a renamed session leaves no old page."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .helpers import minimal_project
from .test_serve import _fetch, _serving, _wait_for

SESSIONS = ("first-session", "second-session")
FIRST = "curriculum/coping/01-first-session.yaml"
SECOND = "curriculum/coping/02-second-session.yaml"
OLD_PURPOSE = "purpose: Learn one skill and use it this week."


def _search_entries(base: str) -> list[dict[str, str]]:
    return list(json.loads(_fetch(f"{base}/search/search_index.json"))["docs"])


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_an_edit_updates_its_pages_and_the_search_index_once(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, session_ids=SESSIONS)
    with _serving(root, tmp_path / "serve.log") as url:
        base = url.rsplit("/handouts/", 1)[0]
        assert _wait_for(url, "Learn one skill and use it this week."), "server did not start"
        for number, path in enumerate((FIRST, SECOND, FIRST), start=1):
            session = root / path
            new = f"purpose: Edited purpose number {number}."
            session.write_text(
                session.read_text()
                .replace(OLD_PURPOSE, new)
                .replace(f"purpose: Edited purpose number {number - 2}.", new),
                encoding="utf-8",
            )
            page = url.replace("first-session", Path(path).stem[3:])
            assert _wait_for(page, f"Edited purpose number {number}."), f"edit {number} was not rebuilt"
        entries = _search_entries(base)
        pages = [e["location"] for e in entries if "#" not in e["location"]]
        assert sorted(set(pages)) == sorted(pages), "a page is listed twice in the search index"
        texts = " ".join(e["text"] for e in entries)
        assert "Edited purpose number 3." in texts and "Edited purpose number 1." not in texts
        assert "Edited purpose number 2." in texts, "the other session's edit left the index"
        assert "Test Program" in _fetch(f"{base}/index.html"), "an unchanged page is still served"


def test_a_renamed_session_leaves_no_old_page(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, session_ids=SESSIONS)
    with _serving(root, tmp_path / "serve.log") as url:
        base = url.rsplit("/handouts/", 1)[0]
        old = f"{base}/modules/coping/second-session.html"
        assert _wait_for(old, "Second session"), "server did not start"
        session = root / SECOND
        session.write_text(
            session.read_text()
            .replace("second-session", "renamed-session")
            .replace("title: Second session", "title: Renamed session"),
            encoding="utf-8",
        )
        session.rename(root / "curriculum/coping/02-renamed-session.yaml")
        assert _wait_for(f"{base}/modules/coping/renamed-session.html", "Renamed session")
        assert _wait_for(f"{base}/modules/coping/index.html", "Renamed session"), "the module page kept the old list"
        assert _status(old) == 404
        assert not [e for e in _search_entries(base) if "second-session" in e["location"]]


# A live server: outside the fast lane.
pytestmark = pytest.mark.slow
