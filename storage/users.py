"""The users table: who has talked to Fonder, and their preferences."""

from __future__ import annotations

from datetime import datetime

from storage.db import Database, stamp
from storage.models import User, UserSettings


class Users:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def touch(
        self, user_id: int, chat_id: int, language_code: str | None, now: datetime
    ) -> tuple[User, bool]:
        """Record that the user spoke (creating the row the first time), in one statement.

        Returns the row and whether the user had been inactive (had blocked the bot).
        """
        rows = await self._db.write(
            """
            INSERT INTO users (user_id, chat_id, first_seen, last_seen, language_code)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(user_id) DO UPDATE SET
                chat_id = excluded.chat_id,
                last_seen = excluded.last_seen,
                language_code = COALESCE(excluded.language_code, users.language_code)
            RETURNING *
            """,
            (user_id, chat_id, stamp(now), stamp(now), language_code),
        )
        user = User.from_row(rows[0])
        if user.active:
            return user, False
        rows = await self._db.write(
            "UPDATE users SET active = 1 WHERE user_id = ? RETURNING *", (user_id,)
        )
        return User.from_row(rows[0]), True

    async def get(self, user_id: int) -> User | None:
        row = await self._db.fetch_one("SELECT * FROM users WHERE user_id = ?", (user_id,))
        return None if row is None else User.from_row(row)

    async def count(self) -> int:
        return int(await self._db.scalar("SELECT COUNT(*) FROM users"))

    async def set_time_zone(self, user_id: int, time_zone: str) -> None:
        await self._db.write(
            "UPDATE users SET time_zone = ? WHERE user_id = ?", (time_zone, user_id)
        )

    async def set_settings(self, user_id: int, settings: UserSettings) -> None:
        await self._db.write(
            "UPDATE users SET settings = ? WHERE user_id = ?",
            (settings.model_dump_json(), user_id),
        )

    async def set_active(self, user_id: int, active: bool) -> None:
        await self._db.write(
            "UPDATE users SET active = ? WHERE user_id = ?", (int(active), user_id)
        )

    async def import_many(self, rows: list[tuple[int, int, datetime]]) -> None:
        """Bulk insert (user_id, chat_id, first_seen) in one transaction: seeding and restores."""
        await self._db.execute_many(
            "INSERT OR IGNORE INTO users (user_id, chat_id, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?)",
            [(uid, chat, stamp(at), stamp(at)) for uid, chat, at in rows],
        )
