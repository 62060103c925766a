"""Several workers sharing PostgreSQL: one runs the scheduled jobs, and another takes over.

Two real Applications (two "workers") on one PostgreSQL database, each with its own in-memory
Bot API. Leadership is checked by calling its step directly instead of waiting for its timer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import pytest

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.jobs import group_name
from bot.leader import Leadership
from bot.memory_api import MemoryBotApi
from tests.harness import FakeClock, Harness, job_names, messages, offline_settings, run_job
from tests.support.postgres import PostgresForTests

BERLIN_1930 = group_name("Europe/Berlin", 19 * 60 + 30)


def _leadership(worker: Harness) -> Leadership:
    leadership = worker.app.bot_data.leadership
    assert isinstance(leadership, Leadership)
    return leadership


@pytest.fixture
async def workers(
    postgres: PostgresForTests, tmp_path: Path, clock: FakeClock
) -> AsyncIterator[tuple[Harness, Harness, AsyncExitStack]]:
    url = await postgres.fresh_database()
    async with AsyncExitStack() as stack:
        started = []
        for n in range(2):
            api = MemoryBotApi()
            settings = offline_settings(tmp_path / f"unused{n}.db", FONDER_DATABASE_URL=url)
            app = build_application(settings, request=api, clock=clock, rate_limit=False)
            inner = AsyncExitStack()
            await inner.enter_async_context(running(app))
            stack.push_async_callback(inner.aclose)
            started.append((Harness(app, api, ChatDriver(app, api), clock, tmp_path), inner))
        (first, first_stack), (second, _) = started
        yield first, second, first_stack


async def test_one_worker_runs_the_jobs_and_learns_schedules_set_on_another(
    workers: tuple[Harness, Harness, AsyncExitStack],
) -> None:
    first, second, _ = workers
    assert _leadership(first).leading and not _leadership(second).leading
    await second.send("/tz Europe/Berlin")
    await second.send("/daily 19:30")
    assert BERLIN_1930 not in job_names(second)  # the follower schedules nothing itself
    await _leadership(first).step()  # the leader's periodic look at the database
    assert BERLIN_1930 in job_names(first)
    sent = [c for c in messages(await run_job(first, BERLIN_1930)) if "Today's practice" in c.plain]
    assert len(sent) == 1  # sent once, by the leader, through its own Bot API connection
    assert not [c for c in second.api.calls if "Today's practice" in c.text]


async def test_when_the_leader_stops_another_worker_takes_over_the_jobs(
    workers: tuple[Harness, Harness, AsyncExitStack],
) -> None:
    first, second, first_stack = workers
    await first.send("/tz Europe/Berlin")
    await first.send("/daily 19:30")
    await second.send("/break 2h", user_id=5)
    assert BERLIN_1930 in job_names(first)
    await _leadership(second).step()
    assert not _leadership(second).leading  # the lock is still held
    await first_stack.aclose()  # the leader stops (a kill -9 drops its connection the same way)
    await _leadership(second).step()
    assert _leadership(second).leading
    assert BERLIN_1930 in job_names(second) and "break:5" in job_names(second)
