"""The libyaml fast path reads every file exactly as the pure-Python loader does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import yaml_source
from generator.yaml_source import YDict, YList, read_yaml
from tests.helpers import REPO

pytestmark = pytest.mark.skipif(yaml_source._FastLoader is None, reason="PyYAML without libyaml")

SHIPPED = sorted((REPO / "curriculum").rglob("*.yaml"))

TRICKY = {
    "alias": "a: &x [1, 2]\nb: *x\n",
    "alias to text": "a: &x hi\nb: *x\n",
    "duplicate key": "id: a\ntitle: A\nid: b\n",
    "number key": "1: one\n",
    "merge key": "a: {x: 1}\nb:\n  <<: {y: 2}\n",
    "scalars": "t: 18:00\nn: 1\nf: 1.5\nb: yes\nc: ~\nd:\ne: 010\ni: true\nq: '12'\n",
    "python tag": "a: !!python/name:os.system x\n",
    "set tag": "a: !!set {x}\n",
    "two documents": "a: x\n---\nb: y\n",
    "colon in text": "a: b: c\n",
    "deep": "a: " + "[" * 40 + "]" * 40 + "\n",
    "very deep": "a: " + "[" * 5000 + "]" * 5000 + "\n",
    "empty": "",
    "comment only": "# nothing\n",
    "plain text": "hello\n",
    "unicode": 'café: "ü\\t"\nl: |\n  a\n   b\n',
}


def _marks(data: Any) -> Iterator[Any]:
    if isinstance(data, YDict):
        yield data.start, dict(data.key_marks), dict(data.value_marks)
        for value in data.values():
            yield from _marks(value)
    elif isinstance(data, YList):
        yield data.start, list(data.item_marks)
        for value in data:
            yield from _marks(value)


def _both(path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = read_yaml(path, path.name)
    with monkeypatch.context() as patch:
        patch.setattr(yaml_source, "_FastLoader", None)
        pure = read_yaml(path, path.name)
    return fast, pure


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_shipped_files_read_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (fast_data, fast_problems), (pure_data, pure_problems) = _both(path, monkeypatch)
    assert fast_problems == pure_problems == []
    assert fast_data == pure_data
    assert list(_marks(fast_data)) == list(_marks(pure_data))


@pytest.mark.parametrize("name", TRICKY)
def test_tricky_input_reads_and_fails_the_same(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(TRICKY[name], encoding="utf-8")
    (fast_data, fast_problems), (pure_data, pure_problems) = _both(path, monkeypatch)
    assert fast_problems == pure_problems
    assert fast_data == pure_data
    assert type(fast_data) is type(pure_data)
    assert list(_marks(fast_data)) == list(_marks(pure_data))


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_shipped_files_take_the_fast_path(path: Path) -> None:
    """A silent fall back to the pure-Python loader would make large curricula several times slower."""
    loader = yaml_source._FastLoader(path.read_text(encoding="utf-8"))  # type: ignore[misc]
    try:
        assert loader.fast_data() is not None  # type: ignore[attr-defined]
    finally:
        loader.dispose()
