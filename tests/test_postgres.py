"""PostgreSQL as the store: migrations, transactions across processes, copy-db, settings.

The journeys (tests that take the `bot` fixture) already run on both databases; these are the
things only PostgreSQL has: a schema shared by processes started together, transactions that
must stay one-at-a-time across connections, and moving a SQLite database over.
"""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest

from bot.settings import SettingsError, load_settings
from storage.copy import CopyRefused, copy_database
from storage.db import Database, DatabaseUnavailable
from storage.migrate import POSTGRESQL, SQLITE, DatabaseTooNew, available_migrations
from storage.models import NewDraft
from storage.postgres import PostgresDatabase, numbered, without_password
from storage.store import Storage
from tests.support.postgres import PostgresForTests

NOW = datetime(2026, 1, 1, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[1]


def test_both_databases_have_the_same_numbered_migrations() -> None:
    sqlite = [(m.version, m.name) for m in available_migrations(SQLITE)]
    postgresql = [(m.version, m.name) for m in available_migrations(POSTGRESQL)]
    assert sqlite == postgresql and len(sqlite) >= 7


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT * FROM t WHERE a = ? AND b = ?", ("SELECT * FROM t WHERE a = $1 AND b = $2", 2)),
        (
            "WHERE u = :u AND d >= :day OR u = :u",
            ("WHERE u = $1 AND d >= $2 OR u = $1", ("u", "day")),
        ),
        ("SELECT '{}'::json", ("SELECT '{}'::json", 0)),
    ],
)
def test_placeholders_become_numbered(sql: str, expected: tuple[str, object]) -> None:
    assert numbered(sql) == expected


def test_a_password_never_shows_in_the_location() -> None:
    url = "postgresql://fonder:s3cret-pw@db.example:5433/fonder"
    assert without_password(url) == "postgresql://fonder:***@db.example:5433/fonder"
    settings = load_settings(_env_file=None, FONDER_DATABASE_URL=url)
    assert "s3cret-pw" in settings.secrets


def test_only_a_postgresql_url_is_accepted() -> None:
    with pytest.raises(SettingsError, match=r"FONDER_DATABASE_URL.*postgresql://"):
        load_settings(_env_file=None, FONDER_DATABASE_URL="mysql://x@y/z")


async def test_a_fresh_database_is_migrated_once_even_by_workers_starting_together(
    postgres: PostgresForTests,
) -> None:
    url = await postgres.fresh_database()
    opened = await asyncio.gather(*(PostgresDatabase.open(url) for _ in range(4)))
    try:
        latest = available_migrations(POSTGRESQL)[-1].version
        assert await opened[0].scalar("SELECT max(version) FROM fonder_schema") == latest
        assert await opened[0].scalar("SELECT count(*) FROM fonder_schema") == 1
        assert "users" in await opened[1].tables()
    finally:
        for db in opened:
            await db.close()


async def test_a_database_from_a_newer_fonder_is_refused_in_one_line(
    postgres: PostgresForTests,
) -> None:
    url = await postgres.fresh_database()
    await (await PostgresDatabase.open(url)).close()
    connection = await asyncpg.connect(url)
    await connection.execute("UPDATE fonder_schema SET version = version + 1")
    await connection.close()
    with pytest.raises(DatabaseTooNew, match=r"only up to .*FONDER_DATABASE_URL") as refused:
        await PostgresDatabase.open(url)
    assert "\n" not in str(refused.value)


async def test_an_unreachable_server_is_told_without_its_password() -> None:
    url = "postgresql://fonder:hunter2@127.0.0.1:1/none"
    with pytest.raises(DatabaseUnavailable) as failed:
        await PostgresDatabase.open(url)
    assert "FONDER_DATABASE_URL" in str(failed.value) and "hunter2" not in str(failed.value)


async def test_a_statement_awaited_inside_a_transaction_is_part_of_it(
    postgres: PostgresForTests,
) -> None:
    db = await PostgresDatabase.open(await postgres.fresh_database())
    try:
        await db.write("CREATE TABLE t (x INTEGER)")
        with pytest.raises(RuntimeError):
            async with db.transaction():
                await db.write("INSERT INTO t VALUES (?)", (1,))
                assert await db.scalar("SELECT count(*) FROM t") == 1  # sees its own write
                raise RuntimeError("undo")
        assert await db.scalar("SELECT count(*) FROM t") == 0
    finally:
        await db.close()


