"""The event loop Fonder's own processes run on: uvloop where it is installed, else asyncio's.

Over real HTTP at 25 drafts a second (bench/http_cpu.py), a draft wakes the event loop many
times: the Bot API's answers, each hop to the database thread, the rate limiter's timers.
uvloop does that work in C (libuv); in one A/B run of 5 interleaved rounds it took Fonder from
5.90 to 5.48 ms of CPU an update (the echo bot: 3.82 on asyncio's loop). The console and the
tests keep asyncio's own loop; the subprocess tests (tests/test_http_journey.py) run Fonder the
way `fonder run` / `fonder webhook` do.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def new_loop() -> asyncio.AbstractEventLoop:
    """A fresh event loop: uvloop's if the package is there (not on Windows), else asyncio's."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover - uvloop is a dependency wherever it installs
        return asyncio.new_event_loop()
    return uvloop.new_event_loop()


def run(main: Coroutine[Any, Any, T]) -> T:
    """asyncio.run on `new_loop()`."""
    with asyncio.Runner(loop_factory=new_loop) as runner:
        return runner.run(main)


def install() -> asyncio.AbstractEventLoop:
    """Make a `new_loop()` this thread's current loop, for python-telegram-bot's run_polling,
    which runs on the current loop (asyncio.get_event_loop) and closes it when done."""
    loop = new_loop()
    asyncio.set_event_loop(loop)
    return loop
