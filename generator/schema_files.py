"""Write the JSON Schemas next to the curriculum, for editor autocompletion."""

from __future__ import annotations

from pathlib import Path

from .schema import FILE_MODELS
from .schema_docs import json_schema_text

SCHEMA_DIR = "curriculum/_schema"


def write_schema_files(root: Path) -> list[Path]:
    folder = root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in FILE_MODELS:
        path = folder / f"{kind}.schema.json"
        path.write_text(json_schema_text(kind), encoding="utf-8")
        written.append(path)
    return written
