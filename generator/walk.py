"""Visit every text value in a located YAML tree, with its key path and position."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .yaml_source import Mark, YDict, YList


def walk_strings(
    data: Any, path: tuple[Any, ...] = (), mark: Mark = (1, 1)
) -> Iterator[tuple[tuple[Any, ...], Mark, str]]:
    if isinstance(data, YDict):
        for key, value in data.items():
            if key == "$schema":
                continue
            yield from walk_strings(value, (*path, key), data.value_marks[key])
    elif isinstance(data, YList):
        for index, value in enumerate(data):
            yield from walk_strings(value, (*path, index), data.item_marks[index])
    elif isinstance(data, str):
        yield path, mark, data
