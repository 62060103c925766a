"""Flood control: a user sending faster than a person types is slowed down, politely, once.

A token bucket per user, checked before any work is done, so a flood can't pile up replies
(and 429s from Telegram) that would delay everyone else.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from handlers.reply import answer
from handlers.services import FonderContext, services

NOTICE = (
    "🐢 Whoa, that's a lot at once — I'll skip messages for a few seconds. "
    "Then send your draft again and I'll read it."
)


@dataclass
class _Bucket:
    tokens: float
    updated: float
    noticed: bool = False


class Throttle:
    """Per-user token buckets: `burst` messages back to back, then `per_second` sustained."""

    def __init__(self, burst: int = 8, per_second: float = 1.0, max_tracked: int = 50_000) -> None:
        self.burst = burst
        self.per_second = per_second
        self._max = max_tracked
        self._buckets: OrderedDict[int, _Bucket] = OrderedDict()

    @classmethod
    def shared_by(cls, workers: int, burst: int = 8, per_second: float = 1.0) -> Throttle:
        """One of `workers` processes' share of a user's allowance. Telegram spreads a user's
        updates over its connections and the kernel spreads those over the workers, so each
        allowing 1/N of the sustained rate keeps a flood to about one user's rate in all, not
        N (the same split as the 30 messages a second, bot/app.py), with no shared state to
        ask. The burst stays whole: a person's few quick messages may all land on one."""
        return cls(burst=burst, per_second=per_second / max(1, workers))

    def allow(self, user_id: int, now: float | None = None) -> tuple[bool, bool]:
        """(allowed, first_refusal): the user is told once per flood, not once per message."""
        moment = time.monotonic() if now is None else now
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = _Bucket(float(self.burst), moment)
            self._buckets[user_id] = bucket
            if len(self._buckets) > self._max:
                self._buckets.popitem(last=False)
        elapsed = max(0.0, moment - bucket.updated)
        bucket.tokens = min(float(self.burst), bucket.tokens + elapsed * self.per_second)
        bucket.updated = moment
        self._buckets.move_to_end(user_id)
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            if bucket.tokens >= self.burst / 2:
                bucket.noticed = False
            return True, False
        first = not bucket.noticed
        bucket.noticed = True
        return False, first


async def throttle(update: Update, context: FonderContext) -> None:
    limiter = services(context).throttle
    user = update.effective_user
    if limiter is None or user is None or update.inline_query is not None:
        return
    allowed, first = limiter.allow(user.id)
    if allowed:
        return
    if update.callback_query is not None:
        await update.callback_query.answer("Slow down a little 🐢")
    elif first:
        await answer(update, context, NOTICE)
    raise ApplicationHandlerStop
