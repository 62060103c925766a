"""`fonder copy-db --to postgresql://...`: move an existing SQLite database to PostgreSQL.

Both ends are migrated to the same schema first, so their tables and columns match. The copy
is one PostgreSQL transaction (a failure leaves the target as it was), row counts are
compared table by table before it commits, and a target that already holds rows is refused
unless `replace` says to empty it first: running it twice can't double anyone's data.
"""

from __future__ import annotations

from storage.db import Database
from storage.postgres import PostgresDatabase


class CopyRefused(RuntimeError):
    """The copy would lose or mix data; the message says why and what to do."""


async def copy_database(
    source: Database, target: PostgresDatabase, *, replace: bool = False
) -> dict[str, int]:
    """Copy every table's rows; returns the row count per table, checked equal at both ends."""
    tables = await source.tables()
    if tables != await target.tables():
        raise CopyRefused(f"the two schemas differ: {tables} vs {await target.tables()}")
    # users first: every other table's rows point at a user
    ordered = sorted(tables, key=lambda t: t != "users")
    counts = {t: int(await source.scalar(f'SELECT COUNT(*) FROM "{t}"')) for t in ordered}
    async with target.transaction():
        held = {t: int(await target.scalar(f'SELECT COUNT(*) FROM "{t}"')) for t in ordered}
        if any(held.values()) and not replace:
            busy = ", ".join(f"{t} ({n})" for t, n in held.items() if n)
            raise CopyRefused(
                f"the target already has rows in {busy}; copy-db --replace empties it first"
            )
        for table in reversed(ordered):
            await target.write(f'DELETE FROM "{table}"')
        for table in ordered:
            rows = await source.fetch_all(f'SELECT * FROM "{table}"')
            if not rows:
                continue
            columns = list(rows[0].keys())
            await target.load_rows(table, columns, [tuple(r) for r in rows])
            if "id" in columns:
                await target.restart_numbering(table)
        copied = {t: int(await target.scalar(f'SELECT COUNT(*) FROM "{t}"')) for t in ordered}
        if copied != counts:
            raise CopyRefused(f"row counts differ after the copy: {counts} vs {copied}")
    return counts
