"""Shared test set-up: the load cache goes to a temporary directory, never ~/.cache."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    before = os.environ.get("PMO_CACHE_DIR")
    os.environ["PMO_CACHE_DIR"] = str(tmp_path_factory.mktemp("pmo-cache"))
    yield
    if before is None:
        os.environ.pop("PMO_CACHE_DIR", None)
    else:
        os.environ["PMO_CACHE_DIR"] = before
