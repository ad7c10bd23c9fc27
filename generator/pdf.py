"""PDF handouts, module packets, the participant workbook and the facilitator guide.

The PDFs are cut from the built site's own HTML (the handout article, the lesson
plan article) and rendered by WeasyPrint with the site's print stylesheet, so
paper and screen never disagree. Each PDF is cached by a hash of its HTML, its
styles, the page size, the WeasyPrint version and the font files; only changed ones are rendered
again, in parallel.
"""

from __future__ import annotations

import atexit
import hashlib
import html
import json
import os
import re
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from . import fonts, paths, qr
from .errors import BuildFailed
from .model import Curriculum
from .templates import plain_text

PAGE_SIZES = {"letter": "letter", "a4": "A4"}
_HANDOUT = re.compile(r'(<article class="handout">.*?</article>)', re.DOTALL)  # kept whole: print CSS is scoped to it
_CONTENT = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.DOTALL)


def _kit_section(name: str) -> re.Pattern[str]:
    """One document of the facilitator kit, cut from its page (kit sections never nest)."""
    return re.compile(rf'(<section class="kit-doc kit-{name}">.*?</section>)', re.DOTALL)


_FIDELITY, _NOTE, _SIGN_IN, _ESCALATION = (_kit_section(n) for n in ("fidelity", "note", "sign-in", "escalation"))
_PART_NAMES = {
    _FIDELITY: "fidelity checklist section",
    _NOTE: "group note section",
    _SIGN_IN: "sign-in sheet section",
    _ESCALATION: "escalation card section",
    _HANDOUT: "handout article",
    _CONTENT: "article",
}


@dataclass(frozen=True)
class PdfJob:
    """One PDF: rendered from `html`, or bound from other jobs' PDFs (`parts`, their targets),
    so a document that appears in several PDFs (a lesson plan in its own PDF, in tonight's
    packet and in the guide) is laid out once."""

    target: str  # path inside the site, e.g. pdf/handouts/x.pdf
    html: str = ""
    parts: tuple[str, ...] = ()
    publish: bool = True  # False: only a part of other PDFs, kept in the cache, not in the site


@dataclass(frozen=True)
class PdfStats:
    rendered: int
    cached: int
    page_counts: dict[str, int]


def _printed_parts(site: Path, md_path: str, *patterns: re.Pattern[str]) -> list[str]:
    """The parts of one built page that its PDFs are cut from, the page read once."""
    page = paths.html_path(md_path)
    text = (site / page).read_text(encoding="utf-8")
    found = []
    for pattern in patterns:
        match = pattern.search(text)
        if not match:
            raise BuildFailed(
                f"{page}: the page has no {_PART_NAMES.get(pattern, 'printable part')} for its PDF; an "
                "override of its template (in overrides/, a partial it includes too) must keep it"
            )
        found.append(match.group(1))
    return found


def _article(site: Path, md_path: str, pattern: re.Pattern[str]) -> str:
    return _printed_parts(site, md_path, pattern)[0]


def _css_string(text: str) -> str:
    """A CSS string inside <style>: '<' is escaped so a title cannot close the style element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return '"' + escaped.replace("\n", "\\a ") + '"'


# Between the print stylesheet and the document's own page setup inside its <style>: the
# renderer parses the stylesheet once per process and only the page setup per document.
_PAGE_SETUP = "\n/* page setup */\n"


def print_document(
    title: str, body: str, css: str, page_size: str, large: bool = False, lang: str = "en", footer: str = ""
) -> str:
    """A standalone printable page: the site's CSS, the page size, and a footer with page numbers."""
    size = (
        f"@page {{ size: {PAGE_SIZES[page_size]}; @bottom-center {{ content: {_css_string(footer + ' · ')} "
        f'string(doc-title) " · Page " counter(page) " of " counter(pages); }} }}'
    )
    body_class = ' class="large-print"' if large else ""
    shown = html.escape(plain_text(title))
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{shown}</title>'
        f"<style>{css}{_PAGE_SETUP}{size}</style></head><body{body_class}>{body}</body></html>"
    )


