"""Document the YAML format from the models themselves, so the docs cannot drift."""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .messages import unwrap_annotation
from .schema import FILE_MODELS, Glossary, Module, Program, Session


@dataclass(frozen=True)
class FieldDoc:
    key: str
    kind: str
    required: bool
    description: str


@dataclass(frozen=True)
class ModelDoc:
    name: str
    doc: str
    fields: tuple[FieldDoc, ...]


def _kind(annotation: Any) -> str:
    names = []
    for item in unwrap_annotation(annotation):
        if item is type(None):
            continue
        origin = typing.get_origin(item)
        if origin is typing.Literal:
            names.append(" / ".join(str(a) for a in typing.get_args(item)))
        elif isinstance(item, type) and issubclass(item, BaseModel):
            names.append(item.__name__)
        elif isinstance(item, type):
            names.append(
                {"str": "text", "int": "whole number", "float": "number", "bool": "true/false"}.get(
                    item.__name__, item.__name__
                )
            )
        else:
            names.append(str(item))
    kind = " or ".join(dict.fromkeys(names)) or "text"
    origin = typing.get_origin(annotation)
    is_list = origin is tuple or any(typing.get_origin(a) is tuple for a in typing.get_args(annotation))
    return f"list of {kind}" if is_list else kind


def _models() -> list[type[BaseModel]]:
    """Every model reachable from the file models, in first-seen order."""
    seen: dict[str, type[BaseModel]] = {}

    def visit(model: type[BaseModel]) -> None:
        if model.__name__ in seen:
            return
        seen[model.__name__] = model
        for info in model.model_fields.values():
            for item in unwrap_annotation(info.annotation):
                if isinstance(item, type) and issubclass(item, BaseModel):
                    visit(item)

    for model in (Session, Module, Program, Glossary):
        visit(model)
    return list(seen.values())


def field_tables() -> tuple[ModelDoc, ...]:
    docs = []
    for model in _models():
        fields = tuple(
            FieldDoc(info.alias or name, _kind(info.annotation), info.is_required(), info.description or "")
            for name, info in model.model_fields.items()
            if info.alias != "$schema"
        )
        docs.append(ModelDoc(model.__name__, ((model.__doc__ or "").strip().splitlines() or [""])[0], fields))
    return tuple(docs)


def json_schema(kind: str) -> dict[str, Any]:
    schema = FILE_MODELS[kind].model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"IOP curriculum {kind} file"
    return schema


def json_schema_text(kind: str) -> str:
    return json.dumps(json_schema(kind), indent=2, sort_keys=True) + "\n"


SCHEMA_DIR = "curriculum/_schema"


def write_schema_files(root: Path) -> list[Path]:
    """Write the JSON Schemas next to the curriculum, for editor autocompletion."""
    folder = root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_MODELS:
        path = folder / f"{kind}.schema.json"
        path.write_text(json_schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
