"""Own only what we built: the marker, the refusal, the atomic swap and crash recovery.

`curriculum build --site-dir PATH` and `curriculum export DIR` replace folders. A
mistyped path must never cost a clinic its files, so a folder is replaced only when
it is empty or carries the marker file that every build writes into it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

from .errors import BuildFailed

SITE_MARKER = ".curriculum-site"
EXPORT_MARKER = ".curriculum-export"
MARKER_TEXT = (
    "This folder was built by the `curriculum` command and is replaced on every build.\n"
    "Do not keep your own files here: they would be deleted by the next build.\n"
)
# A site built before the marker existed: only this tool writes this file.
LEGACY_SITE_SIGN = "downloads/curriculum-site.zip"
# The project's own sources: a site or export folder may never be, or be inside, one.
SOURCE_FOLDERS = ("curriculum", "site_templates", "overrides", "generator", "tests", ".git")
BUILD_PREFIX = ".curriculum-build-"

Report = Callable[[str], None]


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return str(path)


def refuse_source_folder(root: Path, target: Path, option: str) -> None:
    """Refuse a target that is the project, holds it, or lies in its source folders."""
    root, target = root.resolve(), Path(os.path.abspath(target))
    where = _shown(target, root)
    if target == root or target in root.parents:
        raise BuildFailed(
            f"refusing to use '{where}' as {option}: it holds the whole project; choose an empty folder such as 'site'"
        )
    for name in SOURCE_FOLDERS:
        source = root / name
        if target == source or source in target.parents:
            raise BuildFailed(
                f"refusing to use '{where}' as {option}: it is, or is inside, the project's "
                f"'{name}/' folder, whose files it would replace; choose a folder "
                "outside it, such as 'site'"
            )
    real = target.resolve()
    if real != target:
        refuse_source_folder(root, real, option)


def _looks_like_an_old_site(folder: Path) -> bool:
    """A site built before the marker existed: the offline zip, the search index and the
    brand stylesheet together are only ever written by this tool."""
    return all(
        (folder / name).is_file()
        for name in (LEGACY_SITE_SIGN, "search/search_index.json", "assets/stylesheets/brand.css", "index.html")
    )


def is_ours(folder: Path, marker: str, legacy: bool = False) -> bool:
    return (folder / marker).is_file() or (legacy and _looks_like_an_old_site(folder))


def check_replaceable(root: Path, target: Path, option: str, marker: str, legacy: bool = False) -> None:
    """Raise a clear error unless `target` may be replaced: it is missing, empty or ours."""
    refuse_source_folder(root, target, option)
    where = _shown(Path(os.path.abspath(target)), root.resolve())
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    except NotADirectoryError:
        raise BuildFailed(
            f"cannot write '{where}' ({option}): a part of the path above it is a file, "
            "not a folder; choose another folder"
        ) from None
    if stat.S_ISLNK(info.st_mode):
        raise BuildFailed(
            f"refusing to use '{where}' as {option}: it is a symbolic link; give the real folder, or a new folder name"
        )
    if not stat.S_ISDIR(info.st_mode):
        raise BuildFailed(
            f"refusing to use '{where}' as {option}: it is a file, not a folder; "
            "give a folder name that does not exist yet"
        )
    if not is_ours(target, marker, legacy) and any(target.iterdir()):
        raise BuildFailed(
            f"refusing to replace '{where}' ({option}): it is not empty and was not "
            f"built by curriculum (it has no {marker} file). Choose a new or empty "
            "folder, or move its files away first; nothing was changed"
        )


def write_marker(folder: Path, marker: str) -> None:
    (folder / marker).write_text(MARKER_TEXT, encoding="utf-8")


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where the platform cannot."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    done: int = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    return done == 0


def old_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.old-{os.getpid()}")


def swap_in(new: Path, target: Path) -> None:
    """Put `new` where `target` is. With renameat2 there is no moment without a site;
    elsewhere the window is two renames, and `recover` repairs a crash inside it."""
    if not os.path.lexists(target):
        os.replace(new, target)
        return
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old site
        return
    old = old_name(target)
    if os.path.lexists(old):
        shutil.rmtree(old)
    os.replace(target, old)
    try:
        os.replace(new, target)
    except OSError:
        os.replace(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return pid != os.getpid()


def recover(target: Path, report: Report) -> None:
    """Repair what a killed build left beside `target`: restore the old site or clean up."""
    parent = target.parent
    if not parent.is_dir():
        return
    for leftover in sorted(parent.glob(f".{target.name}.old-*")):
        pid = leftover.name.rsplit("-", 1)[-1]
        if pid.isdigit() and _pid_alive(int(pid)):
            continue
        if not is_ours(leftover, SITE_MARKER, legacy=True):
            continue
        if not os.path.lexists(target):
            os.replace(leftover, target)
            report(
                f"Restored the previous site into {target.name}/ from {leftover.name} "
                "(an earlier build was stopped while swapping)"
            )
        else:
            shutil.rmtree(leftover, ignore_errors=True)
            report(f"Removed {leftover.name}, left by an earlier build that was stopped")
    for leftover in sorted(parent.glob(f"{BUILD_PREFIX}*")):
        pid = leftover.name[len(BUILD_PREFIX) :].split("-", 1)[0]
        if not leftover.is_dir() or not pid.isdigit() or _pid_alive(int(pid)):
            continue
        shutil.rmtree(leftover, ignore_errors=True)
        report(f"Removed {leftover.name}, the work folder of an earlier build that was stopped")


def work_prefix() -> str:
    """Work folders carry the builder's process id, so recovery never touches a live build."""
    return f"{BUILD_PREFIX}{os.getpid()}-"
