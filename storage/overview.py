"""Whole-bot figures for the operator's /admin: counts only, never anyone's content."""

from __future__ import annotations

from datetime import datetime

from storage.backend import Backend
from storage.db import stamp
from storage.models import Overview


class Overviews:
    def __init__(self, db: Backend) -> None:
        self._db = db

    async def overview(self, since: datetime) -> Overview:
        """Totals now, and activity since `since` (e.g. the last 24 hours), in one read."""
        row = await self._db.fetch_one(
            """
            SELECT
                (SELECT COUNT(*) FROM users) AS users,
                (SELECT COUNT(*) FROM users WHERE active = 0) AS blocked,
                (SELECT COUNT(*) FROM users WHERE last_seen >= :since) AS seen,
                (SELECT COUNT(*) FROM daily WHERE enabled = 1) AS daily_on,
                (SELECT COUNT(*) FROM drafts WHERE created_at >= :since) AS critiques,
                (SELECT COUNT(*) FROM drafts WHERE sent_at >= :since) AS sent,
                (SELECT COUNT(*) FROM breaks) AS breaks,
                (SELECT COUNT(*) FROM rallies) AS rallies
            """,
            {"since": stamp(since)},
        )
        assert row is not None
        return Overview.from_row(row)
