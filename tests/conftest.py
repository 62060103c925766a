from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.memory_api import MemoryBotApi
from tests.harness import FakeClock, Harness, offline_settings


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def bot(tmp_path: Path, clock: FakeClock) -> AsyncIterator[Harness]:
    """The real Application on a fresh database; fails the test if any reply was refused."""
    db = tmp_path / "fonder.db"
    api = MemoryBotApi()
    app = build_application(
        offline_settings(db), request=api, clock=clock, rate_limit=False, throttle=None
    )
    async with running(app):
        harness = Harness(app, api, ChatDriver(app, api), clock, db)
        yield harness
    refused = [(c.method, c.error, c.text[:200]) for c in harness.refused()]
    assert not refused, f"Telegram would have refused: {refused}"
