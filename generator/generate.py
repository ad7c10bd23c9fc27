"""Generate the Markdown tree: render every page, add static assets, write through one writer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment

from . import fonts
from .calendar_file import calendar_files
from .errors import LocatedError, Problem
from .loading import leaves_project
from .model import Curriculum
from .pages import RenderOptions, render_site
from .templates import PACKAGE_TEMPLATES, make_environment, template_dirs
from .writer import TreeWriter, WriteStats

ASSETS_DIR = "assets"


def static_assets(root: Path | None) -> dict[str, bytes]:
    """Files under assets/ in each template layer; the first layer that has a file wins."""
    found: dict[str, bytes] = {}
    for layer in template_dirs(root):
        assets = layer / ASSETS_DIR
        if not assets.is_dir():
            continue
        # The project's own layers may only publish the project's files; a symlink (to a file
        # or to a folder) that leads out of it is refused. The shipped layer is the package's.
        guarded = root is not None and layer.resolve() != PACKAGE_TEMPLATES.resolve()
        for path in sorted(assets.rglob("*")):
            relative = path.relative_to(layer).as_posix()
            if path.is_file() and relative not in found:
                if guarded and root is not None and leaves_project(path, root):
                    raise LocatedError(
                        Problem(
                            path.relative_to(root).as_posix(),
                            1,
                            1,
                            "this asset is a symbolic link to a file outside the project, which is never "
                            "published; copy the file in instead",
                        )
                    )
                found[relative] = path.read_bytes()
    return found


def logo_asset(root: Path, curriculum: Curriculum) -> dict[str, bytes]:
    logo = curriculum.program.branding.logo
    if not logo:
        return {}
    path = (root / "curriculum" / logo).resolve()
    if leaves_project(path, root / "curriculum"):
        raise LocatedError(
            Problem(
                "curriculum/program.yaml",
                1,
                1,
                f"branding.logo '{logo}' is outside curriculum/; copy the picture "
                "into curriculum/ and name it from there",
            )
        )
    return {f"assets/images/logo{path.suffix.lower()}": path.read_bytes()}


@dataclass(frozen=True)
class GeneratedTree:
    files: tuple[str, ...]
    stats: WriteStats


def build_files(
    root: Path, curriculum: Curriculum, options: RenderOptions, env: Environment | None = None
) -> dict[str, str | bytes]:
    """All files of the docs tree in memory: pure apart from reading templates and assets.
    `env` lets a live server keep its compiled templates from one rebuild to the next."""
    files: dict[str, str | bytes] = {}
    files.update(fonts.site_assets())  # the site serves its own type: no font host is asked
    files.update(static_assets(root))
    files.update(logo_asset(root, curriculum))
    files.update(render_site(curriculum, env or make_environment(root), options))
    files.update(calendar_files(curriculum))
    return files


def write_tree(files: dict[str, str | bytes], docs_dir: Path) -> GeneratedTree:
    writer = TreeWriter(docs_dir)
    for relative in sorted(files):
        writer.write(relative, files[relative])
    return GeneratedTree(tuple(sorted(files)), writer.finish(prune=True))
