"""Typed rows: what storage hands out and takes in, never raw tuples."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Annotated, Any, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _split_column(value: object) -> object:
    """A space-separated TEXT column (flags, line ids) as its words; NULL is none."""
    if value is None or isinstance(value, str):
        return tuple(str(value or "").split())
    return value


def _json_column(empty: str) -> BeforeValidator:
    """A JSON TEXT column read as the value it holds; NULL or '' reads as `empty`."""

    def parse(value: object) -> object:
        if value is None or isinstance(value, str):
            return json.loads(value or empty)
        return value

    return BeforeValidator(parse)


# Fields stored as space-separated text, given back as sets and tuples; JSON columns
# (settings, rally turns) are read by `_json_column` in the field's own annotation.
Flags = Annotated[frozenset[str], BeforeValidator(_split_column)]
Words = Annotated[tuple[str, ...], BeforeValidator(_split_column)]


class Row(BaseModel):
    """A model read from one result row (aiosqlite.Row, or any mapping of column → value)."""

    @classmethod
    def from_row(cls, row: Any) -> Self:
        return cls.model_validate(dict(row))


class UserSettings(BaseModel):
    """Per-user preferences kept as one JSON column, so adding one needs no migration."""

    model_config = ConfigDict(extra="ignore")

    keep_draft_text: bool = False
    open_hours: list[tuple[int, int]] = Field(default_factory=list)


class User(Row):
    model_config = ConfigDict(frozen=True)

    user_id: int
    chat_id: int
    first_seen: datetime
    last_seen: datetime
    language_code: str | None = None
    time_zone: str | None = None
    settings: Annotated[UserSettings, _json_column("{}")] = Field(default_factory=UserSettings)
    active: bool = True
    # /daily asked which time zone `asked_tz_minute` (local minutes) is in, at `asked_tz_at`
    asked_tz_minute: int | None = None
    asked_tz_at: datetime | None = None


class Visit(BaseModel):
    """A user's row as one of their updates arrives, with what routing her text needs: read
    in the same statement that records the visit, so a plain draft costs no extra read."""

    model_config = ConfigDict(frozen=True)

    user: User
    returned: bool  # had blocked the bot, and is back
    in_rally: bool
    awaiting_answer: bool


class Draft(Row):
    """A critiqued draft. `text` is None unless the user chose to keep draft text."""

    model_config = ConfigDict(frozen=True)

    id: int
    user_id: int
    created_at: datetime
    source: str
    adds_value: bool
    score: int
    flags: Flags
    words: int
    chars: int
    text: str | None = None
    sent_at: datetime | None = None
    outcome: str | None = None
    in_hours: bool | None = None


class NewDraft(BaseModel):
    """What a handler hands storage after the critic ran."""

    user_id: int
    created_at: datetime
    source: str
    adds_value: bool
    score: int
    flags: frozenset[str]
    words: int
    chars: int
    text: str | None = None


class SentSummary(Row):
    """The numbers the value ratio and the break rules need, from one query."""

    last_ten: int
    last_ten_adding_value: int
    since_his_reply: int
    sent_today: int


class DraftState(SentSummary):
    """SentSummary plus the daily-practice and break state a new draft is judged against."""

    awaiting_answer: bool | None = None
    claimed_prompt: str | None = None
    delivered_date: str | None = None
    break_ends_at: datetime | None = None
    in_rally: bool = False


class Daily(Row):
    """A user's daily-practice schedule and streak."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    at_minute: int
    enabled: bool
    claimed_date: str | None = None
    claimed_prompt: str | None = None
    delivered_date: str | None = None
    awaiting_answer: bool = False
    streak: int = 0
    answered_date: str | None = None


class DailyDue(Row):
    """One row of the start-up rebuild: who gets a job, and in which zone."""

    model_config = ConfigDict(frozen=True)

    user_id: int
    chat_id: int
    at_minute: int
    time_zone: str | None
    claimed_date: str | None
    delivered_date: str | None
    claimed_prompt: str | None
    scheduled_at: datetime | None = None


class Break(Row):
    model_config = ConfigDict(frozen=True)

    user_id: int
    started_at: datetime
    ends_at: datetime


class Outcome(Row):
    """A sent text she marked "he replied" or "no reply": what /insights counts."""

    model_config = ConfigDict(frozen=True)

    sent_at: datetime
    flags: Flags
    adds_value: bool
    in_hours: bool | None
    replied: bool


class RallyTurnRecord(BaseModel):
    """One scored return in a running rally (her words are not kept here)."""

    model_config = ConfigDict(frozen=True)

    stars: int = Field(ge=0, le=3)
    missed: tuple[str, ...] = ()


class Rally(Row):
    model_config = ConfigDict(frozen=True)

    user_id: int
    seed: int
    max_turns: int
    origin: str
    started_at: datetime
    his_line: str
    used: Words = ()
    turns: Annotated[tuple[RallyTurnRecord, ...], _json_column("[]")] = ()
    best_text: str | None = None


class Overview(Row):
    """Counts for /admin."""

    users: int
    blocked: int
    seen: int
    daily_on: int
    critiques: int
    sent: int
    breaks: int
    rallies: int
