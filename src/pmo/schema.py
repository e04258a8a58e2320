"""JSON Schema of the three file kinds (plus DMT notes), generated from the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from pmo.model import DmtNote, Portfolio, Programme, Update
from pmo.store.files import check_write_target
from pmo.store.write import atomic_write_text

SCHEMAS: dict[str, type[BaseModel]] = {
    "portfolio": Portfolio,
    "programme": Programme,
    "update": Update,
    "dmt": DmtNote,
}


def schema_for(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one file kind."""
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def write_schemas(out: Path) -> list[Path]:
    """Write ``<kind>.schema.json`` for every file kind into ``out``; return the paths.

    Every target is checked first (Refused: ``out`` is a file, or a link inside it leads out
    of it, or a target is not a regular file), so nothing is written unless all can be.
    """
    texts = [
        (out / f"{kind}.schema.json", json.dumps(schema_for(model), indent=2) + "\n")
        for kind, model in SCHEMAS.items()
    ]
    for path, _ in texts:
        check_write_target(path, out)
    for path, text in texts:
        atomic_write_text(path, text)
    return [path for path, _ in texts]
