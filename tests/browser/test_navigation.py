"""A facilitator finds tonight's handout by clicking, and finds a session by searching."""

from __future__ import annotations

import re
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from generator.model import Curriculum, SessionEntry

from ..helpers import REPO
from .support import BROWSER, DESKTOP, MODULE_ID, PHONE, SIZES, PageOpener, Size, find_session, serious_violations

pytestmark = BROWSER

BY_SIZE = [pytest.param(size, id=size.name) for size in SIZES]


def primary_navigation(page: Any, size: Size) -> Any:
    """The site navigation: the left sidebar on a desktop, the menu drawer on a phone."""
    if size is DESKTOP:
        return page.locator(".md-sidebar--primary")
    page.locator("label.md-header__button[for='__drawer']").click()
    drawer = page.locator("nav.md-nav--primary")
    drawer.locator("label.md-nav__link").filter(has_text=re.compile(r"^\s*Modules\s*$")).click()
    return drawer


@pytest.mark.parametrize("size", BY_SIZE)
def test_clicks_lead_from_home_to_a_handout(
    open_page: PageOpener,
    session_entry: SessionEntry,
    shipped_curriculum: Curriculum,
    size: Size,
) -> None:
    page = open_page("index.html", size)
    module = next(m for m in shipped_curriculum.modules if m.id == MODULE_ID)

    primary_navigation(page, size).get_by_role("link", name=module.module.title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/modules/{MODULE_ID}/index\.html$"))
    expect(page.locator("h1")).to_contain_text(module.module.title)

    page.locator("article").get_by_role("link", name=session_entry.session.title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/modules/{MODULE_ID}/{session_entry.id}\.html$"))
    expect(page.locator("h1")).to_contain_text(session_entry.session.title)

    page.get_by_role("link", name="Participant handout").click()
    expect(page).to_have_url(re.compile(rf"/handouts/{session_entry.id}\.html$"))
    expect(page.locator("article h1")).to_contain_text(session_entry.session.handout.title)
    expect(page.locator("article h1")).to_be_in_viewport()


def search(page: Any, size: Size, query: str) -> Any:
    """Type into Material's search box as a person would; returns the results panel."""
    if size is PHONE:
        page.locator("label.md-header__button[for='__search']").click()
    box = page.locator(".md-search__input")
    box.click()
    box.press_sequentially(query)
    results = page.locator(".md-search-result")
    expect(results.locator(".md-search-result__link").first).to_be_visible()
    return results


def _queries() -> list[Any]:
    """Search by a session's own title words: the first session, and the last one."""
    from generator.validate import load_and_validate

    curriculum = load_and_validate(REPO).curriculum
    if curriculum is None:
        return []
    chosen = {curriculum.sessions[0].id: curriculum.sessions[0], curriculum.sessions[-1].id: curriculum.sessions[-1]}
    return [pytest.param(" ".join(e.session.title.split()[:4]), e.module_id, e.id, id=e.id) for e in chosen.values()]


QUERIES = _queries()


@pytest.mark.parametrize("size", BY_SIZE)
@pytest.mark.parametrize(("query", "module_id", "session_id"), QUERIES)
def test_search_finds_the_session(
    open_page: PageOpener,
    shipped_curriculum: Curriculum,
    size: Size,
    query: str,
    module_id: str,
    session_id: str,
) -> None:
    entry = find_session(shipped_curriculum, module_id, session_id)
    page = open_page("index.html", size)
    results = search(page, size, query)
    lesson_plan = results.locator(f".md-search-result__link[href*='modules/{module_id}/{session_id}.html']")
    expect(lesson_plan.first).to_be_visible()
    expect(lesson_plan.first).to_contain_text(entry.session.title)


@pytest.mark.parametrize("size", BY_SIZE)
def test_search_results_have_no_serious_accessibility_problem(
    open_page: PageOpener, shipped_curriculum: Curriculum, size: Size
) -> None:
    page = open_page("index.html", size)
    search(page, size, " ".join(shipped_curriculum.sessions[0].session.title.split()[:3]))
    results: Any = Axe().run(page)
    problems = serious_violations(results.response)
    assert problems == [], f"with search results open at {size.width}px:\n" + "\n".join(problems)
