"""The facilitator's kit: lesson plan PDF, tonight's packet, group note, fidelity checklist,
sign-in sheet, check-in card and escalation card, opened as a counselor would open them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import kit, paths
from generator.build import build_site
from generator.model import Curriculum, SessionEntry
from generator.pdf import plan_jobs
from generator.validate import load_and_validate

from .helpers import PROGRAM_YAML, minimal_project

LETTER = (612, 792)
A4 = (595, 842)
ON_CALL = "On-call clinician: 555-0142"
LOCAL_LINE = "555-0177"
LABELS = ("Say:", "Ask:", "Debrief questions:", "Steps (also on the handout):", "Before the group:")

PROGRAM_EXTRA = f"""\
on_call: "{ON_CALL}"
local_crisis_lines:
  - name: County mobile crisis team
    contact: Call {LOCAL_LINE}
intoxication_protocol:
  - Sit with the member away from the group and call the program's ride line.
  - Tell the on-call clinician.
"""


def _project(root: Path, extra: str = "") -> Path:
    minimal_project(root, session_ids=("first-session", "second-session"))
    program = root / "curriculum" / "program.yaml"
    program.write_text(PROGRAM_YAML + PROGRAM_EXTRA + extra, encoding="utf-8")
    return root


def _curriculum(root: Path) -> Curriculum:
    result = load_and_validate(root)
    assert result.curriculum is not None
    return result.curriculum


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _project(tmp_path_factory.mktemp("kit"))
    report = build_site(root, strict=True, with_pdfs=True)
    assert not report.problems
    return root


def _pages(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _sizes(pdf: Path) -> set[tuple[int, int]]:
    return {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in PdfReader(pdf).pages}


def _body_lines(page_text: str) -> list[str]:
    """A page's lines without the running footer (the line that says 'Page n of m')."""
    return [line.strip() for line in page_text.splitlines() if line.strip() and not re.search(r"Page \d+ of \d+", line)]


@pytest.mark.slow
def test_lesson_plan_links_its_pdf_its_packet_and_its_kit(built: Path) -> None:
    curriculum = _curriculum(built)
    site = built / "site"
    for entry in curriculum.sessions:
        html = (site / paths.html_path(paths.lesson_plan(entry))).read_text(encoding="utf-8")
        for target in (paths.lesson_plan_pdf(entry), paths.packet_pdf(entry)):
            assert f'href="../../{target}"' in html, target
            assert (site / target).is_file()
        assert f'href="../../{paths.html_path(paths.kit_page(entry))}"' in html
        assert (site / paths.html_path(paths.kit_page(entry))).is_file()


@pytest.mark.slow
def test_packet_holds_plan_sign_in_fidelity_note_and_one_handout_in_order(built: Path) -> None:
    curriculum = _curriculum(built)
    for entry in curriculum.sessions:
        pages = [_squeeze(text) for text in _pages(built / "site" / paths.packet_pdf(entry))]
        wanted = [entry.session.title, "Sign-in sheet", "Fidelity checklist", "Group note", entry.session.handout.title]
        starts, after = [], 0
        for title in wanted:  # each document begins on a page of its own, in this order
            after = next((i for i in range(after, len(pages)) if pages[i].startswith(_squeeze(title))), -1)
            starts.append(after)
            after += 1
        assert -1 not in starts and len(set(starts)) == len(starts), (entry.id, starts)
        assert starts[-1] == len(pages) - 1  # one copy of the handout, on the last page


@pytest.mark.slow
def test_sign_in_sheet_is_one_blank_page_with_a_confidentiality_notice(built: Path) -> None:
    for pdf in (built / "site" / paths.SIGN_IN_PDF,):
        pages = _pages(pdf)
        assert len(pages) == 1 and _sizes(pdf) == {LETTER}
        text = pages[0]
        assert "42 CFR Part 2" in text and "Confidential" in text
        lines = _body_lines(text)
        header = lines.index(next(line for line in lines if line.startswith("#")))
        rows = lines[header + 1 :]
        numbers = [line for line in rows if line.isdigit()]
        assert len(numbers) == 10 + kit.SIGN_IN_EXTRA_ROWS  # group_size_max in the test program is 10
        # Nothing written on any row: each is its number alone; only the closing line follows.
        assert [line for line in rows if not line.isdigit()] == ["Test Clinic · Test Program"]


