"""Worker processes by fork: one function run beside this process (``Forked``), and the pipes
and exits every forked worker of pmo shares.

A forked child starts with this process's memory as it is (nothing is pickled to it) and
sends back only its pickled answer. Anything that goes wrong there (an exception, a crash, a
child that never answers) is not an error: the caller computes the answer itself, so the
answer is always the same, only sooner when the child could help.
"""

from __future__ import annotations

import contextlib
import os
import pickle
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.context import ForkContext

T = TypeVar("T")

#: A pipe's buffer is made this large where the system allows: a worker sends without waiting.
PIPE_BYTES = 1 << 20
#: Waiting longer than this for a child's answer means it is stuck: the caller does the work.
TIMEOUT_S = 120.0


def fork_context() -> ForkContext | None:
    """The ``fork`` start method, or None where the platform has none."""
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # pragma: no cover - not available on this platform
        return None


def pipe(context: ForkContext) -> tuple[Connection, Connection]:
    """(inbox, out): a one-way pipe with a large buffer (Linux), so a child rarely waits."""
    inbox, out = context.Pipe(duplex=False)
    try:
        import fcntl

        fcntl.fcntl(out.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (OSError, ImportError):  # pragma: no cover - a small buffer is only slower
        pass
    return inbox, out


def start(context: ForkContext, target: Callable[..., None], *args: Any) -> Any:
    """Fork a child that runs ``target(*args)`` and then ends at once (``os._exit``): no exit
    handlers, no flushing of output buffers copied from this process (the terminal UI's)."""
    child = context.Process(target=_quietly, args=(target, *args), daemon=True)
    child.start()
    return child


def _quietly(target: Callable[..., None], *args: Any) -> None:
    with contextlib.suppress(BaseException):  # whoever waits does the work itself
        target(*args)
    os._exit(0)


def stop(child: Any) -> None:
    """Reap ``child``; end it first if it is still running (stuck, or not needed)."""
    child.join(0.5)
    if child.is_alive():
        child.terminate()
        child.join()


class Forked(Generic[T]):
    """``func()`` computed in a forked child while this process goes on; ``result()`` is its
    answer (computed here instead when there is no fork or the child failed)."""

    def __init__(self, func: Callable[[], T], *, fork: bool = True) -> None:
        self.func = func
        self.child: Any = None
        self.inbox: Connection | None = None
        context = fork_context() if fork else None
        if context is not None:
            self.inbox, out = pipe(context)
            try:
                self.child = start(context, _answer, func, out)
            finally:
                out.close()

    def result(self) -> T:
        """The answer: the child's, else computed here."""
        if self.inbox is None:
            return self.func()
        from multiprocessing.connection import wait

        try:
            if wait([self.inbox], TIMEOUT_S):
                answer: T = pickle.loads(self.inbox.recv_bytes())
                return answer
        except Exception:  # the child failed: do it here
            pass
        finally:
            self.inbox.close()
            self.inbox = None
            stop(self.child)
        return self.func()


def _answer(func: Callable[[], Any], out: Connection) -> None:
    out.send_bytes(pickle.dumps(func(), pickle.HIGHEST_PROTOCOL))
    out.close()
