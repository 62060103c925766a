"""What the storage modules ask of a database, whichever one is behind it.

Two implement it: `storage.db.Database` (SQLite through aiosqlite, the default) and
`storage.postgres.PostgresDatabase` (asyncpg, for several worker processes sharing one store).
The storage modules write one SQL text for both: `?` or `:name` placeholders, ON CONFLICT,
RETURNING, no dialect's own functions. Where the dialects must differ (finding the tables
that hold a user's rows), the backend answers the question itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

Params = tuple[Any, ...] | dict[str, Any]


class Row(Protocol):
    """A result row: by position and by column name (aiosqlite.Row, asyncpg.Record)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def keys(self) -> Iterable[str]: ...


class Backend(Protocol):
    """One logical change is one statement (`write`) or one `transaction()`; a statement
    awaited inside a transaction is part of it."""

    dialect: str
    location: str  # for log lines: a path, or a URL without its password

    def transaction(self) -> AbstractAsyncContextManager[None]: ...

    async def fetch_all(self, sql: str, params: Params = ()) -> Sequence[Row]: ...

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None: ...

    async def write(self, sql: str, params: Params = ()) -> Sequence[Row]: ...

    async def scalar(self, sql: str, params: Params = ()) -> Any: ...

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None: ...

    async def user_tables(self) -> Mapping[str, Sequence[str]]:
        """Every table with a user_id column, and its columns: so /forget and /export can
        miss none, however many tables later migrations add."""
        ...

    async def close(self) -> None: ...


class JobsLock(Protocol):
    """A lock one process at a time can hold across every process sharing the database."""

    async def try_take(self) -> bool: ...

    async def still_held(self, timeout: float = 5.0) -> bool: ...

    async def release(self) -> None: ...


class UserLocks(Protocol):
    """One user's updates one at a time across every process sharing the database."""

    async def acquire(self, user_id: int) -> None: ...

    async def release(self, user_id: int) -> None: ...

    async def close(self) -> None: ...


class Statements:
    """What both databases derive from `fetch_all`: one row, a lone change, one value."""

    async def fetch_all(self, sql: str, params: Params = ()) -> Sequence[Row]:
        raise NotImplementedError

    async def fetch_one(self, sql: str, params: Params = ()) -> Row | None:
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def write(self, sql: str, params: Params = ()) -> Sequence[Row]:
        """One statement on its own: atomic without BEGIN/COMMIT, so one trip instead of
        three. Use RETURNING to learn what changed (an id, or a row per updated row)."""
        return await self.fetch_all(sql, params)

    async def scalar(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]


def tables_with_user_id(rows: Iterable[Row]) -> dict[str, list[str]]:
    """(table, column) rows in column order -> the tables that have a user_id column."""
    columns: dict[str, list[str]] = {}
    for row in rows:
        columns.setdefault(str(row[0]), []).append(str(row[1]))
    return {t: c for t, c in columns.items() if "user_id" in c}


def row_dict(row: Row) -> dict[str, Any]:
    """A row as a plain dict, the same from either driver."""
    # keys(): iterating a sqlite3.Row gives its values, not its column names
    return {key: row[key] for key in row.keys()}  # noqa: SIM118
