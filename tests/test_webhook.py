"""`fonder webhook` over real HTTP on localhost: Telegram's secret header decides what is
processed, replies come out as they do when polling, and /healthz tells whether the database
answers. The Bot API side is the in-memory one: nothing leaves the machine."""

from __future__ import annotations

import asyncio
import io
import json
import logging
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.app import build_application
from bot.cli import main
from bot.driver import ChatDriver
from bot.logs import setup_logging
from bot.loop import install as install_loop
from bot.loop import run as run_on_loop
from bot.memory_api import MemoryBotApi
from bot.settings import SettingsError
from bot.webhook import HEALTH_PATH, SECRET_HEADER, serve_webhook
from handlers.services import services_of
from tests.harness import offline_settings

SECRET = "s3cret-Token_1"
URL = "https://fonder.example.org/telegram/hook"


@dataclass
class Served:
    base: str
    api: MemoryBotApi
    app: Any
    driver: ChatDriver
    http: aiohttp.ClientSession
    stopping: asyncio.Event
    server: asyncio.Task[None]

    async def stop(self) -> None:
        """What SIGTERM does: stop taking requests, finish what was taken, end."""
        self.stopping.set()
        await asyncio.wait_for(self.server, 10)

    async def post(self, update: dict[str, Any], secret: str | None = SECRET) -> int:
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        async with self.http.post(f"{self.base}/telegram/hook", json=update, headers=headers) as r:
            return r.status

    async def health(self) -> tuple[int, dict[str, Any]]:
        async with self.http.get(f"{self.base}{HEALTH_PATH}") as r:
            return r.status, json.loads(await r.text())

    async def replies_to(self, chat_id: int, count: int = 1) -> list[str]:
        """The texts sent to `chat_id`, once `count` of them have come (or 5 s have passed)."""
        for _ in range(500):
            sent = [
                c.plain
                for c in self.api.calls
                if c.method == "sendMessage" and c.chat_id == chat_id
            ]
            if len(sent) >= count:
                return sent
            await asyncio.sleep(0.01)
        return sent


@pytest.fixture
async def served(tmp_path: Path) -> AsyncIterator[Served]:
    settings = offline_settings(
        tmp_path / "f.db", FONDER_WEBHOOK_URL=URL, FONDER_WEBHOOK_SECRET=SECRET
    )
    api = MemoryBotApi()
    app = build_application(settings, request=api, rate_limit=False)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    stop = asyncio.Event()
    server = asyncio.create_task(serve_webhook(app, settings, stop, sock=sock))
    async with aiohttp.ClientSession() as http:
        base = f"http://127.0.0.1:{port}"
        for _ in range(500):  # until it listens
            try:
                async with http.get(f"{base}{HEALTH_PATH}"):
                    break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.01)
        served = Served(base, api, app, ChatDriver(app, api), http, stop, server)
        try:
            yield served
        finally:
            await served.stop()


def _message(driver: ChatDriver, text: str, user_id: int, update_id: int) -> dict[str, Any]:
    return {"update_id": update_id, "message": driver.message_json(text, user_id=user_id)}


async def test_it_tells_telegram_where_to_call_with_the_secret(served: Served) -> None:
    [call] = [c for c in served.api.calls if c.method == "setWebhook"]
    assert call.params["url"] == URL and call.params["secret_token"] == SECRET
    assert served.api.webhook == URL


async def test_an_update_with_the_secret_is_answered_and_one_without_is_refused(
    served: Served,
) -> None:
    assert await served.post(_message(served.driver, "/start", 5, 1), secret=None) == 403
    assert await served.post(_message(served.driver, "/start", 6, 2), secret="wrong") == 403
    assert await served.post(_message(served.driver, "/start", 7, 3)) == 200
    [welcome] = await served.replies_to(7)
    assert "Fonder" in welcome
    await asyncio.sleep(0.2)  # time enough for a refused update to have been processed, wrongly
    assert await served.replies_to(5, count=0) == [] and await served.replies_to(6, 0) == []
    assert await services_of(served.app).storage.users.get(5) is None


async def test_a_users_drafts_over_the_webhook_are_answered_in_the_order_sent(
    served: Served,
) -> None:
    drafts = [f"draft number {i}: wanna grab tacos thursday after work?" for i in range(6)]
    statuses = [
        await served.post(_message(served.driver, text, 8, 10 + i)) for i, text in enumerate(drafts)
    ]
    assert statuses == [200] * 6
    replies = await served.replies_to(8, count=6)
    assert [n for r in replies for n in range(6) if f"draft number {n}" in r] == list(range(6))


