"""The PDF files: handouts, large print, module packets, the workbook and the facilitator guide.

Opened with pypdf as a reader would open them: the page count and size, the text on the
pages, the order of the handouts, and the links to them from the site. Then the cache:
a rebuild renders only the PDFs whose content changed.
"""

from __future__ import annotations

import math
import posixpath
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import paths
from generator.build import BuildReport, build_site
from generator.model import Curriculum, SessionEntry
from generator.validate import load_and_validate

from .helpers import minimal_project

LETTER = (612, 792)
A4 = (595, 842)
CRISIS_NUMBERS = ("988", "1-800-662-4357")
# Headings of the lesson plan that must never reach a participant's sheet.
FACILITATOR_ONLY = ("Facilitator notes", "Debrief", "Safety and crisis response", "Objectives", "Run sheet")
FOOTER_TOP = 36  # points from the bottom of the sheet: the running footer sits below this


def _squeeze(text: str) -> str:
    """Text without whitespace: a title or phone number may wrap onto the next line."""
    return re.sub(r"\s+", "", text)


def _page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def _text(pdf: Path) -> str:
    return _squeeze("".join(_page_texts(pdf)))


def _font_sizes(pdf: Path) -> Counter[float]:
    """{font size in points: characters set in it}, leaving out the running footer."""
    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        if text.strip() and y > FOOTER_TOP:
            scale = math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1])
            sizes[round(size * scale, 1)] += len(text.strip())

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def _page_size(pdf: Path) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(pdf).pages}


def _unique(entries: tuple[SessionEntry, ...]) -> list[SessionEntry]:
    """The program's running order with repeats left out: each handout once, where it first runs."""
    seen: dict[str, SessionEntry] = {}
    for entry in entries:
        seen.setdefault(entry.ref, entry)
    return list(seen.values())


def _starts(texts: list[str], titles: list[str]) -> list[int]:
    """For each title, the page that begins with it, as a new document does (-1 if none)."""
    squeezed = [_squeeze(text) for text in texts]
    return [next((i for i, page in enumerate(squeezed) if page.startswith(_squeeze(t))), -1) for t in titles]


def _in_order(starts: list[int]) -> bool:
    return -1 not in starts and starts == sorted(starts) and len(set(starts)) == len(starts)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _linked_files(site: Path, page_md: str) -> set[str]:
    """Site paths the page links to, resolved from the page's own folder."""
    page = paths.html_path(page_md)
    parser = _Links()
    parser.feed((site / page).read_text(encoding="utf-8"))
    folder = posixpath.dirname(page)
    return {
        posixpath.normpath(posixpath.join(folder, href.split("#")[0]))
        for href in parser.hrefs
        if "://" not in href and not href.startswith(("#", "mailto:"))
    }


@pytest.fixture(scope="module")
def curriculum(shipped_site: Path) -> Curriculum:
    result = load_and_validate(shipped_site.parent)
    assert result.curriculum is not None
    return result.curriculum


@pytest.fixture(scope="module")
def pdf_dir(shipped_site: Path) -> Path:
    return shipped_site / "pdf"


def test_titles_do_not_contain_each_other(curriculum: Curriculum) -> None:
    """The order checks below find handouts by title, so no title may hide inside another."""
    titles = [_squeeze(e.session.handout.title) for e in curriculum.sessions]
    assert len(set(titles)) == len(titles)
    assert not [(a, b) for a in titles for b in titles if a != b and a in b]


def test_each_handout_pdf_is_one_or_two_letter_pages_with_participant_content_only(
    shipped_site: Path,
    curriculum: Curriculum,
) -> None:
    problems: list[str] = []
    for entry in curriculum.sessions:
        pdf = shipped_site / paths.handout_pdf(entry)
        texts = _page_texts(pdf)
        text = _squeeze("".join(texts))
        if not 1 <= len(texts) <= 2:
            problems.append(f"{pdf.name}: {len(texts)} pages")
        if not texts[-1].strip():
            problems.append(f"{pdf.name}: the last page is blank")
        if _page_size(pdf) != {LETTER}:
            problems.append(f"{pdf.name}: page size {_page_size(pdf)}, not Letter")
        for needed in (entry.session.handout.title, *CRISIS_NUMBERS):
            if _squeeze(needed) not in text:
                problems.append(f"{pdf.name}: '{needed}' is missing")
        for exercise in entry.session.exercises:
            needed = [exercise.title, *exercise.steps]
            problems += [f"{pdf.name}: practice step '{s}' is missing" for s in needed if _squeeze(s) not in text]
            problems += [
                f"{pdf.name}: debrief question '{q}' is printed" for q in exercise.debrief if _squeeze(q) in text
            ]
        problems += [f"{pdf.name}: '{heading}' is printed" for heading in FACILITATOR_ONLY if _squeeze(heading) in text]
        body = _font_sizes(pdf)
        if min(body) < 12 or body.most_common(1)[0][0] != 12:
            problems.append(f"{pdf.name}: text sizes {sorted(body)}; body text must be 12 pt, none smaller")
    assert problems == []


