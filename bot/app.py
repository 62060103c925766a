"""The application factory every entry point and test uses, and its lifecycle."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes
from telegram.request import BaseRequest

from bot.jobs import JobQueueScheduler
from bot.leader import Leadership
from bot.loop import install as install_loop
from bot.settings import Settings, SettingsError
from bot.updates import PerUserUpdateProcessor
from content.library import Library, load_library
from handlers.commands import bot_commands
from handlers.registry import register_handlers
from handlers.services import BotData, FonderContext, Services, install_services, utc_now
from handlers.throttle import Throttle
from storage.store import Storage

log = logging.getLogger("fonder")

# Used only when a custom request answers the Bot API (console, tests): never sent anywhere.
OFFLINE_TOKEN = "0:fonder-offline"
DEFAULT_THROTTLE = Throttle(burst=0)  # a marker: "build a fresh one per application"

App = Application[Any, Any, Any, Any, Any, Any]


@dataclass(frozen=True)
class _Config:
    """What start-up needs to build Services once the event loop runs."""

    settings: Settings
    library: Library
    clock: Callable[[], datetime]
    throttle: Throttle | None


def build_application(
    settings: Settings,
    request: BaseRequest | None = None,
    *,
    clock: Callable[[], datetime] = utc_now,
    library: Library | None = None,
    rate_limit: bool = True,
    rate_share: int = 1,
    throttle: Throttle | None = DEFAULT_THROTTLE,
) -> App:
    """Build the real Application; with `request`, it talks to that instead of Telegram."""
    token = settings.token or (OFFLINE_TOKEN if request is not None else None)
    if token is None:
        raise SettingsError("TELEGRAM_BOT_TOKEN is not set")
    builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = ApplicationBuilder().token(token)
    if settings.api_root:
        builder = builder.base_url(f"{settings.api_root}/bot")
        builder = builder.base_file_url(f"{settings.api_root}/file/bot")
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    if rate_limit:
        # Smooth pacing, no burst, a little under Telegram's 30/s: one message at most every
        # 1/29.75 s. Exactly 1/30 left no room for jitter: one send reaching the server ~30 ms
        # late puts 31 in a one-second window, a 429 and a one-second stall (seen in 2 of 8
        # runs of bench/broadcast.py). Now 30 gaps are 8 ms longer than a second, plus the
        # timer's overshoot (~0.8 ms a message). max_retries: without it AIORateLimiter gives
        # up on the first 429.
        builder = builder.rate_limiter(
            # `rate_share`: one of that many workers sharing the one bot's budget
            AIORateLimiter(overall_max_rate=1, overall_time_period=_pace(rate_share), max_retries=3)
        )
    builder = builder.concurrent_updates(PerUserUpdateProcessor(256))
    builder = builder.context_types(ContextTypes(context=FonderContext, bot_data=BotData))
    builder = builder.post_init(_on_startup).post_shutdown(_on_shutdown)
    app = builder.build()
    if throttle is DEFAULT_THROTTLE:
        throttle = Throttle.shared_by(rate_share)
    app.bot_data.config = _Config(settings, library or load_library(), clock, throttle)
    register_handlers(app)
    return app


async def _on_startup(app: App) -> None:
    config: _Config = app.bot_data.config
    storage = await Storage.open(config.settings.fonder_db, config.settings.database)
    scheduler = JobQueueScheduler(app, config.clock)
    svc = Services(
        storage=storage,
        library=config.library,
        scheduler=scheduler,
        admin_ids=config.settings.admin_ids,
        clock=config.clock,
        throttle=config.throttle,
    )
    install_services(app, svc)
    leadership = Leadership(svc, scheduler, storage.jobs_lock(), config.settings.leader_check)
    app.bot_data.leadership = leadership
    await leadership.start()
    await app.bot.set_my_commands(bot_commands())
    # What is loaded by now (the critic's and the safety check's models, the rules, the
    # libraries) lives as long as the process: take it out of the cyclic garbage collector's
    # sight, or every full collection walks it again (in bench/pipeline.py the collector
    # took about 4% of Fonder's time, 2.5% with this).
    gc.freeze()
    log.info("Fonder is up; database at %s", storage.db.location)


async def _on_shutdown(app: App) -> None:
    leadership, app.bot_data.leadership = app.bot_data.leadership, None
    if leadership is not None:
        await leadership.stop()
    svc, app.bot_data.services = app.bot_data.services, None
    if svc is not None:
        await svc.storage.close()


def _pace(workers: int) -> float:
    """Seconds between two messages of one worker. Alone: 29.75 a second (above). One of N
    workers: 1/N of 27 a second. Workers keep no common clock, so a send of one held up for a
    moment and an on-time send of another can fall in the same second: at 2 x 14.9/s, 1,000
    users x 5 drafts met 860 refusals (429) in 205 s; the margin absorbs that."""
    return 1 / 29.75 if workers <= 1 else workers / 27.0


@asynccontextmanager
async def running(app: App) -> AsyncIterator[App]:
    """Start the app without polling (console, tests): jobs run, updates are fed by hand."""
    await app.initialize()
    if app.post_init:
        await app.post_init(app)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()
        if app.post_shutdown:
            await app.post_shutdown(app)
        await app.shutdown()


def run_polling(app: App) -> None:
    """Long polling until SIGINT or SIGTERM, on Fonder's event loop (bot/loop.py)."""
    install_loop()
    app.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
