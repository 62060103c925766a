"""A new user meets Fonder: /start, /help, /about and the command menu."""

from __future__ import annotations

from handlers.commands import COMMANDS
from tests.harness import Harness, only_message


async def test_a_new_user_sends_start_and_gets_three_lines_and_buttons(bot: Harness) -> None:
    reply = only_message(await bot.send("/start", first_name="Mia"))
    assert "Hi Mia" in reply.plain
    body = reply.plain.lower()
    assert "draft" in body and "/banter" in body and "/daily" in body and "break" in body
    assert "/rally" in body
    assert reply.button_texts == [
        "📖 The six steps",
        "🎾 An opener",
        "🏓 Practise a rally",
        "❓ Help",
        "ℹ️ About",
    ]


async def test_start_creates_the_users_row_with_chat_and_language(bot: Harness) -> None:
    await bot.send("/start", user_id=42, language_code="de")
    user = await bot.storage.users.get(42)
    assert user is not None and user.chat_id == 42 and user.language_code == "de"


async def test_a_name_with_html_reaches_the_user_intact(bot: Harness) -> None:
    reply = only_message(await bot.send("/start", first_name="<b>Jo & Co</b>"))
    assert "Hi <b>Jo & Co</b>" in reply.plain


async def test_help_lists_every_command(bot: Harness) -> None:
    reply = only_message(await bot.send("/help"))
    for name, _ in COMMANDS:
        assert f"/{name}" in reply.plain


async def test_the_help_button_under_start_answers_with_help(bot: Harness) -> None:
    start = only_message(await bot.send("/start"))
    reply = only_message(await bot.press(start, "Help"))
    assert "/steps" in reply.plain


async def test_about_credits_the_article(bot: Harness) -> None:
    reply = only_message(await bot.send("/about"))
    assert "How to make him miss you through text" in reply.plain


async def test_the_command_menu_is_registered_at_start_up(bot: Harness) -> None:
    registered = [c["command"] for c in bot.api.commands]
    assert registered == [name for name, _ in COMMANDS]
