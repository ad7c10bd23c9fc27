"""Printed handouts end with a QR code that opens their page online, when site_url is set.

The codes are read back the way a phone would see the paper: the PDF page is rendered
to an image (pdftoppm) and decoded (zbarimg, Debian's zbar-tools).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator import paths
from generator.build import build_site
from generator.pdf import plan_jobs
from generator.validate import load_and_validate
from tests.helpers import build_file_tree, minimal_files

SITE_URL = "https://clinic.example.org/iop-curriculum/"
SESSIONS = ("first-session", "second-session")
TOOLS = [tool for tool in ("pdftoppm", "zbarimg") if shutil.which(tool) is None]
pytestmark = pytest.mark.skipif(
    bool(TOOLS), reason=f"{', '.join(TOOLS)} missing (apt-get install poppler-utils zbar-tools)"
)
pytestmark = [pytestmark, pytest.mark.slow]  # renders PDFs: outside the fast lane


def _project(root: Path, site_url: str | None) -> Path:
    files = minimal_files(session_ids=SESSIONS)
    if site_url:
        files["curriculum/program.yaml"] = f"site_url: {site_url}\n" + str(files["curriculum/program.yaml"])
    return build_file_tree(root, files)


def _codes(pdf: Path, page: int, dpi: int = 150) -> list[str]:
    """Every QR code zbar reads on one page of a PDF rendered at a printer-like resolution."""
    image = pdf.with_name(f"{pdf.stem}-{page}")
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(image)],
        check=True,
    )
    result = subprocess.run(["zbarimg", "--quiet", "--raw", str(image) + ".png"], capture_output=True, text=True)
    return result.stdout.split()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = _project(tmp_path_factory.mktemp("qr"), SITE_URL)
    build_site(root, with_pdfs=True)
    return root / "site"


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_each_printed_handout_opens_its_own_page_online(site: Path) -> None:
    for session in SESSIONS:
        expected = f"{SITE_URL}handouts/{session}.html"
        assert (site / f"handouts/{session}.html").is_file()  # the address the code opens exists
        for large in ("", "-large-print"):
            pdf = site / f"pdf/handouts/{session}{large}.pdf"
            pages = [_codes(pdf, page) for page in range(1, _pages(pdf) + 1)]
            assert pages[-1] == [expected], pdf.name  # at the foot of the handout, on its last page
            assert sum(pages, []) == [expected], pdf.name


def test_the_code_reads_at_a_coarse_scan(site: Path) -> None:
    # 100 dpi is coarser than any phone camera sees a printed page: the code is not too small.
    assert _codes(site / "pdf/handouts/first-session.pdf", 1, dpi=100) == [f"{SITE_URL}handouts/first-session.html"]


def test_in_the_workbook_each_handout_carries_its_own_code(site: Path) -> None:
    pdf = site / paths.WORKBOOK_PDF
    found = [code for page in range(1, _pages(pdf) + 1) for code in _codes(pdf, page)]
    assert found == [f"{SITE_URL}handouts/{session}.html" for session in SESSIONS]  # none on the cover


def test_the_web_page_and_the_facilitator_guide_have_no_code(site: Path) -> None:
    assert (
        "<svg"
        not in (site / "handouts/first-session.html")
        .read_text(encoding="utf-8")
        .split('class="handout"', 1)[1]
        .split("</article>", 1)[0]
    )
    guide = site / paths.GUIDE_PDF
    assert not [c for page in range(1, _pages(guide) + 1) for c in _codes(guide, page)]


def test_without_a_site_address_a_handout_prints_no_code(tmp_path: Path) -> None:
    import weasyprint

    root = _project(tmp_path, None)
    build_site(root, with_pdfs=False)
    curriculum = load_and_validate(root).curriculum
    assert curriculum is not None
    css = (root / "site/assets/stylesheets/pdf.css").read_text(encoding="utf-8")
    job = next(
        j
        for j in plan_jobs(curriculum, root / "site", css, "letter")
        if j.target == paths.handout_pdf(curriculum.sessions[0])
    )
    pdf = tmp_path / "handout.pdf"
    weasyprint.HTML(string=job.html).write_pdf(pdf)
    assert _codes(pdf, 1) == []
