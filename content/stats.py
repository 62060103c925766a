"""Daily figures for /stats: texts sent and the share that added value, per local day."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from content.timezones import zone


@dataclass(frozen=True)
class DayStat:
    day: date
    sent: int
    adding_value: int

    @property
    def ratio(self) -> float | None:
        return self.adding_value / self.sent if self.sent else None


def daily_series(
    sent: Iterable[tuple[datetime, bool]], tz_name: str | None, today: date, days: int = 30
) -> list[DayStat]:
    """One entry per local day, oldest first, ending `today`; days with nothing are zeros."""
    tz = zone(tz_name)
    first = today - timedelta(days=days - 1)
    counts: dict[date, list[int]] = {first + timedelta(days=i): [0, 0] for i in range(days)}
    for moment, adds_value in sent:
        bucket = counts.get(moment.astimezone(tz).date())
        if bucket is not None:
            bucket[0] += 1
            bucket[1] += int(adds_value)
    return [DayStat(day, c[0], c[1]) for day, c in sorted(counts.items())]
