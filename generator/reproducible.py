"""One build date for everything that records one, so the same input gives the same bytes.

The date is SOURCE_DATE_EPOCH when the user sets it; otherwise the time of the project's last
git commit, so the sitemap and the calendar say when the content last changed; otherwise a
fixed date (2000-01-01) for a folder with no history.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

DEFAULT_EPOCH = 946684800  # 2000-01-01, when there is neither SOURCE_DATE_EPOCH nor a git history


def source_date_epoch() -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(value) if value.isdigit() else DEFAULT_EPOCH


def last_commit_epoch(root: Path) -> int | None:
    """The committer time of HEAD in the repository holding `root`, or None without one."""
    git = shutil.which("git")
    if git is None or not root.is_dir():
        return None
    try:
        done = subprocess.run(
            [git, "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.strip()
    return int(value) if done.returncode == 0 and value.isdigit() else None


def ensure_source_date_epoch(root: Path | None = None) -> None:
    """MkDocs (sitemap), WeasyPrint and the calendar read this; set it when the user has not."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return
    epoch = last_commit_epoch(root) if root is not None else None
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch if epoch is not None else DEFAULT_EPOCH)


def zip_timestamp() -> tuple[int, int, int, int, int, int]:
    moment = time.gmtime(max(source_date_epoch(), 315532800))  # zip dates start in 1980
    return (moment.tm_year, moment.tm_mon, moment.tm_mday, moment.tm_hour, moment.tm_min, moment.tm_sec)
