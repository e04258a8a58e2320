"""Analysis results as plain JSON-ready values (dataclasses, tuples, dates -> dicts, lists, str)."""

from __future__ import annotations

import dataclasses
import math
from datetime import date
from typing import Any


def to_jsonable(value: Any) -> Any:
    """A deterministic JSON-ready copy of an analysis result."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.metadata.get("json", True)  # fields kept for the report only are left out
        }
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        return round(value, 6)
    return value
