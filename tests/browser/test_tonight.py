"""The "Tonight" / "Next group" box, computed in the browser from the dates in the page.

The site is opened from its folder (file://), as a clinic without internet would use it,
and the browser's clock is set to a fixed moment for each case.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from generator.build import build_site

from ..helpers import DATED_SCHEDULE, build_file_tree, minimal_files, with_schedule
from .support import BROWSER

pytestmark = BROWSER

ZONE = "America/Chicago"


@pytest.fixture(scope="module")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    files = minimal_files(session_ids=("first-session", "second-session"))
    files["curriculum/program.yaml"] = with_schedule(str(files["curriculum/program.yaml"]), DATED_SCHEDULE)
    root = build_file_tree(tmp_path_factory.mktemp("tonight"), files)
    build_site(root, with_pdfs=False)
    return root / "site"


@pytest.fixture
def at_time(chromium_browser: Any, dated_site: Path) -> Iterator[Any]:
    """Open a page of the dated site from its folder with the clock fixed at a moment."""
    contexts: list[Any] = []

    def open_at(page_path: str, moment: datetime) -> Any:
        context = chromium_browser.new_context(timezone_id=ZONE, locale="en-US")
        contexts.append(context)
        page = context.new_page()
        page.clock.set_fixed_time(moment)
        page.goto((dated_site / page_path).as_uri())
        return page

    yield open_at
    for context in contexts:
        context.close()


def _moment(*args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(ZONE))  # type: ignore[misc]


@pytest.mark.parametrize("page_path", ["index.html", "schedule.html"])
def test_on_a_group_day_the_box_shows_tonights_groups(at_time: Any, page_path: str) -> None:
    page = at_time(page_path, _moment(2026, 1, 5, 16, 0))
    box = page.locator("#tonight")
    expect(box).to_be_visible()
    expect(box.locator(".admonition-title")).to_have_text("Tonight")
    items = box.locator("li")
    expect(items).to_have_count(2)
    expect(items.nth(0)).to_contain_text("17:30–19:00 First session (Coping)")
    expect(items.nth(1)).to_contain_text("19:15–20:15 Process group")
    box.get_by_role("link", name="First session").click()
    expect(page.locator("h1")).to_contain_text("First session")
    assert page.url.endswith("/modules/coping/first-session.html")


def test_after_the_last_group_of_the_day_the_next_open_day_is_shown(at_time: Any) -> None:
    # Monday 21:00: Wednesday is closed, so the next group is on Thursday.
    page = at_time("index.html", _moment(2026, 1, 5, 21, 0))
    box = page.locator("#tonight")
    expect(box.locator(".admonition-title")).to_have_text("Next group: Thursday, January 8")
    expect(box.locator("li").first).to_contain_text("Second session")
    box.get_by_role("link", name="Handout").first.click()
    expect(page.locator("h1")).to_contain_text("Second session")


def test_on_a_closed_day_the_box_says_so(at_time: Any) -> None:
    page = at_time("schedule.html", _moment(2026, 1, 7, 12, 0))
    expect(page.locator("#tonight .admonition-title")).to_have_text(
        "Closed: Staff training today. Next group: Thursday, January 8"
    )


def test_before_and_after_the_cycle(at_time: Any) -> None:
    before = at_time("index.html", _moment(2025, 12, 20, 9, 0))
    expect(before.locator("#tonight .admonition-title")).to_have_text("Next group: Monday, January 5")
    after = at_time("index.html", _moment(2026, 3, 1, 9, 0))
    expect(after.locator("#tonight .admonition-title")).to_have_text(
        "This cycle's last group was on Thursday, January 15"
    )
    expect(after.locator("#tonight li")).to_have_count(0)
