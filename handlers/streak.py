"""Today's practice done, from either door (a daily prompt's answer or a rally): the streak."""

from __future__ import annotations

from content.streaks import breaks_matter_since, paused_days, streak_window_start
from content.timezones import zone
from handlers.services import Services


async def record_practice(svc: Services, user_id: int, time_zone: str | None) -> int:
    """Today's practice is done: the streak grows, carried over any days paused by a break."""
    now = svc.clock()
    today = now.astimezone(zone(time_zone)).date()
    recent = await svc.storage.schedule.breaks_since(user_id, breaks_matter_since(now, time_zone))
    spans = [(b.started_at, b.ends_at) for b in recent]
    since = streak_window_start(today, paused_days(spans, time_zone))
    return await svc.storage.schedule.record_answer(user_id, today.isoformat(), since.isoformat())
