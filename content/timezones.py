"""Time zone names: exact IANA names accepted, near misses answered with suggestions."""

from __future__ import annotations

import difflib
import re
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones


@lru_cache(maxsize=1)
def _zones() -> dict[str, str]:
    """Lower-cased lookup → canonical name, plus the city part alone ("berlin")."""
    table: dict[str, str] = {}
    for name in sorted(available_timezones()):
        if name.startswith(("Etc/", "SystemV/")) or ("/" not in name and name != "UTC"):
            continue
        table.setdefault(name.lower(), name)
        table.setdefault(name.rsplit("/", 1)[-1].lower().replace("_", " "), name)
    table["utc"] = "UTC"
    return table


def resolve_time_zone(text: str) -> str | None:
    key = text.strip().lower().replace("_", " ")
    name = _zones().get(key) or _zones().get(key.replace(" ", "_"))
    if name is None:
        return None
    ZoneInfo(name)  # proves it loads (tzdata is a dependency, so it does everywhere)
    return name


def suggest_time_zones(text: str, limit: int = 3) -> list[str]:
    key = text.strip().lower().replace("_", " ")
    close = difflib.get_close_matches(key, list(_zones()), n=limit * 3, cutoff=0.6)
    names: list[str] = []
    for match in close:
        name = _zones()[match]
        if name not in names:
            names.append(name)
    return names[:limit]


def zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def local_day_start(now: datetime, tz_name: str | None) -> datetime:
    """Midnight of the user's local day containing `now`, as an aware datetime."""
    local = now.astimezone(zone(tz_name))
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


def looks_like_a_place(text: str) -> bool:
    """Could this answer "which time zone?"? A zone or city name is a few words and no
    question; a draft pasted instead usually isn't."""
    if resolve_time_zone(text) is not None:
        return True
    return len(text.split()) <= 3 and "?" not in text


_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]?([0-5]\d)?$")


def parse_time(text: str) -> int | None:
    """ "19:30", "7:05", "1930", "19" → minutes after midnight."""
    match = _TIME.match(text.strip().lower())
    if not match:
        return None
    return int(match.group(1)) * 60 + int(match.group(2) or 0)


def fmt_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"
