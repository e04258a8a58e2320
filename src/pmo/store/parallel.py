"""Reading many files at once: listed first, then parsed in worker processes when there are many.

Each worker reads and validates a chunk of files and sends back only what the parent needs,
compactly: the plain data of each valid file (the parent builds its model again, which costs
a fraction of unpickling one) and the problems as tuples; node trees stay in the worker (a
position is found later by reading the file again, only where a check needs one). Small
portfolios are read in this process: no start-up cost for a few hundred files.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from pmo.model import DmtNote, Portfolio, Programme, Update
from pmo.problem import Problem, Severity
from pmo.store.model_errors import validate_doc
from pmo.store.stamps import Kind, ReadCache, stamp_of
from pmo.store.yamlread import read_yaml

if TYPE_CHECKING:
    from pmo.store.source import Source

#: Fewer files than this are read in this process.
PARALLEL_MIN_FILES = 1500
#: Files per chunk of work sent to a worker.
CHUNK = 150
#: A chunk that takes longer than this means a worker is stuck: read in this process instead.
CHUNK_TIMEOUT_S = 120.0

MODELS: dict[str, type[BaseModel]] = {
    "portfolio": Portfolio,
    "programme": Programme,
    "update": Update,
    "dmt": DmtNote,
}

_Found = tuple[int, int, str, str, str, Severity]  # line, col, path, code, message, severity
_Result = tuple[Any, list[_Found]]  # (data of a valid file or None, its problems)


@dataclass(slots=True)
class _Pending:
    source: Source[Any]
    model: type[BaseModel]
    kind: Kind | None
    stamp: Any


def workers() -> int:
    """How many processes may parse at once (the CPUs this process may run on)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _read_one(path: str, kind: str) -> _Result:
    """In a worker: read and validate one file; its data if valid, and its problems."""
    doc = read_yaml(Path(path))
    parsed = validate_doc(doc, MODELS[kind]) if doc.root is not None else None
    found = [(p.line, p.col, p.path, p.code, p.message, p.severity) for p in doc.problems]
    if any(p.file != doc.file for p in doc.problems):  # pragma: no cover - never today
        raise RuntimeError(f"a problem of {path} points into another file")
    return (doc.data if parsed is not None else None), found


def _read_chunk(jobs: Sequence[tuple[str, str]]) -> list[_Result]:
    """In a worker: a chunk of files (equal short strings and dates are one object each, see
    ``yamlread``: the pickle sends each once, and the parent's models share them)."""
    return [_read_one(path, kind) for path, kind in jobs]


class Reader:
    """Collects the files to read (``source``), then reads them all (``finish``)."""

    def __init__(self, cache: ReadCache | None, keep_trees: bool) -> None:
        self.cache = cache
        self.keep_trees = keep_trees
        self.pending: list[_Pending] = []

    def source(self, file: Path, model: type[Any], kind: Kind | None) -> Source[Any]:
        """The Source of ``file``: from the cache when unchanged, else filled in by finish."""
        from pmo.store.source import Source

        stamp = None
        if self.cache is not None and kind is not None:
            stamp = stamp_of(file)
            hit = self.cache.get(file, kind, stamp)
            if hit is not None and (hit.model is None or isinstance(hit.model, model)):
                return Source(file, hit.model, hit.problems, hit.tree)
        source: Source[Any] = Source(file, None, [])
        self.pending.append(_Pending(source, model, kind, stamp))
        return source

    def finish(self) -> None:
        """Read every file listed since the last finish (in parallel when there are many)."""
        pending, self.pending = self.pending, []
        if not pending:
            return
        done = 0
        if len(pending) >= PARALLEL_MIN_FILES and workers() > 1:
            done = self._in_workers(pending)
        for job in pending[done:]:  # all of them, or what the workers could not do
            self._read_here(job)

    def _in_workers(self, pending: Sequence[_Pending]) -> int:
        """Read ``pending`` in worker processes, filling each chunk as it comes back (its data
        is dropped at once); how many were read (fewer when a worker failed or is stuck, or
        there is no fork on this platform: the caller reads the rest itself)."""
        import multiprocessing

        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # pragma: no cover - not available on this platform
            return 0
        for kind in MODELS.values():  # built once here, not again in every worker after fork
            kind.model_rebuild()
        done = 0
        try:
            with context.Pool(workers()) as pool:
                answers = pool.imap(_read_chunk, _chunks(pending))
                while done < len(pending):
                    for data, found in answers.next(timeout=CHUNK_TIMEOUT_S):
                        job = pending[done]
                        problems = [Problem(job.source.file, *f) for f in found]
                        model = job.model.model_validate(data) if data is not None else None
                        self._fill(job, model, problems, None)
                        done += 1
        except Exception:  # a worker died or is stuck: nothing is lost, read here instead
            return done
        return done

    def _read_here(self, job: _Pending) -> None:
        doc = read_yaml(job.source.file)
        parsed = validate_doc(doc, job.model) if doc.root is not None else None
        self._fill(job, parsed, doc.problems, doc if self.keep_trees else None)

    def _fill(
        self, job: _Pending, model: BaseModel | None, problems: list[Problem], tree: Any
    ) -> None:
        job.source.model = model
        job.source.problems = problems
        job.source.tree = tree
        if self.cache is not None and job.kind is not None:
            self.cache.put(job.source.file, job.kind, job.stamp, model, problems, tree)


def _chunks(pending: Sequence[_Pending]) -> Iterator[list[tuple[str, str]]]:
    for start in range(0, len(pending), CHUNK):
        yield [(str(job.source.file), _kind_of(job)) for job in pending[start : start + CHUNK]]


def _kind_of(job: _Pending) -> str:
    for kind, model in MODELS.items():
        if model is job.model:
            return kind
    raise ValueError(f"no reader for {job.model.__name__}")  # pragma: no cover
