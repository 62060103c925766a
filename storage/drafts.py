"""Drafts the critic judged, texts marked as sent, and his replies.

By default only the critique's outcome is kept (flags, score, length, times); the draft's text
is stored only for users who turned that on in /settings.
"""

from __future__ import annotations

from datetime import datetime

from storage.db import Database, stamp
from storage.models import Draft, NewDraft, SentSummary


class Drafts:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, draft: NewDraft) -> int:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                """
                INSERT INTO drafts (user_id, created_at, source, adds_value, score, flags,
                                    words, chars, text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                (
                    draft.user_id,
                    stamp(draft.created_at),
                    draft.source,
                    int(draft.adds_value),
                    draft.score,
                    " ".join(sorted(draft.flags)),
                    draft.words,
                    draft.chars,
                    draft.text,
                ),
            )
            return int(cursor.lastrowid or 0)

    async def get(self, user_id: int, draft_id: int) -> Draft | None:
        """Only the owner's draft: callback data naming someone else's id finds nothing."""
        row = await self._db.fetch_one(
            "SELECT * FROM drafts WHERE id = ? AND user_id = ?", (draft_id, user_id)
        )
        return None if row is None else Draft.from_row(row)

    async def mark_sent(self, user_id: int, draft_id: int, at: datetime) -> bool:
        """True if this press marked it; False if already sent or not the user's draft."""
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                "UPDATE drafts SET sent_at = ? WHERE id = ? AND user_id = ? AND sent_at IS NULL",
                (stamp(at), draft_id, user_id),
            )
            return cursor.rowcount == 1

    async def set_outcome(self, user_id: int, draft_id: int, outcome: str | None) -> bool:
        async with self._db.transaction() as conn:
            cursor = await conn.execute(
                """
                UPDATE drafts SET outcome = ?
                WHERE id = ? AND user_id = ? AND sent_at IS NOT NULL
                """,
                (outcome, draft_id, user_id),
            )
            return cursor.rowcount == 1

    async def add_reply(self, user_id: int, at: datetime, handed: str) -> None:
        async with self._db.transaction() as conn:
            await conn.execute(
                "INSERT INTO replies (user_id, at, handed) VALUES (?, ?, ?)",
                (user_id, stamp(at), handed),
            )

    async def summary(self, user_id: int, day_start: datetime) -> SentSummary:
        """Value ratio of the last 10 sent, sent since his last reply, and sent since day_start."""
        row = await self._db.fetch_one(
            """
            WITH sent AS (
                SELECT id, adds_value, sent_at FROM drafts
                WHERE user_id = :u AND sent_at IS NOT NULL
            ),
            last_ten AS (SELECT adds_value FROM sent ORDER BY sent_at DESC, id DESC LIMIT 10),
            his AS (SELECT MAX(at) AS at FROM replies WHERE user_id = :u)
            SELECT
                (SELECT COUNT(*) FROM last_ten) AS last_ten,
                (SELECT COALESCE(SUM(adds_value), 0) FROM last_ten) AS last_ten_adding_value,
                (SELECT COUNT(*) FROM sent, his WHERE his.at IS NULL OR sent.sent_at > his.at)
                    AS since_his_reply,
                (SELECT COUNT(*) FROM sent WHERE sent_at >= :day) AS sent_today
            """,
            {"u": user_id, "day": stamp(day_start)},
        )
        assert row is not None
        return SentSummary.model_validate(dict(row))

    async def sent_between(self, user_id: int, start: datetime, end: datetime) -> list[Draft]:
        rows = await self._db.fetch_all(
            """
            SELECT * FROM drafts WHERE user_id = ? AND sent_at >= ? AND sent_at < ?
            ORDER BY sent_at
            """,
            (user_id, stamp(start), stamp(end)),
        )
        return [Draft.from_row(r) for r in rows]

    async def all_for(self, user_id: int) -> list[Draft]:
        rows = await self._db.fetch_all(
            "SELECT * FROM drafts WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return [Draft.from_row(r) for r in rows]

    async def replies_for(self, user_id: int) -> list[dict[str, str]]:
        rows = await self._db.fetch_all(
            "SELECT at, handed FROM replies WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return [{"at": str(r["at"]), "handed": str(r["handed"])} for r in rows]

    async def sent_since(self, user_id: int, since: datetime) -> int:
        return int(
            await self._db.scalar(
                "SELECT COUNT(*) FROM drafts WHERE user_id = ? AND sent_at >= ?",
                (user_id, stamp(since)),
            )
        )
