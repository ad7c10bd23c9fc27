"""The build date: the sitemap says when the content last changed (the last commit), not 2000."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from generator.build import build_site
from generator.reproducible import DEFAULT_EPOCH, ensure_source_date_epoch, last_commit_epoch

from .helpers import minimal_project

COMMIT_EPOCH = 1780000000  # 2026-05-28 UTC
COMMIT_DAY = "2026-05-28"


def _commit(root: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"@{COMMIT_EPOCH} +0000",
        "GIT_COMMITTER_DATE": f"@{COMMIT_EPOCH} +0000",
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
    }
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "Content"]):
        subprocess.run(["git", "-C", str(root), *command], check=True, env=env, capture_output=True)


def test_sitemap_dates_are_the_last_commit_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = minimal_project(tmp_path / "project")
    settings = root / "mkdocs.yml"  # the sitemap lists pages only for a site with an address
    settings.write_text(settings.read_text(encoding="utf-8") + "site_url: https://example.org/iop/\n", encoding="utf-8")
    _commit(root)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build_site(root, with_pdfs=False)
    sitemap = (root / "site" / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert dates == {COMMIT_DAY}


def test_without_history_the_date_is_fixed_and_the_users_date_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no repository above tmp_path counts
    assert last_commit_epoch(tmp_path) is None
    ensure_source_date_epoch(tmp_path)
    assert os.environ["SOURCE_DATE_EPOCH"] == str(DEFAULT_EPOCH)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    ensure_source_date_epoch(tmp_path)
    assert os.environ["SOURCE_DATE_EPOCH"] == "1234567890"
