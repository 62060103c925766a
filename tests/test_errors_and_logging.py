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
