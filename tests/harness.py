"""The offline harness: the real Application, an in-memory Bot API, a controllable clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.app import App
from bot.driver import ChatDriver
from bot.memory_api import ApiCall, MemoryBotApi
from bot.settings import Settings, load_settings
from handlers.services import Services, services_of
from storage.store import Storage


@dataclass
class FakeClock:
    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 12, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def offline_settings(db: Path, **extra: Any) -> Settings:
    values: dict[str, Any] = {
        "_env_file": None,
        "TELEGRAM_BOT_TOKEN": None,
        "TELEGRAM_API_BASE_URL": None,
        "FONDER_DB": str(db),
    }
    values.update(extra)
    return load_settings(**values)


@dataclass
class Harness:
    app: App
    api: MemoryBotApi
    driver: ChatDriver
    clock: FakeClock
    db_path: Path

    @property
    def services(self) -> Services:
        return services_of(self.app)

    @property
    def storage(self) -> Storage:
        return self.services.storage

    async def send(self, text: str | None = None, **kwargs: Any) -> list[ApiCall]:
        return await self.driver.send(text, **kwargs)

    async def press(self, call: ApiCall, label: str, **kwargs: Any) -> list[ApiCall]:
        return await self.driver.press_button(call, label, **kwargs)

    def refused(self) -> list[ApiCall]:
        """Calls Telegram would have rejected: each one is a user who got silence."""
        return [c for c in self.api.calls if c.error]


def messages(calls: list[ApiCall]) -> list[ApiCall]:
    """Only what the user would see as a new or edited message."""
    return [
        c
        for c in calls
        if c.method in {"sendMessage", "editMessageText", "sendPhoto", "sendDocument"}
    ]


def only_message(calls: list[ApiCall]) -> ApiCall:
    shown = messages(calls)
    assert len(shown) == 1, [c.method + ": " + c.text[:80] for c in shown]
    return shown[0]


async def run_job(harness: Harness, name: str) -> list[ApiCall]:
    """Fire a scheduled job now (as the JobQueue would at its time); return what it sent."""
    jobs = [j for j in harness.app.job_queue.get_jobs_by_name(name) if not j.removed]  # type: ignore[union-attr]
    assert jobs, f"no job {name!r}; have {[j.name for j in harness.app.job_queue.jobs()]}"  # type: ignore[union-attr]
    start = len(harness.api.calls)
    await jobs[0].run(harness.app)
    return harness.api.calls[start:]


def job_names(harness: Harness) -> set[str]:
    return {j.name or "" for j in harness.app.job_queue.jobs() if not j.removed}  # type: ignore[union-attr]


def forward_origin(kind: str, user_id: int = 2, name: str = "Alex") -> dict[str, Any]:
    """A `forward_origin` of each kind Telegram sends: user, hidden_user, chat, channel."""
    import time

    date = int(time.time())
    if kind == "user":
        return {
            "type": "user",
            "date": date,
            "sender_user": {"id": user_id, "is_bot": False, "first_name": name},
        }
    if kind == "hidden":
        return {"type": "hidden_user", "date": date, "sender_user_name": name}
    if kind == "chat":
        return {
            "type": "chat",
            "date": date,
            "sender_chat": {"id": -5, "type": "group", "title": "G"},
        }
    return {
        "type": "channel",
        "date": date,
        "chat": {"id": -6, "type": "channel", "title": "C"},
        "message_id": 3,
    }
