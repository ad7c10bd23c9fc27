"""Safe YAML reading that remembers where every key and value came from.

PyYAML alone loses line numbers, silently keeps the last of two duplicate keys,
expands aliases without limit and reads `18:00` as the number 1080. Editors of
the curriculum are clinicians, so every one of those cases becomes a located
problem here instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from .errors import Problem

# libyaml's parser, or None where PyYAML was built without it (the pure-Python parser then
# does all the work). Typed as Any: the stubs describe it only as an optional extension.
CParser: Any
try:
    from yaml import cyaml

    CParser = getattr(cyaml, "CParser")  # noqa: B009  (the stubs do not list it)
except (ImportError, AttributeError):
    CParser = None

MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 30

Mark = tuple[int, int]  # 1-based line and column


class YDict(dict):  # type: ignore[type-arg]
    """A mapping that knows where it, its keys and its values start in the file."""

    start: Mark
    key_marks: dict[Any, Mark]
    value_marks: dict[Any, Mark]


class YList(list):  # type: ignore[type-arg]
    """A sequence that knows where it and each of its items start in the file."""

    start: Mark
    item_marks: list[Mark]


def _mark(node: Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class LocatedYAMLError(Exception):
    """A problem found while reading YAML, with a 1-based position."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


class CurriculumLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2-style scalars, no aliases, bounded depth, duplicate-key checks."""

    yaml_implicit_resolvers: dict[str, list[Any]] = {}

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise LocatedYAMLError(
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                "YAML aliases (*name) are not allowed in the curriculum; write the text out in full instead",
            )
        self._depth += 1
        if self._depth > MAX_DEPTH:
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise LocatedYAMLError(
                event.start_mark.line + 1,
                event.start_mark.column + 1,
                f"the document is nested more than {MAX_DEPTH} levels deep; check the indentation",
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_located_mapping(self, node: MappingNode) -> YDict:
        result = YDict()
        result.start, result.key_marks, result.value_marks = _mark(node), {}, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise LocatedYAMLError(*_mark(key_node), "YAML merge keys (<<) are not allowed")
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool) and key is not None:
                raise LocatedYAMLError(*_mark(key_node), "a key must be plain text")
            if key in result:
                first = result.key_marks[key]
                raise LocatedYAMLError(
                    *_mark(key_node),
                    f"duplicate key '{key}' (first given on line {first[0]}); "
                    "YAML would silently keep only the last one, so remove or rename one",
                )
            result[key] = self.construct_object(value_node, deep=True)
            result.key_marks[key] = _mark(key_node)
            result.value_marks[key] = _mark(value_node)
        return result

    def construct_located_sequence(self, node: SequenceNode) -> YList:
        result = YList(self.construct_object(child, deep=True) for child in node.value)
        result.start, result.item_marks = _mark(node), [_mark(child) for child in node.value]
        return result

    def construct_undefined(self, node: Node) -> Any:
        tag = node.tag or ""
        if "python" in tag:
            hint = "Python tags (!!python/...) are refused: the curriculum is data, not code"
        else:
            hint = f"the YAML tag '{tag}' is not supported; remove it"
        raise LocatedYAMLError(*_mark(node), hint)


for _tag, _pattern, _first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    CurriculumLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_tag}", re.compile(_pattern), list(_first))

_YAML = "tag:yaml.org,2002:"
_EXPLICIT = {"int": ("a whole number", "12"), "float": ("a number", "2.5"), "bool": ("true or false", "true")}


def _checked_scalar(kind: str) -> Any:
    """An explicit tag on a value that does not fit it (`!!int two`) is a located error."""
    construct = getattr(SafeConstructor, f"construct_yaml_{kind}")
    what, example = _EXPLICIT[kind]

    def checked(loader: CurriculumLoader, node: Node) -> Any:
        try:
            return construct(loader, node)
        except (ValueError, KeyError, TypeError, IndexError):
            raise LocatedYAMLError(
                *_mark(node),
                f"'{str(node.value)[:40]}' is marked '!!{kind}' but "
                f"is not {what}; remove the '!!{kind}' tag, or write {what} such "
                f"as {example}",
            ) from None

    return checked


for _kind in _EXPLICIT:
    CurriculumLoader.add_constructor(f"{_YAML}{_kind}", _checked_scalar(_kind))
CurriculumLoader.add_constructor(f"{_YAML}map", CurriculumLoader.construct_located_mapping)
CurriculumLoader.add_constructor(f"{_YAML}seq", CurriculumLoader.construct_located_sequence)
for _refused in ("omap", "pairs", "set", "binary", "timestamp"):
    CurriculumLoader.add_constructor(f"{_YAML}{_refused}", CurriculumLoader.construct_undefined)
CurriculumLoader.add_constructor(None, CurriculumLoader.construct_undefined)


class _Unusual(Exception):
    """Input the fast path leaves to the full loader, which then reports it exactly."""


_STR, _MAP, _SEQ = f"{_YAML}str", f"{_YAML}map", f"{_YAML}seq"
_C_NESTING_LIMIT = 2000  # libyaml composes recursively in C, where deeper input could crash


def _nesting_bound(text: str) -> int:
    """At least as deep as any nesting in text: every level needs one of these marks."""
    return sum(text.count(mark) for mark in ":-[{?")


def _convert(loader: CurriculumLoader, node: Node, seen: set[int], depth: int) -> Any:
    """Nodes composed by libyaml to YDict/YList/scalars, as construct_located_* would build them."""
    if depth > MAX_DEPTH or id(node) in seen:  # too deep, or an alias (*name) to a node seen before
        raise _Unusual
    seen.add(id(node))
    if isinstance(node, ScalarNode):
        return node.value if node.tag == _STR else loader.construct_object(node)
    if isinstance(node, MappingNode) and node.tag == _MAP:
        mapping = YDict()
        mapping.start, mapping.key_marks, mapping.value_marks = _mark(node), {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR or key_node.value in mapping:
                raise _Unusual
            key = key_node.value
            seen.add(id(key_node))
            mapping[key] = _convert(loader, value_node, seen, depth + 1)
            mapping.key_marks[key], mapping.value_marks[key] = _mark(key_node), _mark(value_node)
        return mapping
    if isinstance(node, SequenceNode) and node.tag == _SEQ:
        sequence = YList(_convert(loader, child, seen, depth + 1) for child in node.value)
        sequence.start, sequence.item_marks = _mark(node), [_mark(child) for child in node.value]
        return sequence
    raise _Unusual


_FastLoader: type[CurriculumLoader] | None = None
if CParser is not None:

    class _CLoader(CParser, CurriculumLoader):  # type: ignore[misc]
        """The same loader on libyaml, several times faster on a large curriculum.

        get_single_data keeps the Python composer (with the alias and depth checks
        above) over libyaml's parser; fast_data lets libyaml compose too, for text
        that cannot nest deeper than C can safely go, and converts the nodes here.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)
            self._depth = 0

        get_single_node = Composer.get_single_node

        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            """Resolver.resolve without path resolvers (none are used): called for every node."""
            if kind is ScalarNode:
                if implicit[0]:
                    for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                        if pattern.match(value):
                            return str(tag)
                return _STR
            return _SEQ if kind is SequenceNode else _MAP

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            return None

        def ascend_resolver(self) -> None:
            return None

        def fast_data(self) -> Any:
            node = CParser.get_single_node(self)
            return None if node is None else _convert(self, node, set(), 1)

    _FastLoader = _CLoader


