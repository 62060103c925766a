"""Banter openers (content/data/openers.toml) and finding them by topic or words."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from content.loader import ContentError, load_table, unique_ids
from content.picking import ordered_for

Category = Literal[
    "playful_tease",
    "challenge",
    "mutual_struggle",
    "callback",
    "playful_question",
    "guess_what",
    "voice_note",
]
CATEGORY_LABELS: dict[str, str] = {
    "playful_tease": "😏 Playful tease",
    "challenge": "🏆 Challenge",
    "mutual_struggle": "🙈 Mutual struggle",
    "callback": "🔁 Callback",
    "playful_question": "❓ Playful question",
    "guess_what": "🤫 Guess what",
    "voice_note": "🎙 Voice-note idea",
}


class Opener(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$")
    category: Category
    text: str = Field(min_length=1, max_length=400)
    why: str = Field(min_length=1, max_length=300)
    step: int = Field(ge=1, le=6)
    topics: tuple[str, ...] = Field(min_length=1, max_length=4)

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self.category]

    @property
    def needs_filling(self) -> bool:
        """A callback template ("[the café he recommended]"): hers to finish before sending,
        so it is never offered where choosing it would send it as is (inline mode)."""
        return "[" in self.text

    @property
    def sendable(self) -> bool:
        """Ready to send as a text: nothing to fill in, and not a voice-note idea (that is an
        instruction for her to say, which pasted into a chat reads as nonsense)."""
        return not self.needs_filling and self.category != "voice_note"


@lru_cache(maxsize=1)
def openers() -> tuple[Opener, ...]:
    items = load_table("openers.toml", "opener", Opener, minimum=60)
    unique_ids("openers.toml", [o.id for o in items])
    return items


@lru_cache(maxsize=1)
def ready_to_send() -> tuple[Opener, ...]:
    """The openers with nothing left to fill in: the only ones offered where no "swap the part
    in [brackets]" hint goes with them (inline mode, the message when a break ends)."""
    return tuple(o for o in openers() if not o.needs_filling)


def topics() -> list[str]:
    return sorted({t for o in openers() for t in o.topics})


def by_id(opener_id: str) -> Opener | None:
    return next((o for o in openers() if o.id == opener_id), None)


def matches_topic(opener: Opener, word: str) -> bool:
    word = word.lower().strip()
    return word in opener.topics or word.rstrip("s") in opener.topics


_WORD = re.compile(r"[a-z0-9']+")


def matches_query(opener: Opener, query: str) -> bool:
    """Every typed word appears in the opener's text, topics or category (prefixes count)."""
    words = _WORD.findall(query.lower())[:8]
    if not words:
        return True
    haystack = set(
        _WORD.findall(f"{opener.text} {' '.join(opener.topics)} {opener.category}".lower())
    )
    return all(any(h.startswith(w) for h in haystack) for w in words)


# --- inline mode ("@bot words" in the chat with him) ------------------------------------------

SENTENCE_WORDS = 4  # this many words is a text she means to send, not a topic to look up
INLINE_ROTATION_SECONDS = 600


def is_sentence(query: str) -> bool:
    return len(query.split()) >= SENTENCE_WORDS


def inline_openers(
    query: str, given: Mapping[str, str], user_id: int, now: datetime
) -> list[Opener]:
    """The openers an inline query lists, in her order.

    "#id" asks for one opener; other words filter by text, topic or category. Templates with
    a blank are left out (choosing one sends it unfinished), and so is an opener whose words
    a whole-sentence query already are. The order is fresh every ten minutes, so she doesn't
    see the same list each time, yet stable while Telegram fetches the next pages of one.
    """
    exact = by_id(query[1:]) if query.startswith("#") else None
    pool = [exact] if exact else [o for o in openers() if matches_query(o, query)]
    pool = [o for o in pool if o.sendable]
    if is_sentence(query):
        pool = [o for o in pool if o.text != query]
    bucket = int(now.timestamp()) // INLINE_ROTATION_SECONDS
    return ordered_for(pool, given, seed=user_id * 1_000_003 + bucket)


def check_counts() -> None:
    """Start-up check: every category is represented."""
    present = {o.category for o in openers()}
    missing = set(CATEGORY_LABELS) - present
    if missing:
        raise ContentError(
            f"content/data/openers.toml: field 'category': none of {sorted(missing)}"
        )
