"""`curriculum serve`: a live-reload server that regenerates pages when YAML or templates change.

It runs MkDocs' own live-reload server and build, set up for quick edits:

- every rebuild is "dirty": MkDocs renders only the pages whose generated Markdown changed
  (the curriculum plugin writes only files whose bytes changed, and builds everything again
  when the site's shape changes; see incremental.py);
- the sources are checked for changes every POLL_SECONDS, and the generated tree, which is
  the plugin's own output, is not watched, so an edit sets off one rebuild, not two;
- the theme's Jinja environment is kept between rebuilds (see ThemeEnvironments);
- no PDFs and no offline mode (which breaks live reload).
"""

from __future__ import annotations

import functools
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import InvalidCurriculum
from .mkdocs_config import dump_config, site_config
from .plugin import GENERATED_DOCS
from .validate import load_and_validate

SERVE_CONFIG = ".cache/curriculum/serve-mkdocs.yml"
WATCHED = ("curriculum", "site_templates", "overrides", "mkdocs.yml")
POLL_SECONDS = 0.1  # MkDocs polls every 0.5 s; a few dozen source files cost little to check
SETTLE_SECONDS = 0.05  # quiet time after a change before the rebuild starts (MkDocs: 0.1 s)


class _NoDirtyNotice(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be stale; here it is not, because
    the plugin builds every page again whenever the navigation or the list of pages changes."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class ThemeEnvironments:
    """MkDocs makes a new Jinja environment for the theme on every build, so each rebuild
    compiles the theme's templates again and lists its thousands of files (icons, search
    languages). A live server keeps one per theme, language and folder list; a theme template
    whose file changes is still read again (auto_reload)."""

    def __init__(self) -> None:
        self._envs: dict[tuple[str, ...], Any] = {}

    def reuse(self, theme: Any) -> None:
        key = (str(theme.get("language")), str(getattr(theme, "locale", "")), *theme.dirs)
        make = theme.get_env

        def get_env() -> Any:
            env = self._envs.get(key)
            if env is None:
                env = make()
                env.auto_reload = True
                env.loader.list_templates = functools.cache(env.loader.list_templates)
                self._envs[key] = env
            return env

        theme.get_env = get_env


def _log_to_terminal() -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logging.getLogger("mkdocs.commands.build").addFilter(_NoDirtyNotice())


def write_serve_config(root: Path) -> Path:
    """The project's settings with the curriculum plugin first, for MkDocs to reload on every
    rebuild. A curriculum that does not validate at start is refused with its problems."""
    result = load_and_validate(root)
    if result.failed() or result.curriculum is None:
        raise InvalidCurriculum(list(result.problems))
    docs = root / GENERATED_DOCS
    docs.mkdir(parents=True, exist_ok=True)
    config = site_config(
        root, result.curriculum, docs, root / ".cache/curriculum/serve-site", keep_curriculum_plugin=False
    )
    plugins = [p for p in config["plugins"] if p != "offline"]  # offline mode breaks live reload
    config["plugins"] = [{"curriculum": {"root": str(root), "show_errors": True}}, *plugins]
    config_path = root / SERVE_CONFIG
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(dump_config(config), encoding="utf-8")
    return config_path


def serve(root: Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import LiveReloadServer, _serve_url

    _log_to_terminal()
    root = root.resolve()
    config_path = write_serve_config(root)
    site_dir = tempfile.mkdtemp(prefix="curriculum-serve-")

    def get_config() -> Any:
        return load_config(config_file=str(config_path), site_dir=site_dir, dev_addr=f"{host}:{port}")

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=True)
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = _serve_url(host, port, mount_path)

    themes = ThemeEnvironments()

    def builder(config: Any = None) -> None:
        config = config or get_config()
        config.site_url = serve_url
        themes.reuse(config.theme)
        build(config, serve_url=serve_url, dirty=True)

    server = LiveReloadServer(
        builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path, polling_interval=POLL_SECONDS
    )
    server.build_delay = SETTLE_SECONDS

    def error_page(code: int) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        builder(config)
        for name in WATCHED:
            if (root / name).exists():
                server.watch(str(root / name))
        config.plugins.on_serve(server, config=config, builder=builder)
        try:
            server.serve()  # type: ignore[no-untyped-call]  # MkDocs is untyped
        except KeyboardInterrupt:
            logging.getLogger("mkdocs").info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
