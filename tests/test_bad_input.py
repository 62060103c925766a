"""Input Fonder can't use still gets a clear, kind answer, and nothing is lost or stored wrongly."""

from __future__ import annotations

import asyncio
import importlib
import time
from pathlib import Path

import pytest

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.memory_api import MemoryBotApi
from handlers import guards
from handlers.guards import REFUSAL
from tests.harness import Harness, messages, offline_settings, only_message


async def test_a_group_message_gets_one_refusal_and_no_row(bot: Harness) -> None:
    first = await bot.send("/start", user_id=7, chat_id=-100, chat_type="group")
    assert only_message(first).plain == REFUSAL
    again = await bot.send("hello", user_id=7, chat_id=-100, chat_type="supergroup")
    assert messages(again) == []
    assert await bot.storage.users.get(7) is None
    assert await bot.storage.users.count() == 0


async def test_a_group_is_refused_once_across_restarts_and_processes(tmp_path: Path) -> None:
    """Two Fonder processes on one database (or one process restarted) still tell a group
    only once: which groups were told lives in the database, not in a process's memory."""
    db = tmp_path / "f.db"
    told: list[list[str]] = []
    for _ in range(2):
        importlib.reload(guards)  # a new process starts with the module's memory empty
        api = MemoryBotApi()
        app = build_application(offline_settings(db), request=api, rate_limit=False)
        async with running(app):
            driver = ChatDriver(app, api)
            run = []
            for chat_id in (-100, -101, -100):
                calls = await driver.send("hi all", user_id=7, chat_id=chat_id, chat_type="group")
                run += [c.plain for c in messages(calls)]
            told.append(run)
    assert told == [[REFUSAL, REFUSAL], []]  # once per group on the first run, never again


async def test_a_channel_post_is_ignored_and_stores_nothing(bot: Harness) -> None:
    calls = await bot.send("hi", chat_id=-200, chat_type="channel")
    assert messages(calls) == []
    assert await bot.storage.users.count() == 0


async def test_an_unknown_command_points_to_help(bot: Harness) -> None:
    reply = only_message(await bot.send("/frobnicate now"))
    assert "/frobnicate" in reply.plain and "/help" in reply.plain


async def test_an_unknown_command_with_html_is_escaped(bot: Harness) -> None:
    reply = only_message(await bot.send("/x<b>&"))
    assert "/x<b>&" in reply.plain


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (
            {
                "sticker": {
                    "file_id": "s",
                    "file_unique_id": "s",
                    "width": 1,
                    "height": 1,
                    "is_animated": False,
                    "is_video": False,
                    "type": "regular",
                }
            },
            "sticker",
        ),
        ({"photo": [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]}, "caption"),
        ({"audio": {"file_id": "a", "file_unique_id": "a", "duration": 3}}, "audio"),
        ({"document": {"file_id": "d", "file_unique_id": "d"}}, "files"),
        ({"location": {"latitude": 1.0, "longitude": 2.0}}, "coach"),
    ],
)
async def test_non_text_gets_a_kind_one_line_answer(
    bot: Harness, payload: dict, expected: str
) -> None:
    reply = only_message(await bot.send(None, **payload))
    assert expected in reply.plain
    assert "draft" in reply.plain


@pytest.mark.parametrize("data", ["step:99", "garbage", "x" * 64, "step:-1", "steps:1", "🙂"])
async def test_forged_callback_data_changes_nothing(bot: Harness, data: str) -> None:
    reply = only_message(await bot.send("/step 2"))
    calls = await bot.driver.press(data, bot.driver.sent_message(reply))
    assert messages(calls) == []
    assert [c.method for c in calls] == ["answerCallbackQuery"]
    assert "Step 2 of 6" in bot.api.message(1, reply.result["message_id"])["text"]


async def test_a_button_pressed_on_a_vanished_message_still_answers(bot: Harness) -> None:
    calls = await bot.driver.press("step:3", None)
    assert any(c.method == "answerCallbackQuery" for c in calls)
    assert "Step 3 of 6" in only_message(calls).plain


async def test_a_flooding_user_gets_one_slow_down_notice_and_others_are_unaffected(
    tmp_path,
) -> None:  # type: ignore[no-untyped-def]
    from bot.app import build_application, running
    from bot.driver import ChatDriver
    from bot.memory_api import MemoryBotApi
    from handlers.throttle import NOTICE, Throttle
    from tests.harness import offline_settings

    api = MemoryBotApi()
    app = build_application(
        offline_settings(tmp_path / "f.db"),
        request=api,
        rate_limit=False,
        throttle=Throttle(burst=5, per_second=1),
    )
    async with running(app):
        driver = ChatDriver(app, api)
        replies = []
        for _ in range(50):
            replies += messages(await driver.send("/help", user_id=1))
        other = messages(await driver.send("/help", user_id=2))
    notices = [c for c in replies if c.plain == NOTICE]
    assert len(notices) == 1
    assert len(replies) == 5 + 1  # the burst, then one notice, then silence
    assert len(other) == 1 and "What I can do" in other[0].plain


async def test_a_flood_spread_over_two_workers_gets_one_users_rate(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two workers (rate share 2) each refill a user's allowance at half the rate: a flood
    landing on both is held to about one user's rate (one a second), not one from each. The
    burst stays whole on each: a person's few quick messages may all land on one."""
    from handlers.throttle import NOTICE

    def answered(calls: list) -> int:  # type: ignore[type-arg]
        return sum(c.plain != NOTICE for c in messages(calls))

    api = MemoryBotApi()
    apps = [
        build_application(
            offline_settings(tmp_path / f"w{n}.db"), request=api, rate_limit=False, rate_share=2
        )
        for n in range(2)
    ]
    async with running(apps[0]), running(apps[1]):
        drivers = [ChatDriver(app, api) for app in apps]
        for n in range(16):  # the two bursts (8 each) spent
            await drivers[n % 2].send("/help", user_id=1)
        later = 0
        start = time.monotonic()
        for n in range(20):  # then five seconds' worth of a flood, spread over both
            await asyncio.sleep(0.25)
            later += answered(await drivers[n % 2].send("/help", user_id=1))
        took = time.monotonic() - start
    # one a second in all (and a token's fractions left over): about 5; a whole rate on each
    # worker gave 10
    assert later <= took + 1