def _cover(title: str, subtitle: str, program_line: str, contents: list[str]) -> str:
    items = "".join(f"<li>{html.escape(plain_text(item))}</li>" for item in contents)
    return (
        f'<section class="cover"><h1>{html.escape(title)}</h1><p>{html.escape(plain_text(subtitle))}</p>'
        f"<p>{html.escape(program_line)}</p></section>"
        f'<section class="contents"><h2>Contents</h2><ol>{items}</ol></section>'
    )


def plan_jobs(curriculum: Curriculum, site: Path, css: str, page_size: str) -> list[PdfJob]:
    program = curriculum.program
    lang = program.language
    program_line = f"{program.organization} · {program.title} · version {program.version}"
    footer = f"{program.title} · Version {program.version}"
    # Each handout carries a QR code to its page online when site_url is set (see qr.py).
    handouts = {
        e.ref: _article(site, paths.handout(e), _HANDOUT) + qr.handout_footer(program, e) for e in curriculum.sessions
    }
    jobs: list[PdfJob] = []
    for entry in curriculum.sessions:
        title = entry.session.handout.title
        for large in (False, True):
            jobs.append(
                PdfJob(
                    paths.handout_pdf(entry, large=large),
                    print_document(title, handouts[entry.ref], css, page_size, large, lang, footer),
                )
            )
    for module in curriculum.modules:
        body = "".join(f'<div class="doc">{handouts[e.ref]}</div>' for e in module.sessions)
        title = f"{module.module.title}: handouts"
        jobs.append(
            PdfJob(
                paths.module_packet_pdf(module), print_document(title, body, css, page_size, lang=lang, footer=footer)
            )
        )
    order = curriculum.sessions_in_running_order()
    cover = _cover("Participant workbook", program.title, program_line, [e.session.handout.title for e in order])
    body = cover + "".join(f'<div class="doc">{handouts[e.ref]}</div>' for e in order)
    jobs.append(
        PdfJob(
            paths.WORKBOOK_PDF, print_document("Participant workbook", body, css, page_size, lang=lang, footer=footer)
        )
    )
    plans = {e.ref: _article(site, paths.lesson_plan(e), _CONTENT) for e in curriculum.sessions}
    jobs += kit_jobs(
        curriculum,
        site,
        handouts,
        plans,
        lambda title, body, footer_text: print_document(title, body, css, page_size, lang=lang, footer=footer_text),
        footer,
    )
    return jobs


