"""How a handout sits on paper: the crisis lines, large print and the running footer.

Handouts of growing length (a notes block one writing line longer each time) are
rendered as `curriculum build` renders them, so that their end falls at every height of
the page; each PDF is then read as a person reads it: the text on each page, and where
the ink is.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .helpers import build_file_tree
from .print_fixtures import (
    CRISIS_TITLE,
    HOMEWORK,
    Rendered,
    ink_rows,
    long_handout_files,
    page_images,
    page_texts,
    session_id,
)

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="needs poppler-utils (pdftotext, pdftoppm)",
)

# 1 to 3 more lines end a Letter handout just past page 1, where the crisis lines alone
# would be pushed over; 12 more make it long at 18 pt.
EXTRA_LINES = (1, 2, 3, 12)
KEY_POINTS = ("This skill helps you stay on track.", "It gets easier each time you use it.")
STEPS = ("Notice what is happening.", "Pause and breathe.", "Use the skill.")
DPI = 100
MM = DPI / 25.4  # pixels per millimetre
FOOTER_GAP_MM = 2.5  # clear paper between the body text and the running footer


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def handouts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool], Rendered]:
    """{(session id, large print): rendered PDF}; 'first-session' is the scaffold's own handout."""
    from .print_fixtures import render_handouts

    tmp = tmp_path_factory.mktemp("print-layout")
    files = long_handout_files(EXTRA_LINES)
    # The scaffold's short handout as well, which fits one page.
    from .helpers import minimal_files

    files.update({name: text for name, text in minimal_files().items() if name.endswith("01-first-session.yaml")})
    first = "curriculum/coping/01-first-session.yaml"
    files = {(name.replace("/01-", "/00-") if name == first else name): text for name, text in files.items()}
    root = build_file_tree(tmp / "project", files)
    return {(r.session, r.large): r for r in render_handouts(root, tmp / "pdf")}


def test_a_short_handout_keeps_its_crisis_lines_on_its_one_page(handouts: dict[tuple[str, bool], Rendered]) -> None:
    texts = page_texts(handouts[("first-session", False)].pdf)
    assert len(texts) == 1
    assert CRISIS_TITLE in texts[0] and _squeeze(HOMEWORK) in _squeeze(texts[0])


def test_the_crisis_lines_never_stand_alone_on_a_page(handouts: dict[tuple[str, bool], Rendered]) -> None:
    """On a longer handout they stay with the last section, "This week"."""
    problems = []
    two_pages = 0
    for _, rendered in sorted(handouts.items()):
        texts = page_texts(rendered.pdf)
        two_pages += len(texts) > 1
        holding = [i for i, text in enumerate(texts) if CRISIS_TITLE in text]
        if len(holding) != 1:
            problems.append(f"{rendered.pdf.name}: the crisis lines are on pages {holding}")
            continue
        page = texts[holding[0]]
        if _squeeze(HOMEWORK) not in _squeeze(page):
            problems.append(
                f"{rendered.pdf.name}: page {holding[0] + 1} of {len(texts)} holds the crisis "
                f"lines without the last section: {page.strip()[:120]!r}"
            )
    assert problems == []
    assert two_pages >= len(EXTRA_LINES), "the long handouts should take more than one page"


def _word_boxes(pdf: Path) -> tuple[float, list[list[tuple[str, float]]]]:
    """(page width, for each page its words in reading order with their left edge)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', out).group(1))  # type: ignore[union-attr]
    pages = []
    for page in out.split("<page ")[1:]:
        pages.append([(word, float(x)) for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', page)])
    return width, pages


def _left_edges(pdf: Path, items: tuple[str, ...]) -> list[float]:
    """Where each item's first two words start on the page."""
    _, pages = _word_boxes(pdf)
    edges = []
    for item in items:
        first, second = item.split()[:2]
        for words in pages:
            found = [x for (w, x), (n, _) in zip(words, words[1:], strict=False) if w == first and n == second]
            if found:
                edges.append(found[0])
                break
    return edges


def test_large_print_runs_in_one_column(handouts: dict[tuple[str, bool], Rendered]) -> None:
    for session in ("first-session", session_id(EXTRA_LINES[0])):
        pdf = handouts[(session, True)].pdf
        width, _ = _word_boxes(pdf)
        edges = _left_edges(pdf, KEY_POINTS + STEPS)
        assert len(edges) == len(KEY_POINTS + STEPS), f"{pdf.name}: a key point or step is missing"
        assert max(edges) < width / 3, f"{pdf.name}: text starts at {edges} of {width} points: two columns"


def _body_and_footer(image: Path) -> tuple[int, int, int]:
    """(last row of body ink, first row of the footer, page height) in pixels: the footer is the
    lowest band of ink, the body everything above the clear paper over it."""
    rows = ink_rows(image)
    footer_bottom = max(y for y, ink in enumerate(rows) if ink)
    footer_top = footer_bottom
    while footer_top > 0 and rows[footer_top - 1]:
        footer_top -= 1
    body = max((y for y in range(footer_top) if rows[y]), default=0)
    return body, footer_top, len(rows)


def test_large_print_fits_two_pages_and_leaves_no_large_empty_area(
    handouts: dict[tuple[str, bool], Rendered],
    tmp_path: Path,
) -> None:
    problems = []
    for session in ("first-session", *(session_id(n) for n in EXTRA_LINES[:3])):
        pdf = handouts[(session, True)].pdf
        images = page_images(pdf, tmp_path)
        if len(images) > 2:
            problems.append(f"{pdf.name}: {len(images)} pages")
        for number, image in enumerate(images[:-1], start=1):
            body, footer, height = _body_and_footer(image)
            if (footer - body) > height / 4:
                problems.append(f"{pdf.name}: page {number} leaves {(footer - body) / MM:.0f} mm empty at its foot")
    assert problems == []


def test_the_footer_keeps_clear_of_the_body_text(handouts: dict[tuple[str, bool], Rendered], tmp_path: Path) -> None:
    problems = []
    full_pages = 0
    for rendered in handouts.values():
        for number, image in enumerate(page_images(rendered.pdf, tmp_path), start=1):
            body, footer, height = _body_and_footer(image)
            gap = (footer - body) / MM
            full_pages += gap < 10
            if gap < FOOTER_GAP_MM:
                problems.append(f"{rendered.pdf.name} page {number}: {gap:.1f} mm between the text and the footer")
    assert problems == []
    assert full_pages > 0, "no page is full to its foot, so the gap was never tested"
