"""PDF handouts, module packets, the participant workbook and the facilitator guide.

The PDFs are cut from the built site's own HTML (the handout article, the lesson
plan article) and rendered by WeasyPrint with the site's print stylesheet, so
paper and screen never disagree. Each PDF is cached by a hash of its HTML, its
styles, the page size and the WeasyPrint version; only changed ones are rendered
again, in parallel.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from . import paths
from .model import Curriculum, SessionEntry

PAGE_SIZES = {"letter": "letter", "a4": "A4"}
_HANDOUT = re.compile(r'(<article class="handout">.*?</article>)', re.DOTALL)  # kept whole: print CSS is scoped to it
_CONTENT = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)


@dataclass(frozen=True)
class PdfJob:
    target: str          # path inside the site, e.g. pdf/handouts/x.pdf
    html: str


@dataclass(frozen=True)
class PdfStats:
    rendered: int
    cached: int
    page_counts: dict[str, int]


def _article(site: Path, md_path: str, pattern: re.Pattern[str]) -> str:
    text = (site / paths.html_path(md_path)).read_text(encoding="utf-8")
    match = pattern.search(text)
    if not match:
        raise ValueError(f"no printable content in {paths.html_path(md_path)}")
    return match.group(1)


def _css_string(text: str) -> str:
    """A CSS string inside <style>: '<' is escaped so a title cannot close the style element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return '"' + escaped.replace("\n", "\\a ") + '"'


def _document(title: str, body: str, css: str, page_size: str, large: bool = False, lang: str = "en",
              footer: str = "") -> str:
    """A standalone printable page: the site's CSS, the page size, and a footer with page numbers."""
    size = (f"@page {{ size: {PAGE_SIZES[page_size]}; @bottom-center {{ content: {_css_string(footer + ' · ')} "
            f'string(doc-title) " · Page " counter(page) " of " counter(pages); }} }}')
    body_class = ' class="large-print"' if large else ""
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{css}\n{size}</style></head><body{body_class}>{body}</body></html>")


def _cover(title: str, subtitle: str, program_line: str, contents: list[str]) -> str:
    items = "".join(f"<li>{html.escape(item)}</li>" for item in contents)
    return (f'<section class="cover"><h1>{html.escape(title)}</h1><p>{html.escape(subtitle)}</p>'
            f"<p>{html.escape(program_line)}</p></section>"
            f'<section class="contents"><h2>Contents</h2><ol>{items}</ol></section>')


def _unique(entries: tuple[SessionEntry, ...]) -> list[SessionEntry]:
    seen: set[str] = set()
    return [e for e in entries if not (e.ref in seen or seen.add(e.ref))]  # type: ignore[func-returns-value]


def plan_jobs(curriculum: Curriculum, site: Path, css: str, page_size: str) -> list[PdfJob]:
    program = curriculum.program
    lang = program.language
    program_line = f"{program.organization} · {program.title} · version {program.version}"
    footer = f"{program.title} · Version {program.version}"
    handouts = {e.ref: _article(site, paths.handout(e), _HANDOUT) for e in curriculum.sessions}
    jobs: list[PdfJob] = []
    for entry in curriculum.sessions:
        title = entry.session.handout.title
        for large in (False, True):
            jobs.append(PdfJob(paths.handout_pdf(entry, large=large),
                               _document(title, handouts[entry.ref], css, page_size, large, lang, footer)))
    for module in curriculum.modules:
        body = "".join(f'<div class="doc">{handouts[e.ref]}</div>' for e in module.sessions)
        title = f"{module.module.title}: handouts"
        jobs.append(PdfJob(paths.module_packet_pdf(module),
                           _document(title, body, css, page_size, lang=lang, footer=footer)))
    order = _unique(curriculum.running_order()) or list(curriculum.sessions)
    cover = _cover("Participant workbook", program.title, program_line, [e.session.handout.title for e in order])
    body = cover + "".join(f'<div class="doc">{handouts[e.ref]}</div>' for e in order)
    jobs.append(PdfJob(paths.WORKBOOK_PDF,
                       _document("Participant workbook", body, css, page_size, lang=lang, footer=footer)))
    plans = [(e, _article(site, paths.lesson_plan(e), _CONTENT)) for e in curriculum.sessions]
    cover = _cover("Facilitator guide", program.title, program_line,
                   [f"{curriculum.module(e.module_id).module.title}: {e.session.title}" for e, _ in plans])
    body = cover + "".join(f'<div class="doc">{text}</div>' for _, text in plans)
    guide_footer = f"Facilitator guide · {footer}"
    jobs.append(PdfJob(paths.GUIDE_PDF,
                       _document("Facilitator guide", body, css, page_size, lang=lang, footer=guide_footer)))
    return jobs


class RefusedResource(ValueError):
    """A document asked for a resource from outside the package's own files."""


def refuse_outside_resources(url: str) -> dict[str, object]:
    """WeasyPrint's URL fetcher: a published PDF embeds no file from the build machine
    (file://) and calls no third party (https://). Everything a PDF needs is inline."""
    raise RefusedResource(f"refused to load '{url[:80]}': PDFs use only the curriculum's own files")


def _local_only_fetcher() -> object:
    """A WeasyPrint URL fetcher that refuses every address (it logs a warning, the PDF
    goes on without the resource)."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> object:
            return refuse_outside_resources(url)

    return LocalOnlyFetcher()


def _render(html_text: str, output: str) -> int:
    """Worker: render one document; returns its page count."""
    import weasyprint

    document = weasyprint.HTML(string=html_text, url_fetcher=_local_only_fetcher()).render()
    document.write_pdf(output)
    return len(document.pages)


def _key(job: PdfJob) -> str:
    import weasyprint

    digest = hashlib.sha256(f"{weasyprint.__version__}\0{job.html}".encode())
    return digest.hexdigest()


def render_all_pdfs(curriculum: Curriculum, site: Path, cache: Path, *, page_size: str,
                    progress: Callable[[str], None] = lambda message: None,
                    workers: int | None = None) -> PdfStats:
    css_dir = site / "assets" / "stylesheets"
    css = "\n".join((css_dir / name).read_text(encoding="utf-8") for name in ("curriculum.css", "pdf.css"))
    jobs = plan_jobs(curriculum, site, css, page_size)
    cache.mkdir(parents=True, exist_ok=True)
    keys = {job.target: _key(job) for job in jobs}
    missing = [job for job in jobs if not (cache / f"{keys[job.target]}.pdf").is_file()]
    progress(f"PDFs: {len(jobs) - len(missing)} unchanged, rendering {len(missing)}")
    counts: dict[str, int] = {}
    if missing:
        workers = workers or min(len(missing), os.cpu_count() or 1)
        outputs = [str(cache / f".{keys[job.target]}.{os.getpid()}.tmp") for job in missing]
        if workers > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = list(pool.map(_render, [job.html for job in missing], outputs, chunksize=2))
        else:
            results = [_render(job.html, out) for job, out in zip(missing, outputs, strict=True)]
        for job, out, pages in zip(missing, outputs, results, strict=True):
            key = keys[job.target]
            (cache / f"{key}.json").write_text(json.dumps({"pages": pages}), encoding="utf-8")
            os.replace(out, cache / f"{key}.pdf")
    for job in jobs:
        key = keys[job.target]
        target = site / job.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache / f"{key}.pdf", target)
        meta = cache / f"{key}.json"
        counts[job.target] = json.loads(meta.read_text())["pages"] if meta.is_file() else 0
    return PdfStats(rendered=len(missing), cached=len(jobs) - len(missing), page_counts=counts)
