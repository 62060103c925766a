"""The database: migrations, WAL, private file, rows that survive a restart."""

from __future__ import annotations

import asyncio
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite
import asyncpg
import pytest

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.memory_api import MemoryBotApi
from storage.db import Database
from storage.migrate import DatabaseTooNew, available_migrations, current_version, migrate
from storage.models import NewDraft, UserSettings
from storage.store import Storage
from tests.harness import offline_settings

NOW = datetime(2026, 1, 1, tzinfo=UTC)
LATEST = available_migrations()[-1].version


async def test_a_new_database_is_migrated_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")
    try:
        assert await db.scalar("PRAGMA user_version") == LATEST
        assert await db.scalar("PRAGMA journal_mode") == "wal"
        assert await db.scalar("PRAGMA foreign_keys") == 1
    finally:
        await db.close()


async def test_the_database_file_is_owner_only(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "sub" / "a.db")
    await db.close()
    mode = stat.S_IMODE((tmp_path / "sub" / "a.db").stat().st_mode)
    assert mode & 0o077 == 0


async def test_running_migrations_twice_is_a_no_op(
    tmp_path: Path, database_url: str | None
) -> None:
    storage = await Storage.open(tmp_path / "a.db", database_url)
    await storage.users.touch(1, 1, "en", NOW)
    await storage.close()
    storage = await Storage.open(tmp_path / "a.db", database_url)
    assert await storage.users.count() == 1
    await storage.close()


@pytest.mark.parametrize("start", range(LATEST + 1))
async def test_migrations_from_every_earlier_version(tmp_path: Path, start: int) -> None:
    async with aiosqlite.connect(tmp_path / "a.db", isolation_level=None) as conn:
        assert await migrate(conn, target=start) == start
        assert await current_version(conn) == start
        assert await migrate(conn) == LATEST


async def test_a_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    async with aiosqlite.connect(tmp_path / "a.db", isolation_level=None) as conn:
        await conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(DatabaseTooNew, match=r"newer|only up to"):
        await Database.open(tmp_path / "a.db")


async def test_settings_round_trip_as_typed_rows(tmp_path: Path, database_url: str | None) -> None:
    storage = await Storage.open(tmp_path / "a.db", database_url)
    try:
        await storage.users.touch(5, 5, None, NOW)
        await storage.users.set_settings(5, UserSettings(keep_draft_text=True))
        await storage.users.set_time_zone(5, "Europe/Berlin")
        user = await storage.users.get(5)
        assert (
            user is not None and user.settings.keep_draft_text and user.time_zone == "Europe/Berlin"
        )
        assert user.first_seen == NOW
    finally:
        await storage.close()


async def test_the_user_row_survives_a_restart_of_the_application(
    tmp_path: Path, database_url: str | None
) -> None:
    db = tmp_path / "same.db"
    for round_ in range(2):
        api = MemoryBotApi()
        settings = offline_settings(db, FONDER_DATABASE_URL=database_url)
        app = build_application(settings, request=api, rate_limit=False)
        async with running(app):
            if round_ == 0:
                await ChatDriver(app, api).send("/start", user_id=99, language_code="fr")
            else:
                from handlers.services import services_of

                user = await services_of(app).storage.users.get(99)
                assert user is not None and user.language_code == "fr"


async def test_a_lone_statement_never_lands_inside_another_coroutines_transaction(
    tmp_path: Path,
) -> None:
    """A write asked for while another coroutine's transaction is open must wait for it, or
    its rollback would undo it."""
    db = await Database.open(tmp_path / "f.db")
    await db.write("CREATE TABLE t (x INTEGER)")
    opened = asyncio.Event()

    async def rolled_back() -> None:
        with pytest.raises(RuntimeError):
            async with db.transaction():
                await db.write("INSERT INTO t VALUES (1)")
                opened.set()
                await asyncio.sleep(0.05)
                raise RuntimeError("undo")

    async def lone_write() -> None:
        await opened.wait()
        await db.write("INSERT INTO t VALUES (2)")

    try:
        await asyncio.gather(rolled_back(), lone_write())
        assert [row[0] for row in await db.fetch_all("SELECT x FROM t")] == [2]
    finally:
        await db.close()


async def test_statements_asked_for_at_once_keep_their_own_results(tmp_path: Path) -> None:
    """Many updates waiting on the database at once: each caller gets its own rows, and a
    statement that fails fails only for its own caller."""
    db = await Database.open(tmp_path / "f.db")
    await db.write("CREATE TABLE t (x INTEGER PRIMARY KEY)")
    try:
        inserts = [db.write("INSERT INTO t VALUES (?) RETURNING x", (i,)) for i in range(50)]
        duplicate = db.write("INSERT INTO t VALUES (7)")  # fails: 7 is taken by then
        results = await asyncio.gather(*inserts, duplicate, return_exceptions=True)
        assert [row[0][0] for row in results[:50]] == list(range(50))  # type: ignore[index]
        assert isinstance(results[50], sqlite3.IntegrityError)
        assert await db.scalar("SELECT COUNT(*) FROM t") == 50
    finally:
        await db.close()


