"""What the bot tells once across processes: a group's one refusal, an operator's alert."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.backend import Backend
from storage.db import stamp


class Chats:
    def __init__(self, db: Backend) -> None:
        self._db = db

    async def first_refusal(self, chat_id: int, now: datetime) -> bool:
        """Record that this group is being told; True only the first time ever, for any
        process: one INSERT that does nothing when the row exists is atomic in both databases."""
        rows = await self._db.write(
            "INSERT INTO group_refusals (chat_id, refused_at) VALUES (?, ?)"
            " ON CONFLICT (chat_id) DO NOTHING RETURNING chat_id",
            (chat_id, stamp(now)),
        )
        return bool(rows)


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
