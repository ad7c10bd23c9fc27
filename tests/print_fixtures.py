"""Handouts of chosen lengths, rendered to PDF as `curriculum build` renders them, and what
a reader sees on each page (its text, and where the ink is)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator import paths
from generator.build import build_site
from generator.fonts import for_pdf
from generator.pdf import plan_jobs, render_pdf
from generator.validate import load_and_validate

from .helpers import minimal_files

MODULE = "coping"
HOMEWORK = "Use the skill once a day. Write down what happened."
CRISIS_TITLE = "If you need help now"


def session_id(extra_lines: int) -> str:
    return f"notes-{extra_lines:02d}"


def long_handout_files(extra_lines: tuple[int, ...]) -> dict[str, str | bytes]:
    """A project with one session per number: its handout has a notes block of that many
    writing lines more than the scaffold's, so the handouts end at every height of the page."""
    ids = tuple(session_id(n) for n in extra_lines)
    files = minimal_files(MODULE, ids)
    for number, (n, sid) in enumerate(zip(extra_lines, ids, strict=True), start=1):
        name = f"curriculum/{MODULE}/{number:02d}-{sid}.yaml"
        text = str(files[name])
        notes = (
            '    - prompt: "Notes for the week, and what I want to ask in group:"\n'
            "      lines: 6\n"
            '    - prompt: "More notes:"\n'
            f"      lines: {n}\n"
        )
        assert "    - checklist:\n" in text
        files[name] = text.replace("    - checklist:\n", notes + "    - checklist:\n", 1)
    return files


@dataclass(frozen=True)
class Rendered:
    session: str
    large: bool
    pdf: Path


def render_handouts(root: Path, out: Path, page_size: str = "letter") -> list[Rendered]:
    """Build the site (without the PDF step) and render each handout and its large print
    from the same documents and stylesheets that `curriculum build` renders."""
    build_site(root, with_pdfs=False)
    site = root / "site"
    curriculum = load_and_validate(root).curriculum
    assert curriculum is not None
    css_dir = site / "assets" / "stylesheets"
    names = [n for n in ("curriculum.css", "pdf.css", "kit.css") if (css_dir / n).is_file()]
    css = for_pdf("\n".join((css_dir / n).read_text(encoding="utf-8") for n in names))
    wanted = {paths.handout_pdf(e, large=large): (e.id, large) for e in curriculum.sessions for large in (False, True)}
    out.mkdir(parents=True, exist_ok=True)
    rendered = []
    for job in plan_jobs(curriculum, site, css, page_size):
        if job.target in wanted:
            sid, large = wanted[job.target]
            target = out / Path(job.target).name
            render_pdf(job.html, str(target))
            rendered.append(Rendered(sid, large, target))
    assert len(rendered) == len(wanted)
    return rendered


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def page_images(pdf: Path, folder: Path, dpi: int = 100) -> list[Path]:
    """Each page as a grey-scale PNG (pdftoppm), to find where the ink is."""
    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(prefix)], check=True)
    return sorted(folder.glob(f"{pdf.stem}-*.png"))


def ink_rows(image: Path, threshold: int = 160) -> list[bool]:
    """For each pixel row from the top: does any pixel darker than the threshold sit on it?"""
    from PIL import Image

    with Image.open(image) as picture:
        ink = picture.convert("L").point(lambda value: 255 if value < threshold else 0)
        column = ink.resize((1, ink.height), Image.Resampling.BOX)  # each row's mean ink
        return [bool(column.getpixel((0, y))) for y in range(ink.height)]
