"""Every button Fonder can show is answered by a handler of its own, and the command menu,
/help and the registry list the same commands."""

from __future__ import annotations

import re
from typing import Any

from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler

from handlers import fallback
from handlers.commands import COMMANDS
from tests.harness import Harness, only_message
from tests.test_drafts import NEEDY, PLAYFUL, origin

# Journeys that between them show every kind of button.
JOURNEYS: list[Any] = [
    "/start",
    "/steps",
    "/step 3",
    "/banter",
    "/rally",
    "/settings",
    "/forget",
    "/daily 19:30",
    "/break",
    PLAYFUL,
    NEEDY,
    "you always cancel our plans. typical.",
    "hey",
]


def _handlers(bot: Harness) -> list[Any]:
    found: list[Any] = []
    for group in bot.app.handlers.values():
        for handler in group:
            if isinstance(handler, ConversationHandler):
                found += handler.entry_points + [h for hs in handler.states.values() for h in hs]
                found += handler.fallbacks
            else:
                found.append(handler)
    return found


def _answered_by(bot: Harness, data: str) -> Any:
    """The first registered button handler whose pattern matches, the fallback excluded."""
    for handler in _handlers(bot):
        if (
            not isinstance(handler, CallbackQueryHandler)
            or handler.callback is fallback.expired_button
        ):
            continue
        pattern = handler.pattern
        if isinstance(pattern, re.Pattern) and pattern.match(data):
            return handler
    return None


async def test_every_button_fonder_shows_has_a_handler_of_its_own(bot: Harness) -> None:
    for step in JOURNEYS:
        await bot.send(step)
    reply = only_message(await bot.send(PLAYFUL))
    await bot.press(reply, "I sent it")
    await bot.send("/rally")
    seen: set[str] = set()
    for call in bot.api.calls:
        for button in call.buttons:
            data = button.get("callback_data")
            if data is not None:
                seen.add(str(data))
    assert len(seen) >= 15, seen
    unanswered = sorted(d for d in seen if _answered_by(bot, d) is None)
    assert unanswered == []


async def test_his_message_and_break_buttons_are_answered_too(bot: Harness) -> None:
    await bot.send("lol bet you can't cook", forward_origin=origin("user"))
    await bot.send("/break 2h")
    reply = only_message(await bot.send(NEEDY))
    assert reply.button_texts[-2:] == ["📤 Send anyway", "🌿 Keep my break"]
    datas = [str(b["callback_data"]) for b in reply.buttons if "callback_data" in b]
    assert len(datas) == len(reply.buttons)
    assert [d for d in datas if _answered_by(bot, d) is None] == []


def test_the_menu_help_and_registry_list_the_same_commands(bot: Harness) -> None:
    registered = {
        name
        for handler in _handlers(bot)
        if isinstance(handler, CommandHandler)
        for name in handler.commands
    }
    menu = {name for name, _ in COMMANDS}
    hidden = {"admin", "cancel"}  # admin is for ADMIN_IDS only; cancel ends /daily's question
    assert menu == registered - hidden


async def test_help_lists_every_command_of_the_menu(bot: Harness) -> None:
    shown = only_message(await bot.send("/help")).plain
    assert all(f"/{name} — " in shown for name, _ in COMMANDS)
