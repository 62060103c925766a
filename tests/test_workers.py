"""Several workers sharing PostgreSQL: one runs the scheduled jobs, and another takes over.

Two real Applications (two "workers") on one PostgreSQL database, talking to one in-memory Bot
API as two processes talk to one Telegram. Leadership is checked by calling its step directly
instead of waiting for its timer.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
from telegram.ext import CommandHandler

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.jobs import group_name
from bot.leader import Leadership
from bot.memory_api import MemoryBotApi
from tests.harness import (
    FakeClock,
    Harness,
    job_names,
    messages,
    offline_settings,
    only_message,
    run_job,
)
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
        api = MemoryBotApi()
        for n in range(2):
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
    assert len(sent) == 1  # sent once, by the leader
    assert len([c for c in first.api.calls if "Today's practice" in c.text]) == 1  # by anyone


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


async def test_a_user_whose_updates_alternate_between_workers_loses_no_step(
    workers: tuple[Harness, Harness, AsyncExitStack],
) -> None:
    """Her state lives in the database, not in a worker's memory: /daily's question asked on
    one worker is answered on the other, a six-turn rally alternates turn by turn, and /forget
    asked on one is confirmed on the other."""
    first, second, _ = workers
    only_message(await first.send("/daily 7:15"))
    done = only_message(await second.send("Berlin"))
    assert "every day at <b>07:15</b>" in done.text

    assert "Rally practice" in only_message(await second.send("/rally")).plain
    returns = ["ok", "haha you wish. what's your worst habit? 😏", "lol", "cool", "sure", "fine"]
    shown = []
    for turn, text in enumerate(returns):
        worker = first if turn % 2 == 0 else second
        shown += messages(await worker.send(text))
    assert "Rally over" in shown[-1].plain and "in 6 turns" in shown[-1].plain

    ask = only_message(await first.send("/forget"))
    gone = only_message(await second.press(ask, "Yes, delete"))
    assert "deleted" in gone.plain
    assert sum((await first.storage.privacy.rows_about(1)).values()) == 0


async def _raise(update: object, context: object) -> None:
    raise RuntimeError("a fault in a handler")


async def test_operators_hear_of_an_error_once_an_hour_however_many_workers_meet_it(
    postgres: PostgresForTests, tmp_path: Path, clock: FakeClock
) -> None:
    """The once-an-hour memory is in the database: two workers meeting the same fault tell
    the operator once between them (each told once with a memory per process)."""
    url = await postgres.fresh_database()
    api = MemoryBotApi()
    async with AsyncExitStack() as stack:
        drivers = []
        for n in range(2):
            settings = offline_settings(
                tmp_path / f"unused{n}.db", FONDER_DATABASE_URL=url, ADMIN_IDS="7"
            )
            app = build_application(settings, request=api, clock=clock, rate_limit=False)
            app.handlers[0].insert(0, CommandHandler("fault", _raise))
            await stack.enter_async_context(running(app))
            drivers.append(ChatDriver(app, api))
        calls = [*await drivers[0].send("/fault", user_id=1)]
        calls += await drivers[1].send("/fault", user_id=2)
        clock.advance(hours=2)
        later = await drivers[1].send("/fault", user_id=3)

    def alerts(sent: list) -> int:  # type: ignore[type-arg]
        return sum(c.method == "sendMessage" and c.params["chat_id"] == 7 for c in sent)

    assert alerts(calls) == 1 and alerts(later) == 1
