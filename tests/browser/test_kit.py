"""The facilitator kit in the browser: the group note's copy button, and tables on a phone."""

from __future__ import annotations

import pytest

from .support import BROWSER, MODULE_ID, PAGE_TYPES, PHONE, SESSION_ID, PageOpener

pytestmark = BROWSER

KIT_PAGE = f"kit/{SESSION_ID}.html"

# For every table in the article: does it fit, or scroll in its own box with a visible cue?
TABLES_AT_WIDTH = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("article table")].map((table) => {
    let box = table.parentElement, scroller = null;
    while (box && box !== document.body) {
      const style = getComputedStyle(box);
      if (["auto", "scroll"].includes(style.overflowX)) { scroller = box; break; }
      box = box.parentElement;
    }
    const right = table.getBoundingClientRect().right;
    const cue = scroller ? getComputedStyle(scroller).backgroundImage : "";
    return {
      heading: (table.closest("section, article").querySelector("h1, h2") || {}).textContent || "",
      fits: right <= width + 1,
      scrolls: !!scroller && scroller.getBoundingClientRect().right <= width + 1,
      cue: cue.includes("gradient") && getComputedStyle(table).backgroundColor === "rgba(0, 0, 0, 0)",
    };
  });
}"""


def test_copy_button_puts_the_group_note_on_the_clipboard(open_page: PageOpener) -> None:
    page = open_page(KIT_PAGE, PHONE)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=open_page.site_url)
    note = page.locator("#group-note-text").text_content()
    assert note and "GROUP NOTE" in note
    page.get_by_role("button", name="Copy the group note").click()
    page.locator(".copy-status").filter(has_text="Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == note


@pytest.mark.parametrize(
    "path",
    [PAGE_TYPES["lesson-plan"], PAGE_TYPES["module"], PAGE_TYPES["schedule"], KIT_PAGE],
    ids=["lesson-plan", "module", "schedule", "kit"],
)
def test_no_table_is_cut_off_on_a_phone(open_page: PageOpener, path: str) -> None:
    page = open_page(path, PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE.width, "the page scrolls sideways"
    tables = page.evaluate(TABLES_AT_WIDTH)
    assert tables, f"{path} has no table to check"
    cut = [t for t in tables if not t["fits"] and not (t["scrolls"] and t["cue"])]
    assert not cut, cut


def test_lesson_plan_reaches_the_kit_and_the_packet_in_one_tap(open_page: PageOpener) -> None:
    page = open_page(f"modules/{MODULE_ID}/{SESSION_ID}.html", PHONE)
    kit_link = page.get_by_role("link", name="Tonight's kit")
    assert kit_link.is_visible()
    assert (kit_link.get_attribute("href") or "").endswith(KIT_PAGE)
    packet = page.get_by_role("link", name="Tonight's packet (PDF)")
    assert packet.is_visible()
    assert (packet.get_attribute("href") or "").endswith(f"{SESSION_ID}-packet.pdf")
