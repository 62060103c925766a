"""What a handler may use: storage to remember, content to judge, a clock to tell time.

The application factory builds one `Services` at start-up and keeps it in the typed bot_data
(`BotData`), so a test or the console can swap the clock or the database without touching any
handler. Handlers get PTB's context typed as `FonderContext` (ContextTypes, as PTB's own
examples do): `services(context)` and `context.visit` instead of casts and setattr.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from telegram.ext import Application, CallbackContext, ExtBot

from content.library import Library
from storage.models import User, Visit
from storage.store import Storage

if TYPE_CHECKING:
    from handlers.throttle import Throttle


def utc_now() -> datetime:
    return datetime.now(UTC)


class Scheduler(Protocol):
    """Timed work (daily prompts, break reminders); bot/jobs.py backs it with PTB's JobQueue."""

    def daily_on(self, user_id: int, at_minute: int, time_zone: str | None) -> None: ...
    def ensure_group(self, time_zone: str | None, at_minute: int) -> None: ...
    def daily_off(self, user_id: int) -> None: ...
    def daily_soon(self, user_id: int, delay_seconds: float) -> None: ...
    def catch_up(self, user_ids: list[int]) -> None: ...
    def break_on(self, user_id: int, ends_at: datetime) -> None: ...
    def break_off(self, user_id: int) -> None: ...
    def forget(self, user_id: int) -> None: ...


@dataclass
class Services:
    storage: Storage
    library: Library
    scheduler: Scheduler
    admin_ids: frozenset[int] = frozenset()
    # each kind of error, when the operators were last told of it, for when the database
    # that normally remembers it (storage.alerts.Alerts) is what failed (handlers/errors.py)
    alerted: dict[str, datetime] = field(default_factory=dict)
    clock: Callable[[], datetime] = field(default=utc_now)
    throttle: Throttle | None = None
    # One daily prompt at a time between claim and confirm, so a kill -9 can leave at most one
    # prompt "sent but not confirmed" (re-sent after restart). Telegram's ~30 msg/s limit is
    # the bottleneck anyway, not this.
    broadcast_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class BotData:
    """PTB's bot_data, typed: the start-up config (bot/app.py) until the services exist."""

    def __init__(self) -> None:
        self.config: Any = None
        self.services: Services | None = None
        self.leadership: Any = None  # bot/leader.py's, for shutdown


class FonderContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """PTB's per-update context with Fonder's two additions, typed: the services, and the
    visit remember_user recorded for this update (PTB builds one context per update, shared
    by every handler group, so the row read by the first group reaches the feature that
    answers without a re-read)."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id, user_id)
        self.visit: Visit | None = None


def services(context: FonderContext) -> Services:
    return _installed(context.bot_data)


def services_of(app: Application[Any, Any, Any, Any, Any, Any]) -> Services:
    return _installed(app.bot_data)


def _installed(data: BotData) -> Services:
    if data.services is None:
        raise RuntimeError("Fonder's services are not installed (start-up has not run)")
    return data.services


def install_services(app: Application[Any, Any, Any, Any, Any, Any], value: Services) -> None:
    app.bot_data.services = value


def remember_visit(context: FonderContext, visit: Visit) -> None:
    context.visit = visit


def current_visit(context: FonderContext) -> Visit | None:
    return context.visit


async def user_row(context: FonderContext, user_id: int) -> User | None:
    """Her row as remember_user read it at the start of this update, or read now where there
    was none (a job) or it is someone else's. Use a fresh read after changing the row."""
    visit = current_visit(context)
    if visit is not None and visit.user.user_id == user_id:
        return visit.user
    return await services(context).storage.users.get(user_id)


async def stop_for_blocked(svc: Services, user_id: int) -> None:
    """She blocked the bot: mark her inactive and drop her scheduled jobs, instead of retrying
    forever. Any message from her (/start) makes her active again (handlers/guards.py)."""
    await svc.storage.users.set_active(user_id, False)
    svc.scheduler.forget(user_id)
