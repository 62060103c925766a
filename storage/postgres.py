"""PostgreSQL through asyncpg: the store several worker processes can share.

Selected by FONDER_DATABASE_URL=postgresql://...; without it Fonder keeps its SQLite file.
The storage modules' SQL is written once for both databases; here its `?` and `:name`
placeholders become PostgreSQL's `$1, $2, ...` (worked out once per statement text).

A transaction takes one connection from the pool for its whole life, and the task inside it is
marked in a context variable, so a statement it awaits runs on that connection, inside it.
Transactions also take one advisory lock: they run one at a time across every process, as
SQLite's BEGIN IMMEDIATE makes them run. That keeps every read-then-write change exactly as
safe as on SQLite without each one naming its rows FOR UPDATE; lone statements (most of
Fonder's changes) don't take it and run side by side.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterable, Mapping, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from storage.backend import Params, Statements, tables_with_user_id
from storage.db import DatabaseUnavailable
from storage.migrate import POSTGRESQL, available_migrations, too_new

# The connection of the transaction the current task is inside, if any.
_inside: ContextVar[asyncpg.pool.PoolConnectionProxy[asyncpg.Record] | None] = ContextVar(
    "fonder_pg_tx", default=None
)

# pg_advisory_xact_lock keys: any two fixed numbers, Fonder's own.
TRANSACTION_LOCK = 0x466F6E64  # "Fond"
MIGRATION_LOCK = 0x466F6E65
JOBS_LOCK = 0x466F6E66
USER_LOCK_CLASS = 0x466F  # pg_advisory_lock(class, key) for one user's updates

_PLACEHOLDER = re.compile(r"\?|(?<![:\w]):([a-z_][a-z0-9_]*)")


@lru_cache(maxsize=512)
def numbered(sql: str) -> tuple[str, tuple[str, ...] | int]:
    """`?` → `$1, $2, ...` (returns how many), or `:name` → `$k`, one k a name (returns the
    names in $ order). Fonder's SQL has no `?` or `:word` inside string literals."""
    names: list[str] = []
    count = 0

    def swap(match: re.Match[str]) -> str:
        nonlocal count
        name = match.group(1)
        if name is None:
            count += 1
            return f"${count}"
        if name not in names:
            names.append(name)
        return f"${names.index(name) + 1}"

    text = _PLACEHOLDER.sub(swap, sql)
    if count and names:
        raise ValueError("a statement mixes ? and :name placeholders")
    return text, tuple(names) if names else count


def _arguments(sql: str, params: Params) -> tuple[str, list[Any]]:
    text, shape = numbered(sql)
    if isinstance(shape, tuple):
        if not isinstance(params, dict):
            raise TypeError("named placeholders need a dict of parameters")
        return text, [params[name] for name in shape]
    values = list(params.values()) if isinstance(params, dict) else list(params)
    if len(values) != shape:
        raise TypeError(f"{shape} placeholders, {len(values)} parameters")
    return text, values


