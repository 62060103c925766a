"""Numbered migrations, tracked on SQLite with PRAGMA user_version.

Files are `storage/migrations/NNNN_name.sql`; each runs once, in order, inside its own
transaction together with the version bump, so a crash never leaves half a migration.
PostgreSQL's files (`storage/migrations/postgresql/`, same numbers and names, its own types)
are run by `storage.postgres.migrate`, which keeps the version in a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

import aiosqlite

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


class DatabaseTooNew(RuntimeError):
    """The file was written by a newer Fonder; refusing protects it from being damaged."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


SQLITE = "storage.migrations"
POSTGRESQL = "storage.migrations.postgresql"


def available_migrations(package: str = SQLITE) -> list[Migration]:
    """Every packaged migration, ordered; numbering must be 1..N without gaps. PostgreSQL's
    files (`POSTGRESQL`) carry the same numbers and names, in its own types."""
    found: list[Migration] = []
    for entry in resources.files(package).iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda m: m.version)
    expected = list(range(1, len(found) + 1))
    if [m.version for m in found] != expected:
        raise RuntimeError(f"migrations are not numbered 1..{len(found)}: {found}")
    return found


def too_new(version: int, latest: int, elsewhere: str) -> DatabaseTooNew:
    return DatabaseTooNew(
        f"the database is at schema version {version} but this Fonder knows only up to "
        f"{latest}; upgrade Fonder or point {elsewhere}"
    )


async def current_version(connection: aiosqlite.Connection) -> int:
    async with connection.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def migrate(connection: aiosqlite.Connection, target: int | None = None) -> int:
    """Bring the schema to `target` (default: latest); returns the resulting version."""
    migrations = available_migrations()
    latest = migrations[-1].version if migrations else 0
    goal = latest if target is None else target
    version = await current_version(connection)
    if version > latest:
        raise too_new(version, latest, "FONDER_DB at another file")
    for migration in migrations:
        if version < migration.version <= goal:
            script = (
                f"BEGIN IMMEDIATE;\n{migration.sql}\n"
                f"PRAGMA user_version = {migration.version};\nCOMMIT;"
            )
            try:
                await connection.executescript(script)
            except BaseException:
                if connection.in_transaction:
                    await connection.execute("ROLLBACK")
                raise
            version = migration.version
    return version
