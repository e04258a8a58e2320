"""Model -> YAML text that reads back to the same model (the round-trip property tests use it)."""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml
from pydantic import BaseModel

_LINE_BREAKS = ("\x85", "\u2028", "\u2029", "\r")


class _Dumper(yaml.SafeDumper):
    """SafeDumper that double-quotes strings whose line breaks plain/literal styles would lose."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if any(ch in value for ch in _LINE_BREAKS):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_str(value)


_FastDumper: Any = _Dumper
"""libyaml's emitter where PyYAML has it (about 5x faster), with the same representers."""
if hasattr(yaml, "CSafeDumper"):

    class _CDumper(yaml.CSafeDumper):
        """CSafeDumper with _Dumper's representers."""

    _FastDumper = _CDumper
for _dumper in (_Dumper, _FastDumper):
    _dumper.add_representer(str, _represent_str)
    # date subclasses too (a frozen clock's dates in tests); datetimes never reach the dumper
    _dumper.add_multi_representer(date, yaml.SafeDumper.represent_date)


def dump_model(model: BaseModel) -> str:
    """YAML text of a model, fields in declaration order, empty optional fields left out."""
    data = model.model_dump(mode="json", by_alias=True, exclude_none=True)
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def dump_data(data: object) -> str:
    """YAML text of plain data (dicts, lists, text, numbers, dates) by the safe dumper, keys in
    the order given: what `pmo import` writes (through libyaml when present)."""
    return yaml.dump(data, Dumper=_FastDumper, sort_keys=False, allow_unicode=True, width=100)
