"""The running rally: one row per user, so a restart mid-rally resumes where she was."""

from __future__ import annotations

import json
from datetime import datetime

from storage.backend import Backend
from storage.db import stamp
from storage.models import Rally, RallyTurnRecord


class Rallies:
    def __init__(self, db: Backend) -> None:
        self._db = db

    async def start(
        self, user_id: int, seed: int, max_turns: int, origin: str, his_line: str, at: datetime
    ) -> Rally:
        """A new rally replaces any running one (starting again is always allowed)."""
        rows = await self._db.write(
            """
            INSERT INTO rallies (user_id, seed, max_turns, origin, started_at, his_line, used)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(user_id) DO UPDATE SET
                seed = excluded.seed, max_turns = excluded.max_turns, origin = excluded.origin,
                started_at = excluded.started_at, his_line = excluded.his_line,
                used = excluded.used, turns = '[]', best_text = NULL, played = 0
            RETURNING *
            """,
            (user_id, seed, max_turns, origin, stamp(at), his_line, his_line),
        )
        return Rally.from_row(rows[0])

    async def get(self, user_id: int) -> Rally | None:
        row = await self._db.fetch_one("SELECT * FROM rallies WHERE user_id = ?", (user_id,))
        return None if row is None else Rally.from_row(row)

    async def record_turn(
        self,
        rally: Rally,
        turn: RallyTurnRecord,
        best_text: str | None,
        next_line: str | None,
    ) -> Rally | None:
        """Add one scored turn, her best return so far, and his next line, in one statement.

        Guarded by the number of turns already played, so a duplicate delivery of the same
        message can't score one return twice. Returns None if the rally moved on meanwhile.
        """
        turns = [*rally.turns, turn]
        used = " ".join([*rally.used, next_line]) if next_line else " ".join(rally.used)
        rows = await self._db.write(
            """
            UPDATE rallies SET turns = ?, best_text = ?, his_line = ?, used = ?,
                played = played + 1
            WHERE user_id = ? AND played = ?
            RETURNING *
            """,
            (
                json.dumps([t.model_dump(mode="json") for t in turns]),
                best_text,
                next_line or rally.his_line,
                used,
                rally.user_id,
                len(rally.turns),
            ),
        )
        return Rally.from_row(rows[0]) if rows else None

    async def end(self, user_id: int) -> Rally | None:
        """Remove the running rally (her quoted words go with it); the row as it was, if any."""
        rows = await self._db.write("DELETE FROM rallies WHERE user_id = ? RETURNING *", (user_id,))
        return Rally.from_row(rows[0]) if rows else None
