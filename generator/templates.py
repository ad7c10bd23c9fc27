"""The Jinja environment: templates in layers, user overrides first, content as data only."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateSyntaxError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from .errors import Problem

# Installed wheels carry the templates inside the package; a source checkout has them beside it.
PACKAGE_TEMPLATES = next(
    (
        p
        for p in (Path(__file__).parent / "site_templates", Path(__file__).parent.parent / "site_templates")
        if p.is_dir()
    ),
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


# Inline Markdown marks, for the places where Markdown does not run. Content is escaped first,
# so these patterns can only ever produce the tags named here.
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_CODE = re.compile(r"`([^`\n]+)`")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(
    r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"
)


def plain_text(value: Any) -> str:
    """Content where no markup can show (page titles, PDF titles, a note for a record system):
    Markdown marks dropped, a link kept as its text, one line."""
    text = _LINK.sub(r"\1", str(value))
    text = _CODE.sub(r"\1", text)
    text = _BOLD.sub(r"\2", text)
    text = _ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    return " ".join(text.split())


def html_inline(value: Any) -> Markup:
    """Content inside raw HTML, where Markdown does not run: escaped, then bold, italics and
    code marks made into their tags, so `**bold**` reads as bold there too. A link keeps only
    its text: addresses are never written into raw HTML from content."""
    text = _escaped(" ".join(str(value).split()))
    text = _LINK.sub(r"\1", text)
    text = _CODE.sub(r"<code>\1</code>", text)
    text = _BOLD.sub(r"<strong>\2</strong>", text)
    text = _ITALIC.sub(lambda m: f"<em>{m.group(1) or m.group(2)}</em>", text)
    return Markup(text)


def inert_html(text: str) -> str:
    """Text for places the site theme prints without escaping (page and site titles, navigation).

    Material prints these raw, and turns a page title's entities back into tags for the
    <title> element, so a title written as `</title><script>` would become live. Angle
    brackets and double quotes become entities; '&' stays, so 'Smith & Co' reads the same.
    """
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def page_title(value: Any) -> Markup:
    """A front-matter `title:` value: the theme then uses it instead of the rendered heading.
    The theme prints it as text (tab, header, search result), so Markdown marks are dropped."""
    return Markup(json.dumps(inert_html(plain_text(value)), ensure_ascii=False))


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
    env.filters["inline"] = html_inline
    env.filters["plain"] = plain_text
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
                problems.append(
                    Problem(
                        file,
                        1,
                        1,
                        "this is a symbolic link to a file outside the "
                        "project, which is never used; copy the file in instead",
                    )
                )
                continue
            if path.suffix != ".j2":
                continue
            if path.is_dir():
                problems.append(
                    Problem(file, 1, 1, "a folder is named like a template; rename it (template names end in .j2)")
                )
                continue
            try:
                env.parse(path.read_text(encoding="utf-8"), name=file, filename=str(path))
            except UnicodeDecodeError:
                problems.append(
                    Problem(file, 1, 1, "the template is not valid UTF-8; save it again with UTF-8 encoding")
                )
            except TemplateSyntaxError as error:
                problems.append(
                    Problem(
                        file,
                        error.lineno or 1,
                        1,
                        f"template syntax error: {error.message}; fix it, or "
                        "delete the file to use the built-in template",
                    )
                )
    return problems