async def test_a_request_that_is_not_an_update_gets_400_and_nothing_breaks(
    served: Served,
) -> None:
    headers = {SECRET_HEADER: SECRET}
    url = f"{served.base}/telegram/hook"
    async with served.http.post(url, data="not json", headers=headers) as r:
        assert r.status == 400
    async with served.http.post(url, json=[1, 2], headers=headers) as r:
        assert r.status == 400
    assert await served.post(_message(served.driver, "/start", 9, 40)) == 200
    assert len(await served.replies_to(9)) == 1


async def test_health_is_200_while_the_database_answers_and_503_when_it_is_gone(
    served: Served,
) -> None:
    assert await served.health() == (200, {"ok": True})
    await services_of(served.app).storage.close()
    assert await served.health() == (503, {"ok": False})


def test_webhook_mode_without_its_settings_says_which_one_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:" + "A" * 35)
    monkeypatch.setenv("FONDER_DB", str(tmp_path / "f.db"))
    for name in ("FONDER_WEBHOOK_URL", "FONDER_WEBHOOK_SECRET"):
        monkeypatch.delenv(name, raising=False)
    assert main(["webhook"]) == 2
    assert "FONDER_WEBHOOK_URL" in capsys.readouterr().err
    monkeypatch.setenv("FONDER_WEBHOOK_URL", "http://plain.example.org/hook")
    assert main(["webhook"]) == 2
    assert "https" in capsys.readouterr().err


async def test_serving_without_a_secret_refuses_to_start(tmp_path: Path) -> None:
    settings = offline_settings(tmp_path / "f.db", FONDER_WEBHOOK_URL=URL)
    app = build_application(settings, request=MemoryBotApi(), rate_limit=False)
    with pytest.raises(SettingsError, match="FONDER_WEBHOOK_SECRET"):
        await serve_webhook(app, settings, asyncio.Event())


async def test_the_webhook_secret_never_appears_in_logs_even_at_debug(tmp_path: Path) -> None:
    """python-telegram-bot logs each Bot API call with its parameters at DEBUG, setWebhook's
    secret_token among them: the secret is redacted like the token."""
    settings = offline_settings(
        tmp_path / "f.db", FONDER_WEBHOOK_URL=URL, FONDER_WEBHOOK_SECRET=SECRET
    )
    stream = io.StringIO()
    setup_logging("DEBUG", settings.secrets, stream=stream)
    try:
        app = build_application(settings, request=MemoryBotApi(), rate_limit=False)
        stop = asyncio.Event()
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        server = asyncio.create_task(serve_webhook(app, settings, stop, sock=sock))
        await asyncio.sleep(0.5)
        stop.set()
        await asyncio.wait_for(server, 10)
    finally:
        logging.getLogger().handlers.clear()
    log = stream.getvalue()
    assert "setWebhook" in log  # PTB's DEBUG line about the call went through…
    assert SECRET not in log  # …without the secret.


async def test_an_update_taken_just_before_a_stop_is_still_answered(served: Served) -> None:
    """A deploy stops Fonder right after Telegram handed it drafts (and got its 200s, so it
    won't send them again): each is answered before the process stops, not lost. (Fails if
    the 200 goes out before the update is on the queue.)"""
    for i in range(5):
        update = _message(served.driver, f"draft {i}: wanna get tacos?", 30 + i, 70 + i)
        assert await served.post(update) == 200
    await served.stop()
    answered = {c.chat_id for c in served.api.calls if c.method == "sendMessage"}
    assert answered == {30, 31, 32, 33, 34}


@pytest.mark.skipif(sys.platform == "win32", reason="uvloop does not install on Windows")
def test_the_webhook_and_polling_processes_run_on_uvloop() -> None:
    """`fonder webhook` runs its server with bot.loop.run and `fonder run` polls on the loop
    bot.loop.install sets: both uvloop's (in one A/B run, 0.42 ms less CPU an update over HTTP)."""

    async def loop_module() -> str:
        return type(asyncio.get_running_loop()).__module__

    assert run_on_loop(loop_module()).startswith("uvloop")
    loop = install_loop()
    try:
        assert type(asyncio.get_event_loop()).__module__.startswith("uvloop")
    finally:
        asyncio.set_event_loop(None)
        loop.close()
