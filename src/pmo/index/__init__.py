"""The derived SQL index: SQLModel tables built from the portfolio (always rebuildable)."""

from pmo.index.build import MODELS, IndexCounts, build_index, tables

__all__ = ["MODELS", "IndexCounts", "build_index", "tables"]
