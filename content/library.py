"""Everything content/ knows, loaded and validated once at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from content.steps import Step, load_steps


@dataclass(frozen=True)
class Library:
    steps: tuple[Step, ...]

    def step(self, number: int) -> Step | None:
        return self.steps[number - 1] if 1 <= number <= len(self.steps) else None


def load_library(base: Path | None = None) -> Library:
    return Library(steps=load_steps(base))
