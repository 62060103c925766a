"""The users table: who has talked to Fonder, and their preferences."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from storage.backend import Backend
from storage.db import stamp
from storage.models import User, UserSettings, Visit

# What routing a text needs besides the user row (a rally running, a practice prompt waiting),
# read by the statement that records the visit.
_ROUTING = """
    EXISTS (SELECT 1 FROM rallies AS r WHERE r.user_id = users.user_id) AS in_rally,
    COALESCE(
        (SELECT d.awaiting_answer FROM daily AS d WHERE d.user_id = users.user_id), 0
    ) AS awaiting_answer
"""


class Users:
    def __init__(self, db: Backend) -> None:
        self._db = db

    async def touch(
        self, user_id: int, chat_id: int, language_code: str | None, now: datetime
    ) -> Visit:
        """Record that the user spoke (creating the row the first time), in one statement.

        `returned` says whether the user had been inactive (had blocked the bot).
        """
        rows = await self._db.write(
            f"""
            INSERT INTO users (user_id, chat_id, first_seen, last_seen, language_code)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT(user_id) DO UPDATE SET
                chat_id = excluded.chat_id,
                last_seen = excluded.last_seen,
                language_code = COALESCE(excluded.language_code, users.language_code)
            RETURNING *, {_ROUTING}
            """,
            (user_id, chat_id, stamp(now), stamp(now), language_code),
        )
        visit = _visit(rows[0], returned=False)
        if visit.user.active:
            return visit
        rows = await self._db.write(
            f"UPDATE users SET active = 1 WHERE user_id = ? RETURNING *, {_ROUTING}", (user_id,)
        )
        return _visit(rows[0], returned=True)

    async def get(self, user_id: int) -> User | None:
        row = await self._db.fetch_one("SELECT * FROM users WHERE user_id = ?", (user_id,))
        return None if row is None else User.from_row(row)

    async def count(self) -> int:
        return int(await self._db.scalar("SELECT COUNT(*) FROM users"))

    async def set_time_zone(self, user_id: int, time_zone: str) -> None:
        """Her zone; a /daily question about it is answered with it."""
        await self._db.write(
            "UPDATE users SET time_zone = ?, asked_tz_minute = NULL, asked_tz_at = NULL "
            "WHERE user_id = ?",
            (time_zone, user_id),
        )

    async def ask_time_zone(self, user_id: int, minute: int, at: datetime) -> None:
        """/daily asked which zone `minute` is in: the question waits here for her answer."""
        await self._db.write(
            "UPDATE users SET asked_tz_minute = ?, asked_tz_at = ? WHERE user_id = ?",
            (minute, stamp(at), user_id),
        )

    async def drop_time_zone_question(self, user_id: int) -> None:
        await self._db.write(
            "UPDATE users SET asked_tz_minute = NULL, asked_tz_at = NULL WHERE user_id = ?",
            (user_id,),
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
            "INSERT INTO users (user_id, chat_id, first_seen, last_seen) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING",
            [(uid, chat, stamp(at), stamp(at)) for uid, chat, at in rows],
        )


def _visit(row: Any, *, returned: bool) -> Visit:
    return Visit(
        user=User.from_row(row),
        returned=returned,
        in_rally=bool(row["in_rally"]),
        awaiting_answer=bool(row["awaiting_answer"]),
    )
