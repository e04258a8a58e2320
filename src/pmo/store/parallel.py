"""Reading many files at once: listed first, then parsed by this process and worker processes.

The list of files is cut into chunks (small ones at the end, so that everyone finishes
together). This process and ``workers() - 1`` forked workers each take the next chunk until
none is left, so both cores are busy from the first moment and nothing waits on a slow share.
A worker sends back, per file, its model (pickled: cheaper than building it again here) and
its problems as tuples; node trees stay in the worker (a position is found later by reading
the file again, only where a check needs one). Between its own chunks this process takes in
what the workers sent. A chunk a worker took but never sent (it failed, died or is stuck) is
read here: nothing is lost. Small portfolios are read in this process alone: no start-up cost
for a few hundred files.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel

from pmo.model import DmtNote, Portfolio, Programme, Update
from pmo.problem import Problem, Severity
from pmo.store.forked import fork_context, pipe, stop
from pmo.store.forked import start as start_child
from pmo.store.model_errors import validate_doc
from pmo.store.stamps import Kind, ReadCache, stamp_of
from pmo.store.yamlread import read_yaml

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from pmo.store.source import Source

#: Fewer files than this are read in this process.
PARALLEL_MIN_FILES = 1500
#: Most files in one chunk of work (about 25 ms of parsing; its answer fits a pipe's buffer).
CHUNK = 128
#: Fewest files in a chunk: the last chunks are small so that every process ends together.
MIN_CHUNK = 16
#: Waiting longer than this for a worker's chunk means it is stuck: its chunks are read here.
CHUNK_TIMEOUT_S = 120.0

MODELS: dict[str, type[BaseModel]] = {
    "portfolio": Portfolio,
    "programme": Programme,
    "update": Update,
    "dmt": DmtNote,
}

_Found = tuple[int, int, str, str, str, Severity]  # line, col, path, code, message, severity
_Result = tuple[BaseModel | None, list[_Found]]  # (model of a valid file or None, its problems)


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
    """In a worker: read and validate one file; its model if valid, and its problems."""
    doc = read_yaml(Path(path))
    parsed = validate_doc(doc, MODELS[kind]) if doc.root is not None else None
    found = [(p.line, p.col, p.path, p.code, p.message, p.severity) for p in doc.problems]
    if any(p.file != doc.file for p in doc.problems):  # pragma: no cover - never today
        raise RuntimeError(f"a problem of {path} points into another file")
    return parsed, found


def _read_chunk(jobs: Sequence[tuple[str, str]]) -> list[_Result]:
    """In a worker: a chunk of files (equal short strings and dates are one object each, see
    ``yamlread``: the pickle sends each once, and the models here share them)."""
    return [_read_one(path, kind) for path, kind in jobs]


def chunk_bounds(total: int, processes: int) -> list[tuple[int, int]]:
    """(start, end) of each chunk of ``total`` files shared by ``processes``: at most CHUNK
    files, shrinking towards MIN_CHUNK as the end nears (a quarter of each one's fair share of
    what is left), so no process is left with a long chunk when the others are done."""
    out: list[tuple[int, int]] = []
    start = 0
    while start < total:
        size = min(CHUNK, max(MIN_CHUNK, (total - start) // (4 * processes)))
        out.append((start, min(total, start + size)))
        start += size
    return out


def _claim(claims: Any, limit: int) -> int | None:
    """The next chunk nobody has taken yet (None when all are taken); any process may ask."""
    with claims.get_lock():
        index = int(claims.value)
        if index >= limit:
            return None
        claims.value = index + 1
    return index


def _work(
    jobs: Sequence[tuple[str, str]], bounds: Sequence[tuple[int, int]], claims: Any, out: Any
) -> None:
    """A worker's life: take chunks until none is left, sending each one's results (if it
    fails, the chunk it held is read by the parent)."""
    while (index := _claim(claims, len(bounds))) is not None:
        start, end = bounds[index]
        answer = (index, _read_chunk(jobs[start:end]))
        out.send_bytes(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))
    out.close()


class Reader:
    """Collects the files to read (``source``), then reads them all (``finish``)."""

    def __init__(
        self, cache: ReadCache | None, keep_trees: bool, started: Callable[[], None] | None = None
    ) -> None:
        self.cache = cache
        self.keep_trees = keep_trees
        self.started = started
        """Called once worker processes are reading (never when this process reads alone)."""
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
        """Read every file listed since the last finish (shared with workers when many)."""
        pending, self.pending = self.pending, []
        if len(pending) >= PARALLEL_MIN_FILES and workers() > 1:
            self._shared(pending)
        else:
            for job in pending:
                self._read_here(job)

    def _shared(self, pending: Sequence[_Pending]) -> None:
        """Read ``pending`` here and in worker processes, chunk by chunk; whatever a worker
        took but did not send (or everything, where there is no fork) is read here. Files
        read here keep no node trees either: the workers' files have none."""
        bounds = chunk_bounds(len(pending), workers())
        done = [False] * len(bounds)
        context = fork_context()
        if context is not None:
            jobs = [(str(job.source.file), _kind_of(job)) for job in pending]
            claims = context.Value("q", 0)
            children: list[tuple[Any, Connection]] = []
            try:
                for _ in range(workers() - 1):
                    inbox, out = pipe(context)
                    try:
                        child = start_child(context, _work, jobs, bounds, claims, out)
                    finally:
                        out.close()
                    children.append((child, inbox))
                if self.started is not None:
                    self.started()
                open_ = [inbox for _, inbox in children]
                while (index := _claim(claims, len(bounds))) is not None:
                    self._take_in(pending, bounds, done, open_, 0.0)
                    start, end = bounds[index]
                    for job in pending[start:end]:
                        self._read_here(job, keep_tree=False)
                    done[index] = True
                while open_ and self._take_in(pending, bounds, done, open_, CHUNK_TIMEOUT_S):
                    pass
            finally:
                for child, inbox in children:
                    inbox.close()
                    stop(child)
        for index, (start, end) in enumerate(bounds):
            if not done[index]:
                for job in pending[start:end]:
                    self._read_here(job, keep_tree=False)

    def _take_in(
        self,
        pending: Sequence[_Pending],
        bounds: Sequence[tuple[int, int]],
        done: list[bool],
        open_: list[Connection],
        timeout: float,
    ) -> bool:
        """Fill in every chunk the workers have sent, waiting up to ``timeout`` for one when
        none has come; False when the wait timed out. A worker that ended leaves ``open_``."""
        from multiprocessing.connection import wait

        ready = cast("list[Connection]", wait(open_, timeout) if open_ else [])
        if not ready:
            return timeout == 0.0
        for inbox in ready:
            try:
                message = inbox.recv_bytes()
            except (EOFError, OSError):  # the worker is done (or died)
                open_.remove(inbox)
                continue
            try:
                index, results = pickle.loads(message)
            except Exception:  # never today; its chunks are read here
                open_.remove(inbox)
                continue
            start, end = bounds[index]
            for job, (model, found) in zip(pending[start:end], results, strict=True):
                problems = [Problem(job.source.file, *f) for f in found]
                self._fill(job, model, problems, None)
            done[index] = True
        return True

    def _read_here(self, job: _Pending, *, keep_tree: bool = True) -> None:
        doc = read_yaml(job.source.file)
        parsed = validate_doc(doc, job.model) if doc.root is not None else None
        self._fill(job, parsed, doc.problems, doc if keep_tree and self.keep_trees else None)

    def _fill(
        self, job: _Pending, model: BaseModel | None, problems: list[Problem], tree: Any
    ) -> None:
        job.source.model = model
        job.source.problems = problems
        job.source.tree = tree
        if self.cache is not None and job.kind is not None:
            self.cache.put(job.source.file, job.kind, job.stamp, model, problems, tree)


def _kind_of(job: _Pending) -> str:
    for kind, model in MODELS.items():
        if model is job.model:
            return kind
    raise ValueError(f"no reader for {job.model.__name__}")  # pragma: no cover