def without_password(url: str) -> str:
    """The URL for log lines and error messages: the password never leaves settings."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" if parts.username else f"***@{host}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


class PostgresDatabase(Statements):
    """A pool of connections; the same methods as SQLite's `Database`."""

    dialect = "postgresql"

    def __init__(self, pool: asyncpg.Pool, location: str, url: str = "") -> None:
        self._pool = pool
        self._url = url
        self.location = location

    def user_locks(self) -> UserLocks:
        """Locks that keep one user's updates one at a time across every worker."""
        return UserLocks(self._url)

    def session_lock(self, key: int = JOBS_LOCK) -> SessionLock:
        """A lock this process holds for as long as one connection of its own lives."""
        return SessionLock(self._url, key)

    @classmethod
    async def open(cls, url: str, *, max_connections: int = 10) -> PostgresDatabase:
        """Connect, and migrate under an advisory lock (workers may start together)."""
        shown = without_password(url)
        try:
            pool = await asyncpg.create_pool(url, min_size=1, max_size=max_connections)
        except (OSError, asyncpg.PostgresError, ValueError) as error:
            raise DatabaseUnavailable(
                f"FONDER_DATABASE_URL={shown} can't be reached ({type(error).__name__}: "
                f"{str(error).replace(url, shown)})"
            ) from None
        try:
            await migrate(pool)
        except BaseException:
            await pool.close()
            raise
        return cls(pool, shown, url)

    async def close(self) -> None:
        await self._pool.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[None]:
        if _inside.get() is not None:
            raise RuntimeError("transaction() inside a transaction: not nested here either")
        async with self._pool.acquire() as connection, connection.transaction():
            await connection.execute("SELECT pg_advisory_xact_lock($1)", TRANSACTION_LOCK)
            marker = _inside.set(connection)
            try:
                yield
            finally:
                _inside.reset(marker)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[asyncpg.Record]:
        text, values = _arguments(sql, params)
        connection = _inside.get()
        if connection is not None:
            return list(await connection.fetch(text, *values))
        return list(await self._pool.fetch(text, *values))

    async def execute_many(self, sql: str, rows: Iterable[Params]) -> None:
        async with self.transaction():
            connection = _inside.get()
            assert connection is not None
            batch = [_arguments(sql, row) for row in rows]
            if batch:
                await connection.executemany(batch[0][0], [values for _, values in batch])

    async def load_rows(
        self, table: str, columns: Sequence[str], rows: list[tuple[Any, ...]]
    ) -> None:
        """Bulk rows into `table` with COPY, inside the caller's transaction (copy-db)."""
        connection = _inside.get()
        if connection is None:
            raise RuntimeError("load_rows() belongs inside transaction()")
        await connection.copy_records_to_table(table, records=rows, columns=list(columns))

    async def restart_numbering(self, table: str) -> None:
        """After rows were loaded with their own ids, new ids continue past the highest."""
        await self.write(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f'COALESCE(MAX(id), 0) + 1, false) FROM "{table}"'
        )

    async def tables(self) -> list[str]:
        rows = await self.fetch_all(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name <> 'fonder_schema'"
        )
        return sorted(str(r[0]) for r in rows)

    async def user_tables(self) -> Mapping[str, Sequence[str]]:
        rows = await self.fetch_all(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position
            """
        )
        return tables_with_user_id(rows)


class SessionLock:
    """pg_try_advisory_lock on a connection of its own (not the pool's): the lock lives exactly
    as long as that connection, so a worker killed with -9 lets it go at once, when PostgreSQL
    notices the connection closed."""

    def __init__(self, url: str, key: int) -> None:
        self._url = url
        self._key = key
        self._connection: asyncpg.Connection | None = None

    async def try_take(self) -> bool:
        """True if this process holds the lock now (already, or just taken)."""
        if self._connection is None:
            try:
                self._connection = await asyncpg.connect(self._url, timeout=10)
            except (OSError, asyncpg.PostgresError, TimeoutError):
                return False
        try:
            return bool(
                await self._connection.fetchval("SELECT pg_try_advisory_lock($1)", self._key)
            )
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
            await self.release()
            return False

    async def still_held(self, timeout: float = 5.0) -> bool:
        """False once the lock's connection is gone (then another process may hold it)."""
        if self._connection is None:
            return False
        try:
            held = await self._connection.fetchval(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                " AND pid = pg_backend_pid() AND objid = $1",
                self._key,
                timeout=timeout,
            )
        except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError, TimeoutError):
            await self.release()
            return False
        return bool(held)

    async def release(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None and not connection.is_closed():
            connection.terminate()


class UserLocks:
    """One advisory lock per user, all held by one connection of this worker's own.

    A worker takes a user's lock before it accepts her update and lets it go once the update
    is handled, so another worker holding her next update waits (with Telegram waiting on
    it): one user's updates run one at a time, in the order Telegram delivered them, whichever
    worker each lands on. The lock is the session's, so the same worker may take it again for
    her next update (PostgreSQL counts) while its own per-user queue keeps them in order.
    """

    POLL = 0.01  # seconds between tries while another worker holds her lock

    def __init__(self, url: str) -> None:
        self._url = url
        self._connection: asyncpg.Connection | None = None
        self._guard = asyncio.Lock()  # one statement at a time on the shared connection
        self._closed = False

    async def _run(self, sql: str, key: int) -> bool:
        async with self._guard:
            if self._closed:  # closing let every lock go already
                return True
            if self._connection is None or self._connection.is_closed():
                self._connection = await asyncpg.connect(self._url, timeout=10)
            return bool(await self._connection.fetchval(sql, USER_LOCK_CLASS, _int4(key)))

    async def acquire(self, user_id: int) -> None:
        while not await self._run("SELECT pg_try_advisory_lock($1, $2)", user_id):
            await asyncio.sleep(self.POLL)

    async def release(self, user_id: int) -> None:
        await self._run("SELECT pg_advisory_unlock($1, $2)", user_id)

    async def close(self) -> None:
        async with self._guard:
            self._closed = True
            connection, self._connection = self._connection, None
        if connection is not None and not connection.is_closed():
            await connection.close()


def _int4(key: int) -> int:
    """A user id folded into PostgreSQL's int4 key (a rare clash only serialises two users)."""
    return (key & 0xFFFFFFFF) - (1 << 32) if key & 0x80000000 else key & 0xFFFFFFFF


async def migrate(pool: asyncpg.Pool) -> int:
    """The numbered migrations PostgreSQL has not run yet, all in one transaction with the
    version bump (PostgreSQL's DDL is transactional); refuses a database a newer Fonder has
    written."""
    migrations = available_migrations(POSTGRESQL)
    latest = migrations[-1].version if migrations else 0
    async with pool.acquire() as connection, connection.transaction():
        await connection.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
        await connection.execute(
            "CREATE TABLE IF NOT EXISTS fonder_schema (version INTEGER NOT NULL)"
        )
        version = await connection.fetchval("SELECT max(version) FROM fonder_schema") or 0
        if version > latest:
            raise too_new(version, latest, "FONDER_DATABASE_URL at another database")
        for migration in migrations:
            if migration.version > version:
                await connection.execute(migration.sql)
                await connection.execute("DELETE FROM fonder_schema")
                await connection.execute(
                    "INSERT INTO fonder_schema (version) VALUES ($1)", migration.version
                )
                version = migration.version
    return int(version)
