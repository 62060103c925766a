"""Updates per second through the webhook: 1 worker on SQLite, and 1, 2 and 4 workers on
PostgreSQL, in one run, with CPU per update.

Each configuration runs `fonder webhook` as a real process (with `--workers N` for several)
behind 127.0.0.1, talking to a Bot API server in this process (tests/support/loopback_api.py,
here without flood limits, and the workers unpaced: the question is how fast Fonder can go,
not Telegram). USERS users each POST PER_USER drafts one after another, as Telegram delivers
them (the next once the last got its 200), all users at once, over 40 kept-alive connections
as Telegram keeps them (the kernel hands each connection to a worker). The figure is drafts answered per second, from the first
POST to the last answer; CPU is the workers' user + system time (from /proc) per draft;
"harness" is this process's (the client and the Bot API server), and "machine busy" the share
of all cores busy meanwhile: where it is near 100% with one worker, a second has no core.
PostgreSQL is a local server from the pgserver package (its CPU is not counted). Targets
(issue 15): 2 workers >= 1.5x one worker, PostgreSQL with 1 worker >= 0.6x SQLite.

    python bench/workers.py
"""

from __future__ import annotations

import asyncio
import itertools
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.http_cpu import DRAFTS, cpu_seconds  # noqa: E402
from tests.support.loopback_api import BENCH_TOKEN, LoopbackBotApi  # noqa: E402
from tests.support.postgres import PostgresForTests, start_postgres  # noqa: E402
from tests.support.webhook_client import free_port, text_update, wait_healthy  # noqa: E402

USERS, PER_USER, WARM_UP = 200, 5, 40
# Telegram keeps up to 40 connections open to a webhook (setWebhook max_connections); the
# kernel hands each new one to a worker, so kept-alive connections spread too.
CONNECTIONS = 40
SECRET = "bench-secret"
CONFIGS = [("sqlite", 1), ("postgresql", 1), ("postgresql", 2), ("postgresql", 4)]
_ids = itertools.count(1)


def _family(pid: int) -> list[int]:
    """The process and its children (the workers of --workers N)."""
    found = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def _machine_busy() -> tuple[float, float]:
    """(busy, all) CPU seconds of the whole machine so far, every core (Linux /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    ticks = os.sysconf("SC_CLK_TCK")
    return (sum(fields) - idle) / ticks, sum(fields) / ticks


def _update(user: int, text: str) -> dict[str, Any]:
    return text_update(next(_ids), user, text)


def _answers(server: LoopbackBotApi) -> int:
    return sum(1 for c in server.calls if c.method == "sendMessage")


async def _post_all(http: aiohttp.ClientSession, base: str, users: range, per_user: int) -> None:
    async def one_user(user: int) -> None:
        for n in range(per_user):
            async with http.post(
                f"{base}/telegram",
                json=_update(user, DRAFTS[(user + n) % len(DRAFTS)]),
                headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
            ) as response:
                assert response.status == 200, response.status

    await asyncio.gather(*(one_user(u) for u in users))


Result = tuple[float, float, float, float]


async def one_config(kind: str, workers: int, postgres: PostgresForTests) -> Result:
    """(drafts answered per second, worker CPU ms per draft, this process's CPU ms per draft
    (the client and the Bot API server), share of the machine's CPU busy meanwhile)."""
    server = LoopbackBotApi(BENCH_TOKEN, rate_limits=False)
    await server.start()
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("FONDER_", "TELEGRAM_"))},
            "TELEGRAM_BOT_TOKEN": BENCH_TOKEN,
            "TELEGRAM_API_BASE_URL": server.base_url,
            "FONDER_DB": str(Path(folder) / "bench.db"),
            "FONDER_WEBHOOK_URL": "https://bot.example.org/telegram",
            "FONDER_WEBHOOK_SECRET": SECRET,
            "FONDER_LISTEN_HOST": "127.0.0.1",
            "FONDER_LISTEN_PORT": str(port),
            "LOG_LEVEL": "WARNING",
        }
        if kind == "postgresql":
            env["FONDER_DATABASE_URL"] = await postgres.fresh_database()
        command = [sys.executable, "-m", "bot", "webhook", "--unpaced"]
        if workers > 1:
            command += ["--workers", str(workers)]
        process = subprocess.Popen(command, cwd=folder, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            connector = aiohttp.TCPConnector(limit=CONNECTIONS)
            async with aiohttp.ClientSession(connector=connector) as http:
                await wait_healthy(http, base, timeout=60)
                await asyncio.sleep(1 if workers == 1 else 3)
                await _post_all(http, base, range(1, WARM_UP + 1), 1)
                await server.wait_for(lambda _: _answers(server) >= WARM_UP, 60)
                family = _family(process.pid)
                cpu_before = sum(cpu_seconds(p) for p in family)
                own_before, machine_before = cpu_seconds(os.getpid()), _machine_busy()
                start, done = time.monotonic(), _answers(server)
                total = USERS * PER_USER
                await _post_all(http, base, range(10_000, 10_000 + USERS), PER_USER)
                await server.wait_for(lambda _: _answers(server) >= done + total, 300)
                took = time.monotonic() - start
                cpu = sum(cpu_seconds(p) for p in family) - cpu_before
                own = cpu_seconds(os.getpid()) - own_before
                busy, every = (b - a for a, b in zip(machine_before, _machine_busy(), strict=True))
                return total / took, 1000 * cpu / total, 1000 * own / total, busy / every
        finally:
            process.terminate()
            process.wait(60)
            await server.stop()


async def main() -> None:
    postgres_server = start_postgres()
    postgres = next(postgres_server)
    results: dict[tuple[str, int], Result] = {}
    try:
        for kind, workers in CONFIGS:
            results[kind, workers] = await one_config(kind, workers, postgres)
    finally:
        postgres_server.close()
    print(
        f"{'configuration':<28} {'drafts/s':>9} {'CPU ms/draft':>13} {'harness ms/draft':>17} "
        f"{'machine busy':>13}"
    )
    for (kind, workers), (rate, cpu, own, busy) in results.items():
        print(
            f"{kind + f', {workers} worker(s)':<28} {rate:>9,.0f} {cpu:>13.2f} {own:>17.2f} "
            f"{busy:>13.0%}"
        )
    one = results["postgresql", 1][0]
    two = results["postgresql", 2][0]
    sqlite = results["sqlite", 1][0]
    print(f"2 workers / 1 worker (PostgreSQL): {two / one:.2f} (target >= 1.5)")
    print(f"PostgreSQL / SQLite, 1 worker: {one / sqlite:.2f} (target >= 0.6)")
    print(
        f"({USERS} users x {PER_USER} drafts, each user's next once the last got its 200; "
        f"{os.cpu_count()} cores shared with PostgreSQL, the Bot API server and this client)"
    )


if __name__ == "__main__":
    asyncio.run(main())
