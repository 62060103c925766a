"""/admin answers the operators in ADMIN_IDS with counts, and looks unknown to everyone else."""

from __future__ import annotations

from pathlib import Path

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.memory_api import MemoryBotApi
from tests.harness import FakeClock, messages, offline_settings
from tests.test_drafts import PLAYFUL


async def test_admin_shows_counts_to_admins_only(tmp_path: Path) -> None:
    api = MemoryBotApi()
    app = build_application(
        offline_settings(tmp_path / "f.db", ADMIN_IDS="7"),
        request=api,
        clock=FakeClock(),
        rate_limit=False,
        throttle=None,
    )
    async with running(app):
        driver = ChatDriver(app, api)
        await driver.send(PLAYFUL, user_id=1)
        await driver.send("/daily off", user_id=2)
        stranger = messages(await driver.send("/admin", user_id=1))
        admin = messages(await driver.send("/admin", user_id=7))
    assert "I don't know /admin" in stranger[0].plain  # not even admitted to exist
    report = admin[0].plain
    assert "Users: 3" in report and "Drafts critiqued: 1" in report
    assert PLAYFUL not in report  # counts only, never anyone's words
