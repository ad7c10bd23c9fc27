"""Where each page and PDF lives, in one place so links and the writer agree."""

from __future__ import annotations

import posixpath
from functools import lru_cache

from .model import ModuleEntry, SessionEntry

HOME = "index.md"
PROGRAM = "program.md"
SCHEDULE = "schedule.md"
CALENDAR = "schedule.ics"  # the dated cycle as an iCalendar file, next to the schedule page
MODULES = "modules/index.md"
HANDOUTS = "handouts/index.md"
GROUP_TYPES = "group-types/index.md"
TAGS = "tags/index.md"
GLOSSARY = "glossary.md"
WRITING = "writing-a-session.md"
READING = "reading-level.md"
BRAND_CSS = "assets/stylesheets/brand.css"
SITE_ZIP = "downloads/curriculum-site.zip"
FACILITATOR = "facilitator/index.md"
ESCALATION = "facilitator/escalation-card.md"
SIGN_IN = "facilitator/sign-in-sheet.md"
ESCALATION_PDF = "pdf/escalation-card.pdf"
SIGN_IN_PDF = "pdf/sign-in-sheet.pdf"


def module_page(module: ModuleEntry | str) -> str:
    module_id = module if isinstance(module, str) else module.id
    return f"modules/{module_id}/index.md"


def lesson_plan(entry: SessionEntry) -> str:
    return f"modules/{entry.module_id}/{entry.id}.md"


def kit_page(entry: SessionEntry) -> str:
    """Tonight's kit for one session: check-in card, group note, fidelity checklist, sign-in."""
    return f"kit/{entry.id}.md"


def lesson_plan_pdf(entry: SessionEntry) -> str:
    return f"pdf/lesson-plans/{entry.id}.pdf"


def packet_pdf(entry: SessionEntry) -> str:
    """Tonight's packet: lesson plan, sign-in sheet, fidelity checklist, group note, handout."""
    return f"pdf/tonight/{entry.id}-packet.pdf"


def handout(entry: SessionEntry) -> str:
    return f"handouts/{entry.id}.md"


def group_type_page(group_type: str) -> str:
    return f"group-types/{group_type}.md"


def tag_page(tag: str) -> str:
    return f"tags/{tag}.md"


def handout_pdf(entry: SessionEntry, large: bool = False) -> str:
    return f"pdf/handouts/{entry.id}{'-large-print' if large else ''}.pdf"


def module_packet_pdf(module: ModuleEntry) -> str:
    return f"pdf/modules/{module.id}-handouts.pdf"


WORKBOOK_PDF = "pdf/participant-workbook.pdf"
GUIDE_PDF = "pdf/facilitator-guide.pdf"


def html_path(md_path: str) -> str:
    """The built page for a Markdown path (the site uses .html URLs so it works from a folder)."""
    return md_path[: -len(".md")] + ".html"


@lru_cache(maxsize=65536)
def _relpath(target: str, folder: str) -> str:
    """Cached by folder: pages in one folder link to the same targets, and relpath is slow."""
    return posixpath.relpath(target, folder)


def relative_link(target: str, page: str) -> str:
    """A link from one page to a path in the site, relative, so it works under any subpath.

    Markdown links are checked and rewritten by MkDocs; raw HTML links (PDFs, the zip) are
    used as they are, which works because each page's .html path mirrors its .md path.
    """
    return _relpath(target, posixpath.dirname(page) or ".")
