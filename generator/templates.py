"""The Jinja environment: templates in layers, user overrides first, content as data only."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

# Installed wheels carry the templates inside the package; a source checkout has them beside it.
PACKAGE_TEMPLATES = next(
    (p for p in (Path(__file__).parent / "site_templates", Path(__file__).parent.parent / "site_templates")
     if p.is_dir()),
    Path(__file__).parent / "site_templates",
)
OVERRIDES_DIR = "overrides"


def template_dirs(root: Path | None) -> list[Path]:
    """Search order: <root>/overrides, <root>/site_templates, then the copy shipped in the package."""
    dirs: list[Path] = []
    if root is not None:
        dirs += [root / OVERRIDES_DIR, root / "site_templates"]
    dirs.append(PACKAGE_TEMPLATES)
    return [d for d in dirs if d.is_dir()]


_BRACES = {"{": "&#123;", "}": "&#125;"}


def md_text(value: Any) -> Markup:
    """Escape content for a Markdown page: HTML becomes inert text, Markdown marks still work.

    Braces are escaped too, so attribute-list syntax such as `{onclick=...}` inside
    content cannot add attributes to the page.
    """
    text = str(escape(value))
    text = re.sub(r"[{}]", lambda m: _BRACES[m.group(0)], text)
    return Markup(text)


def md_block(value: Any, indent: int = 0) -> Markup:
    """Like md_text, with continuation lines indented to stay inside a list item."""
    text = md_text(value)
    pad = " " * indent
    return Markup(("\n" + pad).join(text.strip().splitlines()))


def md_cell(value: Any) -> Markup:
    """Content for one Markdown table cell: one line, pipes escaped."""
    return Markup(" ".join(md_text(value).split()).replace("|", "\\|"))


def relative_link(target: str, page: str) -> str:
    """Link from one docs page to another path in the docs tree, as MkDocs expects."""
    start = posixpath.dirname(page) or "."
    return posixpath.relpath(target, start)


def make_environment(root: Path | None) -> Environment:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs(root)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_text
    env.filters["mdblock"] = md_block
    env.filters["cell"] = md_cell
    return env
