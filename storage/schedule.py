"""Daily prompts, breaks and nudges: the state scheduled jobs are rebuilt from at start-up.

A daily prompt goes claim → send → confirm. The claim (the local date, in one transaction
with the decision) means a restart never picks a second prompt for a day; a claim left
unconfirmed by a crash is re-sent, so a kill -9 can lose nothing and duplicate at most the
one message that was in flight.
"""

from __future__ import annotations

from datetime import datetime

from storage.backend import Backend
from storage.db import stamp
from storage.models import Break, Daily, DailyDue


class Schedule:
    def __init__(self, db: Backend) -> None:
        self._db = db

    # --- daily prompts ------------------------------------------------------------------

    async def daily(self, user_id: int) -> Daily | None:
        row = await self._db.fetch_one("SELECT * FROM daily WHERE user_id = ?", (user_id,))
        return None if row is None else Daily.from_row(row)

    async def set_daily(
        self, user_id: int, at_minute: int | None, at: datetime | None = None
    ) -> None:
        """`None` turns prompts off but keeps the streak. `at`: when she set it, so a restart
        doesn't "catch up" a prompt that fell due before she asked for prompts."""
        if at_minute is None:
            await self._db.write("UPDATE daily SET enabled = 0 WHERE user_id = ?", (user_id,))
        else:
            await self._db.write(
                """
                INSERT INTO daily (user_id, at_minute, enabled, scheduled_at)
                VALUES (?, ?, 1, ?)
                ON CONFLICT(user_id) DO UPDATE SET at_minute = excluded.at_minute,
                                                   enabled = 1,
                                                   scheduled_at = excluded.scheduled_at
                """,
                (user_id, at_minute, None if at is None else stamp(at)),
            )

    async def enabled_daily(self) -> list[DailyDue]:
        rows = await self._db.fetch_all(
            """
            SELECT d.user_id, u.chat_id, d.at_minute, u.time_zone, d.claimed_date,
                   d.delivered_date, d.claimed_prompt, d.scheduled_at
            FROM daily AS d JOIN users AS u USING (user_id)
            WHERE d.enabled = 1 AND u.active = 1
            """
        )
        return [DailyDue.from_row(r) for r in rows]

    async def claim_prompt(
        self, user_id: int, local_date: str, prompt_id: str, at: datetime
    ) -> str | None:
        """Decide today's prompt once. Returns the prompt to send, or None if not to send.

        Already claimed today but not delivered (a crash in between): the same prompt is
        returned again, so it is re-sent rather than lost.
        """
        async with self._db.transaction():
            row = await self._db.fetch_one(
                "SELECT enabled, claimed_date, claimed_prompt, delivered_date FROM daily "
                "WHERE user_id = ?",
                (user_id,),
            )
            if row is None or not row["enabled"] or row["delivered_date"] == local_date:
                return None
            if row["claimed_date"] == local_date:
                return str(row["claimed_prompt"])
            await self._db.write(
                "UPDATE daily SET claimed_date = ?, claimed_prompt = ? WHERE user_id = ?",
                (local_date, prompt_id, user_id),
            )
            await self._db.write(
                """
                INSERT INTO given (user_id, kind, item_id, given_at) VALUES (?, 'prompt', ?, ?)
                ON CONFLICT(user_id, kind, item_id) DO UPDATE SET given_at = excluded.given_at
                """,
                (user_id, prompt_id, stamp(at)),
            )
            return prompt_id

    async def confirm_prompt(self, user_id: int, local_date: str) -> None:
        await self._db.write(
            "UPDATE daily SET delivered_date = ?, awaiting_answer = 1 "
            "WHERE user_id = ? AND claimed_date = ?",
            (local_date, user_id, local_date),
        )

    async def record_answer(self, user_id: int, local_date: str, previous_date: str) -> int:
        """Close the practice answer and update the streak of consecutive local days.

        `previous_date` is the earliest earlier local day whose answer keeps the streak going:
        yesterday, or before a run of days paused by a break.
        """
        rows = await self._db.write(
            """
            UPDATE daily SET
                streak = CASE
                    WHEN answered_date = ? THEN streak
                    WHEN answered_date >= ? THEN streak + 1
                    ELSE 1 END,
                answered_date = ?,
                awaiting_answer = 0
            WHERE user_id = ?
            RETURNING streak
            """,
            (local_date, previous_date, local_date, user_id),
        )
        return int(rows[0]["streak"]) if rows else 0

    async def skip_answer(self, user_id: int) -> None:
        await self._db.write("UPDATE daily SET awaiting_answer = 0 WHERE user_id = ?", (user_id,))

    # --- what was given (no repeats until the pool is used up) -----------------------------

    async def given(self, user_id: int, kind: str) -> dict[str, str]:
        rows = await self._db.fetch_all(
            "SELECT item_id, given_at FROM given WHERE user_id = ? AND kind = ?", (user_id, kind)
        )
        return {str(r["item_id"]): str(r["given_at"]) for r in rows}

    async def mark_given(self, user_id: int, kind: str, item_id: str, at: datetime) -> None:
        await self._db.write(
            """
            INSERT INTO given (user_id, kind, item_id, given_at) VALUES (?, ?, ?, ?)
            ON CONFLICT(user_id, kind, item_id) DO UPDATE SET given_at = excluded.given_at
            """,
            (user_id, kind, item_id, stamp(at)),
        )

    # --- breaks -------------------------------------------------------------------------

    async def start_break(self, user_id: int, start: datetime, end: datetime) -> None:
        """The running break, plus its entry in the history that pauses the practice streak."""
        async with self._db.transaction():
            await self._db.write(
                """
                INSERT INTO breaks (user_id, started_at, ends_at) VALUES (?, ?, ?)
                ON CONFLICT(user_id) DO UPDATE SET started_at = excluded.started_at,
                                                   ends_at = excluded.ends_at
                """,
                (user_id, stamp(start), stamp(end)),
            )
            await self._db.write(
                "INSERT INTO break_log (user_id, started_at, ends_at) VALUES (?, ?, ?)",
                (user_id, stamp(start), stamp(end)),
            )

    async def cut_break_short(self, user_id: int, at: datetime) -> bool:
        """Ended early (/break off, "send anyway"): the history ends now, not as planned."""
        async with self._db.transaction():
            ended = bool(
                await self._db.write(
                    "DELETE FROM breaks WHERE user_id = ? RETURNING user_id", (user_id,)
                )
            )
            await self._db.write(
                """
                UPDATE break_log SET ends_at = ?
                WHERE id = (SELECT MAX(id) FROM break_log WHERE user_id = ?) AND ends_at > ?
                """,
                (stamp(at), user_id, stamp(at)),
            )
        return ended

    async def breaks_since(self, user_id: int, since: datetime) -> list[Break]:
        """Breaks (from the history) that were still running at or after `since`."""
        rows = await self._db.fetch_all(
            "SELECT user_id, started_at, ends_at FROM break_log WHERE user_id = ? AND ends_at >= ? "
            "ORDER BY started_at",
            (user_id, stamp(since)),
        )
        return [Break.from_row(r) for r in rows]

    async def current_break(self, user_id: int) -> Break | None:
        row = await self._db.fetch_one("SELECT * FROM breaks WHERE user_id = ?", (user_id,))
        return None if row is None else Break.from_row(row)

    async def end_break(self, user_id: int) -> bool:
        rows = await self._db.write(
            "DELETE FROM breaks WHERE user_id = ? RETURNING user_id", (user_id,)
        )
        return len(rows) == 1

    async def all_breaks(self) -> list[Break]:
        rows = await self._db.fetch_all("SELECT * FROM breaks ORDER BY ends_at")
        return [Break.from_row(r) for r in rows]

    # --- nudges -------------------------------------------------------------------------

    async def claim_break_suggestion(self, user_id: int, local_date: str) -> bool:
        """True once per local day: the caller may suggest a break."""
        rows = await self._db.write(
            """
            INSERT INTO nudges (user_id, break_suggested_on) VALUES (?, ?)
            ON CONFLICT(user_id) DO UPDATE SET break_suggested_on = excluded.break_suggested_on
            WHERE nudges.break_suggested_on IS NULL
                OR nudges.break_suggested_on <> excluded.break_suggested_on
            RETURNING user_id
            """,
            (user_id, local_date),
        )
        return len(rows) == 1

    async def import_daily(self, rows: list[tuple[int, int]]) -> None:
        """Bulk (user_id, at_minute) daily schedules in one transaction: seeding."""
        await self._db.execute_many(
            "INSERT INTO daily (user_id, at_minute, enabled) VALUES (?, ?, 1) "
            "ON CONFLICT (user_id) DO UPDATE SET at_minute = excluded.at_minute, enabled = 1",
            rows,
        )

    async def daily_groups(self) -> list[tuple[str, int]]:
        """Distinct (time zone, local minute) pairs with at least one active subscriber."""
        rows = await self._db.fetch_all(
            """
            SELECT DISTINCT COALESCE(u.time_zone, 'UTC') AS zone, d.at_minute
            FROM daily AS d JOIN users AS u USING (user_id)
            WHERE d.enabled = 1 AND u.active = 1
            """
        )
        return [(str(r["zone"]), int(r["at_minute"])) for r in rows]

    async def daily_group_members(self, zone: str, at_minute: int) -> list[int]:
        rows = await self._db.fetch_all(
            """
            SELECT d.user_id FROM daily AS d JOIN users AS u USING (user_id)
            WHERE d.enabled = 1 AND u.active = 1 AND d.at_minute = ?
              AND COALESCE(u.time_zone, 'UTC') = ?
            ORDER BY d.user_id
            """,
            (at_minute, zone),
        )
        return [int(r["user_id"]) for r in rows]
