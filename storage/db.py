"""The SQLite connection: WAL, foreign keys, owner-only file, one transaction per change.

One aiosqlite connection serves the whole bot. A lock serialises transactions so two
coroutines can never interleave statements inside each other's BEGIN ... COMMIT.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiosqlite

from storage.migrate import migrate

Params = tuple[Any, ...] | dict[str, Any]


class DatabaseUnavailable(RuntimeError):
    """The database file can't be created or opened (a directory, no permission, ...)."""


class Database:
    """A single serialised connection; every write goes through `transaction()`."""

    def __init__(self, connection: aiosqlite.Connection, path: str) -> None:
        self._conn = connection
        self._lock = asyncio.Lock()
        self.path = path

    @classmethod
    async def open(cls, path: Path | str) -> Database:
        """Open (creating owner-only if new), tune, and migrate the database at `path`."""
        location = str(path)
        try:
            if location != ":memory:":
                _create_private(Path(location))
            connection = await aiosqlite.connect(location, isolation_level=None)
        except (OSError, sqlite3.Error) as error:
            raise DatabaseUnavailable(
                f"FONDER_DB={location} can't be opened as a database file ({error})"
            ) from None
        connection.row_factory = aiosqlite.Row
        try:
            # SQLite opens lazily: a file that isn't a database fails here, at the first
            # statement, not at connect.
            for pragma in (
                "PRAGMA journal_mode=WAL",
                "PRAGMA foreign_keys=ON",
                "PRAGMA busy_timeout=10000",
                "PRAGMA synchronous=NORMAL",
            ):
                await connection.execute(pragma)
            await migrate(connection)
        except sqlite3.DatabaseError as error:
            await connection.close()
            raise DatabaseUnavailable(
                f"FONDER_DB={location} can't be opened as a database file ({error})"
            ) from None
        except BaseException:
            await connection.close()
            raise
        return cls(connection, location)

    async def close(self) -> None:
        await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error, one at a time."""
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            await self._conn.execute("COMMIT")

    async def fetch_one(self, sql: str, params: Params = ()) -> aiosqlite.Row | None:
        rows = await self.fetch_all(sql, params)
        return rows[0] if rows else None

    async def fetch_all(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        """One statement, one hop to the database thread (execute and fetch together).

        It doesn't hold the lock across the hop: it joins aiosqlite's queue at once, so under
        load the database thread runs statements back to back instead of idling through a
        round trip to the event loop for each. It waits only while a transaction is open, so
        it can never land between someone else's BEGIN and COMMIT; queuing is synchronous, so
        nothing slips in after the check.
        """
        while self._lock.locked():
            async with self._lock:
                pass
        return list(await self._conn.execute_fetchall(sql, params))

    async def write(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        """One statement on its own: atomic without BEGIN/COMMIT, so one hop instead of three.

        Use RETURNING to learn what changed (an id, or a row per updated row).
        """
        return await self.fetch_all(sql, params)

    async def scalar(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetch_one(sql, params)
        return None if row is None else row[0]

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        async with self.transaction() as conn:
            await conn.executemany(sql, rows)


def stamp(moment: datetime) -> str:
    """Fixed-width UTC text, so comparing stored times as strings compares the times."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _create_private(path: Path) -> None:
    """Create the file with 0600 before SQLite does, so user data is never world-readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
