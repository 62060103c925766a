"""Where a critique's time goes: the pipeline bench again, with Fonder's own work taken away a
piece at a time, all in one run (interleaved rounds, medians).

- "critic free": the critic, send-this-instead and the safety check answer from a table
  filled before timing;
- "SQLite free": recording the visit and the draft answer from memory, no database;
- "empty SQLite hops": the same, plus the two round trips to aiosqlite's thread, each
  running `SELECT 1`;
- "both free": what is left is python-telegram-bot's dispatch through Fonder's handler
  groups, the handlers' own glue (notes, rendering, keyboard) and the reply.

This is an analysis, not a product path: the stubs live here and nowhere else. It answers one
question with a figure: how close to the echo floor Fonder could get if its judging and
remembering cost nothing at all.
"""

from __future__ import annotations

import asyncio
import itertools
import statistics
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import handlers.care as care
import handlers.critique_flow as flow
from bench.pipeline import DRAFTS, PER_USER, ROUNDS, USERS, echo_rate, fonder_rate
from content.alternatives import send_instead
from content.critique import critique
from content.safety import safety_note
from storage.drafts import Drafts
from storage.models import DraftState, User, Visit
from storage.users import Users


@contextmanager
def critic_free() -> Iterator[None]:
    judged = {d: critique(d) for d in DRAFTS}
    instead = {d: send_instead(d, judged[d]) for d in DRAFTS}
    safety = {d: safety_note(d) for d in DRAFTS}

    def cached_note(text: str, **_: Any) -> Any:
        return safety[text]

    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(flow, "critique", judged.__getitem__))
        stack.enter_context(mock.patch.object(flow, "send_instead", lambda t, _: instead[t]))
        stack.enter_context(mock.patch.object(care, "safety_note", cached_note))
        yield


@contextmanager
def sqlite_free() -> Iterator[None]:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    ids = itertools.count(1)
    state = DraftState(last_ten=0, last_ten_adding_value=0, since_his_reply=0, sent_today=0)

    async def touch(self: Users, user_id: int, chat_id: int, lang: Any, at: Any) -> Visit:
        user = User(user_id=user_id, chat_id=chat_id, first_seen=now, last_seen=now)
        return Visit(user=user, returned=False, in_rally=False, awaiting_answer=False)

    async def add_with_state(self: Drafts, draft: Any, day: Any) -> tuple[int, DraftState]:
        return next(ids), state

    with ExitStack() as stack:
        stack.enter_context(mock.patch.object(Users, "touch", touch))
        stack.enter_context(mock.patch.object(Drafts, "add_with_state", add_with_state))
        yield


@contextmanager
def sqlite_empty() -> Iterator[None]:
    """Each of the draft's two database calls still makes its round trip to aiosqlite's
    thread, but runs `SELECT 1`: the cost of the hop alone, with no SQL work."""
    with sqlite_free():
        free_touch, free_add = Users.touch, Drafts.add_with_state

        async def touch(self: Users, *args: Any) -> Visit:
            await self._db.fetch_all("SELECT 1")
            return await free_touch(self, *args)

        async def add_with_state(self: Drafts, *args: Any) -> tuple[int, DraftState]:
            await self._db.fetch_all("SELECT 1")
            return await free_add(self, *args)

        with (
            mock.patch.object(Users, "touch", touch),
            mock.patch.object(Drafts, "add_with_state", add_with_state),
        ):
            yield


@contextmanager
def critic_free_sqlite_empty() -> Iterator[None]:
    with critic_free(), sqlite_empty():
        yield


@contextmanager
def both_free() -> Iterator[None]:
    with critic_free(), sqlite_free():
        yield


@contextmanager
def as_is() -> Iterator[None]:
    yield


VARIANTS: dict[str, Callable[[], Any]] = {
    "Fonder": as_is,
    "Fonder, critic free": critic_free,
    "Fonder, SQLite free": sqlite_free,
    "Fonder, critic free, empty SQLite hops": critic_free_sqlite_empty,
    "Fonder, critic and SQLite free": both_free,
}


async def main() -> None:
    rounds: dict[str, list[float]] = {"echo": [], **{name: [] for name in VARIANTS}}
    for _ in range(ROUNDS):
        rounds["echo"].append(await echo_rate())
        for name, variant in VARIANTS.items():
            with variant():
                rounds[name].append(await fonder_rate())
    echo = statistics.median(rounds["echo"])
    full = statistics.median(rounds["Fonder"])
    print(f"{'variant':<40} {'updates/s':>10} {'ms/update':>10} {'saved ms':>9} {'/ echo':>7}")
    for name, rates in rounds.items():
        rate = statistics.median(rates)
        saved = "" if name in ("echo", "Fonder") else f"{1000 / full - 1000 / rate:.3f}"
        print(f"{name:<40} {rate:>10,.0f} {1000 / rate:>10.3f} {saved:>9} {rate / echo:>7.2f}")
    print(
        f"(median of {ROUNDS} interleaved rounds of {USERS} users x {PER_USER} drafts; "
        + "; ".join(f"{k} " + ", ".join(f"{r:,.0f}" for r in v) for k, v in rounds.items())
        + ")"
    )


if __name__ == "__main__":
    asyncio.run(main())