def kit_jobs(
    curriculum: Curriculum,
    site: Path,
    handouts: dict[str, str],
    plans: dict[str, str],
    document: Callable[[str, str, str], str],
    footer: str,
) -> list[PdfJob]:
    """The facilitator's documents: a lesson plan PDF and tonight's packet per session, the
    escalation card, the blank sign-in sheet, and the facilitator guide that binds them.

    Each part is laid out once; packets and the guide are bound from the parts' PDFs."""
    program = curriculum.program

    jobs = [
        PdfJob(
            paths.ESCALATION_PDF, document("Escalation card", _article(site, paths.ESCALATION, _ESCALATION), footer)
        ),
        PdfJob(paths.SIGN_IN_PDF, document("Sign-in sheet", _article(site, paths.SIGN_IN, _SIGN_IN), footer)),
    ]
    guide_parts = [paths.ESCALATION_PDF, paths.SIGN_IN_PDF]
    for entry in curriculum.sessions:
        title, sign_in, record = entry.session.title, f"parts/sign-in/{entry.id}.pdf", f"parts/record/{entry.id}.pdf"
        sign_in_sheet, fidelity, note = _printed_parts(site, paths.kit_page(entry), _SIGN_IN, _FIDELITY, _NOTE)
        jobs += [
            PdfJob(paths.lesson_plan_pdf(entry), document(title, plans[entry.ref], f"Lesson plan · {footer}")),
            PdfJob(sign_in, document(f"Sign-in sheet: {title}", sign_in_sheet, footer), publish=False),
            PdfJob(
                record,
                document(
                    f"Group record: {title}",
                    f'<div class="doc">{fidelity}</div><div class="doc">{note}</div>',
                    footer,
                ),
                publish=False,
            ),
            PdfJob(
                paths.packet_pdf(entry), parts=(paths.lesson_plan_pdf(entry), sign_in, record, paths.handout_pdf(entry))
            ),
        ]
        guide_parts += [paths.lesson_plan_pdf(entry), record]
    program_line = f"{program.organization} · {program.title} · version {program.version}"
    contents = ["Escalation card", "Sign-in sheet"] + [
        f"{curriculum.module(e.module_id).module.title}: {e.session.title} (lesson plan, fidelity "
        "checklist, group note)"
        for e in curriculum.sessions
    ]
    cover = _cover("Facilitator guide", program.title, program_line, contents)
    jobs += [
        PdfJob(
            "parts/guide-cover.pdf",
            document("Facilitator guide", cover, f"Facilitator guide · {footer}"),
            publish=False,
        ),
        PdfJob(paths.GUIDE_PDF, parts=("parts/guide-cover.pdf", *guide_parts)),
    ]
    return jobs


class RefusedResource(ValueError):
    """A document asked for a resource from outside the package's own files."""


def refuse_outside_resources(url: str) -> dict[str, object]:
    """WeasyPrint's URL fetcher: a published PDF embeds no file from the build machine
    (file://) and calls no third party (https://). Everything a PDF needs is inline."""
    raise RefusedResource(f"refused to load '{url[:80]}': PDFs use only the curriculum's own files")


def is_package_font(url: str) -> bool:
    """True only for a file:// address of one of the shipped font files (fonts.py)."""
    if not url.startswith("file:"):
        return False
    try:
        path = Path(url2pathname(urlsplit(url).path)).resolve()
    except (OSError, ValueError):
        return False
    return path.as_uri() in fonts.allowed_urls()


def _local_only_fetcher() -> object:
    """A WeasyPrint URL fetcher that refuses every address but the package's font files
    (a refusal logs a warning, the PDF goes on without the resource)."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> object:
            if is_package_font(url):
                return super().fetch(url, headers)
            return refuse_outside_resources(url)

    return LocalOnlyFetcher()


@lru_cache(maxsize=4)
def _stylesheet(css: str) -> tuple[object, object]:
    """The print stylesheet parsed once per process, with the fonts it loads (parsing the
    stylesheet and loading the fonts cost more than laying out a one-page handout)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    sheet = weasyprint.CSS(string=css, font_config=font_config, url_fetcher=_local_only_fetcher())
    return sheet, font_config


# Let go of the cached font configurations while the interpreter still runs: at shutdown their
# finalizer would find its library already gone and print a traceback.
atexit.register(_stylesheet.cache_clear)


def render_pdf(html_text: str, output: str) -> int:
    """Worker: render one document; returns its page count.

    A document made by print_document() is split at its page setup: the print stylesheet
    before it is parsed once per process and given to WeasyPrint as a ready stylesheet.
    """
    import weasyprint

    head, style, rest = html_text.partition("<style>")
    css, setup, tail = rest.partition(_PAGE_SETUP)
    fetcher = _local_only_fetcher()
    if style and setup:
        sheet, font_config = _stylesheet(css)
        document = weasyprint.HTML(string=f"{head}<style>{tail}", url_fetcher=fetcher).render(
            stylesheets=[sheet], font_config=font_config
        )
    else:
        document = weasyprint.HTML(string=html_text, url_fetcher=fetcher).render()
    document.write_pdf(output)
    return len(document.pages)


