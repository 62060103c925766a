"""The SQLite connection: WAL, foreign keys, owner-only file, one transaction per change.

One aiosqlite connection serves the whole bot, through aiosqlite's public API only. It runs
statements one after another, in the order they were asked for, on its own thread. Lone
statements (most of Fonder's changes are one statement, atomic without BEGIN/COMMIT) go
straight to it, so under load many queue up there and run back to back. A transaction holds
a gate shut from its BEGIN to its COMMIT: lone statements asked for meanwhile wait for it, so
none can land inside another coroutine's transaction and be undone by its rollback. The task
inside `transaction()` is marked in a context variable, so a lone statement it awaits there is
part of its transaction instead of waiting for the gate it holds itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import sqlite3
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from storage.backend import Params, Statements, tables_with_user_id
from storage.migrate import migrate

# True in the task (and what it awaits) that is inside `Database.transaction()`.
_holds_transaction: ContextVar[bool] = ContextVar("fonder_holds_transaction", default=False)


class DatabaseUnavailable(RuntimeError):
    """The database file can't be created or opened (a directory, no permission, ...)."""


class Database(Statements):
    """A single serialised connection: lone statements through `fetch_all`/`write`, changes of
    several statements through `transaction()`. A lone statement awaited inside a transaction
    is part of it."""

    def __init__(self, connection: aiosqlite.Connection, path: str) -> None:
        self._conn = connection
        self._transactions = asyncio.Lock()  # one transaction at a time
        self._no_transaction = asyncio.Event()  # the gate lone statements wait at
        self._no_transaction.set()
        self.path = path
        self.location = path

    dialect = "sqlite"

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
        """Close once the open transaction and the statements already asked for have run
        (aiosqlite queues its close behind them)."""
        async with self._transactions:
            await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (a cancel included), one at a
        time. Inside it, use this Database's own methods: they are part of the transaction.
        Statements asked for before it run before its BEGIN (aiosqlite keeps order)."""
        if _holds_transaction.get():
            raise RuntimeError("transaction() inside a transaction: SQLite has no nesting")
        async with self._transactions:
            self._no_transaction.clear()
            marker = _holds_transaction.set(True)
            try:
                try:
                    await self._conn.execute("BEGIN IMMEDIATE")
                    yield
                except BaseException:
                    # If BEGIN itself failed there is nothing to undo.
                    with contextlib.suppress(sqlite3.OperationalError):
                        await self._conn.execute("ROLLBACK")
                    raise
                await self._conn.execute("COMMIT")
            finally:
                _holds_transaction.reset(marker)
                self._no_transaction.set()

    async def fetch_all(self, sql: str, params: Params = ()) -> list[aiosqlite.Row]:
        """One statement: inside the caller's transaction if it holds one, else on its own
        (atomic without BEGIN/COMMIT) once no other coroutine's transaction is open."""
        if not _holds_transaction.get():
            while not self._no_transaction.is_set():  # another may shut it before we wake
                await self._no_transaction.wait()
        return list(await self._conn.execute_fetchall(sql, params))

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        """One statement over many rows, in one transaction."""
        async with self.transaction():
            await self._conn.executemany(sql, rows)

    async def tables(self) -> list[str]:
        rows = await self.fetch_all(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
        return sorted(str(r[0]) for r in rows)

    async def user_tables(self) -> Mapping[str, Sequence[str]]:
        rows = await self.fetch_all(
            """
            SELECT m.name, c.name FROM sqlite_master AS m, pragma_table_info(m.name) AS c
            WHERE m.type = 'table' ORDER BY m.name, c.cid
            """
        )
        return tables_with_user_id(rows)


def stamp(moment: datetime) -> str:
    """Fixed-width UTC text, so comparing stored times as strings compares the times."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _create_private(path: Path) -> None:
    """Create the file with 0600 before SQLite does, so user data is never world-readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
