"""Turn pydantic's validation errors into located, plain-spoken problems."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .yaml_source import YDict, locate


def key_path(loc: tuple[Any, ...]) -> str:
    """Render ('outline', 'opening', 0, 'minutes') as outline.opening[0].minutes."""
    text = ""
    for step in loc:
        if isinstance(step, int):
            text += f"[{step}]"
        else:
            text += f".{step}" if text else str(step)
    return text or "(top level)"


def unwrap_annotation(annotation: Any) -> list[Any]:
    """The classes an annotation may hold, looking through Optional, tuple and Annotated."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return unwrap_annotation(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, tuple, list):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            if arg is not Ellipsis:
                found.extend(unwrap_annotation(arg))
        return found
    return [annotation]


def _field_for(model: type[BaseModel], name: str) -> Any:
    for field_name, info in model.model_fields.items():
        if name in (field_name, info.alias):
            return info
    return None


def model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model class that the key path leads into, for 'did you mean' suggestions."""
    current: Any = model
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = _field_for(current, step)
        if info is None:
            return None
        candidates = [c for c in unwrap_annotation(info.annotation) if isinstance(c, type) and issubclass(c, BaseModel)]
        current = candidates[0] if candidates else None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def allowed_keys(model: type[BaseModel]) -> list[str]:
    fields = model.model_fields.items()
    return [info.alias or name for name, info in fields if info.alias != "$schema"]


def _suggest(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if value is None:
        return "nothing"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def _message(error: dict[str, Any], root_model: type[BaseModel]) -> str:
    kind, ctx, value, loc = error["type"], error.get("ctx") or {}, error.get("input"), error["loc"]
    last = loc[-1] if loc else ""
    if kind == "missing":
        parent = key_path(loc[:-1]) if loc[:-1] else ""
        where = f"under '{parent}'" if parent else "at the top level of the file"
        return f"missing required key '{last}'; add a '{last}:' line {where}"
    if kind == "extra_forbidden":
        parent_model = model_at(root_model, loc[:-1])
        options = allowed_keys(parent_model) if parent_model else []
        hint = _suggest(str(last), options)
        if not hint and options:
            hint = f" (allowed here: {', '.join(options)})"
        return f"unknown key '{last}'{hint}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        what = "number of minutes" if "minute" in str(last) else "number"
        return f"expected a whole {what}, like 10, got {_describe(value)}"
    if kind in ("float_parsing", "float_type"):
        return f"expected a number, got {_describe(value)}"
    if kind in ("bool_parsing", "bool_type"):
        return f"expected true or false, got {_describe(value)}"
    if kind == "string_type":
        quote = " (text that starts with [ or { must be put in quotes)" if isinstance(value, dict | list) else ""
        return f"expected text, got {_describe(value)}{quote}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        return (
            f"the text is too long ({len(str(value)):,} characters; at most "
            f"{ctx.get('max_length'):,}); shorten it or split it into a list"
        )
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if "a-z0-9" in pattern:
            return (
                f"{_describe(value)} is not a safe id: use lowercase letters, digits and single "
                "hyphens, like 'warning-signs'"
            )
        if "[01][0-9]" in pattern:
            return f"{_describe(value)} is not a time: write it as 'HH:MM' in quotes, like '18:00'"
        if pattern.startswith("^#"):
            return f"{_describe(value)} is not a colour: write it as '#RRGGBB', like '#2f5d62'"
        return f"{_describe(value)} is not in the expected form"
    if kind in ("too_short", "too_long"):
        actual = ctx.get("actual_length", 0)
        if kind == "too_short":
            need = ctx.get("min_length", 1)
            return f"needs at least {need} item{'s' if need != 1 else ''}, found {actual}"
        return f"has {actual} items; at most {ctx.get('max_length')} fit"
    if kind in ("greater_than_equal", "greater_than"):
        return f"must be at least {ctx.get('ge', ctx.get('gt'))}, got {_describe(value)}"
    if kind in ("less_than_equal", "less_than"):
        return f"must be at most {ctx.get('le', ctx.get('lt'))}, got {_describe(value)}"
    if kind in ("enum", "literal_error"):
        expected = str(ctx.get("expected", ""))
        words = expected.replace(" or ", ", ").split(",")
        options = [o.strip(" '") for o in words if o.strip(" '")]
        hint = _suggest(str(value), options)
        return f"{_describe(value)} is not one of: {', '.join(options)}{hint}"
    if kind in ("tuple_type", "list_type"):
        return f"expected a list (lines starting with '- '), got {_describe(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of 'key: value' lines, got {_describe(value)}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _clean_loc(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Drop pydantic's internal union/enum markers so the path matches the YAML."""
    internal = ("function-", "tagged-union")
    return tuple(step for step in loc if not (isinstance(step, str) and step.startswith(internal)))


def _misspelled_keys(errors: list[dict[str, Any]], model: type[BaseModel]) -> set[tuple[Any, ...]]:
    """Key paths of required keys that are present under a near-miss spelling."""
    found = set()
    for item in errors:
        loc = item["loc"]
        if item["type"] != "extra_forbidden" or not loc:
            continue
        parent = model_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed_keys(parent) if parent else [], n=1, cutoff=0.6)
        if close:
            found.add((*loc[:-1], close[0]))
    return found


def problems_from(error: ValidationError, data: Any, file: str, model: type[BaseModel]) -> list[Problem]:
    """One located problem per pydantic error, with the key path in each message."""
    problems = []
    errors: list[dict[str, Any]] = [{**item, "loc": _clean_loc(tuple(item["loc"]))} for item in error.errors()]
    misspelled = _misspelled_keys(errors, model)
    for item in errors:
        loc = item["loc"]
        if item["type"] == "missing" and loc in misspelled:
            continue  # the 'unknown key ... did you mean' problem already says what to fix
        at_key = item["type"] == "extra_forbidden"
        if item["type"] == "missing":
            line, column = locate(data, loc[:-1])
        else:
            line, column = locate(data, loc, at_key=at_key)
        path = key_path(loc)
        problems.append(Problem(file, line, column, f"{path}: {_message(item, model)}"))
    return problems


def is_mapping(data: Any) -> bool:
    return isinstance(data, YDict)