@pytest.mark.slow
def test_escalation_card_is_one_page_with_the_programs_own_numbers(built: Path, tmp_path: Path) -> None:
    pdf = built / "site" / paths.ESCALATION_PDF
    pages = _pages(pdf)
    assert len(pages) == 1 and _sizes(pdf) == {LETTER}
    text = _squeeze(pages[0])
    for needed in (
        ON_CALL,
        LOCAL_LINE,
        "988",
        "911",
        "comes to group intoxicated",
        "threat of violence",
        "Sit with the member away from the group",
    ):
        assert _squeeze(needed) in text, needed


@pytest.mark.slow
def test_fidelity_checklist_rates_every_segment_and_required_element(built: Path) -> None:
    curriculum = _curriculum(built)
    entry = curriculum.sessions[0]
    pages = _pages(built / "site" / paths.packet_pdf(entry))
    first = next(i for i, page in enumerate(pages) if _squeeze(page).startswith("Fidelitychecklist"))
    note = next(i for i, page in enumerate(pages) if _squeeze(page).startswith("Groupnote"))
    assert note == first + 1, "the checklist fits one page"
    sheet = pages[first]
    squeezed = _squeeze(sheet)
    for field in ("Date", "Facilitator", "Observer"):
        assert field in sheet
    segments = [s for _, part in entry.session.outline.parts() for s in part]
    for segment in segments:
        assert _squeeze(segment.name) in squeezed
    for element in ("Check-in questions asked", "Homework assigned", "Closing"):
        assert _squeeze(element) in squeezed
    rows = len(segments) + len(entry.session.exercises) + 5
    assert squeezed.count("012") == rows
    assert f"outof{rows * 2}" in squeezed


@pytest.mark.slow
def test_group_note_has_the_sessions_facts_and_no_member_information(built: Path) -> None:
    curriculum = _curriculum(built)
    entry = curriculum.sessions[0]
    html = (built / "site" / paths.html_path(paths.kit_page(entry))).read_text(encoding="utf-8")
    note = re.search(r'<pre class="group-note" id="group-note-text">(.*?)</pre>', html, re.DOTALL)
    assert note is not None
    text = note.group(1)
    assert entry.session.title in text and entry.session.objectives[0][:40] in text
    for segment in entry.session.outline.topic:
        assert segment.name in text
    assert "Date: ____" in text and "Members present (number): ____" in text
    assert "42 CFR Part 2" in html and 'class="md-button md-button--primary copy-note"' in html
    article = html[html.index('<article class="md-content__inner') :]
    article = article[: article.index("</article>")]
    assert "<input" not in article and "<form" not in article and "<textarea" not in article


@pytest.mark.slow
def test_every_kit_document_prints_on_a4_too(tmp_path: Path) -> None:
    root = _project(tmp_path, "page_size: a4\n")
    build_site(root, with_pdfs=True)
    curriculum = _curriculum(root)
    site = root / "site"
    entry = curriculum.sessions[0]
    for target in (
        paths.ESCALATION_PDF,
        paths.SIGN_IN_PDF,
        paths.lesson_plan_pdf(entry),
        paths.packet_pdf(entry),
        paths.GUIDE_PDF,
    ):
        assert _sizes(site / target) == {A4}, target
    assert len(_pages(site / paths.ESCALATION_PDF)) == 1
    assert len(_pages(site / paths.SIGN_IN_PDF)) == 1


@pytest.mark.slow
def test_guide_binds_the_escalation_card_sign_in_and_each_sessions_record(built: Path) -> None:
    curriculum = _curriculum(built)
    pages = [_squeeze(text) for text in _pages(built / "site" / paths.GUIDE_PDF)]
    starts = [i for i, page in enumerate(pages) if page.startswith("Escalationcard")]
    assert starts and starts[0] <= 2
    assert sum(page.startswith("Fidelitychecklist") for page in pages) == len(curriculum.sessions)
    assert sum(page.startswith("Groupnote") for page in pages) == len(curriculum.sessions)


