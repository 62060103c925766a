"""Reply ideas for when she forwards his message, keyed by what he handed back."""

from __future__ import annotations

from functools import lru_cache
from typing import get_args

from pydantic import BaseModel, ConfigDict, Field

from content.his_message import Handed
from content.loader import ContentError, load_table, unique_ids


class ReplyIdea(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=40)
    handed: Handed
    text: str = Field(min_length=1, max_length=400)
    why: str = Field(min_length=1, max_length=300)


@lru_cache(maxsize=1)
def reply_ideas() -> tuple[ReplyIdea, ...]:
    ideas = load_table("replies.toml", "reply", ReplyIdea)
    unique_ids("replies.toml", [i.id for i in ideas])
    for handed in get_args(Handed):
        if sum(1 for i in ideas if i.handed == handed) < 3:
            raise ContentError(
                f"content/data/replies.toml: field 'handed': fewer than 3 for {handed}"
            )
    return ideas


def pick_replies(handed: Handed, seed: int, count: int = 3) -> list[ReplyIdea]:
    """`count` different ideas for this kind of message; `seed` rotates them between calls."""
    pool = [i for i in reply_ideas() if i.handed == handed]
    start = seed % len(pool)
    return [pool[(start + k) % len(pool)] for k in range(min(count, len(pool)))]
