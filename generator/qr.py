"""A QR code at the foot of each printed handout that opens the handout's page online.

Only when program.yaml gives `site_url`: without a published address there is nothing to
open. The code is an inline SVG (the PDF renderer loads no files or addresses), placed
after the handout's last block, right-aligned with its address. It goes in the flow, not
in the page margin: a taller margin on every page would push many two-page handouts
(large print above all) onto a third sheet, while the foot of the last page usually has
room for it.
"""

from __future__ import annotations

import html

import segno

from . import paths
from .model import SessionEntry
from .schema import Program

CODE_MM = 18.0  # printed width with its quiet zone: a phone reads it at arm's length
QUIET_MODULES = 2  # the quiet zone in modules; the white space around the block adds to it

_STYLE = (
    "<style>"
    ".handout-qr { display: flex; justify-content: flex-end; align-items: center; gap: 3mm;"
    " margin-top: 1.5mm; break-inside: avoid; font-size: 8pt; line-height: 1.25; color: #000; }"
    ".handout-qr p { margin: 0; text-align: right; }"
    ".handout-qr svg { flex: none; }"
    "</style>"
)


def handout_url(program: Program, entry: SessionEntry) -> str | None:
    """The handout's page on the published site, or None when no site_url is set."""
    if not program.site_url:
        return None
    return program.site_url + paths.html_path(paths.handout(entry))


def qr_svg(url: str) -> str:
    """The code as an inline SVG element, CODE_MM wide, black on white."""
    code = segno.make(url, error="m", micro=False)
    width, _ = code.symbol_size(scale=1, border=QUIET_MODULES)
    return str(
        code.svg_inline(scale=CODE_MM / width, border=QUIET_MODULES, unit="mm", dark="#000", light="#fff", title=url)
    )


def handout_footer(program: Program, entry: SessionEntry) -> str:
    """HTML to put after a handout in a PDF document: its QR code and address, or nothing."""
    url = handout_url(program, entry)
    if url is None:
        return ""
    caption = f"Scan with your phone to open this page online:<br>{html.escape(url)}"
    return f'{_STYLE}<div class="handout-qr"><p>{caption}</p>{qr_svg(url)}</div>'
