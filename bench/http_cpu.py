"""CPU per update over real HTTP: Fonder beside a bare python-telegram-bot echo bot, one run.

Each bot runs as its own process, long-polling a Bot API server on 127.0.0.1 that lives in
this process (tests/support/loopback_api.py: real HTTP, Telegram's answers and flood limits).
The server hands out a steady RATE drafts a second from USERS users for SECONDS seconds; the
bot's CPU (user + system, all its threads, from /proc) is read when the load starts and when
its last reply has arrived. Rounds alternate echo and Fonder; each figure is the median of
ROUNDS. Target (issue 15): Fonder <= 1.25x the echo bot's CPU per update.

    python bench/http_cpu.py            # the comparison
    python bench/http_cpu.py echo URL   # (internal) the echo bot, polling URL
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from telegram import Update  # noqa: E402
from telegram.ext import ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.driver import ChatDriver  # noqa: E402
from tests.support.loopback_api import BENCH_TOKEN, LoopbackBotApi  # noqa: E402

RATE, SECONDS, USERS, WARM_UP, ROUNDS = 25, 20, 100, 20, 5
DRAFTS = [
    "I burned the pasta AGAIN 🙈 can you cook or are we both doomed?",
    "wanna grab tacos thursday after work?",
    "why aren't you answering me?? hello??",
    "Heading to bed early, big day tomorrow. Good luck with your match!",
    "ok so the cat knocked my coffee onto my laptop. is this a sign I should quit my job",
]
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its threads so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _replies(server: LoopbackBotApi) -> int:
    return sum(1 for c in server.calls if c.method == "sendMessage")


async def _settled(server: LoopbackBotApi, quiet: float = 0.5) -> None:
    """Wait until the bot has sent nothing for `quiet` seconds."""
    seen = -1
    while seen != len(server.calls):
        seen = len(server.calls)
        await asyncio.sleep(quiet)


async def _load(server: LoopbackBotApi, driver: ChatDriver, count: int, rate: float) -> None:
    """Push `count` drafts at `rate` a second, user after user."""
    start = time.monotonic()
    for i in range(count):
        user = 10_000 + i % USERS
        text = DRAFTS[i % len(DRAFTS)]
        server.push({"message": driver.message_json(text, user_id=user)})
        await asyncio.sleep(max(0.0, start + (i + 1) / rate - time.monotonic()))


async def one_round(kind: str) -> float:
    """CPU seconds per update for one bot under the steady load."""
    server = LoopbackBotApi(BENCH_TOKEN, rate_limits=True)
    await server.start()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": BENCH_TOKEN,
            "TELEGRAM_API_BASE_URL": server.base_url,
            "FONDER_DB": str(Path(folder) / "bench.db"),
            "LOG_LEVEL": "WARNING",
        }
        command = (
            [sys.executable, "-m", "bot", "run"]
            if kind == "fonder"
            else [sys.executable, __file__, "echo", server.base_url]
        )
        process = subprocess.Popen(command, cwd=folder, env=env)
        try:
            await server.wait_for(lambda calls: any(c.method == "deleteWebhook" for c in calls), 60)
            await asyncio.sleep(1)  # polling starts right after
            driver = ChatDriver(None, None)  # type: ignore[arg-type]  # only builds messages
            await _load(server, driver, WARM_UP, RATE)
            await server.wait_for(lambda calls: _replies(server) >= WARM_UP, 30)
            before, sent = cpu_seconds(process.pid), _replies(server)
            total = RATE * SECONDS
            await _load(server, driver, total, RATE)
            await server.wait_for(lambda calls: _replies(server) >= sent + total, 60)
            await _settled(server)  # a draft may get a second message (a break suggestion)
            return (cpu_seconds(process.pid) - before) / total
        finally:
            process.terminate()
            process.wait(30)
            await server.stop()


async def main() -> None:
    rounds: dict[str, list[float]] = {"echo": [], "fonder": []}
    for _ in range(ROUNDS):
        for kind in rounds:
            rounds[kind].append(await one_round(kind))
    echo, fonder = statistics.median(rounds["echo"]), statistics.median(rounds["fonder"])
    ratio = fonder / echo
    print(f"{'CPU per update over real HTTP':<40} {'ms':>8} {'target':>8}  ok")
    print(f"{'echo bot (python-telegram-bot)':<40} {1000 * echo:>8.3f}")
    print(f"{'Fonder':<40} {1000 * fonder:>8.3f}")
    print(f"{'Fonder / echo':<40} {ratio:>8.2f} {'<= 1.25':>8}  {'yes' if ratio <= 1.25 else 'NO'}")
    print(
        f"({RATE} drafts/s for {SECONDS} s from {USERS} users, after {WARM_UP} to warm up; "
        f"median of {ROUNDS} interleaved rounds, ms: "
        + "; ".join(f"{k} " + ", ".join(f"{1000 * r:.3f}" for r in v) for k, v in rounds.items())
        + ")"
    )


def echo_bot(base_url: str) -> None:
    """A bare python-telegram-bot echo bot: the floor Fonder is compared with."""

    async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        if update.effective_message and update.effective_chat:
            await context.bot.send_message(
                update.effective_chat.id, update.effective_message.text or ""
            )

    app: Any = (
        ApplicationBuilder()
        .token(BENCH_TOKEN)
        .base_url(f"{base_url}/bot")
        .concurrent_updates(256)
        .build()
    )
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(allowed_updates=Update.ALL_TYPES)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "echo":
        echo_bot(sys.argv[2])
    else:
        asyncio.run(main())