def test_each_handout_has_an_18pt_large_print_pdf(shipped_site: Path, curriculum: Curriculum) -> None:
    problems: list[str] = []
    for entry in curriculum.sessions:
        normal, large = shipped_site / paths.handout_pdf(entry), shipped_site / paths.handout_pdf(entry, large=True)
        if not large.is_file():
            problems.append(f"{large.name} is missing")
            continue
        texts = _page_texts(large)
        if len(texts) < len(_page_texts(normal)):
            problems.append(f"{large.name}: fewer pages than the normal print")
        if not texts[-1].strip():
            problems.append(f"{large.name}: the last page is blank")
        if _page_size(large) != {LETTER}:
            problems.append(f"{large.name}: page size {_page_size(large)}, not Letter")
        text = _squeeze("".join(texts))
        for needed in (entry.session.handout.title, *CRISIS_NUMBERS):
            if _squeeze(needed) not in text:
                problems.append(f"{large.name}: '{needed}' is missing")
        body = _font_sizes(large)
        if min(body) < 18 or body.most_common(1)[0][0] != 18:
            problems.append(f"{large.name}: text sizes {sorted(body)}; body text must be 18 pt, none smaller")
    assert problems == []


def test_each_module_packet_holds_its_handouts_in_order(shipped_site: Path, curriculum: Curriculum) -> None:
    for module in curriculum.modules:
        pdf = shipped_site / paths.module_packet_pdf(module)
        texts = _page_texts(pdf)
        own = [e.session.handout.title for e in module.sessions]
        others = [e.session.handout.title for e in curriculum.sessions if e.module_id != module.id]
        starts = _starts(texts, own)
        assert _in_order(starts), f"{pdf.name}: each handout must start a page, in module order: {starts}"
        assert starts[0] == 0
        assert len(texts) <= 2 * len(own)
        text = _squeeze("".join(texts))
        assert [t for t in others if _squeeze(t) in text] == [], f"{pdf.name}: holds another module's handout"
        assert _page_size(pdf) == {LETTER}


def test_workbook_has_cover_contents_and_every_handout_in_program_order(
    shipped_site: Path,
    curriculum: Curriculum,
) -> None:
    pdf = shipped_site / paths.WORKBOOK_PDF
    texts = _page_texts(pdf)
    order = [e.session.handout.title for e in _unique(curriculum.running_order())]
    assert len(order) == len(curriculum.sessions)
    assert "Participant workbook" in texts[0] and _squeeze(curriculum.program.title) in _squeeze(texts[0])
    contents = next(i for i, text in enumerate(texts) if "Contents" in text)
    assert contents <= 2
    listed = _squeeze(texts[contents])
    positions = [listed.find(_squeeze(title)) for title in order]
    assert -1 not in positions and positions == sorted(positions), "the contents are not in program order"
    starts = _starts(texts, order)
    assert _in_order(starts), f"each handout must start a page, in program order: {starts}"
    assert starts[0] == contents + 1
    assert texts[-1].strip()
    assert _page_size(pdf) == {LETTER}


def test_facilitator_guide_has_every_lesson_plan(shipped_site: Path, curriculum: Curriculum) -> None:
    pdf = shipped_site / paths.GUIDE_PDF
    texts = _page_texts(pdf)
    assert "Facilitator guide" in texts[0]
    starts = _starts(texts, [e.session.title for e in curriculum.sessions])
    assert _in_order(starts), f"each lesson plan must start a page, in module order: {starts}"
    assert min(starts) > 1  # after the cover and the contents
    assert _page_size(pdf) == {LETTER}


