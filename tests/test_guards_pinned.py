"""The guard in front of every feature, as a group member or another bot would meet it."""

from __future__ import annotations

from handlers.guards import REFUSAL
from tests.harness import Harness, messages


async def test_a_button_pressed_in_a_group_pops_up_the_refusal(bot: Harness) -> None:
    in_group = bot.driver.message_json("hi", user_id=7, chat_id=-100, chat_type="group")
    calls = await bot.driver.press("step:2", in_group, user_id=7)
    answers = [c for c in calls if c.method == "answerCallbackQuery"]
    assert len(answers) == 1 and answers[0].text == REFUSAL
    assert messages(calls) == []
    assert await bot.storage.users.get(7) is None


async def test_a_message_from_another_bot_is_not_stored_as_a_user(bot: Harness) -> None:
    message = bot.driver.message_json("/start", user_id=99)
    message["from"]["is_bot"] = True
    await bot.driver.feed({"message": message})
    assert await bot.storage.users.get(99) is None
    assert await bot.storage.users.count() == 0