def _run_loader(loader_class: type[CurriculumLoader], text: str) -> Any:
    loader = loader_class(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def _load(text: str) -> Any:
    """Parse with libyaml when it is there; when anything is unusual or wrong, the
    pure-Python loader reads the text again, so every message and position stays the same."""
    if _FastLoader is not None and not yaml.reader.Reader.NON_PRINTABLE.search(text):
        loader = _FastLoader(text)
        try:
            if _nesting_bound(text) <= _C_NESTING_LIMIT:
                return loader.fast_data()  # type: ignore[attr-defined]
            return loader.get_single_data()
        except Exception:  # noqa: BLE001 - the pure-Python loader below reports it
            pass
        finally:
            loader.dispose()
    return _run_loader(CurriculumLoader, text)


def _position(mark: Any) -> Mark:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


def _syntax_hint(error: yaml.MarkedYAMLError) -> tuple[Mark, str]:
    """A position and a plain-spoken message for PyYAML's most common complaints."""
    problem, context = error.problem or "", error.context or ""
    at, opened = _position(error.problem_mark or error.context_mark), _position(error.context_mark)
    if "'\\t'" in problem or "\t" in problem:
        return at, ("a tab character is used for indentation; YAML needs spaces (replace the tab with two spaces)")
    if "quoted scalar" in context:
        return opened, (
            "YAML syntax error: the quote that starts here is never closed; add "
            "the closing quote mark, or, if the text contains one, use the other "
            "kind of quotes"
        )
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        return opened, (
            f"YAML syntax error: the '{bracket}' here is never closed; close it, "
            "or put the whole text in quotes if it is not meant as a list"
        )
    if "could not find expected ':'" in problem:
        return opened, "YAML syntax error: this line needs a colon; write it as 'key: value'"
    if "mapping values are not allowed" in problem:
        return at, (
            "YAML syntax error: a colon is not allowed here; if the text contains ': ', "
            "put the whole text in quotes, otherwise check this line's indentation"
        )
    if "another document" in problem:
        return at, (
            "YAML syntax error: a second document starts here ('---'); a curriculum file "
            "holds one, so remove this line or move what follows into its own file"
        )
    if "duplicate anchor" in context:
        found = re.search(r"anchor '([^']*)'", context)
        name = found.group(1) if found else ""
        return at, (
            f"YAML syntax error: the anchor '&{name}' is used twice (first on line "
            f"{opened[0]}); anchors are not needed in the curriculum, so remove the "
            "'&' marks"
        )
    if "but found '<scalar>'" in problem:
        return at, (
            "YAML syntax error: unexpected text after a quoted or bracketed value; put "
            "the whole text in double quotes (inside single quotes, write it's as it''s)"
        )
    if "but found '-'" in problem:
        return at, (
            "YAML syntax error: a list item ('- ') where a 'key: value' line was expected; check the indentation"
        )
    if "expected <block end>" in problem:
        return at, (
            "YAML syntax error: this line's indentation does not match the lines above it; "
            "line it up, with spaces, under the other keys at its level (a key indented "
            "deeper belongs to the key above it, which must then end with a colon)"
        )
    tag = re.search(r"constructor for the tag '([^']*)'", problem)
    if tag:
        return at, f"the YAML tag '{tag.group(1)}' is not supported here; remove it"
    match = re.search(r"found character '(.)' that cannot start any token", problem)
    if match:
        return at, f"YAML syntax error: text starting with {match.group(1)} must be put in quotes"
    reason = f"{context}: {problem}" if context else problem
    return at, f"YAML syntax error: {reason or error}"


def yaml_error_problem(error: yaml.YAMLError, file: str, text: str) -> Problem:
    """One located, plain-spoken problem for any error PyYAML raises."""
    if isinstance(error, yaml.reader.ReaderError):
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        char = error.character
        code = char if isinstance(char, int) else ord(str(char)[:1] or " ")
        return Problem(
            file,
            line,
            column,
            f"the file contains an invisible control character (U+{code:04X}) that "
            "YAML does not allow; delete it (it often comes with text pasted from "
            "another program)",
        )
    if isinstance(error, yaml.MarkedYAMLError):
        (line, column), message = _syntax_hint(error)
        return Problem(file, line, column, message)
    return Problem(file, 1, 1, f"YAML error: {error}")


def decode_text(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 (a byte-order mark is allowed), or say where the first bad byte is."""
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as error:
        start = error.start
        before = raw[:start]
        line_start = before.rfind(b"\n") + 1
        line = before.count(b"\n") + 1
        column = len(raw[line_start:start].decode("utf-8").removeprefix("\ufeff")) + 1
        bad = raw[start : start + 1].hex()
        return None, Problem(
            file,
            line,
            column,
            f"the file is not valid UTF-8 (byte 0x{bad}); save it again with UTF-8 encoding "
            "(in Word or Notepad: Save As, Encoding: UTF-8)",
        )


def read_yaml(path: Path, file: str) -> tuple[Any, list[Problem]]:
    """Read one YAML file into YDict/YList/scalars, or return the problems that stop it."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(file, 1, 1, f"cannot read the file: {error.strerror}")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(
                file,
                1,
                1,
                f"the file is {len(raw):,} bytes; a curriculum file may be at most "
                f"{MAX_FILE_BYTES:,} bytes, so split it",
            )
        ]
    text, problem = decode_text(raw, file)
    if problem or text is None:
        return None, [problem] if problem else []
    try:
        data = _load(text)
    except LocatedYAMLError as error:
        return None, [Problem(file, error.line, error.column, error.message)]
    except yaml.YAMLError as error:
        return None, [yaml_error_problem(error, file, text)]
    except RecursionError:
        return None, [Problem(file, 1, 1, "the document is nested too deeply; check the indentation")]
    if data is None:
        return None, [
            Problem(
                file,
                1,
                1,
                "the file is empty (or holds only comments); fill it in or delete it "
                "(`curriculum new session MODULE ID` writes a complete example)",
            )
        ]
    return data, []


def locate(data: Any, path: tuple[Any, ...], *, at_key: bool = False) -> Mark:
    """Find the position for a key path; falls back to the deepest container that exists."""
    node, mark = data, getattr(data, "start", (1, 1))
    for index, step in enumerate(path):
        last = index == len(path) - 1
        if isinstance(node, YDict) and step in node:
            mark = node.key_marks[step] if (last and at_key) else node.value_marks[step]
            node = node[step]
        elif isinstance(node, YList) and isinstance(step, int) and 0 <= step < len(node):
            mark, node = node.item_marks[step], node[step]
        else:
            break
    return mark


def walk_strings(
    data: Any, path: tuple[Any, ...] = (), mark: Mark = (1, 1)
) -> Iterator[tuple[tuple[Any, ...], Mark, str]]:
    """Visit every text value in a located YAML tree, with its key path and position."""
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
