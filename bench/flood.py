"""Flood: one user sending 50 messages a second must not slow everyone else down.

A hundred other users each send a draft a second (a brisk human pace, inside the throttle's
sustained rate) for three seconds, through the real
Application (default throttle, concurrent per-user processing, SQLite, the critic), once
alone and once beside a flooder sending 50 drafts a second. Their reply latency is compared,
measured in the same run. Target: p50 and p95 with the flood <= 2x without it; the flooder
gets one slow-down notice and is throttled.
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

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.memory_api import ApiCall, MemoryBotApi
from handlers.throttle import NOTICE
from tests.harness import offline_settings

OTHERS, EVERY, SECONDS, FLOOD_PER_SECOND = 100, 1.0, 3.0, 50
FLOODER = 999
DRAFT = "I burned the pasta AGAIN 🙈 can you cook or are we both doomed?"


async def _run(with_flood: bool) -> tuple[list[float], int, int]:
    """Latencies of the others' replies (ms), the flooder's replies and notices."""
    with tempfile.TemporaryDirectory() as folder:
        api = MemoryBotApi()
        app = build_application(
            offline_settings(Path(folder) / "flood.db"), request=api, rate_limit=False
        )
        async with running(app):
            driver = ChatDriver(app, api)
            pending: dict[int, list[float]] = {}
            latencies: list[float] = []
            flooder: list[ApiCall] = []

            def on_call(call: ApiCall) -> None:
                if call.method != "sendMessage" or call.chat_id is None:
                    return
                if call.chat_id == FLOODER:
                    flooder.append(call)
                elif pending.get(call.chat_id):
                    latencies.append(1000 * (time.perf_counter() - pending[call.chat_id].pop(0)))

            api.add_listener(on_call)
            update_id = [0]

            async def put(user_id: int) -> None:
                update_id[0] += 1
                payload = {
                    "update_id": update_id[0],
                    "message": driver.message_json(DRAFT, user_id=user_id),
                }
                if user_id != FLOODER:
                    pending.setdefault(user_id, []).append(time.perf_counter())
                await app.update_queue.put(Update.de_json(payload, app.bot))

            async def steady(user_id: int) -> None:
                for _ in range(int(SECONDS / EVERY)):
                    await put(user_id)
                    await asyncio.sleep(EVERY)

            async def flood() -> None:
                for _ in range(int(SECONDS * FLOOD_PER_SECOND)):
                    await put(FLOODER)
                    await asyncio.sleep(1 / FLOOD_PER_SECOND)

            tasks = [steady(100 + n) for n in range(OTHERS)]
            if with_flood:
                tasks.append(flood())
            await asyncio.gather(*tasks)
            deadline = time.perf_counter() + 10
            while any(pending.values()) and time.perf_counter() < deadline:
                await asyncio.sleep(0.01)
            notices = sum(1 for c in flooder if c.plain == NOTICE)
            return latencies, len(flooder) - notices, notices


def _p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1] if len(values) > 1 else values[0]


async def main() -> None:
    await _run(False)  # warm-up (imports, caches, first SQLite pages): not measured
    calm, _, _ = await _run(False)
    stormy, flooder_replies, notices = await _run(True)
    rows: list[tuple[str, Any, str, str]] = []
    for q in (50, 95):
        base, flood = _p(calm, q), _p(stormy, q)
        ok = "yes" if flood <= 2 * base else "NO"
        rows.append(
            (f"others' p{q} reply latency, ms (alone → flood)", f"{base:.1f} → {flood:.1f}", "", "")
        )
        rows.append((f"  ratio p{q}", f"{flood / base:.2f}", "<= 2.00", ok))
    sent = int(SECONDS * FLOOD_PER_SECOND)
    rows.append(("flooder: drafts sent / critiqued", f"{sent} / {flooder_replies}", "", ""))
    rows.append(("flooder: slow-down notices", str(notices), "1", "yes" if notices == 1 else "NO"))
    rows.append(
        ("others: replies received", f"{len(stormy)} of {OTHERS * int(SECONDS / EVERY)}", "", "")
    )
    print(f"{'measure':<48} {'value':>16} {'target':>8}  ok")
    for name, value, target, ok in rows:
        print(f"{name:<48} {value:>16} {target:>8}  {ok}")
    print(
        f"({OTHERS} users every {EVERY * 1000:.0f} ms for {SECONDS:.0f} s; flooder at {FLOOD_PER_SECOND}/s)"
    )


if __name__ == "__main__":
    asyncio.run(main())
