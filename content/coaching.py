"""Advice that needs context the critic cannot see: his hours, pace, the 70% rule, voice notes.

Pure functions over numbers the handler gathers from storage; the wording and thresholds
live in content/data/coaching.toml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from functools import lru_cache

from pydantic import BaseModel, Field

from content.loader import read_toml, validate


class _Ratio(BaseModel):
    target: float = Field(gt=0, le=1)
    window: int = Field(ge=1)
    on_track: str
    below: str
    too_few: str


class _Pace(BaseModel):
    unanswered_streak: int = Field(ge=1)
    unanswered: str
    busy_day: int = Field(ge=1)
    busy: str


class _Timing(BaseModel):
    outside: str
    no_time_zone: str


class _Voice(BaseModel):
    up_to_seconds: int = Field(ge=1)
    step: int = Field(ge=1, le=6)
    text: str


class CoachingRules(BaseModel):
    value_ratio: _Ratio
    pace: _Pace
    timing: _Timing
    voice: list[_Voice] = Field(min_length=1)


@lru_cache(maxsize=1)
def rules() -> CoachingRules:
    return validate("coaching.toml", CoachingRules, read_toml("coaching.toml"))


@dataclass(frozen=True)
class Note:
    step: int
    text: str


@dataclass(frozen=True, order=True)
class HourRange:
    start: int
    end: int

    def contains(self, moment: time) -> bool:
        hour = moment.hour + moment.minute / 60
        if self.start < self.end:
            return self.start <= hour < self.end
        return hour >= self.start or hour < self.end  # wraps midnight, e.g. 22-1

    def __str__(self) -> str:
        return f"{self.start}–{self.end}"


_RANGE = re.compile(r"^(\d{1,2})(?::00)?\s*(am|pm)?-(\d{1,2})(?::00)?\s*(am|pm)?$", re.IGNORECASE)


def _hour(value: str, meridiem: str | None) -> int:
    hour = int(value)
    if meridiem and hour > 12:
        raise ValueError(f"“{value}{meridiem}” isn't an hour")
    if meridiem and meridiem.lower() == "pm" and hour != 12:
        return hour + 12
    if meridiem and meridiem.lower() == "am" and hour == 12:
        return 0
    return hour


def read_hours(spec: str) -> tuple[tuple[HourRange, ...], list[str]]:
    """ "12-14 18-22", "9am-5pm" or "9-5" → ranges, and a note for each range read as
    something other than it looks: "9-5" is office hours (9–17), not 9 in the morning to 5
    the next morning; write "21-5" for overnight. Raises ValueError fit to show the user."""
    ranges: list[HourRange] = []
    notes: list[str] = []
    for part in spec.replace(",", " ").replace(" - ", "-").split():
        match = _RANGE.match(part)
        if not match:
            raise ValueError(f"“{part}” isn't a range like 18-22")
        start, end = _hour(match.group(1), match.group(2)), _hour(match.group(3), match.group(4))
        if not (0 <= start <= 24 and 0 <= end <= 24) or start == end:
            raise ValueError(f"“{part}” needs two different hours between 0 and 24")
        if end < start <= 12 and end + 12 > start and not (match.group(2) or match.group(4)):
            notes.append(
                f"I read “{part}” as {start}–{end + 12}. If you meant overnight, use 24-hour "
                "times, like 21-5"
            )
            end += 12
        ranges.append(HourRange(start % 24, end % 24 if end != 24 else 24))
    if not ranges:
        raise ValueError("give at least one range, like 12-14 18-22")
    if len(ranges) > 6:
        raise ValueError("six ranges at most")
    return tuple(sorted(ranges)), notes


def parse_hours(spec: str) -> tuple[HourRange, ...]:
    """ "12-14 18-22" → ranges; raises ValueError with a message fit to show the user."""
    return read_hours(spec)[0]


def format_hours(ranges: tuple[HourRange, ...]) -> str:
    return ", ".join(str(r) for r in ranges)


def hour_ranges(pairs: Iterable[tuple[int, int]]) -> tuple[HourRange, ...]:
    """His open hours as stored in her settings ([start, end] pairs) → ranges."""
    return tuple(HourRange(start, end) for start, end in pairs)


def within_hours(local: time, ranges: tuple[HourRange, ...]) -> bool | None:
    """Inside his open hours? None when she hasn't told us his hours."""
    return any(r.contains(local) for r in ranges) if ranges else None


def timing_note(local: time, ranges: tuple[HourRange, ...]) -> Note | None:
    if within_hours(local, ranges) is not False:
        return None
    text = rules().timing.outside.format(time=local.strftime("%H:%M"), hours=format_hours(ranges))
    return Note(1, text)


def pace_notes(since_his_reply: int, sent_today: int) -> list[Note]:
    """Counts are of texts already sent; this draft would be the next one."""
    pace = rules().pace
    notes: list[Note] = []
    if since_his_reply >= pace.unanswered_streak:
        notes.append(Note(4, pace.unanswered.format(count=since_his_reply)))
    elif sent_today + 1 >= pace.busy_day:
        notes.append(Note(4, pace.busy.format(count=sent_today + 1)))
    return notes


def value_ratio_line(adding_value: int, total: int) -> str:
    ratio = rules().value_ratio
    if total < ratio.window:
        return ratio.too_few.format(value=adding_value, total=total)
    template = ratio.on_track if adding_value >= ratio.target * total else ratio.below
    return template.format(value=adding_value, total=total)


def voice_note(duration_seconds: int) -> Note:
    for band in rules().voice:
        if duration_seconds <= band.up_to_seconds:
            return Note(band.step, band.text)
    last = rules().voice[-1]
    return Note(last.step, last.text)
