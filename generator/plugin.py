"""A thin MkDocs plugin so bare `mkdocs build`, `mkdocs serve` and `mkdocs gh-deploy` work.

It calls the same core as `curriculum build`: validate, render, write the
Markdown tree into .cache/curriculum/docs, then points MkDocs at it. Engines
that run no plugins use `curriculum build` or `curriculum export` instead.

Under a dirty live server (`curriculum serve`, `mkdocs serve --dirty`) it keeps its
compiled templates between rebuilds and lets MkDocs render only the pages whose Markdown
changed, unless the site's shape changed (see incremental.py): then every page is built.
"""

from __future__ import annotations

import html
import logging
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import clean_directory

from .content_memo import ContentMemo, remembering
from .errors import CurriculumError
from .generate import build_files, write_tree
from .html_safety import check_built_site
from .incremental import TemplateCache, forget_search_entries, site_shape
from .mkdocs_config import curriculum_settings, with_local_polyfills
from .pages import RenderOptions
from .reproducible import ensure_source_date_epoch
from .validate import load_and_validate

GENERATED_DOCS = ".cache/curriculum/docs"
KEPT_FROM_CURRICULUM_BUILD = ("pdf", "downloads")
log = logging.getLogger("mkdocs.plugins.curriculum")


def error_page(problems: list[str]) -> str:
    """A page listing located problems, as inert text."""
    listed = html.escape("\n".join(problems) or "The curriculum could not be read.")
    return (
        "---\ntitle: Problems in the curriculum\nsearch:\n  exclude: true\n---\n\n"
        "# The last edit has problems\n\n"
        "<p>Fix each one in the file and line named below and save: this page reloads by "
        "itself and shows the site again.</p>\n\n"
        f'<pre class="serve-problems">{listed}</pre>\n'
    )


class CurriculumPluginConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs is untyped
    root = config_options.Optional(config_options.Type(str))
    pdf = config_options.Type(bool, default=False)
    # `curriculum serve` sets this: a broken edit shows its problems in the browser.
    show_errors = config_options.Type(bool, default=False)


