"""What a live server keeps from one rebuild to the next, so that an edit to one session
rebuilds only the pages it changes.

- The Jinja environment, with its compiled templates, while no template file changes:
  compiling every template again costs more than rendering every page.
- Each file's parse and each session's reading grades (content_memo.py).
- The shape of the site (the list of pages, the navigation and the site-wide settings each
  page carries). While it stays the same, a "dirty" MkDocs build, which renders only the pages
  whose Markdown changed, gives the same pages as a full one. When it changes (a session
  added, removed or renamed, a module renamed, the program's name or language changed),
  every page is built again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment

from .templates import make_environment, template_dirs


def template_stamp(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Every file the templates are read from, with its size and modification time."""
    stamp = []
    for folder in template_dirs(root):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = path.stat()
                stamp.append((str(path), info.st_mtime_ns, info.st_size))
    return tuple(stamp)


class TemplateCache:
    """One environment per set of template files: made again when any of them changes."""

    def __init__(self) -> None:
        self._stamp: tuple[tuple[str, int, int], ...] | None = None
        self._env: Environment | None = None

    def environment(self, root: Path) -> Environment:
        stamp = template_stamp(root)
        if self._env is None or stamp != self._stamp:
            self._env, self._stamp = make_environment(root), stamp
        return self._env


def site_shape(pages: Iterable[str], settings: dict[str, Any]) -> str:
    """A digest of what every built page depends on besides its own Markdown."""
    text = json.dumps({"pages": sorted(pages), "settings": settings}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def page_location(location: str) -> str:
    """A search entry's page: its location without the section anchor."""
    return location.split("#", 1)[0]


def forget_search_entries(search_plugin: Any, pages: set[str], *, everything: bool) -> None:
    """Material's search keeps the last index under a dirty rebuild and replaces the entries of
    only one rebuilt page: drop those of every rebuilt page (or all of them after a full
    rebuild), so that no page is listed twice or with its old text."""
    previous = getattr(search_plugin, "search_index_prev", None)
    if previous is None:
        return
    if everything:
        search_plugin.search_index_prev = None
        return
    previous.entries = [
        entry for entry in previous.entries if page_location(str(entry.get("location", ""))) not in pages
    ]