def test_pages_link_their_pdfs(shipped_site: Path, curriculum: Curriculum) -> None:
    problems: list[str] = []
    wanted: list[tuple[str, str]] = [(paths.HOME, paths.WORKBOOK_PDF), (paths.HOME, paths.GUIDE_PDF)]
    wanted += [(paths.module_page(m), paths.module_packet_pdf(m)) for m in curriculum.modules]
    for entry in curriculum.sessions:
        wanted += [
            (paths.handout(entry), paths.handout_pdf(entry)),
            (paths.handout(entry), paths.handout_pdf(entry, large=True)),
        ]
    for page, pdf in wanted:
        if pdf not in _linked_files(shipped_site, page):
            problems.append(f"{paths.html_path(page)} does not link {pdf}")
        if not (shipped_site / pdf).is_file():
            problems.append(f"{pdf} is missing")
    assert problems == []


# ---- the cache: a rebuild renders only what changed ----------------------------------


def _pdf_bytes(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "pdf").rglob("*.pdf"))}


def _build(root: Path) -> tuple[BuildReport, dict[str, bytes]]:
    report = build_site(root, with_pdfs=True)
    return report, _pdf_bytes(root / "site")


@pytest.mark.slow
def test_rebuild_renders_only_the_pdfs_whose_content_changed(tmp_path: Path) -> None:
    root = minimal_project(tmp_path, session_ids=("first-session", "second-session"))
    first, before = _build(root)
    # handouts and large print, module packet, workbook, guide, escalation card, sign-in sheet,
    # and per session its lesson plan and tonight's packet
    assert first.pdfs_rendered == len(before) == 2 * 2 + 1 + 1 + 1 + 1 + 1 + 2 * 2
    assert first.pdfs_cached == 0

    again, unchanged = _build(root)
    assert (again.pdfs_rendered, again.pdfs_cached) == (0, len(before))
    assert unchanged == before

    session = root / "curriculum" / "coping" / "01-first-session.yaml"
    text = session.read_text(encoding="utf-8")
    new_point = "Each time you use it, you learn what works for you."
    session.write_text(text.replace("It gets easier each time you use it.", new_point), encoding="utf-8")
    changed, after = _build(root)
    differ = {name for name in after if after[name] != before[name]}
    assert differ == {
        "pdf/handouts/first-session.pdf",
        "pdf/handouts/first-session-large-print.pdf",
        "pdf/modules/coping-handouts.pdf",
        paths.WORKBOOK_PDF,
        "pdf/tonight/first-session-packet.pdf",
    }
    assert (changed.pdfs_rendered, changed.pdfs_cached) == (len(differ), len(before) - len(differ))
    assert _squeeze(new_point) in _text(root / "site" / "pdf" / "handouts" / "first-session.pdf")

    text = session.read_text(encoding="utf-8")
    session.write_text(
        text.replace(
            "Greet members and read the group agreements.", "Greet members by name and read the group agreements."
        ),
        encoding="utf-8",
    )
    plan_changed, after_plan = _build(root)
    assert {name for name in after_plan if after_plan[name] != after[name]} == {
        paths.GUIDE_PDF,
        "pdf/lesson-plans/first-session.pdf",
        "pdf/tonight/first-session-packet.pdf",
    }
    assert plan_changed.pdfs_rendered == 3


@pytest.mark.slow
def test_program_page_size_a4_gives_a4_pdfs(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    program = root / "curriculum" / "program.yaml"
    program.write_text(program.read_text(encoding="utf-8") + "page_size: a4\n", encoding="utf-8")
    build_site(root, with_pdfs=True)
    pdfs = sorted((root / "site" / "pdf").rglob("*.pdf"))
    assert len(pdfs) == 9  # 2 handouts, packet, workbook, guide, escalation card, sign-in, plan, tonight
    assert {p.name: _page_size(p) for p in pdfs} == {p.name: {A4} for p in pdfs}


@pytest.mark.slow
def test_the_page_number_appears_once_on_each_pdf_page(tmp_path: Path) -> None:
    root = minimal_project(tmp_path)
    build_site(root)
    text = _text(root / "site" / "pdf" / "handouts" / "first-session.pdf")
    assert len(re.findall(r"Page1of\d", text)) == 1, text


def test_a_large_print_copy_over_two_pages_is_a_located_warning(tmp_path: Path) -> None:
    from generator.build import overflow_warnings

    curriculum = load_and_validate(minimal_project(tmp_path)).curriculum
    assert curriculum is not None
    entry = curriculum.sessions[0]
    warnings = overflow_warnings(curriculum, {paths.handout_pdf(entry): 1, paths.handout_pdf(entry, large=True): 3})
    assert len(warnings) == 1
    assert warnings[0].file == entry.file and "large-print copy prints on 3 pages" in warnings[0].message
