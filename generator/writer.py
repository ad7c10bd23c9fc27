"""The one place that writes generated files, with guards.

It refuses paths outside its folder and a path written twice in one run, skips
files whose bytes are unchanged (so watchers and caches see no change), and can
remove files a previous run left behind (a deleted session leaves no page).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import BuildFailed


@dataclass(frozen=True)
class WriteStats:
    written: int
    unchanged: int
    removed: int


class TreeWriter:
    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self._seen: set[str] = set()
        self._folders: set[Path] = set()  # made already: one mkdir per folder, not per file
        self._resolved: dict[PurePosixPath, Path] = {}
        self._prefix = os.path.join(self.folder, "")
        self._written = 0
        self._unchanged = 0

    def _target(self, relative: str) -> Path:
        pure = PurePosixPath(relative)
        if pure.is_absolute() or ".." in pure.parts or not pure.parts:
            raise BuildFailed(f"refusing to write '{relative}': outside the output folder")
        # Resolve each folder once, not every file's whole path: that costs a stat per part.
        folder = self._resolved.get(pure.parent)
        if folder is None:
            folder = self._resolved[pure.parent] = (self.folder / pure.parent).resolve()
        target = folder / pure.name
        if target.is_symlink():
            target = target.resolve()
        if not os.fspath(target).startswith(self._prefix):
            raise BuildFailed(f"refusing to write '{relative}': outside the output folder")
        return target

    def write(self, relative: str, content: str | bytes) -> None:
        key = PurePosixPath(relative).as_posix()
        if key in self._seen:
            raise BuildFailed(f"'{key}' would be written twice; two pages map to the same path")
        self._seen.add(key)
        target = self._target(key)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.is_file() and target.read_bytes() == data:
            self._unchanged += 1
            return
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, target)
        self._written += 1

    def finish(self, prune: bool = True) -> WriteStats:
        """Remove files not written in this run, then empty folders."""
        removed = 0
        if prune and self.folder.is_dir():
            for path in sorted(self.folder.rglob("*"), reverse=True):
                relative = path.relative_to(self.folder).as_posix()
                if path.is_file() and relative not in self._seen:
                    path.unlink()
                    removed += 1
                elif path.is_dir() and not any(path.iterdir()):
                    path.rmdir()
        return WriteStats(self._written, self._unchanged, removed)
