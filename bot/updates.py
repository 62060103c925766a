"""Concurrent update processing that keeps each user's messages in order.

Many users are served at once, but two updates from the same user never overlap: a draft and
the "I sent it" press that follows it must see each other's writes in the order sent.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor


def user_key(update: object) -> int | None:
    """Whose update this is: the user's id (else the chat's), or None for neither."""
    if isinstance(update, Update):
        if update.effective_user is not None:
            return update.effective_user.id
        if update.effective_chat is not None:
            return update.effective_chat.id
    return None


class PerUserUpdateProcessor(BaseUpdateProcessor):
    def __init__(self, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}
        # Called with each update once it is handled (or failed): bot/webhook.py lets the
        # user's lock across workers go here.
        self.finished: Callable[[object], Awaitable[None]] | None = None

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            await self._in_turn(update, coroutine)
        finally:
            if self.finished is not None:
                await self.finished(update)

    async def _in_turn(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = user_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:  # nobody else queued: don't keep a lock per user forever
                del self._waiting[key]
                self._locks.pop(key, None)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None
