"""Shared fixtures: a built copy of the shipped site, made once per test run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build import build_site

from .helpers import copy_shipped_project

os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped curriculum built with --strict and PDFs, as `curriculum build` does."""
    root = copy_shipped_project(tmp_path_factory.mktemp("shipped"))
    build_site(root, strict=True, with_pdfs=True)
    return root / "site"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current templates instead of comparing")
    parser.addoption("--fuzz-cases", default="300", help="damaged projects the mutation fuzzer tries")
    parser.addoption("--fuzz-seed", default="20261202", help="the mutation fuzzer's random seed")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


WHOLE_SITE_FIXTURES = {"shipped_site", "zensical_site", "served_site", "subpath_site"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that build the whole shipped site are 'slow': the fast lane
    (-m "not slow and not browser") leaves them out."""
    for item in items:
        if WHOLE_SITE_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
