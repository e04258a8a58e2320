"""Reading and writing portfolio files: safe bounded YAML with source positions, discovery."""

from pmo.store.load import (
    LoadedPortfolio,
    NotAPortfolio,
    ProgrammeSource,
    load_portfolio,
    load_source,
)
from pmo.store.source import Source

__all__ = [
    "LoadedPortfolio",
    "NotAPortfolio",
    "ProgrammeSource",
    "Source",
    "load_portfolio",
    "load_source",
]
