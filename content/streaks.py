"""The practice streak: consecutive local days answered, where a break pauses, never breaks it.

Step 4 says a break is for her, not a punishment; losing a streak for taking one would teach
the opposite, so days touched by a break are skipped over when counting "consecutive".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from content.timezones import local_day_start, zone

# How far back a run of paused days is followed (a longer break than this is unusual).
MAX_PAUSE_DAYS = 31


def breaks_matter_since(now: datetime, tz_name: str | None) -> datetime:
    """The earliest moment a break can still pause today's streak: only breaks since then
    need reading."""
    return local_day_start(now, tz_name) - timedelta(days=MAX_PAUSE_DAYS + 1)


def paused_days(breaks: Iterable[tuple[datetime, datetime]], tz_name: str | None) -> set[date]:
    """Every local day that any part of a break fell on."""
    tz = zone(tz_name)
    days: set[date] = set()
    for start, end in breaks:
        first, last = start.astimezone(tz).date(), end.astimezone(tz).date()
        span = min((last - first).days, MAX_PAUSE_DAYS)
        days.update(first + timedelta(days=i) for i in range(span + 1))
    return days


def streak_window_start(today: date, paused: set[date]) -> date:
    """The earliest earlier day whose answer still continues the streak today.

    Yesterday, normally; if yesterday (and the days before it) were paused by a break, the
    day before that run — an answer on any day since then keeps the streak going.
    """
    day = today - timedelta(days=1)
    for _ in range(MAX_PAUSE_DAYS):
        if day not in paused:
            return day
        day -= timedelta(days=1)
    return day


def answer_window_open(delivered: str | None, today: date) -> bool:
    """Does a text today still answer the prompt delivered on local date `delivered`?

    Today's or yesterday's prompt (one sent late in the evening can be answered after
    midnight); an older one is stale and the text is an ordinary draft.
    """
    return delivered in {today.isoformat(), (today - timedelta(days=1)).isoformat()}
