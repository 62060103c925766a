"""Fuzzing: thousands of generated updates, no unhandled exception, every reply accepted.

Texts mix HTML/Markdown metacharacters, zero-width and RTL marks, emoji and 4,096-character
walls; updates include stickers, voice, captions, every forward origin, edits, group and
channel posts, garbage callback data and inline queries. FONDER_FUZZ_EXAMPLES raises the count.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.memory_api import MemoryBotApi
from tests.harness import FakeClock, forward_origin, offline_settings

EXAMPLES = int(os.environ.get("FONDER_FUZZ_EXAMPLES", "150"))
UPDATES_PER_EXAMPLE = 10

META = st.sampled_from(
    [
        *list("<>&\"'*_`[]()~|#\\/"),
        "<b>",
        "</i>",
        "&amp;",
        "&#0;",
        "<3",
        "**",
        "__",
        "\u200b",
        "\u200f",
        "\u202e",
        "\ufeff",
        "🙈",
        "😂",
        "👩‍❤️‍👨",
        "\n",
    ]
)
COMMANDS = st.sampled_from(
    [
        "/start",
        "/help",
        "/steps",
        "/step",
        "/step 3",
        "/step 99",
        "/banter",
        "/banter food",
        "/daily",
        "/daily 19:30",
        "/daily off",
        "/break 2h",
        "/break off",
        "/break",
        "/stats",
        "/hours 12-14",
        "/hours x",
        "/tz Berlin",
        "/tz nowhere",
        "/settings",
        "/export",
        "/about",
        "/forget",
        "/cancel",
        "/nope",
        "/step@FonderBot 2",
    ]
)
TEXT = st.one_of(
    st.text(min_size=1, max_size=60),
    st.lists(st.one_of(META, st.text(max_size=8)), min_size=1, max_size=30).map("".join),
    st.integers(min_value=1, max_value=4096).map(
        lambda n: ("why <b>aren't</b> you & me?? " * 200)[:n]
    ),
    COMMANDS,
).filter(lambda t: t.strip() != "")
CALLBACK_DATA = st.one_of(
    st.sampled_from(
        [
            "step:1",
            "step:7",
            "step:0",
            "steps",
            "help",
            "about",
            "sent:1",
            "sent:999999",
            "retry",
            "show:3",
            "show:9",
            "banter:more",
            "banter:more:food",
            "banter:why:nope",
            "break:start:24h",
            "break:start:99d",
            "break:keep",
            "break:anyway:1",
            "practice:skip",
            "settings:keep:on",
            "forget:no",
            "forget:yes",
        ]
    ),
    st.text(min_size=1, max_size=64),
)
USERS = st.sampled_from([1, 2, 3])
ORIGIN = st.sampled_from(["user-self", "user-other", "hidden", "chat", "channel"])


def _origin(kind: str, user_id: int) -> dict[str, Any]:
    if kind == "user-self":
        return forward_origin("user", user_id, "Me")
    return forward_origin("user" if kind == "user-other" else kind, 77, "Him")


@st.composite
def updates(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(
        st.sampled_from(
            [
                "text",
                "text",
                "text",
                "forward",
                "caption",
                "sticker",
                "voice",
                "edit",
                "group",
                "channel",
                "callback",
                "inline",
            ]
        )
    )
    user = draw(USERS)
    return kind, {
        "user": user,
        "text": draw(TEXT),
        "data": draw(CALLBACK_DATA),
        "origin": draw(ORIGIN),
        "seconds": draw(st.integers(0, 900)),
    }


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def live(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[asyncio.Runner, ChatDriver, MemoryBotApi]]:
    db: Path = tmp_path_factory.mktemp("fuzz") / "f.db"
    api = MemoryBotApi()
    runner = asyncio.Runner()
    app = build_application(
        offline_settings(db), request=api, clock=FakeClock(), rate_limit=False, throttle=None
    )
    context = running(app)
    runner.run(context.__aenter__())
    try:
        yield runner, ChatDriver(app, api), api
    finally:
        runner.run(context.__aexit__(None, None, None))
        runner.close()


_last_text: dict[int, int] = {}  # each user's last text message, the one an "edit" changes


async def _feed(driver: ChatDriver, kind: str, v: dict[str, Any]) -> list[Any]:
    user, text = v["user"], v["text"]
    if kind == "text":
        message = driver.message_json(text, user_id=user)
        _last_text[user] = message["message_id"]
        return await driver.feed({"message": message})
    if kind == "forward":
        return await driver.send(text, user_id=user, forward_origin=_origin(v["origin"], user))
    if kind == "caption":
        return await driver.send(
            None,
            user_id=user,
            caption=text[:1024],
            photo=[{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}],
        )
    if kind == "sticker":
        return await driver.send(
            None,
            user_id=user,
            sticker={
                "file_id": "s",
                "file_unique_id": "s",
                "width": 1,
                "height": 1,
                "is_animated": False,
                "is_video": False,
                "type": "regular",
            },
        )
    if kind == "voice":
        return await driver.send(
            None,
            user_id=user,
            voice={"file_id": "v", "file_unique_id": "v", "duration": v["seconds"]},
        )
    if kind == "edit":
        # she edits her own last text (or, before she sent one, a message Fonder never saw)
        return await driver.edit(_last_text.get(user, 1), text, user_id=user)
    if kind == "group":
        return await driver.send(text, user_id=user, chat_id=-100 - user, chat_type="supergroup")
    if kind == "channel":
        return await driver.send(text, chat_id=-900, chat_type="channel")
    if kind == "callback":
        sent = [
            c
            for c in driver.api.calls
            if c.method == "sendMessage" and c.chat_id == user and isinstance(c.result, dict)
        ]
        message = driver.sent_message(sent[-1]) if sent else None
        return await driver.press(v["data"], message, user_id=user)
    return await driver.feed(
        {
            "inline_query": {
                "id": "1",
                "from": {"id": user, "is_bot": False, "first_name": "S"},
                "query": text[:256],
                "offset": "",
            }
        }
    )


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(batch=st.lists(updates(), min_size=UPDATES_PER_EXAMPLE, max_size=UPDATES_PER_EXAMPLE))
def test_generated_updates_never_crash_and_every_private_text_gets_an_accepted_reply(
    live: tuple[asyncio.Runner, ChatDriver, MemoryBotApi], batch: list[tuple[str, dict[str, Any]]]
) -> None:
    runner, driver, _ = live
    errors = _Errors()
    logging.getLogger().addHandler(errors)
    try:
        for kind, values in batch:
            calls = runner.run(_feed(driver, kind, values))
            refused = [
                (c.method, c.error) for c in calls if c.error and "not modified" not in c.error
            ]
            assert not refused, (kind, values["text"][:80], refused)
            if kind in {"text", "forward", "caption", "sticker", "voice"}:
                shown = [
                    c
                    for c in calls
                    if c.method in {"sendMessage", "sendPhoto", "sendDocument", "editMessageText"}
                    and not c.error
                ]
                assert shown, (kind, values["text"][:80], "got no reply")
            if kind == "callback":
                assert any(c.method == "answerCallbackQuery" for c in calls), values["data"]
    finally:
        logging.getLogger().removeHandler(errors)
    crashes = [
        r.getMessage() + str(r.exc_info) for r in errors.records if r.name == "fonder.errors"
    ]
    assert not crashes, crashes[:1]
