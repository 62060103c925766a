"""Noticing self-harm or violence in a draft or his message: care before critique."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pydantic import BaseModel, Field

from content.loader import load_table
from content.patterns import compile_any


class _Concern(BaseModel):
    kind: str
    patterns: list[str] = Field(min_length=1)
    note: str = Field(min_length=1, max_length=800)
    his_note: str = Field(min_length=1, max_length=800)


@dataclass(frozen=True)
class SafetyNote:
    kind: str
    text: str


@lru_cache(maxsize=1)
def _concerns() -> tuple[tuple[_Concern, re.Pattern[str]], ...]:
    return tuple(
        (c, compile_any(c.patterns, f"content/data/safety.toml: {c.kind}.patterns"))
        for c in load_table("safety.toml", "concern", _Concern)
    )


def safety_note(text: str, *, his: bool = False) -> SafetyNote | None:
    """The first concern the text raises (self-harm before violence), or None.

    `his`: the words are his (a forwarded message), so the note speaks about him, not her.
    """
    normalised = text.replace("’", "'")
    for concern, pattern in _concerns():
        if pattern.search(normalised):
            return SafetyNote(concern.kind, concern.his_note if his else concern.note)
    return None
