"""The SQLite connection: WAL, foreign keys, owner-only file, one transaction per change.

One aiosqlite connection serves the whole bot. A lock serialises transactions so two
coroutines can never interleave statements inside each other's BEGIN ... COMMIT. Lone
statements (most of Fonder's changes are one statement) don't take a transaction: those asked
for at the same time share one trip to aiosqlite's thread.
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
    """A single serialised connection: lone statements through `fetch_all`/`write`, changes of
    several statements through `transaction()` (never a lone statement inside one: it would
    wait for the transaction it is part of)."""

    def __init__(self, connection: aiosqlite.Connection, path: str) -> None:
        self._conn = connection
        self._lock = asyncio.Lock()
        self._pending: list[tuple[str, Params, asyncio.Future[list[aiosqlite.Row]]]] = []
        self._flusher: asyncio.Task[None] | None = None
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
        if self._flusher is not None:  # let statements already asked for finish first
            await self._flusher
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
        """One statement. Statements issued while a hop is under way share the next one.

        Under load many updates wait on the database at once. Each hop to aiosqlite's thread
        costs a thread wake-up, a GIL hand-over and a wake-up of the event loop: with one hop
        a statement, a draft's two hops cost ~0.3 ms of its ~1 ms update, where SQLite's own
        work on them is ~45 µs. So what queues up meanwhile goes in one hop (`_run_batch`).
        """
        future: asyncio.Future[list[aiosqlite.Row]] = asyncio.get_running_loop().create_future()
        self._pending.append((sql, params, future))
        if self._flusher is None:
            self._flusher = asyncio.create_task(self._flush())
        return await future

    async def _flush(self) -> None:
        """Send what is pending, one batch a hop, until nothing is.

        It holds the transaction lock for each hop, so a batch can never land between another
        coroutine's BEGIN and COMMIT (and be undone by its rollback), nor a transaction start
        in the middle of a batch.
        """
        try:
            while self._pending:
                async with self._lock:
                    batch, self._pending = self._pending, []
                    try:
                        results = await self._hop([(sql, params) for sql, params, _ in batch])
                    except BaseException as error:  # the hop itself failed: so did each call
                        results = [error] * len(batch)
                        if isinstance(error, asyncio.CancelledError):
                            _settle(batch, results)
                            raise
                _settle(batch, results)
        except asyncio.CancelledError:
            closing = DatabaseUnavailable("the database is closing")
            _settle(self._pending, [closing] * len(self._pending))
            self._pending = []
            raise
        finally:
            self._flusher = None

    async def _hop(self, batch: list[tuple[str, Params]]) -> list[list[Any] | BaseException]:
        """One trip to aiosqlite's thread for the whole batch.

        aiosqlite runs every call of its own through `_execute` (a function queued to its
        thread); it has no public way to queue one of ours, so this is the one place that
        reaches inside it.
        """
        connection = self._conn._conn
        result: list[list[Any] | BaseException] = await self._conn._execute(  # type: ignore[no-untyped-call]
            _run_batch, connection, batch
        )
        return result

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


def _run_batch(
    connection: sqlite3.Connection, batch: list[tuple[str, Params]]
) -> list[list[Any] | BaseException]:
    """Run on the database thread: each statement on its own, as if sent alone (it commits
    by itself, and its failure is its caller's, not the batch's)."""
    results: list[list[Any] | BaseException] = []
    for sql, params in batch:
        try:
            results.append(connection.execute(sql, params).fetchall())
        except Exception as error:
            results.append(error)
    return results


def _settle(
    batch: list[tuple[str, Params, asyncio.Future[list[aiosqlite.Row]]]],
    results: list[list[Any] | BaseException],
) -> None:
    """Hand each caller its rows or its error."""
    for (_, _, future), result in zip(batch, results, strict=True):
        if future.done():  # its caller was cancelled meanwhile
            continue
        if isinstance(result, BaseException):
            future.set_exception(result)
        else:
            future.set_result(result)


def stamp(moment: datetime) -> str:
    """Fixed-width UTC text, so comparing stored times as strings compares the times."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _create_private(path: Path) -> None:
    """Create the file with 0600 before SQLite does, so user data is never world-readable."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
    os.close(fd)
