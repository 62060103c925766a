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
    marked: int = 0  # sent texts marked "he replied" or "no reply"
    replied: int = 0

    @property
    def ratio(self) -> float | None:
        return self.adding_value / self.sent if self.sent else None

    @property
    def reply_rate(self) -> float | None:
        return self.replied / self.marked if self.marked else None


def daily_series(
    sent: Iterable[tuple[datetime, bool, str | None]],
    tz_name: str | None,
    today: date,
    days: int = 30,
) -> list[DayStat]:
    """One entry per local day, oldest first, ending `today`; days with nothing are zeros.

    Each sent text is (sent at, adds value, outcome: "replied", "no_reply" or None).
    """
    tz = zone(tz_name)
    first = today - timedelta(days=days - 1)
    counts: dict[date, list[int]] = {first + timedelta(days=i): [0, 0, 0, 0] for i in range(days)}
    for moment, adds_value, outcome in sent:
        bucket = counts.get(moment.astimezone(tz).date())
        if bucket is not None:
            bucket[0] += 1
            bucket[1] += int(adds_value)
            bucket[2] += int(outcome in ("replied", "no_reply"))
            bucket[3] += int(outcome == "replied")
    return [DayStat(day, *c) for day, c in sorted(counts.items())]
