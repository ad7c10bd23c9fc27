"""The Jinja environment: templates in layers, user overrides first, content as data only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from .errors import Problem

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


def _escaped(value: Any) -> str:
    # Plain str on purpose: Markup's own split/strip wrap every piece again, which is
    # most of the rendering time on a large curriculum.
    return str(escape(value)).replace("{", _BRACES["{"]).replace("}", _BRACES["}"])


def md_text(value: Any) -> Markup:
    """Escape content for a Markdown page: HTML becomes inert text, Markdown marks still work.

    Braces are escaped too, so attribute-list syntax such as `{onclick=...}` inside
    content cannot add attributes to the page.
    """
    return Markup(_escaped(value))


def md_block(value: Any, indent: int = 0) -> Markup:
    """Like md_text, with continuation lines indented to stay inside a list item."""
    pad = " " * indent
    return Markup(("\n" + pad).join(_escaped(value).strip().splitlines()))


def md_cell(value: Any) -> Markup:
    """Content for one Markdown table cell: one line, pipes escaped."""
    return Markup(" ".join(_escaped(value).split()).replace("|", "\\|"))


def inert_html(text: str) -> str:
    """Text for places the site theme prints without escaping (page and site titles, navigation).

    Material prints these raw, and turns a page title's entities back into tags for the
    <title> element, so a title written as `</title><script>` would become live. Angle
    brackets and double quotes become entities; '&' stays, so 'Smith & Co' reads the same.
    """
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def page_title(value: Any) -> Markup:
    """A front-matter `title:` value: the theme then uses it instead of the rendered heading."""
    return Markup(json.dumps(inert_html(" ".join(str(value).split())), ensure_ascii=False))


def make_environment(root: Path | None) -> Environment:
    """Sandboxed: an override is a file anyone with write access to the repository can add,
    and it must not reach Python internals (no `cycler.__init__.__globals__.os`)."""
    env = SandboxedEnvironment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs(root)]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Each build makes a new environment, so templates need no re-check on every page.
        auto_reload=False,
    )
    env.filters["md"] = md_text
    env.filters["mdblock"] = md_block
    env.filters["cell"] = md_cell
    env.filters["page_title"] = page_title
    return env


def template_problems(root: Path) -> list[Problem]:
    """Syntax errors in the project's own templates (overrides), located, before anything is built."""
    env = make_environment(root)
    problems: list[Problem] = []
    for folder in (root / OVERRIDES_DIR, root / "site_templates"):
        if not folder.is_dir() or folder.resolve() == PACKAGE_TEMPLATES.resolve():
            continue
        for path in sorted(folder.rglob("*")):
            file = path.relative_to(root).as_posix()
            if not path.resolve().is_relative_to(root.resolve()):  # a symlink, or inside a symlinked folder
                problems.append(Problem(file, 1, 1, "this is a symbolic link to a file outside the "
                                        "project, which is never used; copy the file in instead"))
                continue
            if path.suffix != ".j2":
                continue
            if path.is_dir():
                problems.append(Problem(file, 1, 1, "a folder is named like a template; rename it "
                                        "(template names end in .j2)"))
                continue
            try:
                env.parse(path.read_text(encoding="utf-8"), name=file, filename=str(path))
            except UnicodeDecodeError:
                problems.append(Problem(file, 1, 1, "the template is not valid UTF-8; save it "
                                        "again with UTF-8 encoding"))
            except TemplateSyntaxError as error:
                problems.append(Problem(file, error.lineno or 1, 1,
                                        f"template syntax error: {error.message}; fix it, or "
                                        "delete the file to use the built-in template"))
    return problems
