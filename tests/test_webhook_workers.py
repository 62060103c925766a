"""`fonder webhook --workers 2` on PostgreSQL: two worker processes on one port.

Users write at once; each user's messages are POSTed one after another as Telegram delivers
them (the next once the last got its 200), over fresh connections, so the kernel spreads them
across both workers. Every draft must be answered, each user's answers in the order she sent,
and no user may see an error, and the two together must stay within Telegram's 30 messages a
second (the loopback Bot API answers 429 past it, as Telegram does). CI uses 100 users x 5
messages; FONDER_WORKERS_USERS=1000 runs the issue's full figure.
"""

from __future__ import annotations

import asyncio
import itertools
import os
import re
import signal
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import aiohttp

from tests.support.loopback_api import LoopbackBotApi
from tests.support.postgres import PostgresForTests
from tests.support.webhook_client import free_port, text_update, wait_healthy
from tests.test_http_journey import TOKEN, bot_env, run_fonder

USERS = int(os.environ.get("FONDER_WORKERS_USERS", "100"))
MESSAGES = 5
SECRET = "workers-test-secret"
DRAFT = re.compile(r"draft (\d) from (\d+)")
_update_ids = itertools.count(1)


def _update(user: int, text: str) -> dict[str, Any]:
    return text_update(next(_update_ids), user, text)


async def test_two_workers_answer_every_draft_in_each_users_order(
    postgres: PostgresForTests, tmp_path: Path
) -> None:
    url = await postgres.fresh_database()
    # Telegram's overall 30/s; private chats get a burst above 1/s (five answers in a row)
    server = LoopbackBotApi(TOKEN, per_chat_per_second=5, per_chat_burst=5)
    await server.start()
    port = free_port()
    env = bot_env(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=server.base_url,
        FONDER_DATABASE_URL=url,
        FONDER_WEBHOOK_URL="https://bot.example.org/telegram",
        FONDER_WEBHOOK_SECRET=SECRET,
        FONDER_LISTEN_HOST="127.0.0.1",
        FONDER_LISTEN_PORT=str(port),
        LOG_LEVEL="INFO",
    )
    workers = run_fonder(tmp_path, ["webhook", "--workers", "2"], env, "workers.log")
    base = f"http://127.0.0.1:{port}"
    statuses: list[int] = []
    # a fresh connection per request: the kernel picks a worker for each
    connector = aiohttp.TCPConnector(force_close=True, limit=200)
    try:
        async with aiohttp.ClientSession(connector=connector) as http:
            await wait_healthy(http, base)

            async def one_user(user: int) -> None:
                for n in range(MESSAGES):
                    text = f"draft {n} from {user}: made pasta from scratch, want the recipe?"
                    async with http.post(
                        f"{base}/telegram",
                        json=_update(user, text),
                        headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                    ) as response:
                        statuses.append(response.status)

            started = time.monotonic()
            await asyncio.gather(*(one_user(1000 + u) for u in range(USERS)))
            await server.wait_for(
                lambda calls: sum(1 for c in calls if DRAFT.search(c.text)) >= USERS * MESSAGES,
                60 + USERS * MESSAGES / 20,
            )
            took = time.monotonic() - started
    finally:
        workers.send_signal(signal.SIGTERM)
        try:
            workers.wait(timeout=30)
        finally:
            if workers.poll() is None:
                workers.kill()
        await server.stop()
    order: dict[int, list[int]] = defaultdict(list)
    for call in server.calls:
        found = DRAFT.search(call.text) if call.method == "sendMessage" else None
        if found:
            order[int(found.group(2))].append(int(found.group(1)))
    errors = [c for c in server.calls if "went wrong" in c.text]
    listening = (tmp_path / "workers.log").read_text().count("webhook: listening")
    print(
        f"workers=2 users={USERS} messages={USERS * MESSAGES} answered={sum(map(len, order.values()))} "
        f"in {took:.1f}s errors={len(errors)} throttled={server.throttled}"
    )
    assert server.throttled == 0  # the workers shared 30 msg/s between them
    assert listening == 2  # both workers served the port
    assert statuses == [200] * (USERS * MESSAGES)
    assert errors == []
    assert len(order) == USERS
    assert all(seen == list(range(MESSAGES)) for seen in order.values()), [
        (u, s) for u, s in order.items() if s != list(range(MESSAGES))
    ][:5]
    assert workers.returncode == 0