class CurriculumPlugin(BasePlugin[CurriculumPluginConfig]):  # type: ignore[no-untyped-call]
    _config: Any = None
    _curriculum: Any = None

    def __init__(self) -> None:
        super().__init__()
        self._dirty = False  # a dirty live server: rebuild only what changed
        self._templates = TemplateCache()
        self._memo = ContentMemo()
        self._shape: str | None = None  # of the last build; None: unknown, or the problems page
        self._full_rebuild = True
        self._started = 0.0
        self._built_pages: set[str] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self._dirty = dirty
        self._shape = None

    def _root(self, config: Any) -> Path:
        return Path(self.config.root or Path(config.config_file_path).parent).resolve()

    def on_config(self, config: Any) -> Any:
        ensure_source_date_epoch(self._root(config))
        root = self._root(config)
        strict = bool(config.get("strict"))
        with remembering(self._memo):  # unchanged files are not parsed or graded again
            result = load_and_validate(root)
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if (result.failed(strict) or result.curriculum is None) and self.config.show_errors:
            return self._error_pages(config, root, [str(p) for p in result.problems])
        if result.failed(strict) or result.curriculum is None:
            count = len(result.problems) if strict else len(result.errors)
            raise PluginError(
                f"{count} problem(s) in the curriculum{' (--strict)' if strict else ''}; "
                "each is listed above as FILE:LINE:COL"
            )
        curriculum = result.curriculum
        docs = root / GENERATED_DOCS
        try:
            with remembering(self._memo):  # a session's unchanged pages are not rendered again
                files = build_files(
                    root,
                    curriculum,
                    RenderOptions(with_pdfs=self.config.pdf, with_zip=False),
                    self._templates.environment(root),
                )
            write_tree(files, docs)  # rewrites only files whose bytes changed: their pages rebuild
        except CurriculumError as error:
            raise PluginError(str(error)) from None
        settings = curriculum_settings(
            curriculum, next((name for name in files if name.startswith("assets/images/logo")), None)
        )
        shape = site_shape(files, settings)
        self._full_rebuild, self._shape = shape != self._shape, shape
        config.docs_dir = str(docs)
        config.site_name = settings["site_name"]
        if not config.get("copyright"):
            config.copyright = settings["copyright"]
        config.theme["language"] = settings["language"]
        config.theme["font"] = False
        if settings["logo"]:
            config.theme["logo"] = settings["logo"]
        config.extra["polyfills"] = with_local_polyfills(dict(config.extra))["polyfills"]
        config.nav = settings["nav"]
        config.not_in_nav = config_options.PathSpec().run_validation(settings["not_in_nav"])
        self._curriculum = curriculum
        self._config = config
        return config

    def _error_pages(self, config: Any, root: Path, problems: list[str]) -> Any:
        """While serving: every page of the last good build shows the problems instead, so
        the browser on any page reloads into them, and back into the page once fixed."""
        docs = root / GENERATED_DOCS
        docs.mkdir(parents=True, exist_ok=True)
        page = error_page(problems)
        pages = [p for p in docs.rglob("*.md")] or [docs / "index.md"]
        for path in pages:
            path.write_text(page, encoding="utf-8")
        config.docs_dir = str(docs)
        self._curriculum = None
        self._config = config
        self._full_rebuild, self._shape = True, None
        log.error("The curriculum has problems; the browser shows them:\n%s", "\n".join(problems))
        return config

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        root = self._root(config)
        for folder in ("curriculum", "site_templates", "overrides"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        # The generated tree is this plugin's output: watching it would run every rebuild twice.
        generated = str(root / GENERATED_DOCS)
        if generated in getattr(server, "_watched_paths", {}):
            server.unwatch(generated)
        return server

    def on_pre_build(self, config: Any) -> None:
        """MkDocs empties the site folder but skips hidden entries: park the PDFs and the
        offline zip of an earlier `curriculum build` there, so `mkdocs build` keeps them."""
        site = Path(config.site_dir)
        self._started = time.time()
        if self._dirty and self._full_rebuild and site.is_dir():
            clean_directory(str(site))  # every page is out of date: MkDocs then builds them all
        for name in KEPT_FROM_CURRICULUM_BUILD:
            kept, parked = site / name, site / f".curriculum-kept-{name}"
            if kept.is_dir() and not kept.is_symlink() and not parked.exists():
                kept.rename(parked)

    def _restore_kept(self, config: Any) -> None:
        site = Path(config.site_dir)
        for name in KEPT_FROM_CURRICULUM_BUILD:
            kept, parked = site / name, site / f".curriculum-kept-{name}"
            if parked.is_dir():
                if kept.exists():
                    shutil.rmtree(parked)
                else:
                    parked.rename(kept)
                    log.info(
                        "Kept %s/ from the last `curriculum build`; run `curriculum build` to bring it up to date", name
                    )

    def on_build_error(self, error: Exception) -> None:
        if self._config is not None:
            self._restore_kept(self._config)

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        self._built_pages.add(page.url)
        return output

    @event_priority(50)  # before Material's search writes its index: see forget_search_entries
    def on_post_build(self, config: Any) -> None:
        self._restore_kept(config)
        partial = self._dirty and not self._full_rebuild
        try:
            # Clock ticks of the file system lag time.time() a little: look a second further back.
            check_built_site(Path(config.site_dir), written_since=self._started - 1.0 if partial else None)
        except CurriculumError as error:
            raise PluginError(str(error)) from None
        if self._dirty:
            for plugin in config.plugins.values():
                if hasattr(plugin, "search_index_prev"):
                    forget_search_entries(plugin, self._built_pages, everything=not partial)
        self._built_pages = set()
        if not self.config.pdf or self._curriculum is None:
            return
        from .pdf import render_all_pdfs

        root = self._root(config)
        render_all_pdfs(
            self._curriculum,
            Path(config.site_dir),
            root / ".cache/curriculum/pdf",
            page_size=self._curriculum.program.page_size,
        )
