"""Many users at once through the real update queue: no "database is locked", state correct.

FONDER_CONCURRENCY_USERS raises the count (the issue's full figure is 1,000 users x 5).
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path

from telegram import Update

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.memory_api import MemoryBotApi
from handlers.services import services_of
from tests.harness import FakeClock, offline_settings

USERS = int(os.environ.get("FONDER_CONCURRENCY_USERS", "200"))
MESSAGES = 5
DRAFT = "I burned the pasta AGAIN 🙈 can you cook or are we both doomed?"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage() + " " + str(record.exc_info))


async def test_many_users_writing_at_once_all_get_answers_and_nothing_is_locked(
    tmp_path: Path,
) -> None:
    api = MemoryBotApi()
    app = build_application(
        offline_settings(tmp_path / "f.db"),
        request=api,
        clock=FakeClock(),
        rate_limit=False,
        throttle=None,
    )
    collect = _Collect()
    logging.getLogger().addHandler(collect)
    try:
        async with running(app):
            driver = ChatDriver(app, api)
            for round_ in range(MESSAGES):
                for user in range(1, USERS + 1):
                    payload = {
                        "update_id": round_ * 100_000 + user,
                        "message": driver.message_json(DRAFT, user_id=user),
                    }
                    await app.update_queue.put(Update.de_json(payload, app.bot))
            expected = USERS * MESSAGES
            for _ in range(600):
                sent = sum(1 for c in api.calls if c.method == "sendMessage")
                if sent >= expected:
                    break
                await asyncio.sleep(0.05)
            storage = services_of(app).storage
            per_user = {u: len(await storage.drafts.all_for(u)) for u in range(1, USERS + 1)}
            users = await storage.users.count()
            integrity = await storage.db.scalar("PRAGMA integrity_check")
    finally:
        logging.getLogger().removeHandler(collect)
    answers = [c for c in api.calls if c.method == "sendMessage"]
    assert len(answers) == expected
    assert not [c for c in api.calls if c.error]
    assert users == USERS and set(per_user.values()) == {MESSAGES}  # every user, every draft
    assert integrity == "ok"
    per_chat = {c.chat_id for c in answers}
    assert per_chat == set(range(1, USERS + 1))  # every user got their own answers
    assert not [line for line in collect.lines if "locked" in line or "failed" in line]
