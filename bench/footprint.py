"""Start-up time and memory of the real bot process, and database bytes per user-week.

Start-up: from launching `fonder run` (against the loopback Bot API) to its command menu
arriving, and the process's RSS then — on an empty database and on one with 100,000 users
(20,000 with daily prompts, in one (zone, minute) group). Targets: <= 2 s, <= 120 MB. Bytes per user-week: 500 users
simulate a week of normal use through the storage layer.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from storage.models import NewDraft  # noqa: E402
from storage.store import Storage  # noqa: E402
from tests.support.loopback_api import BENCH_TOKEN, LoopbackBotApi  # noqa: E402


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def seed(db: Path, users: int, daily: int) -> None:
    storage = await Storage.open(db)
    now = datetime.now(UTC)
    for start in range(0, users, 10_000):
        await storage.users.import_many(
            [(i, i, now) for i in range(start + 1, min(users, start + 10_000) + 1)]
        )
    await storage.schedule.import_daily([(i, 19 * 60 + 30) for i in range(1, daily + 1)])
    await storage.close()


async def start_up(db: Path) -> tuple[float, float]:
    server = LoopbackBotApi(BENCH_TOKEN)
    await server.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "FONDER_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=BENCH_TOKEN,
        TELEGRAM_API_BASE_URL=server.base_url,
        FONDER_DB=str(db),
        LOG_LEVEL="WARNING",
    )
    began = time.monotonic()
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "fonder"), "run"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        await server.wait_for(lambda calls: any(c.method == "setMyCommands" for c in calls), 120)
        seconds = time.monotonic() - began
        await asyncio.sleep(1.0)
        memory = rss_mb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
        await server.stop()
    return seconds, memory


async def bytes_per_user_week(folder: Path, users: int = 500) -> float:
    db = folder / "week.db"
    storage = await Storage.open(db)
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    await storage.users.import_many([(i, i, now) for i in range(1, users + 1)])
    await storage.schedule.import_daily([(i, 19 * 60) for i in range(1, users + 1)])
    await storage.close()
    before = _size(db)
    storage = await Storage.open(db)
    for day in range(7):
        moment = now + timedelta(days=day)
        for user in range(1, users + 1):
            for n in range(4):  # four drafts critiqued, three sent, one reply from him
                draft, _ = await storage.drafts.add_with_state(
                    NewDraft(
                        user_id=user,
                        created_at=moment,
                        source="draft",
                        adds_value=n != 3,
                        score=70,
                        flags=frozenset({"playful", "invites_reply"}),
                        words=14,
                        chars=80,
                    ),
                    moment,
                )
                if n < 3:
                    await storage.drafts.mark_sent(user, draft, moment)
            await storage.drafts.his_message(user, moment, "question", since=moment)
            date = moment.date().isoformat()
            await storage.schedule.claim_prompt(user, date, f"p-{day}", moment)
            await storage.schedule.confirm_prompt(user, date)
            await storage.schedule.record_answer(
                user, date, (moment - timedelta(days=1)).date().isoformat()
            )
            await storage.schedule.mark_given(user, "opener", f"o-{day}", moment)
    await storage.close()
    return (_size(db) - before) / users


def _size(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
    return db.stat().st_size


async def main() -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        empty = folder / "empty.db"
        await seed(empty, 0, 0)
        big = folder / "big.db"
        await seed(big, 100_000, 20_000)
        t_empty, m_empty = await start_up(empty)
        t_big, m_big = await start_up(big)
        week = await bytes_per_user_week(folder)

    def ok(good: bool) -> str:
        return "yes" if good else "NO"

    print(f"{'measure':<52} {'value':>10} {'target':>10}  ok")
    print(f"{'start-up, empty database (s)':<52} {t_empty:>10.2f} {'<= 2':>10}  {ok(t_empty <= 2)}")
    print(f"{'RSS after start-up, empty database (MB)':<52} {m_empty:>10.1f} {'':>10}")
    print(
        f"{'start-up, 100,000 users / 20,000 daily subscribers (s)':<52} {t_big:>10.2f} {'<= 2':>10}  {ok(t_big <= 2)}"
    )
    print(
        f"{'RSS, 100,000 users / 20,000 daily subscribers (MB)':<52} {m_big:>10.1f} {'<= 120':>10}  {ok(m_big <= 120)}"
    )
    print(f"{'database bytes per user-week of normal use':<52} {week:>10,.0f} {'':>10}")


if __name__ == "__main__":
    asyncio.run(main())
