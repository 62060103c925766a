"""Breaks from texting: how long, why (never to make him chase), and what to do instead."""

from __future__ import annotations

import re
from datetime import timedelta
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field

from content.loader import load_table, unique_ids

MIN_BREAK = timedelta(minutes=10)
SUGGEST_WINDOW = timedelta(hours=2)
SUGGEST_SENT_IN_WINDOW = 5  # texts marked sent within the window
SUGGEST_UNANSWERED = 3  # texts in a row since his last reply
MAX_BREAK = timedelta(days=14)
_DURATION = re.compile(r"^(\d{1,4})\s*(m|min|mins|minutes?|h|hrs?|hours?|d|days?)$")


class _Line(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(min_length=1, max_length=40)
    text: str = Field(min_length=1, max_length=300)


@lru_cache(maxsize=1)
def ideas() -> tuple[_Line, ...]:
    items = load_table("breaks.toml", "idea", _Line, minimum=5)
    unique_ids("breaks.toml", [i.id for i in items])
    return items


@lru_cache(maxsize=1)
def reasons() -> tuple[_Line, ...]:
    items = load_table("breaks.toml", "reason", _Line, minimum=2)
    unique_ids("breaks.toml", [i.id for i in items])
    return items


def parse_duration(text: str) -> timedelta:
    """ "30m", "2h", "24h", "3d" → timedelta; ValueError with a message fit for the user."""
    match = _DURATION.match(text.strip().lower())
    if not match:
        raise ValueError("say how long, like 30m, 2h, 24h or 3d")
    amount, unit = int(match.group(1)), match.group(2)[0]
    length = {"m": timedelta(minutes=amount), "h": timedelta(hours=amount)}.get(
        unit, timedelta(days=amount)
    )
    if length < MIN_BREAK:
        raise ValueError("a break needs at least 10 minutes")
    if length > MAX_BREAK:
        raise ValueError("two weeks is the longest break I'll set")
    return length


def describe(length: timedelta) -> str:
    minutes = int(length.total_seconds() // 60)
    if minutes % (24 * 60) == 0 and minutes >= 48 * 60:
        days = minutes // (24 * 60)
        return f"{days} day{'s' if days != 1 else ''}"
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minutes"


def suggestion_reason(sent_in_window: int, since_his_reply: int) -> str | None:
    """Why to suggest a break (step 4: he needs room to miss you), or None: too many texts in
    SUGGEST_WINDOW, or too many in a row since his last reply."""
    if sent_in_window >= SUGGEST_SENT_IN_WINDOW:
        return f"{sent_in_window} texts in the last {describe(SUGGEST_WINDOW)}"
    if since_his_reply >= SUGGEST_UNANSWERED:
        return f"{since_his_reply} texts since he last replied"
    return None


def pick(lines: tuple[_Line, ...], seed: int) -> str:
    return lines[seed % len(lines)].text
