"""Telegram's refusals over real HTTP: 429 Too Many Requests is waited out, 403 is final.

The real Application, with its production rate limiter, talks to the loopback Bot API server
over HTTP. The server allows only 10 messages a second, so the daily broadcast meets real
429s with retry_after; one user has blocked the bot and answers 403.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bot.app import build_application, running
from handlers.services import services_of
from storage.store import Storage
from tests.harness import offline_settings
from tests.support.loopback_api import LoopbackBotApi
from tests.test_http_journey import TOKEN

USERS, BLOCKED = 30, 1007


async def _seed(db: Path) -> None:
    storage = await Storage.open(db)
    now = datetime.now(UTC)
    for user in range(1001, 1001 + USERS):
        await storage.users.touch(user, user, "en", now)
        await storage.schedule.set_daily(user, 0)  # 00:00 UTC: due today, caught up at start
    await storage.close()


def _prompts(server: LoopbackBotApi) -> Counter[int]:
    return Counter(
        int(c.params["chat_id"])
        for c in server.calls
        if c.method == "sendMessage" and not c.error and "Today's practice" in c.text
    )


async def test_a_broadcast_waits_out_429s_and_stops_at_a_user_who_blocked_it(
    tmp_path: Path,
) -> None:
    server = LoopbackBotApi(TOKEN, overall_per_second=10, per_chat_per_second=1)
    server.api.blocked.add(BLOCKED)
    await server.start()
    db = tmp_path / "f.db"
    await _seed(db)
    settings = offline_settings(db, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=server.base_url)
    app = build_application(settings)  # real HTTP, AIORateLimiter with retries
    try:
        async with running(app):
            await server.wait_for(lambda _: len(_prompts(server)) >= USERS - 1, timeout=60)
            await asyncio.sleep(0.5)  # nothing more should arrive
            storage = services_of(app).storage
            blocked = await storage.users.get(BLOCKED)
    finally:
        await server.stop()
    prompts = _prompts(server)
    assert server.throttled > 0  # the server really answered 429 with retry_after…
    assert set(prompts) == set(range(1001, 1001 + USERS)) - {BLOCKED}  # …and none was lost
    assert set(prompts.values()) == {1}  # nor sent twice
    tries = [c for c in server.calls if c.chat_id == BLOCKED and c.method == "sendMessage"]
    assert len(tries) == 1 and tries[0].error and "blocked" in tries[0].error  # no retry storm
    assert blocked is not None and not blocked.active
