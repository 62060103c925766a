"""When something breaks: the user hears it kindly; the token never reaches a log line."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from telegram.ext import CommandHandler

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.logs import RedactingFilter, setup_logging
from bot.memory_api import MemoryBotApi
from handlers.errors import SORRY
from tests.harness import Harness, offline_settings, only_message

TOKEN = "12345:AAHfakeTokenForTestsOnly_abcdefghijklmn"


async def _boom(update: object, context: object) -> None:
    raise RuntimeError(f"exploded while calling https://api.telegram.org/bot{TOKEN}/sendMessage")


async def test_a_crashing_handler_tells_the_user_nothing_was_lost(bot: Harness) -> None:
    bot.app.handlers[0].insert(0, CommandHandler("boom", _boom))
    reply = only_message(await bot.send("/boom"))
    assert reply.plain == SORRY


def _capture(level: str) -> io.StringIO:
    stream = io.StringIO()
    setup_logging(level, [TOKEN], stream=stream)
    return stream


async def test_the_token_never_appears_in_logs_even_at_debug(tmp_path: Path) -> None:
    stream = _capture("DEBUG")
    try:
        api = MemoryBotApi()
        settings = offline_settings(tmp_path / "f.db", TELEGRAM_BOT_TOKEN=TOKEN)
        app = build_application(settings, request=api, rate_limit=False)
        app.handlers.setdefault(0, []).insert(0, CommandHandler("boom", _boom))
        async with running(app):
            driver = ChatDriver(app, api)
            await driver.send("/start")
            await driver.send("/boom")
        logging.getLogger("httpx").info(
            "HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN
        )
    finally:
        logging.getLogger().handlers.clear()
    log = stream.getvalue()
    assert "Set Bot API URL" in log  # PTB's own DEBUG line went through…
    assert "exploded while calling" in log  # …and so did the traceback…
    assert TOKEN not in log and TOKEN.split(":")[1] not in log  # …with the token redacted.
    assert "<token>" in log


def test_the_filter_redacts_args_and_url_encoded_tokens() -> None:
    redactor = RedactingFilter([TOKEN])
    record = logging.LogRecord(
        "x", logging.INFO, __file__, 1, "url=%s enc=%s", (TOKEN, TOKEN.replace(":", "%3A")), None
    )
    redactor.filter(record)
    assert TOKEN.split(":")[1] not in record.getMessage()


def test_every_handler_gets_the_filter_not_just_one_logger() -> None:
    stream = _capture("INFO")
    try:
        logging.getLogger("some.library").warning("token is %s", TOKEN)
        logging.getLogger("httpx").warning("GET /bot%s/getUpdates", TOKEN)
    finally:
        logging.getLogger().handlers.clear()
    assert TOKEN not in stream.getvalue() and stream.getvalue().count("<token>") == 2


async def test_operators_hear_of_each_new_kind_of_error_once_an_hour(tmp_path: Path) -> None:
    """Like rules-bot's error channel: the type and Fonder's own line, never the error's
    message (here it holds the token) nor the user's words; the same kind again within the
    hour stays quiet."""
    from tests.harness import FakeClock

    api = MemoryBotApi()
    clock = FakeClock()
    app = build_application(
        offline_settings(tmp_path / "f.db", ADMIN_IDS="7"),
        request=api,
        clock=clock,
        rate_limit=False,
        throttle=None,
    )
    app.handlers[0].insert(0, CommandHandler("boom", _boom))
    async with running(app):
        driver = ChatDriver(app, api)
        first = await driver.send("/boom my secret words", user_id=1)
        again = await driver.send("/boom", user_id=2)
        clock.advance(hours=2)
        later = await driver.send("/boom", user_id=3)

    def alerts(calls: list) -> list[str]:  # type: ignore[type-arg]
        return [c.text for c in calls if c.method == "sendMessage" and c.params["chat_id"] == 7]

    told = alerts(first)
    assert len(told) == 1 and "RuntimeError" in told[0]
    assert TOKEN not in told[0] and "secret" not in told[0] and "exploded" not in told[0]
    assert alerts(again) == [] and len(alerts(later)) == 1


def test_an_error_kind_names_fonders_own_line() -> None:
    from handlers.errors import error_kind
    from handlers.steps import render_step

    try:
        render_step(None, 6)  # type: ignore[arg-type]
    except AttributeError as error:
        kind = error_kind(error)
    assert kind.startswith("AttributeError at handlers/steps.py:") and "(render_step)" in kind


async def test_with_the_database_down_operators_still_hear_once_an_hour() -> None:
    """The database remembers the last alert; when it is what failed, the process does."""
    from datetime import UTC, datetime
    from types import SimpleNamespace

    from handlers.errors import _first_this_hour

    class Down:
        async def claim(self, *args: object) -> bool:
            raise OSError("database unreachable")

    now = datetime(2026, 12, 7, 20, 0, tzinfo=UTC)
    svc = SimpleNamespace(storage=SimpleNamespace(alerts=Down()), clock=lambda: now, alerted={})
    told = [await _first_this_hour(svc, "OSError at storage/db.py:1 (x)") for _ in range(2)]  # type: ignore[arg-type]
    assert told == [True, False]
