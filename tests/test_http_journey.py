"""The real bot process, started as the README starts it, over real HTTP on loopback.

A user's whole journey — /start, /steps, a draft, /banter, /daily, /break, /forget — with
every reply accepted by a Bot API server that refuses what Telegram refuses, and the bot run
at DEBUG log level without the token in a single log line.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.driver import ChatDriver
from bot.memory_api import ApiCall
from tests.support.loopback_api import LoopbackBotApi

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "12345:AAloopbackTOKENforTESTSonly_abcdefgh"
SHOWN = {"sendMessage", "editMessageText", "sendPhoto", "sendDocument"}


def bot_env(**settings: str) -> dict[str, str]:
    """This environment without any Fonder or Telegram setting of its own, plus `settings`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "FONDER_", "LOG_LEVEL"))
    }
    env.update(settings)
    return env


def run_fonder(
    folder: Path, args: list[str], env: dict[str, str], log_name: str
) -> subprocess.Popen[bytes]:
    """`scripts/run ARGS` as its own process in `folder`, as a user starts it, its output
    (stdout and stderr) in `folder/log_name` for the test to read or show on failure."""
    with (folder / log_name).open("w") as log:  # the child keeps its own copy of the file
        return subprocess.Popen(
            ["bash", str(ROOT / "scripts" / "run"), *args],
            cwd=folder,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="uses POSIX signals")


def _shown(calls: list[ApiCall], since: int) -> list[ApiCall]:
    return [c for c in calls[since:] if c.method in SHOWN and not c.error]


async def _say(
    server: LoopbackBotApi, driver: ChatDriver, text: str, timeout: float = 20
) -> ApiCall:
    since = len(server.calls)
    server.push({"message": driver.message_json(text, user_id=42, first_name="Ana")})
    await server.wait_for(lambda calls: _shown(calls, since), timeout)
    await asyncio.sleep(0.3)  # a reply can come in parts (e.g. /stats); let them land
    return _shown(server.calls, since)[0]


async def _press(server: LoopbackBotApi, call: ApiCall, label: str) -> ApiCall:
    button = next(b for b in call.buttons if label in b["text"])
    since = len(server.calls)
    message: dict[str, Any] = dict(call.result)
    server.push(
        {
            "callback_query": {
                "id": "cb1",
                "from": {"id": 42, "is_bot": False, "first_name": "Ana"},
                "chat_instance": "x",
                "data": button["callback_data"],
                "message": message,
            }
        }
    )
    await server.wait_for(lambda calls: _shown(calls, since), 20)
    return _shown(server.calls, since)[0]


async def test_a_whole_journey_over_http_with_every_reply_accepted(tmp_path: Path) -> None:
    server = LoopbackBotApi(TOKEN)
    await server.start()
    env = bot_env(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=server.base_url,
        FONDER_DB=str(tmp_path / "f.db"),
        LOG_LEVEL="DEBUG",
    )
    process = run_fonder(tmp_path, ["run"], env, "bot.log")
    try:
        await server.wait_for(lambda calls: any(c.method == "setMyCommands" for c in calls), 60)
        driver = ChatDriver(None, None)  # type: ignore[arg-type]  # only builds messages
        start = await _say(server, driver, "/start")
        assert "I'm Fonder" in start.plain
        steps = await _say(server, driver, "/steps")
        opened = await _press(server, steps, "3.")
        assert "Step 3 of 6" in opened.plain and opened.method == "editMessageText"
        draft = await _say(
            server,
            driver,
            "I burned the pasta AGAIN <3 & the smoke alarm knows my name. Can you cook?",
        )
        assert "/100" in draft.plain and "<3 &" in draft.plain
        assert "“" in (await _say(server, driver, "/banter")).plain
        assert "time zone" in (await _say(server, driver, "/daily 19:30")).plain
        assert "19:30" in (await _say(server, driver, "Berlin")).plain
        assert "Break on" in (await _say(server, driver, "/break 2h")).plain
        ask = await _say(server, driver, "/forget")
        done = await _press(server, ask, "Yes, delete")
        assert "deleted" in done.plain
        if sys.platform == "linux":  # `fonder run` serves on uvloop (bot/loop.py)
            assert "uvloop" in Path(f"/proc/{process.pid}/maps").read_text()
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        await server.stop()
    refused = [
        (c.method, c.error)
        for c in server.calls
        if c.error and not c.error.startswith("Too Many Requests")
    ]
    assert not refused
    text = (tmp_path / "bot.log").read_text()
    assert "Set Bot API URL" in text  # DEBUG logging was really on…
    assert TOKEN not in text and TOKEN.split(":")[1] not in text  # …and the token never showed
    assert process.returncode == 0, text[-2000:]


async def test_a_token_telegram_rejects_stops_with_one_line_and_never_shows_it(
    tmp_path: Path,
) -> None:
    server = LoopbackBotApi(TOKEN)  # knows only TOKEN: any other answers 401 Unauthorized
    await server.start()
    wrong = "98765:AAwrongTOKENtheSERVERrejects_abcdefghij"
    env = bot_env(
        TELEGRAM_BOT_TOKEN=wrong,
        TELEGRAM_API_BASE_URL=server.base_url,
        FONDER_DB=str(tmp_path / "f.db"),
        PYTHONPATH=str(ROOT),
    )
    try:
        result = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot", "run"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        await server.stop()
    assert result.returncode == 2
    assert "Telegram rejected TELEGRAM_BOT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr
    output = result.stdout + result.stderr
    assert wrong not in output and wrong.split(":")[1] not in output
