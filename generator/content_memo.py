"""Results that depend only on one file's bytes, or on one parsed object, remembered by a
live server between rebuilds; everywhere else (one-shot commands, tests) they are computed
every time, as no memo is active."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")


class ContentMemo:
    """Results that depend only on one file's bytes (its parsed model) or on one parsed
    session (its reading grades), kept between rebuilds of a live server: a rebuild after an
    edit to one session parses and grades only that session again."""

    MAX_ENTRIES = 4096

    def __init__(self) -> None:
        self._by_content: dict[tuple[str, str, bytes], Any] = {}
        self._by_object: dict[int, tuple[object, Any]] = {}
        self._by_slot: dict[str, tuple[tuple[object, ...], Any]] = {}

    def by_content(self, path: Path, label: tuple[str, str], compute: Callable[[], T]) -> T:
        key = (*label, hashlib.sha256(path.read_bytes()).digest())
        if key not in self._by_content:
            if len(self._by_content) >= self.MAX_ENTRIES:
                self._by_content.clear()
            self._by_content[key] = compute()
        return cast(T, self._by_content[key])

    def by_object(self, value: object, compute: Callable[[], T]) -> T:
        """Keyed by identity: the same parsed object comes back while its file is unchanged.
        The object is kept with its result, so that its id cannot be given to another."""
        found = self._by_object.get(id(value))
        if found is None or found[0] is not value:
            if len(self._by_object) >= self.MAX_ENTRIES:
                self._by_object.clear()
            found = self._by_object[id(value)] = (value, compute())
        return cast(T, found[1])

    def by_inputs(self, slot: str, inputs: tuple[object, ...], compute: Callable[[], T]) -> T:
        """The last result for `slot`, while its inputs compare equal to the last ones.

        Equal, not identical: unchanged parsed objects come back as the same objects, so the
        comparison is quick, and a changed one is compared field by field, never missed."""
        found = self._by_slot.get(slot)
        if found is None or found[0] != inputs:
            if len(self._by_slot) >= self.MAX_ENTRIES:
                self._by_slot.clear()
            found = self._by_slot[slot] = (inputs, compute())
        return cast(T, found[1])


_memo: ContextVar[ContentMemo | None] = ContextVar("curriculum_content_memo", default=None)


@contextmanager
def remembering(memo: ContentMemo) -> Iterator[None]:
    """Within this block, memoized() calls use `memo`; outside it they compute every time."""
    token = _memo.set(memo)
    try:
        yield
    finally:
        _memo.reset(token)


def file_result(path: Path, label: tuple[str, str], compute: Callable[[], T]) -> T:
    memo = _memo.get()
    return compute() if memo is None else memo.by_content(path, label, compute)


def object_result(value: object, compute: Callable[[], T]) -> T:
    memo = _memo.get()
    return compute() if memo is None else memo.by_object(value, compute)


def inputs_result(slot: str, inputs: tuple[object, ...], compute: Callable[[], T]) -> T:
    memo = _memo.get()
    return compute() if memo is None else memo.by_inputs(slot, inputs, compute)


def active() -> bool:
    """Whether results are being remembered (a live server) or computed every time."""
    return _memo.get() is not None
