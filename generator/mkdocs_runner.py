"""Run MkDocs' own build on a generated tree, capturing its log for the user."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from .errors import BuildFailed
from .mkdocs_config import dump_config


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config: dict[str, Any], config_path: Path, *, strict: bool) -> list[str]:
    """Build with MkDocs; returns its warnings, raises BuildFailed with them on failure."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config_path.write_text(dump_config(config), encoding="utf-8")
    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        mkdocs_config = load_config(config_file=str(config_path), strict=strict)
        build(mkdocs_config)
    except MkDocsException as error:
        details = "; ".join(collector.messages) or str(error)
        raise BuildFailed(f"MkDocs could not build the site: {details}") from None
    except SystemExit as error:  # MkDocs aborts strict builds this way
        details = "; ".join(collector.messages) or str(error)
        raise BuildFailed(f"MkDocs stopped the build: {details}") from None
    finally:
        logger.removeHandler(collector)
    return collector.messages
