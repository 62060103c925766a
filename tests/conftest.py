from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.memory_api import MemoryBotApi
from tests.harness import FakeClock, Harness, offline_settings
from tests.support.postgres import PostgresForTests, start_postgres

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresForTests]:
    """One real PostgreSQL server for the whole run (pgserver), started on first use."""
    yield from start_postgres()


@pytest.fixture(params=BACKENDS)
async def database_url(request: pytest.FixtureRequest) -> str | None:
    """Each test that takes this runs twice: on SQLite (None) and on a fresh PostgreSQL
    database. A test that reads the SQLite file itself marks itself `sqlite_only`."""
    if request.param == "sqlite":
        return None
    if request.node.get_closest_marker("sqlite_only"):
        pytest.skip("reads the SQLite file itself")
    server: PostgresForTests = request.getfixturevalue("postgres")
    return await server.fresh_database()


@pytest.fixture
async def bot(tmp_path: Path, clock: FakeClock, database_url: str | None) -> AsyncIterator[Harness]:
    """The real Application on a fresh database (SQLite, then PostgreSQL); fails the test if
    any reply was refused."""
    db = tmp_path / "fonder.db"
    api = MemoryBotApi()
    settings = offline_settings(db, FONDER_DATABASE_URL=database_url)
    app = build_application(settings, request=api, clock=clock, rate_limit=False, throttle=None)
    async with running(app):
        harness = Harness(app, api, ChatDriver(app, api), clock, db)
        yield harness
    refused = [(c.method, c.error, c.text[:200]) for c in harness.refused()]
    assert not refused, f"Telegram would have refused: {refused}"
