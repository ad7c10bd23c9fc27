"""The last line of defence: no built page may carry a script address.

The YAML checks refuse unsafe links before anything is built; this scan reads the
HTML that the engine actually wrote (MkDocs or Zensical), so a Markdown form the
checks missed, or an engine that turns text into links, still cannot publish one.
"""

from __future__ import annotations

import re
from pathlib import Path

from .errors import BuildFailed

_ATTRIBUTE = re.compile(
    r"""\b(?:href|src|action|formaction|xlink:href|poster|data|background)\s*=\s*(["']?)\s*"""
    r"""((?:j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t|v\s*b\s*s\s*c\s*r\s*i\s*p\s*t|d\s*a\s*t\s*a)\s*:)""",
    re.IGNORECASE,
)
# Material's own pages use data: URIs for inline SVG icons in a few src attributes.
_ALLOWED_DATA = re.compile(r"data\s*:\s*image/(?:svg\+xml|png|gif)", re.IGNORECASE)


def unsafe_attributes(html: str) -> list[str]:
    found = []
    for match in _ATTRIBUTE.finditer(html):
        start = match.start(2)
        if _ALLOWED_DATA.match(html, start):
            continue
        found.append(html[match.start() : match.start() + 80])
    return found


def check_built_site(site: Path, *, written_since: float | None = None) -> None:
    """Fail the build when any page holds a javascript:, vbscript: or data: address.
    `written_since` (a time.time() value): scan only pages written since then, after a
    rebuild that rewrote only some (the others were scanned when they were written)."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        if written_since is not None and page.stat().st_mtime < written_since:
            continue
        for snippet in unsafe_attributes(page.read_text(encoding="utf-8", errors="replace")):
            problems.append(f"{page.relative_to(site).as_posix()}: {snippet!r}")
    if problems:
        listed = "; ".join(problems[:5])
        raise BuildFailed(
            f"refusing to publish: {len(problems)} unsafe address(es) in the built pages "
            f"({listed}). Remove the javascript:, vbscript: or data: link from the "
            "content or template that produces it; the previous site is unchanged"
        )