async def test_transactions_of_two_processes_run_one_at_a_time(
    postgres: PostgresForTests,
) -> None:
    """Read-then-write changes from two pools (two workers) never lose an update: 2 x 25
    increments of one counter, each a read and a write with a pause between them."""
    url = await postgres.fresh_database()
    first, second = PostgresDatabase.open(url), PostgresDatabase.open(url)
    workers = await asyncio.gather(first, second)
    await workers[0].write("CREATE TABLE counter (n INTEGER)")
    await workers[0].write("INSERT INTO counter VALUES (0)")

    async def bump(db: PostgresDatabase) -> None:
        async with db.transaction():
            n = await db.scalar("SELECT n FROM counter")
            await asyncio.sleep(0.001)
            await db.write("UPDATE counter SET n = ?", (n + 1,))

    try:
        await asyncio.gather(*(bump(workers[i % 2]) for i in range(50)))
        assert await workers[1].scalar("SELECT n FROM counter") == 50
    finally:
        for db in workers:
            await db.close()


async def _some_of_everything(storage: Storage) -> None:
    await storage.users.touch(7, 7, "en", NOW)
    await storage.users.touch(8, 8, None, NOW)
    for user in (7, 7, 8):
        draft = NewDraft(
            user_id=user, created_at=NOW, source="typed", adds_value=True, score=70,
            flags=frozenset({"playful"}), words=3, chars=12, text=None,
        )  # fmt: skip
        await storage.drafts.add_with_state(draft, NOW)
    await storage.schedule.set_daily(7, 19 * 60, NOW)
    await storage.chats.first_refusal(-100, NOW)


async def test_copy_db_moves_every_row_and_refuses_to_copy_twice(
    postgres: PostgresForTests, tmp_path: Path
) -> None:
    source = await Storage.open(tmp_path / "old.db")
    await _some_of_everything(source)
    await source.close()
    url = await postgres.fresh_database()

    sqlite, target = await Database.open(tmp_path / "old.db"), await PostgresDatabase.open(url)
    try:
        counts = await copy_database(sqlite, target)
        assert counts["users"] == 2 and counts["drafts"] == 3 and counts["group_refusals"] == 1
        with pytest.raises(CopyRefused, match="already has rows"):
            await copy_database(sqlite, target)
        assert await target.scalar("SELECT count(*) FROM drafts") == 3  # nothing doubled
        assert await copy_database(sqlite, target, replace=True) == counts
    finally:
        await sqlite.close()
        await target.close()

    moved = await Storage.open(tmp_path / "unused.db", url)
    try:
        assert await moved.users.count() == 2
        # new rows number on past the copied ones
        draft = NewDraft(
            user_id=8, created_at=NOW, source="typed", adds_value=False, score=30,
            flags=frozenset(), words=1, chars=3, text=None,
        )  # fmt: skip
        await moved.drafts.add_with_state(draft, NOW)
        assert await moved.db.scalar("SELECT max(id) FROM drafts") == 4
        assert (await moved.privacy.rows_about(7))["drafts"] == 2
    finally:
        await moved.close()


def test_the_copy_db_command_reports_each_table(postgres: PostgresForTests, tmp_path: Path) -> None:
    url = asyncio.run(postgres.fresh_database())

    async def seed() -> None:
        storage = await Storage.open(tmp_path / "c.db")
        await _some_of_everything(storage)
        await storage.close()

    asyncio.run(seed())
    command = [sys.executable, "-m", "bot.cli", "copy-db", "--to", url]
    env = {**os.environ, "FONDER_DB": str(tmp_path / "c.db"), "PYTHONPATH": str(ROOT)}
    first = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    assert "users: 2 rows" in first.stdout and "row counts match" in first.stdout
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert again.returncode == 2 and "--replace" in again.stderr
    assert "Traceback" not in again.stderr


async def test_the_password_is_redacted_from_every_log_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    from bot.logs import RedactingFilter

    url = "postgresql://fonder:pw-that-leaks@127.0.0.1:1/none"
    settings = load_settings(_env_file=None, FONDER_DATABASE_URL=url)
    redact = RedactingFilter(settings.secrets)
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "connecting to %s", (url,), None)
    assert redact.filter(record)
    assert "pw-that-leaks" not in record.getMessage()