async def test_a_lone_statement_inside_a_transaction_is_part_of_it(tmp_path: Path) -> None:
    """Awaiting `fetch_all` or `write` inside `transaction()` used to wait forever for the lock
    its own transaction held. It must return, see the transaction's own writes, and be undone
    with it on rollback; other coroutines' statements still wait for the COMMIT."""
    db = await Database.open(tmp_path / "f.db")
    await db.write("CREATE TABLE t (x INTEGER)")
    try:

        async def inside() -> list[int]:
            async with db.transaction():
                await db.write("INSERT INTO t VALUES (1)")
                await db.write("INSERT INTO t VALUES (2)")
                return [row[0] for row in await db.fetch_all("SELECT x FROM t ORDER BY x")]

        assert await asyncio.wait_for(inside(), 5) == [1, 2]

        async def undone() -> None:
            async with db.transaction():
                await db.write("INSERT INTO t VALUES (3)")
                raise RuntimeError("undo")

        with pytest.raises(RuntimeError, match="undo"):
            await asyncio.wait_for(undone(), 5)
        assert await db.scalar("SELECT COUNT(*) FROM t WHERE x = 3") == 0
        assert await db.scalar("SELECT COUNT(*) FROM t") == 2
    finally:
        await db.close()


async def test_a_caller_cancelled_while_waiting_does_not_stall_the_others(tmp_path: Path) -> None:
    """An update cancelled mid-wait (a shutdown, a timeout) must not leave the statements
    queued with it, or the ones asked for after it, waiting forever."""
    db = await Database.open(tmp_path / "f.db")
    await db.write("CREATE TABLE t (x INTEGER)")
    try:
        writes = [
            asyncio.ensure_future(db.write("INSERT INTO t VALUES (?)", (i,))) for i in range(10)
        ]
        await asyncio.sleep(0)
        writes[3].cancel()
        done = await asyncio.wait_for(asyncio.gather(*writes, return_exceptions=True), 5)
        assert isinstance(done[3], asyncio.CancelledError)
        assert all(isinstance(r, list) for i, r in enumerate(done) if i != 3)
        assert await asyncio.wait_for(db.scalar("SELECT COUNT(*) FROM t"), 5) >= 9
    finally:
        await db.close()


async def test_closing_waits_for_statements_already_asked_for(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "f.db")
    await db.write("CREATE TABLE t (x INTEGER)")
    writes = [asyncio.ensure_future(db.write("INSERT INTO t VALUES (?)", (i,))) for i in range(20)]
    await asyncio.sleep(0)  # they are queued, not yet sent
    await db.close()
    assert all(w.done() and w.exception() is None for w in writes)
    with sqlite3.connect(tmp_path / "f.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 20


async def test_he_replied_is_one_change_all_or_nothing(
    tmp_path: Path, database_url: str | None
) -> None:
    """Marking a text answered and logging his reply are one transaction: a press on a text
    she never sent writes neither, and if logging the reply fails the mark is undone too, so
    her unanswered count and /insights can never disagree."""
    storage = await Storage.open(tmp_path / "a.db", database_url)
    try:
        await storage.users.touch(1, 1, "en", NOW)
        draft = NewDraft(
            user_id=1,
            created_at=NOW,
            source="draft",
            adds_value=True,
            score=80,
            flags=frozenset(),
            words=5,
            chars=20,
        )
        unsent, _ = await storage.drafts.add_with_state(draft, NOW)
        assert not await storage.drafts.he_replied(1, unsent, NOW)
        sent, _ = await storage.drafts.add_with_state(draft, NOW)
        await storage.drafts.mark_sent(1, sent, NOW)
        await storage.db.write("DROP TABLE replies")  # the reply's INSERT will now fail
        with pytest.raises((sqlite3.OperationalError, asyncpg.PostgresError)):
            await storage.drafts.he_replied(1, sent, NOW)
        assert await storage.db.scalar("SELECT outcome FROM drafts WHERE id = ?", (sent,)) is None
    finally:
        await storage.close()


async def test_a_transaction_cancelled_midway_leaves_nothing_and_the_database_usable(
    tmp_path: Path,
) -> None:
    """A shutdown or timeout that cancels an update inside its transaction must undo what it
    wrote, and must not leave the gate shut for everyone else's statements."""
    db = await Database.open(tmp_path / "f.db")
    await db.write("CREATE TABLE t (x INTEGER)")
    inside = asyncio.Event()

    async def slow_change() -> None:
        async with db.transaction():
            await db.write("INSERT INTO t VALUES (1)")
            inside.set()
            await asyncio.sleep(10)

    try:
        change = asyncio.ensure_future(slow_change())
        await inside.wait()
        change.cancel()
        with pytest.raises(asyncio.CancelledError):
            await change
        await asyncio.wait_for(db.write("INSERT INTO t VALUES (2)"), 5)
        assert [row[0] for row in await db.fetch_all("SELECT x FROM t")] == [2]
    finally:
        await db.close()


async def test_a_rally_running_during_the_upgrade_keeps_its_turn_count(tmp_path: Path) -> None:
    """Migration 7 moved the rally's turn count into a column; a rally mid-way through at the
    upgrade must not score its next return as turn one (the guard would then refuse it)."""
    async with aiosqlite.connect(tmp_path / "a.db", isolation_level=None) as conn:
        await migrate(conn, target=6)
        await conn.execute(
            "INSERT INTO users (user_id, chat_id, first_seen, last_seen) VALUES (1, 1, 'x', 'x')"
        )
        await conn.execute(
            "INSERT INTO rallies (user_id, seed, max_turns, origin, started_at, his_line, turns)"
            " VALUES (1, 1, 6, 'command', 'x', 'a', '[{\"stars\": 2}, {\"stars\": 3}]')"
        )
        await migrate(conn)
        async with conn.execute("SELECT played FROM rallies WHERE user_id = 1") as cursor:
            assert await cursor.fetchone() == (2,)
