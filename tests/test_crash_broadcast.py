"""kill -9 during the daily broadcast: after a restart every user has their prompt for the day.

The bot process runs over real HTTP against the loopback server (30 msg/s). CI uses 150
users; FONDER_CRASH_USERS=2000 runs the issue's full figure (about 70 s at 30 msg/s).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from storage.store import Storage
from tests.support.loopback_api import LoopbackBotApi
from tests.test_http_journey import TOKEN, bot_env, run_fonder

USERS = int(os.environ.get("FONDER_CRASH_USERS", "150"))


def _prompts(server: LoopbackBotApi) -> Counter[int]:
    return Counter(
        int(c.params["chat_id"])
        for c in server.calls
        if c.method == "sendMessage" and not c.error and "Today's practice" in c.text
    )


def tally(server: LoopbackBotApi, before: Counter[int]) -> tuple[list[int], list[int]]:
    """Users who got no prompt and users who got more than one; prints the run's figures."""
    counts = _prompts(server)
    lost = [u for u in range(1001, 1001 + USERS) if counts[u] == 0]
    duplicated = [u for u, n in counts.items() if n > 1]
    print(
        f"users={USERS} before_kill={len(before)} lost={len(lost)} "
        f"duplicated={len(duplicated)} throttled={server.throttled}"
    )
    return lost, duplicated


async def _seed(db: Path) -> None:
    storage = await Storage.open(db)
    now = datetime.now(UTC)
    for user in range(1, USERS + 1):
        await storage.users.touch(1000 + user, 1000 + user, "en", now)
        await storage.schedule.set_daily(1000 + user, 0)  # 00:00 UTC: already due today
    await storage.close()


def _start(
    tmp_path: Path, server: LoopbackBotApi, db: Path, log_name: str
) -> subprocess.Popen[bytes]:
    env = bot_env(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=server.base_url,
        FONDER_DB=str(db),
        LOG_LEVEL="INFO",
    )
    return run_fonder(tmp_path, ["run"], env, log_name)


async def test_a_kill_9_mid_broadcast_loses_no_prompt_and_repeats_at_most_the_one_in_flight(
    tmp_path: Path,
) -> None:
    db = tmp_path / "f.db"
    await _seed(db)
    server = LoopbackBotApi(TOKEN)
    await server.start()
    processes: list[subprocess.Popen[bytes]] = []
    try:
        first = _start(tmp_path, server, db, "first.log")
        processes.append(first)
        await server.wait_for(lambda _: len(_prompts(server)) >= USERS // 3, 120)
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        before = _prompts(server)
        second = _start(tmp_path, server, db, "second.log")
        processes.append(second)
        await server.wait_for(lambda _: len(_prompts(server)) >= USERS, 60 + USERS / 20)
        await asyncio.sleep(2)  # anything that would be sent twice has had time to be
        second.send_signal(signal.SIGTERM)
        second.wait(timeout=20)
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
        await server.stop()
    lost, duplicated = tally(server, before)
    assert lost == []
    assert len(duplicated) <= 1  # at most the single prompt that was in flight at the kill
    assert second.returncode == 0
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        delivered = conn.execute(
            "SELECT COUNT(*) FROM daily WHERE delivered_date IS NOT NULL"
        ).fetchone()[0]
    assert delivered == USERS
