"""A Telegram Bot API server on 127.0.0.1 for running the real bot process over real HTTP.

It answers with the same rules as the in-memory API (bot/memory_api.py: HTML that must parse,
4,096 characters, "message is not modified", blocked users → 403) and adds what only a server
can show: long polling with `offset`/`timeout`, and flood limits — about 30 messages a second
overall and 1 a second per chat (small bursts allowed) — answered with 429 and `retry_after`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections import deque
from typing import Any

from aiohttp import web

from bot.memory_api import ApiCall, MemoryBotApi, TelegramRefusal

# A token shaped like a real one, for benches against this server; it reaches nothing else.
BENCH_TOKEN = "12345:AAbenchTOKENforLOOPBACKonly_abcdefghi"
SENDING = {"sendMessage", "sendPhoto", "sendDocument", "editMessageText", "sendChatAction"}
JSON_FIELDS = {
    "reply_markup", "results", "commands", "entities", "link_preview_options",
    "allowed_updates", "reply_parameters", "caption_entities", "button",
}  # fmt: skip
INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "cache_time"}


class _Window:
    """Sliding one-second windows: overall and per chat."""

    def __init__(self, overall: int, per_chat: int, per_chat_burst: int) -> None:
        self.overall = overall
        self.per_chat = per_chat
        self.burst = per_chat_burst
        self._all: deque[float] = deque()
        self._chats: dict[int, deque[float]] = {}

    def check(self, chat_id: int | None, now: float) -> int | None:
        """None if allowed (and counted), else seconds to wait."""
        while self._all and now - self._all[0] >= 1.0:
            self._all.popleft()
        if len(self._all) >= self.overall:
            return 1
        if chat_id is not None:
            recent = self._chats.setdefault(chat_id, deque())
            while recent and now - recent[0] >= self.burst / self.per_chat:
                recent.popleft()
            if len(recent) >= self.burst:
                return 1
            recent.append(now)
        self._all.append(now)
        return None


class LoopbackBotApi:
    def __init__(
        self,
        token: str,
        overall_per_second: int = 30,
        per_chat_per_second: int = 1,
        per_chat_burst: int = 3,
        rate_limits: bool = True,
    ) -> None:
        self.token = token
        self.api = MemoryBotApi()
        self.limits = _Window(overall_per_second, per_chat_per_second, per_chat_burst)
        self.rate_limits = rate_limits
        self.throttled = 0
        self._updates: list[dict[str, Any]] = []
        self._next_update = 1
        self._arrived = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- driving it from a test ------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> int:
        update = dict(update)
        update["update_id"] = self._next_update
        self._next_update += 1
        self._updates.append(update)
        self._arrived.set()
        return int(update["update_id"])

    @property
    def calls(self) -> list[ApiCall]:
        return self.api.calls

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        addresses = self._runner.addresses  # (host, port) of each listening socket
        assert addresses, "the loopback server is not listening"
        self.port = int(addresses[0][1])

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def wait_for(self, predicate: Any, timeout: float = 20.0) -> list[ApiCall]:
        """Wait until some recorded calls satisfy `predicate(calls)`; return all calls."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self.calls):
                return self.calls
            await asyncio.sleep(0.02)
        raise TimeoutError(
            f"bot did not answer in {timeout}s; last calls: {[c.method for c in self.calls[-5:]]}"
        )

    # --- the HTTP side --------------------------------------------------------------------

    async def _params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        if request.content_type == "application/json":
            params = await request.json()
        elif request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if part.filename:  # type: ignore[union-attr]
                    files[part.name or "file"] = await part.read()  # type: ignore[union-attr]
                else:
                    params[part.name or ""] = await part.text()  # type: ignore[union-attr]
        else:
            params = dict(await request.post())
            params.update(request.query)
        for key, value in list(params.items()):
            if isinstance(value, str) and key in JSON_FIELDS:
                params[key] = json.loads(value)
            elif isinstance(value, str) and key in INT_FIELDS and value.lstrip("-").isdigit():
                params[key] = int(value)
        for name in list(files):
            params.setdefault(name, f"attach://{name}")
        return params, files

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            body = {"ok": False, "error_code": 401, "description": "Unauthorized"}
            return web.json_response(body, status=401)
        method = request.match_info["method"]
        params, files = await self._params(request)
        if method == "getUpdates":
            return await self._get_updates(params)
        refusal = None
        if self.rate_limits and method in SENDING:
            chat = params.get("chat_id")
            wait = self.limits.check(int(chat) if chat is not None else None, time.monotonic())
            if wait is not None:
                self.throttled += 1
                refusal = TelegramRefusal(429, f"Too Many Requests: retry after {wait}", wait)
        status, payload = self.api.handle(method, params, files, refusal)
        return web.Response(body=payload, status=status, content_type="application/json")

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        if offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        timeout = float(params.get("timeout") or 0)
        if not self._updates and timeout > 0:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), timeout)
        limit = int(params.get("limit") or 100)
        return web.json_response({"ok": True, "result": self._updates[:limit]})
