"""`curriculum build`: validate, generate, build with MkDocs, add PDFs, then swap in atomically.

Everything is built in a temporary folder beside the site folder. The old site
is replaced only when every step succeeded, so a mistake in the YAML never costs
a clinic the site it already had.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import paths, site_guard
from .engines import run_engine
from .errors import BuildFailed, InvalidCurriculum, Problem, Severity, in_reading_order
from .generate import build_files, write_tree
from .html_safety import check_built_site
from .mkdocs_config import site_config
from .model import Curriculum
from .pages import RenderOptions
from .reproducible import ensure_source_date_epoch
from .site_zip import write_site_zip
from .validate import Result, load_and_validate

Progress = Callable[[str], None]
CACHE_DIR = ".cache/curriculum"
ENGINE_NAMES = {"mkdocs": "MkDocs", "zensical": "Zensical"}


@dataclass
class BuildReport:
    validation: Result
    site_dir: Path
    pages: int = 0
    pdfs_rendered: int = 0
    pdfs_cached: int = 0
    mkdocs_warnings: list[str] = field(default_factory=list)
    print_warnings: list[Problem] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [*self.validation.problems, *self.print_warnings]


def overflow_warnings(curriculum: Curriculum, page_counts: dict[str, int]) -> list[Problem]:
    """Warn about handouts that print longer than the program allows (default: two pages)."""
    limit = curriculum.program.thresholds.handout_max_pages
    size = curriculum.program.page_size
    warnings = []
    for entry in curriculum.sessions:
        line, column = entry.handout_mark
        pages = page_counts.get(paths.handout_pdf(entry), 0)
        if pages > limit:
            warnings.append(
                Problem(
                    entry.file,
                    line,
                    column,
                    f"handout: prints on {pages} pages ({size}); at most {limit} fit the "
                    "program's limit, so shorten the key points, steps or worksheet",
                    Severity.WARNING,
                )
            )
        large = page_counts.get(paths.handout_pdf(entry, large=True), 0)
        large_limit = curriculum.program.thresholds.large_print_max_pages
        if large > large_limit:
            warnings.append(
                Problem(
                    entry.file,
                    line,
                    column,
                    f"handout: the large-print copy prints on {large} pages ({size}); at "
                    f"most {large_limit} fit the program's limit, so shorten "
                    "the key points, steps or worksheet",
                    Severity.WARNING,
                )
            )
    return warnings


def _logo_path(files: dict[str, str | bytes]) -> str | None:
    return next((name for name in files if name.startswith("assets/images/logo")), None)


def generate_docs(
    root: Path,
    result: Result,
    docs_dir: Path,
    site_dir: Path,
    options: RenderOptions,
    *,
    keep_plugin: bool = False,
    marker: str | None = None,
) -> tuple[dict[str, object], int]:
    """Write the Markdown tree and return the MkDocs configuration that builds it."""
    assert result.curriculum is not None
    files = build_files(root, result.curriculum, options)
    if marker:
        files[marker] = site_guard.MARKER_TEXT
    write_tree(files, docs_dir)
    config = site_config(
        root, result.curriculum, docs_dir, site_dir, keep_curriculum_plugin=keep_plugin, logo=_logo_path(files)
    )
    return config, sum(1 for name in files if name.endswith(".md"))


def build_site(
    root: Path,
    site_dir: Path | None = None,
    *,
    strict: bool = False,
    with_pdfs: bool = True,
    page_size: str | None = None,
    engine: str = "mkdocs",
    progress: Progress = lambda message: None,
) -> BuildReport:
    root = root.resolve()
    site_dir = Path(os.path.abspath(site_dir or root / "site"))
    site_guard.recover(site_dir, progress)
    check_site_dir(root, site_dir)
    ensure_source_date_epoch(root)
    progress("Checking the curriculum")
    result = load_and_validate(root)
    if result.failed(strict):
        raise InvalidCurriculum(list(result.problems))
    assert result.curriculum is not None
    report = BuildReport(result, site_dir)
    work = _work_folder(site_dir)
    try:
        docs_dir, new_site = work / "docs", work / "site"
        progress("Writing pages")
        config, report.pages = generate_docs(root, result, docs_dir, new_site, RenderOptions(with_pdfs=with_pdfs))
        progress(f"Building {report.pages} pages with {ENGINE_NAMES.get(engine, engine)}")
        report.mkdocs_warnings = run_engine(engine, config, work / "mkdocs.yml", strict=strict)
        check_built_site(new_site)
        if with_pdfs:
            from .pdf import render_all_pdfs

            stats = render_all_pdfs(
                result.curriculum,
                new_site,
                root / CACHE_DIR / "pdf",
                page_size=page_size or result.curriculum.program.page_size,
                progress=progress,
            )
            report.pdfs_rendered, report.pdfs_cached = stats.rendered, stats.cached
            report.print_warnings = overflow_warnings(result.curriculum, stats.page_counts)
            if strict and report.print_warnings:
                raise InvalidCurriculum(in_reading_order([*result.problems, *report.print_warnings]))
        progress("Packing the offline zip")
        write_site_zip(new_site, new_site / paths.SITE_ZIP, "curriculum-site")
        site_guard.write_marker(new_site, site_guard.SITE_MARKER)
        check_site_dir(root, site_dir)  # again: the folder may have changed during the build
        site_guard.swap_in(new_site, site_dir)
    except OSError as error:
        raise BuildFailed(
            f"cannot write '{error.filename or site_dir}': {error.strerror or error}; "
            f"the previous site in '{site_dir}' is unchanged"
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report


def _work_folder(site_dir: Path) -> Path:
    try:
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=site_guard.work_prefix(), dir=site_dir.parent))
    except OSError as error:
        raise BuildFailed(
            f"cannot write in '{site_dir.parent}': {error.strerror or error}; "
            "choose a --site-dir in a folder you can write to"
        ) from None


def _written_by_export(config_file: Path, header: str) -> bool:
    if config_file.is_symlink() or not config_file.is_file():
        return False
    with config_file.open(encoding="utf-8", errors="replace") as handle:
        return handle.read(len(header)) == header


def export_tree(root: Path, target: Path, *, with_pdfs: bool = False) -> int:
    """`curriculum export DIR`: the Markdown tree in DIR/docs and a standalone DIR/mkdocs.yml.

    Only a docs/ folder and a mkdocs.yml that an earlier export wrote are replaced.
    """
    from .mkdocs_config import GENERATED_HEADER, dump_config

    root, target = root.resolve(), Path(os.path.abspath(target))
    site_guard.refuse_source_folder(root, target, "the export folder")
    docs, config_file = target / "docs", target / "mkdocs.yml"
    site_guard.check_replaceable(root, docs, "the export's docs folder", site_guard.EXPORT_MARKER)
    if os.path.lexists(config_file) and not _written_by_export(config_file, GENERATED_HEADER):
        raise BuildFailed(
            f"refusing to overwrite '{config_file}': it was not written by "
            "curriculum export; export into a new or empty folder instead"
        )
    result = load_and_validate(root)
    if result.failed():
        raise InvalidCurriculum(list(result.problems))
    try:
        target.mkdir(parents=True, exist_ok=True)
        config, pages = generate_docs(
            root,
            result,
            docs,
            target / "site",
            RenderOptions(with_pdfs=with_pdfs, with_zip=False),
            marker=site_guard.EXPORT_MARKER,
        )
        config["docs_dir"], config["site_dir"] = "docs", "site"
        config_file.write_text(dump_config(config), encoding="utf-8")
    except OSError as error:
        raise BuildFailed(f"cannot write '{error.filename or target}': {error.strerror or error}") from None
    return pages


def check_site_dir(root: Path, site_dir: Path) -> None:
    """Refuse a site folder that is not ours to replace: see site_guard."""
    site_guard.check_replaceable(root, site_dir, "the site folder", site_guard.SITE_MARKER, legacy=True)
