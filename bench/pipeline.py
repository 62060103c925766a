"""Full pipeline speed: updates per second through the real Application, SQLite and the critic,
against a bare echo Application measured in the same run (same in-memory Bot API, same
per-user update processor). Targets: >= 1,000 updates/s and >= 0.5x the echo floor.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from telegram import Update
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.memory_api import MemoryBotApi
from bot.updates import PerUserUpdateProcessor
from tests.harness import offline_settings

USERS, PER_USER = 500, 4
DRAFTS = [
    "I burned the pasta AGAIN 🙈 can you cook or are we both doomed?",
    "wanna grab tacos thursday after work?",
    "why aren't you answering me?? hello??",
    "Heading to bed early, big day tomorrow. Good luck with your match!",
]


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message and update.effective_chat:
        await context.bot.send_message(
            update.effective_chat.id, update.effective_message.text or ""
        )


async def _drive(app: Any, api: MemoryBotApi) -> float:
    driver = ChatDriver(app, api)
    sent, failed = [0], [0]

    def count(call: Any) -> None:
        sent[0] += call.method == "sendMessage" and call.error is None
        failed[0] += call.error is not None

    api.add_listener(count)
    updates = [
        Update.de_json(
            {"update_id": i, "message": driver.message_json(DRAFTS[i % 4], user_id=1 + i % USERS)},
            app.bot,
        )
        for i in range(USERS * PER_USER)
    ]
    start = time.perf_counter()
    for update in updates:
        await app.update_queue.put(update)
    while sent[0] < len(updates):
        if failed[0]:
            raise SystemExit(f"the in-memory Bot API refused {failed[0]} call(s)")
        await asyncio.sleep(0.002)
    return len(updates) / (time.perf_counter() - start)


async def echo_rate() -> float:
    api = MemoryBotApi(server_checks=False)
    app = (
        ApplicationBuilder()
        .token("0:echo")
        .request(api)
        .get_updates_request(api)
        .concurrent_updates(PerUserUpdateProcessor(256))
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, _echo))
    async with app:
        await app.start()
        rate = await _drive(app, api)
        await app.stop()
    return rate


async def fonder_rate() -> float:
    with tempfile.TemporaryDirectory() as folder:
        api = MemoryBotApi(server_checks=False)
        app = build_application(
            offline_settings(Path(folder) / "bench.db"),
            request=api,
            rate_limit=False,
            throttle=None,
        )
        async with running(app):
            return await _drive(app, api)


ROUNDS = 3


async def main() -> None:
    # Interleaved rounds, median of each: one slow moment on a shared machine moves one
    # round, not the figure. The ratio is of the medians, all from this one run.
    echoes, fonders = [], []
    for _ in range(ROUNDS):
        echoes.append(await echo_rate())
        fonders.append(await fonder_rate())
    echo, fonder = statistics.median(echoes), statistics.median(fonders)
    print(f"{'measure':<40} {'value':>12} {'target':>12}  ok")
    print(f"{'echo Application, updates/s':<40} {echo:>12,.0f} {'':>12}")
    ratio = fonder / echo
    ok_rate, ok_ratio = "yes" if fonder >= 1000 else "NO", "yes" if ratio >= 0.5 else "NO"
    print(
        f"{'Fonder (SQLite + critic), updates/s':<40} {fonder:>12,.0f} {'>= 1,000':>12}  {ok_rate}"
    )
    print(f"{'Fonder / echo':<40} {ratio:>12.2f} {'>= 0.50':>12}  {ok_ratio}")
    print(
        f"({USERS} users x {PER_USER} drafts each, in-memory Bot API without Telegram's "
        f"server-side checks; median of {ROUNDS} interleaved rounds: "
        f"echo {', '.join(f'{e:,.0f}' for e in echoes)}; "
        f"Fonder {', '.join(f'{f:,.0f}' for f in fonders)})"
    )


if __name__ == "__main__":
    asyncio.run(main())
