"""Daily figures for /stats: texts sent and the share that added value, per local day."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from content.timezones import zone

CHART_DAYS = 30  # /stats looks back this many local days
# Its share lines average over this many days: one text on a quiet day can't swing them 0-100%.
TREND_DAYS = 7


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
    days: int = CHART_DAYS,
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


def rolling_share(
    series: list[DayStat], part: Callable[[DayStat], tuple[int, int]], days: int = TREND_DAYS
) -> list[float | None]:
    """Per day, hits / whole over the `days` days ending there (None until there is any whole).

    `part` picks (hits, whole) from a day: (adding_value, sent) or (replied, marked).
    """
    out: list[float | None] = []
    for index in range(len(series)):
        pairs = [part(s) for s in series[max(0, index - days + 1) : index + 1]]
        total = sum(whole for _, whole in pairs)
        out.append(sum(hit for hit, _ in pairs) / total if total else None)
    return out
