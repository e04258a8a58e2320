"""What every check sees: the loaded portfolio, today and the reporting period."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from pmo.model import Portfolio, Programme, Update
from pmo.problem import Problem
from pmo.store import LoadedPortfolio, ProgrammeSource, Source


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Input of every check: pure data, no clock."""

    loaded: LoadedPortfolio
    today: date
    period: str

    @property
    def config(self) -> Portfolio | None:
        return self.loaded.config.model if self.loaded.config else None

    def programmes(self) -> Iterator[tuple[ProgrammeSource, Programme]]:
        """Programmes whose programme.yaml is valid, in folder order."""
        for prog in self.loaded.programmes.values():
            if prog.source.model is not None:
                yield prog, prog.source.model

    def updates(self) -> Iterator[tuple[ProgrammeSource, str, Source[Update], Update]]:
        """Valid updates with their programme folder and file period."""
        for prog in self.loaded.programmes.values():
            for period, src in prog.updates.items():
                if src.model is not None:
                    yield prog, period, src, src.model


Check = Callable[[CheckContext], Iterable[Problem]]
