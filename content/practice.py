"""Daily practice prompts (content/data/prompts.toml)."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from content.loader import load_table, unique_ids

Kind = Literal[
    "playfulness",
    "banter",
    "mutual_struggle",
    "story",
    "voice_note",
    "adds_value",
    "pause",
    "rally",
]


class Prompt(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$")
    kind: Kind
    text: str = Field(min_length=1, max_length=500)
    step: int = Field(ge=1, le=6)


@lru_cache(maxsize=1)
def prompts() -> tuple[Prompt, ...]:
    items = load_table("prompts.toml", "prompt", Prompt, minimum=45)
    unique_ids("prompts.toml", [p.id for p in items])
    return items


def prompt_by_id(prompt_id: str) -> Prompt | None:
    return next((p for p in prompts() if p.id == prompt_id), None)
