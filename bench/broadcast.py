"""Daily broadcast against the loopback Bot API server's 30 msg/s limit, over real HTTP.

Prints the achieved rate as a fraction of the limit (target >= 0.95) and the lost and
duplicated prompt counts (target 0). FONDER_BENCH_USERS sets the audience (default 600).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.app import build_application
from bot.settings import load_settings
from storage.store import Storage
from tests.support.loopback_api import BENCH_TOKEN, LoopbackBotApi

USERS = int(os.environ.get("FONDER_BENCH_USERS", "600"))
LIMIT = 30


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        storage = await Storage.open(db)
        now = datetime.now(UTC)
        await storage.users.import_many([(10_000 + i, 10_000 + i, now) for i in range(USERS)])
        await storage.schedule.import_daily([(10_000 + i, 0) for i in range(USERS)])
        await storage.close()
        server = LoopbackBotApi(BENCH_TOKEN, overall_per_second=LIMIT)
        await server.start()
        settings = load_settings(
            _env_file=None, TELEGRAM_BOT_TOKEN=BENCH_TOKEN, TELEGRAM_API_BASE_URL=server.base_url,
            FONDER_DB=str(db),
        )  # fmt: skip
        app = build_application(settings)
        stamps: list[float] = []
        server.api.add_listener(
            lambda c: (
                stamps.append(time.monotonic())
                if c.method == "sendMessage" and not c.error
                else None
            )
        )
        async with app:
            await app.post_init(app)  # type: ignore[misc]
            await app.start()
            deadline = time.monotonic() + USERS / LIMIT * 2 + 30
            while len(stamps) < USERS and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            await asyncio.sleep(1)
            await app.stop()
            await app.post_shutdown(app)  # type: ignore[misc]
        await server.stop()
    counts = Counter(
        int(c.params["chat_id"]) for c in server.calls if c.method == "sendMessage" and not c.error
    )
    lost = USERS - len(counts)
    duplicated = sum(1 for n in counts.values() if n > 1)
    span = stamps[-1] - stamps[0] if len(stamps) > 1 else float("nan")
    rate = (len(stamps) - 1) / span if span else 0.0
    print(f"{'measure':<36} {'value':>10} {'target':>10}  ok")
    print(f"{'prompts delivered':<36} {len(stamps):>10,} {USERS:>10,}")
    print(f"{'achieved rate, msg/s':<36} {rate:>10.1f} {'':>10}")
    print(
        f"{'fraction of the 30 msg/s limit':<36} {rate / LIMIT:>10.3f} {'>= 0.95':>10}  {'yes' if rate / LIMIT >= 0.95 else 'NO'}"
    )
    print(f"{'lost':<36} {lost:>10} {'0':>10}  {'yes' if lost == 0 else 'NO'}")
    print(f"{'duplicated':<36} {duplicated:>10} {'0':>10}  {'yes' if duplicated == 0 else 'NO'}")
    print(f"{'429 answers from the server':<36} {server.throttled:>10}")


if __name__ == "__main__":
    asyncio.run(main())
