"""Chats that are not private: which groups have had their one refusal."""

from __future__ import annotations

from datetime import datetime

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
