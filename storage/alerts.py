"""When the operators were last told of each kind of error, shared by every process."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.backend import Backend
from storage.db import stamp


class Alerts:
    def __init__(self, db: Backend) -> None:
        self._db = db

    async def claim(self, kind: str, now: datetime, every: timedelta) -> bool:
        """True if the operators should hear of this kind of error now: never told, or told
        at least `every` ago. One upsert that changes nothing inside the window, so of N
        processes meeting the same error at once exactly one is told True."""
        rows = await self._db.write(
            "INSERT INTO operator_alerts (kind, alerted_at) VALUES (?, ?)"
            " ON CONFLICT (kind) DO UPDATE SET alerted_at = excluded.alerted_at"
            " WHERE operator_alerts.alerted_at <= ? RETURNING kind",
            (kind, stamp(now), stamp(now - every)),
        )
        return bool(rows)
