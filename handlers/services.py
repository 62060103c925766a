"""What a handler may use: storage to remember, content to judge, a clock to tell time.

The application factory builds one `Services` at start-up and keeps it in bot_data, so a test
or the console can swap the clock or the database without touching any handler.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol, cast

from telegram.ext import Application, ContextTypes

from content.library import Library
from storage.models import User, Visit
from storage.store import Storage

if TYPE_CHECKING:
    from handlers.throttle import Throttle

SERVICES_KEY = "fonder.services"


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
    # each kind of error, when the operators were last told of it (handlers/errors.py)
    alerted: dict[str, datetime] = field(default_factory=dict)
    clock: Callable[[], datetime] = field(default=utc_now)
    throttle: Throttle | None = None
    # One daily prompt at a time between claim and confirm, so a kill -9 can leave at most one
    # prompt "sent but not confirmed" (re-sent after restart). Telegram's ~30 msg/s limit is
    # the bottleneck anyway, not this.
    broadcast_lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    return cast(Services, context.bot_data[SERVICES_KEY])


def install_services(app: Application, value: Services) -> None:  # type: ignore[type-arg]
    app.bot_data[SERVICES_KEY] = value


def services_of(app: Application) -> Services:  # type: ignore[type-arg]
    return cast(Services, app.bot_data[SERVICES_KEY])


_VISIT_ATTR = "fonder_visit"


def remember_visit(context: ContextTypes.DEFAULT_TYPE, visit: Visit) -> None:
    """PTB builds one context per update, shared by every handler group: the row read (and
    written) by the first group is handed to the feature that answers, without a re-read."""
    setattr(context, _VISIT_ATTR, visit)


def current_visit(context: ContextTypes.DEFAULT_TYPE) -> Visit | None:
    value = getattr(context, _VISIT_ATTR, None)
    return value if isinstance(value, Visit) else None


async def user_row(context: ContextTypes.DEFAULT_TYPE, user_id: int) -> User | None:
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
