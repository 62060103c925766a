"""The article's six steps, in the project's own words (content/data/steps.toml)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from content.loader import ContentError, load_table

Text = Field(min_length=1, max_length=600)


class Step(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    number: int = Field(ge=1, le=6)
    title: str = Field(min_length=1, max_length=40)
    emoji: str = Field(min_length=1, max_length=8)
    summary: str = Field(min_length=1, max_length=120)
    meaning: str = Text
    why: str = Text
    tips: tuple[str, ...] = Field(min_length=3, max_length=5)
    example: str = Text
    mistake: str = Text


def load_steps(base: Path | None = None) -> tuple[Step, ...]:
    """All six steps, ordered 1..6; anything else is a content error."""
    steps = sorted(load_table("steps.toml", "step", Step, base), key=lambda s: s.number)
    numbers = [s.number for s in steps]
    if numbers != [1, 2, 3, 4, 5, 6]:
        raise ContentError(
            f"content/data/steps.toml: field 'number': need steps 1..6 once each, got {numbers}"
        )
    return tuple(steps)
