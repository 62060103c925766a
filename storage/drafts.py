"""Drafts the critic judged, texts marked as sent, and his replies.

By default only the critique's outcome is kept (flags, score, length, times); the draft's text
is stored only for users who turned that on in /settings.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from storage.backend import Backend
from storage.db import stamp
from storage.models import Draft, DraftState, NewDraft, Outcome, SentSummary


class Drafts:
    def __init__(self, db: Backend) -> None:
        self._db = db

    async def add_with_state(self, draft: NewDraft, day_start: datetime) -> tuple[int, DraftState]:
        """Record a critiqued draft and read what its reply needs (`draft_state`), in one
        statement: one round trip to the database thread instead of two on every draft.

        The state is the same as read just before: a new draft is not sent, so it counts
        in none of the sent totals.
        """
        rows = await self._db.write(
            f"INSERT INTO drafts {_INSERT} RETURNING id, {_STATE_COLUMNS}",
            {**_draft_params(draft), "u": draft.user_id, "day": stamp(day_start)},
        )
        row = rows[0]
        return int(row["id"]), DraftState.from_row(row)

    async def get(self, user_id: int, draft_id: int) -> Draft | None:
        """Only the owner's draft: callback data naming someone else's id finds nothing."""
        row = await self._db.fetch_one(
            "SELECT * FROM drafts WHERE id = ? AND user_id = ?", (draft_id, user_id)
        )
        return None if row is None else Draft.from_row(row)

    async def mark_sent(
        self, user_id: int, draft_id: int, at: datetime, in_hours: bool | None = None
    ) -> bool:
        """True if this press marked it; False if already sent or not the user's draft.

        `in_hours`: whether it went out inside his open hours (None: she hasn't set them).
        """
        rows = await self._db.write(
            "UPDATE drafts SET sent_at = ?, in_hours = ? "
            "WHERE id = ? AND user_id = ? AND sent_at IS NULL RETURNING id",
            (stamp(at), None if in_hours is None else int(in_hours), draft_id, user_id),
        )
        return len(rows) == 1

    async def set_outcome(self, user_id: int, draft_id: int, outcome: str | None) -> bool:
        rows = await self._db.write(
            """
            UPDATE drafts SET outcome = ?
            WHERE id = ? AND user_id = ? AND sent_at IS NOT NULL
            RETURNING id
            """,
            (outcome, draft_id, user_id),
        )
        return len(rows) == 1

    async def his_message(self, user_id: int, at: datetime, handed: str, since: datetime) -> bool:
        """His message arrived: log it, and count the latest text she sent since `since` as
        answered, in one transaction. True if a text of hers was marked just now."""
        async with self._db.transaction():
            await self._db.write(_ADD_REPLY, (user_id, stamp(at), handed))
            marked = await self._db.write(
                """
                UPDATE drafts SET outcome = 'replied'
                WHERE id = (
                    SELECT id FROM drafts WHERE user_id = ? AND sent_at >= ?
                    ORDER BY sent_at DESC, id DESC LIMIT 1
                ) AND (outcome IS NULL OR outcome <> 'replied')
                RETURNING id
                """,
                (user_id, stamp(since)),
            )
            return len(marked) == 1

    async def he_replied(self, user_id: int, draft_id: int, at: datetime) -> bool:
        """She pressed "he replied" on a sent text: mark it and log a reply (whose kind we
        don't know), in one transaction. False, and nothing written, if it isn't hers or
        wasn't sent."""
        async with self._db.transaction():
            marked = await self._db.write(
                "UPDATE drafts SET outcome = 'replied' "
                "WHERE id = ? AND user_id = ? AND sent_at IS NOT NULL RETURNING id",
                (draft_id, user_id),
            )
            if len(marked) != 1:
                return False
            await self._db.write(_ADD_REPLY, (user_id, stamp(at), "unknown"))
            return True

    async def outcomes(self, user_id: int) -> list[Outcome]:
        """Every sent text she marked "he replied" or "no reply", oldest first."""
        rows = await self._db.fetch_all(
            """
            SELECT sent_at, flags, adds_value, in_hours, outcome = 'replied' AS replied
            FROM drafts
            WHERE user_id = ? AND sent_at IS NOT NULL AND outcome IN ('replied', 'no_reply')
            ORDER BY sent_at
            """,
            (user_id,),
        )
        return [Outcome.from_row(r) for r in rows]

    async def unmarked(self, user_id: int) -> int:
        """Sent texts still waiting for "he replied" / "no reply"."""
        rows = await self._db.fetch_all(
            "SELECT COUNT(*) AS n FROM drafts "
            "WHERE user_id = ? AND sent_at IS NOT NULL AND outcome IS NULL",
            (user_id,),
        )
        return int(rows[0]["n"])

    async def summary(self, user_id: int, day_start: datetime) -> SentSummary:
        """Value ratio of the last 10 sent, sent since his last reply, and sent since day_start."""
        return SentSummary.from_row(await self._state_row(user_id, day_start))

    async def draft_state(self, user_id: int, day_start: datetime) -> DraftState:
        """Everything a new draft's critique needs from storage, in one read."""
        return DraftState.from_row(await self._state_row(user_id, day_start))

    async def _state_row(self, user_id: int, day_start: datetime) -> Any:
        row = await self._db.fetch_one(
            f"SELECT {_STATE_COLUMNS}", {"u": user_id, "day": stamp(day_start)}
        )
        assert row is not None
        return row

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


_ADD_REPLY = "INSERT INTO replies (user_id, at, handed) VALUES (?, ?, ?)"

_INSERT = """
    (user_id, created_at, source, adds_value, score, flags, words, chars, text)
    VALUES (:user_id, :created_at, :source, :adds_value, :score, :flags, :words, :chars, :text)
"""


def _draft_params(draft: NewDraft) -> dict[str, Any]:
    return {
        "user_id": draft.user_id,
        "created_at": stamp(draft.created_at),
        "source": draft.source,
        "adds_value": int(draft.adds_value),
        "score": draft.score,
        "flags": " ".join(sorted(draft.flags)),
        "words": draft.words,
        "chars": draft.chars,
        "text": draft.text,
    }


# A user's sent-text totals and practice, break and rally state (DraftState's columns), for
# user :u and the local day starting at :day. Plain subqueries, no WITH: in an INSERT's
# RETURNING, SQLite re-materialises CTEs and the statement took 200 µs instead of 50.
_LAST_TEN = """
    SELECT adds_value FROM drafts WHERE user_id = :u AND sent_at IS NOT NULL
    ORDER BY sent_at DESC, id DESC LIMIT 10
"""
_STATE_COLUMNS = f"""
    (SELECT COUNT(*) FROM ({_LAST_TEN})) AS last_ten,
    (SELECT COALESCE(SUM(adds_value), 0) FROM ({_LAST_TEN})) AS last_ten_adding_value,
    (
        SELECT COUNT(*) FROM drafts
        WHERE user_id = :u AND sent_at IS NOT NULL
            AND sent_at > COALESCE((SELECT MAX(at) FROM replies WHERE user_id = :u), '')
    ) AS since_his_reply,
    (SELECT COUNT(*) FROM drafts WHERE user_id = :u AND sent_at >= :day) AS sent_today,
    (SELECT awaiting_answer FROM daily WHERE user_id = :u) AS awaiting_answer,
    (SELECT claimed_prompt FROM daily WHERE user_id = :u) AS claimed_prompt,
    (SELECT delivered_date FROM daily WHERE user_id = :u) AS delivered_date,
    (SELECT ends_at FROM breaks WHERE user_id = :u) AS break_ends_at,
    EXISTS (SELECT 1 FROM rallies WHERE user_id = :u) AS in_rally
"""
