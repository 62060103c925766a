"""kill -9 of the worker running the daily broadcast, with two webhook workers on PostgreSQL.

Two `fonder webhook` processes share one PostgreSQL database and one loopback Bot API (with
Telegram's flood limits). One of them leads (runs the scheduled jobs); it is killed with -9 a
third of the way through the broadcast; the other takes over and finishes it. CI uses 150
users; FONDER_CRASH_USERS=2000 runs the issue's full figure.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from storage.store import Storage
from tests.support.loopback_api import LoopbackBotApi
from tests.support.postgres import PostgresForTests
from tests.support.webhook_client import free_port
from tests.test_crash_broadcast import USERS, _prompts, tally
from tests.test_http_journey import TOKEN, bot_env, run_fonder

LEADS = "this worker runs the scheduled jobs"


async def _seed(url: str) -> None:
    storage = await Storage.open("unused.db", url)
    now = datetime.now(UTC)
    for user in range(1, USERS + 1):
        await storage.users.touch(1000 + user, 1000 + user, "en", now)
        await storage.schedule.set_daily(1000 + user, 0)  # 00:00 UTC: already due today
    await storage.close()


def _worker(tmp_path: Path, server: LoopbackBotApi, url: str, name: str) -> subprocess.Popen[bytes]:
    env = bot_env(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=server.base_url,
        FONDER_DATABASE_URL=url,
        FONDER_WEBHOOK_URL="https://bot.example.org/telegram",
        FONDER_WEBHOOK_SECRET="crash-test-secret",
        FONDER_LISTEN_HOST="127.0.0.1",
        FONDER_LISTEN_PORT=str(free_port()),
        FONDER_LEADER_CHECK_SECONDS="1",
        LOG_LEVEL="INFO",
    )
    return run_fonder(tmp_path, ["webhook"], env, f"{name}.log")


async def _leader(tmp_path: Path, workers: dict[str, subprocess.Popen[bytes]]) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        leading = [n for n in workers if LEADS in (tmp_path / f"{n}.log").read_text()]
        if leading:
            assert len(leading) == 1, leading
            return leading[0]
        await asyncio.sleep(0.05)
    raise TimeoutError("no worker took the jobs")


async def test_killing_the_leading_worker_mid_broadcast_loses_no_prompt(
    postgres: PostgresForTests, tmp_path: Path
) -> None:
    url = await postgres.fresh_database()
    await _seed(url)
    server = LoopbackBotApi(TOKEN)
    await server.start()
    workers: dict[str, subprocess.Popen[bytes]] = {}
    try:
        workers = {n: _worker(tmp_path, server, url, n) for n in ("a", "b")}
        await server.wait_for(lambda _: len(_prompts(server)) >= USERS // 3, 120)
        leader = await _leader(tmp_path, workers)
        survivor = next(n for n in workers if n != leader)
        workers[leader].send_signal(signal.SIGKILL)
        workers[leader].wait(timeout=10)
        before = _prompts(server)
        await server.wait_for(lambda _: len(_prompts(server)) >= USERS, 60 + USERS / 20)
        await asyncio.sleep(2)  # anything that would be sent twice has had time to be
        assert LEADS in (tmp_path / f"{survivor}.log").read_text()
        workers[survivor].send_signal(signal.SIGTERM)
        workers[survivor].wait(timeout=20)
    finally:
        for process in workers.values():
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        await server.stop()
    lost, duplicated = tally(server, before)
    print("workers=2 (PostgreSQL), the leader killed")
    assert lost == []
    assert len(duplicated) <= 1  # at most the single prompt that was in flight at the kill
    assert workers[survivor].returncode == 0
    storage = await Storage.open("unused.db", url)
    try:
        delivered = await storage.db.scalar(
            "SELECT COUNT(*) FROM daily WHERE delivered_date IS NOT NULL"
        )
    finally:
        await storage.close()
    assert delivered == USERS
