"""What the browser tests share: the browser to use, screen sizes, page types, reporting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pytest

from generator import paths
from generator.model import Curriculum, SessionEntry

from ..helpers import REPO
from ..site_browser import CHROMIUM

SCREENSHOTS = REPO / "screenshots"

# Every browser test module starts with `pytestmark = BROWSER`.
BROWSER = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is missing (apt-get install chromium)"),
]


def _first_session() -> tuple[str, str, str, str]:
    """The session the page-type, navigation and print tests open: the first of the first
    module, whatever the shipped curriculum holds (a clinic's fork renames sessions freely)."""
    from generator.validate import load_and_validate

    curriculum = load_and_validate(REPO).curriculum
    if curriculum is None or not curriculum.modules or not curriculum.modules[0].sessions:
        return "none", "none", "none", "psychoeducational"
    module = curriculum.modules[0]
    entry = module.sessions[0]
    tags = sorted(set(entry.session.tags) | set(module.module.tags)) or ["none"]
    return module.id, entry.id, tags[0], entry.group_type.value


MODULE_ID, SESSION_ID, TAG, GROUP_TYPE = _first_session()


@dataclass(frozen=True)
class Size:
    name: str
    width: int
    height: int


PHONE = Size("phone", 390, 844)
DESKTOP = Size("desktop", 1280, 900)
SIZES = (PHONE, DESKTOP)

# One page of each type: {name used in test ids and screenshot files: path in the site}.
PAGE_TYPES: dict[str, str] = {
    "home": paths.html_path(paths.HOME),
    "schedule": paths.html_path(paths.SCHEDULE),
    "module": paths.html_path(paths.module_page(MODULE_ID)),
    "lesson-plan": f"modules/{MODULE_ID}/{SESSION_ID}.html",
    "handout": f"handouts/{SESSION_ID}.html",
    "tag-index": paths.html_path(paths.TAGS),
    "tag": paths.html_path(paths.tag_page(TAG)),
    "group-types": paths.html_path(paths.GROUP_TYPES),
    "glossary": paths.html_path(paths.GLOSSARY),
    "schema-guide": paths.html_path(paths.WRITING),
}

SERIOUS = ("serious", "critical")


def find_session(curriculum: Curriculum, module_id: str, session_id: str) -> SessionEntry:
    module = next(m for m in curriculum.modules if m.id == module_id)
    return next(e for e in module.sessions if e.id == session_id)


def serious_violations(axe_response: dict[str, Any]) -> list[str]:
    """axe-core's serious and critical findings, one readable line per element."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
        for v in axe_response["violations"]
        if v["impact"] in SERIOUS
        for node in v["nodes"]
    ]


class PageOpener:
    """Opens site pages in new tabs of a given size; blocks and notes requests outside the site."""

    def __init__(self, browser: Any, site_url: str) -> None:
        self.browser = browser
        self.site_url = site_url
        self.contexts: list[Any] = []
        self.foreign_requests: list[str] = []

    def _is_foreign(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https", "ws", "wss") and not url.startswith(self.site_url)

    def _block(self, route: Any) -> None:
        self.foreign_requests.append(route.request.url)
        route.abort()

    def __call__(self, path: str, size: Size) -> Any:
        context = self.browser.new_context(viewport={"width": size.width, "height": size.height})
        context.route(self._is_foreign, self._block)
        self.contexts.append(context)
        page = context.new_page()
        response = page.goto(self.site_url + path)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()
