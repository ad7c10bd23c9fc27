"""`curriculum serve`: MkDocs' live-reload server, regenerating pages when YAML or templates change."""

from __future__ import annotations

from pathlib import Path

from .errors import InvalidCurriculum
from .mkdocs_config import dump_config, site_config
from .plugin import GENERATED_DOCS
from .validate import load_and_validate

SERVE_CONFIG = ".cache/curriculum/serve-mkdocs.yml"


def serve(root: Path, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    import logging

    from mkdocs.commands.serve import serve as mkdocs_serve

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)

    root = root.resolve()
    result = load_and_validate(root)
    if result.failed() or result.curriculum is None:
        raise InvalidCurriculum(list(result.problems))
    docs = root / GENERATED_DOCS
    docs.mkdir(parents=True, exist_ok=True)
    config = site_config(root, result.curriculum, docs, root / ".cache/curriculum/serve-site",
                         keep_curriculum_plugin=False)
    plugins = [p for p in config["plugins"] if p != "offline"]  # offline mode breaks live reload
    config["plugins"] = [{"curriculum": {"root": str(root), "show_errors": True}}, *plugins]
    config_path = root / SERVE_CONFIG
    config_path.parent.mkdir(parents=True, exist_ok=True)
    config_path.write_text(dump_config(config), encoding="utf-8")
    watch = [str(root / name) for name in ("curriculum", "site_templates", "overrides", "mkdocs.yml")
             if (root / name).exists()]
    mkdocs_serve(config_file=str(config_path), livereload=True, watch=watch, dev_addr=f"{host}:{port}")
