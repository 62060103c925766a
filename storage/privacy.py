"""Everything stored about one user: exported on request, deleted on /forget."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from storage.backend import Backend, row_dict


class Privacy:
    def __init__(self, db: Backend) -> None:
        self._db = db

    async def _user_tables(self) -> list[str]:
        """Every table with a user_id column, found from the schema so none can be forgotten."""
        return sorted(await self._db.user_tables())

    async def rows_about(self, user_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for table in await self._user_tables():
            counts[table] = int(
                await self._db.scalar(
                    f'SELECT COUNT(*) FROM "{table}" WHERE user_id = ?', (user_id,)
                )
            )
        return counts

    async def forget(self, user_id: int) -> int:
        """Delete every row about the user, in every table, in one transaction."""
        tables = await self._user_tables()
        deleted = 0
        async with self._db.transaction():
            for table in sorted(tables, key=lambda t: t == "users"):  # children first
                gone = await self._db.write(
                    f'DELETE FROM "{table}" WHERE user_id = ? RETURNING user_id', (user_id,)
                )
                deleted += len(gone)
        return deleted

    async def export(self, user_id: int) -> dict[str, list[dict[str, Any]]]:
        data: dict[str, list[dict[str, Any]]] = {}
        tables = await self._db.user_tables()
        for table in sorted(tables):
            rows = await self._db.fetch_all(
                f'SELECT * FROM "{table}" WHERE user_id = ? ORDER BY {_order(tables[table])}',
                (user_id,),
            )
            data[table] = [row_dict(r) for r in rows]
        return data


def _order(columns: Sequence[str]) -> str:
    """Oldest first where a table numbers its rows (id); else every column, so an export
    always lists rows in the same order."""
    chosen = ["id"] if "id" in columns else columns
    return ", ".join(f'"{c}"' for c in chosen)
