"""The site engines that turn the generated Markdown tree into HTML: MkDocs or Zensical.

Both read the same mkdocs.yml. MkDocs runs in-process; Zensical, Material for
MkDocs' successor, runs as its own command on a standalone mkdocs.yml like the
one `curriculum export` writes, since it runs no MkDocs plugins.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from .errors import BuildFailed
from .mkdocs_config import dump_config

ENGINES = ("mkdocs", "zensical")
ZENSICAL_TIMEOUT = 1800
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_find_spec, _which = importlib.util.find_spec, shutil.which  # looked up here, so tests can stand in


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


def standalone_config(config: dict[str, Any], config_path: Path) -> dict[str, Any]:
    """docs_dir and site_dir relative to the config file, as `curriculum export` writes them."""
    folder = config_path.parent.resolve()
    standalone = dict(config)
    for key in ("docs_dir", "site_dir"):
        standalone[key] = os.path.relpath(Path(config[key]).resolve(), folder)
    return standalone


def zensical_command() -> list[str]:
    """How to start Zensical: from this Python if it is installed here, else from PATH."""
    if _find_spec("zensical") is not None:
        return [sys.executable, "-m", "zensical"]
    found = _which("zensical")
    if found:
        return [found]
    raise BuildFailed(
        "the zensical engine needs Zensical: install it with `pip install zensical`, or build with --engine mkdocs"
    )


def _lines(output: str) -> list[str]:
    return [line.strip() for line in _ANSI.sub("", output).splitlines() if line.strip()]


def run_zensical(config: dict[str, Any], config_path: Path, *, strict: bool) -> list[str]:
    """Build with Zensical into config['site_dir']; returns its warnings, raises BuildFailed."""
    config_path.write_text(dump_config(standalone_config(config, config_path)), encoding="utf-8")
    command = [*zensical_command(), "build", "--config-file", str(config_path)]
    if strict:
        command.append("--strict")
    env = {**os.environ, "NO_COLOR": "1"}
    try:
        done = subprocess.run(
            command,
            cwd=config_path.parent,
            capture_output=True,
            text=True,
            timeout=ZENSICAL_TIMEOUT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise BuildFailed(f"Zensical did not finish within {ZENSICAL_TIMEOUT} seconds") from None
    lines = _lines(done.stdout + "\n" + done.stderr)
    warnings = [line for line in lines if line.lower().startswith(("warning", "error"))]
    if done.returncode != 0 or not Path(config["site_dir"], "index.html").is_file():
        details = "; ".join(warnings or lines[-5:]) or f"exit status {done.returncode}"
        raise BuildFailed(f"Zensical could not build the site: {details}")
    return warnings


def run_engine(engine: str, config: dict[str, Any], config_path: Path, *, strict: bool) -> list[str]:
    """Build the generated tree described by `config` with the chosen engine."""
    if engine == "mkdocs":
        return run_mkdocs(config, config_path, strict=strict)
    if engine == "zensical":
        return run_zensical(config, config_path, strict=strict)
    raise BuildFailed(f"unknown engine '{engine}'; use one of {', '.join(ENGINES)}")
