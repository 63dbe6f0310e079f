"""Problems a contributor can act on: file, line or key, what is wrong, what to do."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.fix:
            text += f"\n  Fix: {self.fix}"
        return text


class ProblemsFound(Exception):
    """Raised with every problem of one run, so a contributor sees all of them at once."""

    def __init__(self, problems: list[Problem], title: str = "The site has problems"):
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message))
        self.title = title
        super().__init__(self.report())

    def report(self) -> str:
        n = len(self.problems)
        head = f"{self.title} ({n} problem{'s' if n != 1 else ''}):"
        return "\n".join([head, *(str(p) for p in self.problems)])


def raise_if(problems: list[Problem], title: str = "The site has problems") -> None:
    if problems:
        raise ProblemsFound(problems, title)
