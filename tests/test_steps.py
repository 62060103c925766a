"""Browsing the article's six steps with /steps, /step N and the ◀ ▶ buttons."""

from __future__ import annotations

from tests.harness import Harness, messages, only_message


async def test_steps_lists_six_steps_as_buttons(bot: Harness) -> None:
    reply = only_message(await bot.send("/steps"))
    assert len(reply.buttons) == 6
    assert [b["text"][:2] for b in reply.buttons] == ["1.", "2.", "3.", "4.", "5.", "6."]


async def test_step_3_shows_meaning_why_tips_example_and_mistake(bot: Harness) -> None:
    reply = only_message(await bot.send("/step 3"))
    text = reply.plain
    assert text.startswith(bot.services.library.steps[2].emoji)
    assert "Step 3 of 6" in text
    for heading in (
        "What it means",
        "Why it works",
        "Try this",
        "A text you could send",
        "The mistake to avoid",
    ):
        assert heading in text
    assert 3 <= text.count("• ") <= 5
    assert reply.button_texts == ["◀", "☰ All steps", "▶"]


async def test_next_edits_the_same_message_in_place(bot: Harness) -> None:
    reply = only_message(await bot.send("/step 3"))
    edited = only_message(await bot.press(reply, "▶"))
    assert edited.method == "editMessageText"
    assert edited.params["message_id"] == reply.result["message_id"]
    assert "Step 4 of 6" in edited.plain


async def test_pressing_next_on_step_6_does_not_crash_and_stays_on_6(bot: Harness) -> None:
    reply = only_message(await bot.send("/step 6"))
    calls = await bot.press(reply, "▶")
    assert messages(calls) == []
    toast = [c for c in calls if c.method == "answerCallbackQuery"]
    assert toast and "last step" in toast[0].params["text"]
    assert "Step 6 of 6" in bot.api.message(1, reply.result["message_id"])["text"]


async def test_pressing_back_on_step_1_stays_on_1(bot: Harness) -> None:
    reply = only_message(await bot.send("/step 1"))
    calls = await bot.press(reply, "◀")
    assert messages(calls) == []
    assert "first step" in calls[-1].params["text"]


async def test_pressing_the_same_step_button_twice_is_silent_not_an_error(bot: Harness) -> None:
    listing = only_message(await bot.send("/steps"))
    await bot.press(listing, "2.")
    calls = await bot.driver.press("step:2", bot.driver.sent_message(listing))
    assert [c.method for c in calls if c.error] == [
        "editMessageText"
    ]  # Telegram said "not modified"
    assert not [c for c in calls if c.method == "sendMessage"]  # …and the user got no apology
    bot.api.calls.remove(next(c for c in calls if c.error))


async def test_the_list_button_returns_to_all_steps(bot: Harness) -> None:
    reply = only_message(await bot.send("/step 2"))
    edited = only_message(await bot.press(reply, "All steps"))
    assert "The six steps" in edited.plain and len(edited.buttons) == 6


async def test_a_step_that_does_not_exist_gets_a_hint_and_the_list(bot: Harness) -> None:
    for arg in ("9", "0", "abc", "<b>", ""):
        reply = only_message(await bot.send(f"/step {arg}".strip()))
        assert "1 to 6" in reply.plain
        assert len(reply.buttons) == 6
