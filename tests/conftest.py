"""Shared fixtures: a built copy of the shipped site, made once per test run."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

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
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/ from the current templates instead of comparing",
    )
    parser.addoption(
        "--fuzz-cases",
        default=None,
        help=f"damaged projects the mutation fuzzer tries (default {FUZZ_CASES}, {FUZZ_CASES_FAST} in the fast lane)",
    )
    parser.addoption("--fuzz-seed", default="20261202", help="the mutation fuzzer's random seed")


FUZZ_CASES, FUZZ_CASES_FAST = "300", "100"


def pytest_configure(config: pytest.Config) -> None:
    """The fuzzer's depth: the full suite tries FUZZ_CASES seeded cases, the fast lane the first
    FUZZ_CASES_FAST of the same sequence, unless --fuzz-cases says otherwise."""
    if config.getoption("--fuzz-cases") is None:
        config.option.fuzz_cases = FUZZ_CASES_FAST if _in_the_fast_lane(config) else FUZZ_CASES


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


PDF_REASON = (
    "renders a site's PDFs, which takes WeasyPrint seconds: left to the full suite "
    "(mark the test slow to keep it out of the fast lane)"
)


def _in_the_fast_lane(config: pytest.Config) -> bool:
    return "not slow" in str(config.getoption("markexpr", "") or "")


@pytest.fixture(scope="session", autouse=True)
def _pdfs_only_in_the_full_suite(request: pytest.FixtureRequest) -> Iterator[None]:
    """In the fast lane, a test (or fixture) that renders all the PDFs of a site, and is not
    marked slow, is skipped at that point with PDF_REASON; the full suite runs it."""
    if not _in_the_fast_lane(request.config):
        yield
        return
    from generator import pdf

    def skip(*args: object, **kwargs: object) -> NoReturn:
        pytest.skip(PDF_REASON)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "render_all_pdfs", skip)
        try:
            from . import print_fixtures
        except ImportError:
            print_fixtures = None  # type: ignore[assignment]
        if hasattr(print_fixtures, "render_handouts"):
            patch.setattr(print_fixtures, "render_handouts", skip)
        yield