def bind_pdfs(parts: list[Path], output: Path) -> int:
    """One PDF from several, page after page, byte-for-byte the same for the same parts;
    returns the page count. Each part keeps its own footer and page numbers."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(str(part), import_outline=False)
    with output.open("wb") as stream:
        writer.write(stream)
    return len(writer.pages)


def _key(job: PdfJob) -> str:
    import weasyprint

    digest = hashlib.sha256(f"{weasyprint.__version__}\0{fonts.fingerprint()}\0{job.html}".encode())
    return digest.hexdigest()


def render_all_pdfs(
    curriculum: Curriculum,
    site: Path,
    cache: Path,
    *,
    page_size: str,
    progress: Callable[[str], None] = lambda message: None,
    workers: int | None = None,
) -> PdfStats:
    css_dir = site / "assets" / "stylesheets"
    css = "\n".join((css_dir / name).read_text(encoding="utf-8") for name in ("curriculum.css", "pdf.css", "kit.css"))
    css = fonts.for_pdf(css)  # the site's font addresses, pointed at the package's font files
    jobs = plan_jobs(curriculum, site, css, page_size)
    cache.mkdir(parents=True, exist_ok=True)
    rendered = [job for job in jobs if not job.parts]
    bound = [job for job in jobs if job.parts]
    keys = {job.target: _key(job) for job in rendered}
    for job in bound:  # a bound PDF changes exactly when one of its parts does
        keys[job.target] = hashlib.sha256("\0".join(["bound", *(keys[p] for p in job.parts)]).encode()).hexdigest()
    missing = [job for job in rendered if not (cache / f"{keys[job.target]}.pdf").is_file()]
    unbound = [job for job in bound if not (cache / f"{keys[job.target]}.pdf").is_file()]
    progress(
        f"PDFs: {len(jobs) - len(missing) - len(unbound)} unchanged, rendering {len(missing)}, binding {len(unbound)}"
    )
    counts: dict[str, int] = {}
    if missing:
        workers = workers or min(len(missing), os.cpu_count() or 1)
        # The longest documents first (the facilitator guide takes as long as dozens of
        # handouts): the other workers share out the short ones meanwhile.
        missing.sort(key=lambda job: len(job.html), reverse=True)
        outputs = [str(cache / f".{keys[job.target]}.{os.getpid()}.tmp") for job in missing]
        if workers > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                results = list(pool.map(render_pdf, [job.html for job in missing], outputs))
        else:
            results = [render_pdf(job.html, out) for job, out in zip(missing, outputs, strict=True)]
        for job, out, pages in zip(missing, outputs, results, strict=True):
            key = keys[job.target]
            (cache / f"{key}.json").write_text(json.dumps({"pages": pages}), encoding="utf-8")
            os.replace(out, cache / f"{key}.pdf")
    for job in unbound:
        key = keys[job.target]
        bound_file = cache / f".{key}.{os.getpid()}.tmp"
        pages = bind_pdfs([cache / f"{keys[part]}.pdf" for part in job.parts], bound_file)
        (cache / f"{key}.json").write_text(json.dumps({"pages": pages}), encoding="utf-8")
        os.replace(bound_file, cache / f"{key}.pdf")
    for job in jobs:
        key = keys[job.target]
        meta = cache / f"{key}.json"
        counts[job.target] = json.loads(meta.read_text())["pages"] if meta.is_file() else 0
        if not job.publish:
            continue
        target = site / job.target
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cache / f"{key}.pdf", target)
    # Counted as the reader sees them: the published files, made now or taken from the cache
    # (parts bound into packets and the guide are not files of the site).
    fresh = {job.target for job in missing + unbound}
    published = [job for job in jobs if job.publish]
    made = sum(job.target in fresh for job in published)
    return PdfStats(rendered=made, cached=len(published) - made, page_counts=counts)