@pytest.mark.slow
def test_lesson_plan_pdf_keeps_the_run_sheet_whole_and_no_label_at_a_page_foot(built: Path) -> None:
    curriculum = _curriculum(built)
    for entry in curriculum.sessions:
        pages = _pages(built / "site" / paths.lesson_plan_pdf(entry))
        assert len(pages) >= 2  # long enough for the page-foot rule to mean something
        sheet = [page for page in pages if "Run sheet" in page]
        assert len(sheet) == 1 and "Total" in sheet[0] and "Clock" in sheet[0]
        headings = {s.name for _, part in entry.session.outline.parts() for s in part}
        for number, page in enumerate(pages[:-1], start=1):
            last = _body_lines(page)[-1]
            assert last not in LABELS, f"{entry.id} page {number} ends with the label {last!r}"
            assert not any(
                last.endswith(f"{name} ({minutes} min)")
                for name in headings
                for minutes in range(1, 241)
                if last.startswith(("1", "2"))
            ), last


def _contrast_with_white(rgba: tuple[float, float, float, float]) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue, _ = rgba
    luminance = 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)
    return 1.05 / (luminance + 0.05)


@pytest.mark.slow
def test_lesson_plan_pdf_has_no_grey_text(built: Path) -> None:
    """Every piece of text in the printed plan, 'Say' text included, at 7:1 contrast or more."""
    import weasyprint

    curriculum = _curriculum(built)
    site = built / "site"
    css_dir = site / "assets" / "stylesheets"
    css = "\n".join((css_dir / n).read_text(encoding="utf-8") for n in ("curriculum.css", "pdf.css", "kit.css"))
    entry: SessionEntry = curriculum.sessions[0]
    job = next(j for j in plan_jobs(curriculum, site, css, "letter") if j.target == paths.lesson_plan_pdf(entry))
    document = weasyprint.HTML(string=job.html).render()
    low: list[str] = []
    seen: list[str] = []

    def walk(box: object) -> None:
        text = getattr(box, "text", None)
        if text and text.strip():
            seen.append(text)
            color = box.style["color"]  # type: ignore[attr-defined]
            if _contrast_with_white(tuple(color)) < 7:
                low.append(f"{text.strip()[:40]!r} in {tuple(round(c, 2) for c in color)}")
        for child in getattr(box, "children", ()):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    assert len(seen) > 100 and any(entry.session.title.split()[0] in t for t in seen)
    assert not low, low[:10]


def test_check_in_card_gives_minutes_at_each_head_count(tmp_path: Path) -> None:
    curriculum = _curriculum(_project(tmp_path))
    entry = curriculum.sessions[0]
    segment = next(s for s in entry.session.outline.opening if s.name == "Check-in")
    card = kit.check_in_card(entry, 12)
    assert card is not None
    assert [row.members for row in card.rows] == [3, 6, 9, 12]
    for row in card.rows:
        assert row.minutes_each == int(segment.minutes / row.members * 2) / 2
        assert row.full_round == (row.minutes_each >= entry.session.check_in.minutes_per_person)
    assert card.when_full[0].startswith("Ask everyone the first question")


def test_check_in_card_for_a_full_room_says_how_to_share_the_time(tmp_path: Path) -> None:
    root = _project(tmp_path)
    session = next((root / "curriculum" / "coping").glob("01-*.yaml"))
    text = session.read_text(encoding="utf-8")
    text = text.replace("    - name: Check-in\n      minutes: 25", "    - name: Check-in\n      minutes: 12")
    text = text.replace(
        "    - name: Welcome and group agreements\n      minutes: 5",
        "    - name: Welcome and group agreements\n      minutes: 18",
    )
    session.write_text(text, encoding="utf-8")
    entry = _curriculum(root).sessions[0]
    card = kit.check_in_card(entry, 15)
    assert card is not None
    full = card.rows[-1]
    assert full.members == 15 and not full.full_round
    assert "pairs" in full.advice


@pytest.mark.slow
def test_kit_page_and_packet_are_reachable_from_the_facilitator_overview(built: Path) -> None:
    curriculum = _curriculum(built)
    html = (built / "site" / paths.html_path(paths.FACILITATOR)).read_text(encoding="utf-8")
    for entry in curriculum.sessions:
        assert paths.html_path(paths.kit_page(entry)).split("/")[-1] in html
        assert paths.packet_pdf(entry).split("/")[-1] in html
    for page in (paths.ESCALATION, paths.SIGN_IN):
        assert paths.html_path(page).split("/")[-1] in html


@pytest.mark.slow
def test_schedule_links_each_groups_packet(built: Path) -> None:
    curriculum = _curriculum(built)
    html = (built / "site" / paths.html_path(paths.SCHEDULE)).read_text(encoding="utf-8")
    for entry in curriculum.sessions:
        assert f'href="{paths.packet_pdf(entry)}">Packet</a>' in html
