"""A thin MkDocs plugin so bare `mkdocs build`, `mkdocs serve` and `mkdocs gh-deploy` work.

It calls the same core as `curriculum build`: validate, render, write the
Markdown tree into .cache/curriculum/docs, then points MkDocs at it. Engines
that run no plugins use `curriculum build` or `curriculum export` instead.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .generate import build_files, write_tree
from .mkdocs_config import navigation, with_local_polyfills
from .pages import RenderOptions
from .reproducible import ensure_source_date_epoch
from .validate import load_and_validate

GENERATED_DOCS = ".cache/curriculum/docs"


class CurriculumPluginConfig(Config):
    root = config_options.Optional(config_options.Type(str))
    pdf = config_options.Type(bool, default=False)


class CurriculumPlugin(BasePlugin[CurriculumPluginConfig]):
    def _root(self, config: Any) -> Path:
        return Path(self.config.root or Path(config.config_file_path).parent).resolve()

    def on_config(self, config: Any) -> Any:
        ensure_source_date_epoch()
        root = self._root(config)
        result = load_and_validate(root)
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if result.failed() or result.curriculum is None:
            raise PluginError(f"{len(result.errors)} error(s) in the curriculum; see above")
        curriculum = result.curriculum
        docs = root / GENERATED_DOCS
        files = build_files(root, curriculum, RenderOptions(with_pdfs=self.config.pdf, with_zip=False))
        write_tree(files, docs)
        config.docs_dir = str(docs)
        config.site_name = curriculum.program.title
        config.extra["polyfills"] = with_local_polyfills(dict(config.extra))["polyfills"]
        config.nav = navigation(curriculum)
        config.not_in_nav = config_options.PathSpec().run_validation(
            "/modules/*/*.md\n/handouts/*.md\n/group-types/*.md\n/tags/*.md\n"
        )
        self._curriculum = curriculum
        return config

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        root = self._root(config)
        for folder in ("curriculum", "site_templates", "overrides"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server

    def on_post_build(self, config: Any) -> None:
        if not self.config.pdf:
            return
        from .pdf import render_all_pdfs

        root = self._root(config)
        render_all_pdfs(self._curriculum, Path(config.site_dir), root / ".cache/curriculum/pdf",
                        page_size=self._curriculum.program.page_size)
