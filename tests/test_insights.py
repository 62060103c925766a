"""Outcomes of sent texts, /insights from her own history, and a break that pauses the streak."""

from __future__ import annotations

from bot.jobs import group_name
from tests.harness import Harness, messages, only_message, run_job
from tests.test_drafts import PLAYFUL, origin

PLAIN = "had a long day, just got home and made pasta."  # no question, not playful


async def _sent(bot: Harness, text: str) -> object:
    """Critique `text`, press "I sent it"; the confirmation (with the outcome buttons)."""
    reply = only_message(await bot.send(text))
    return messages(await bot.press(reply, "I sent it"))[0]  # a break suggestion may follow


async def _mark(bot: Harness, text: str, label: str) -> None:
    confirmation = await _sent(bot, text)
    await bot.press(confirmation, label)  # type: ignore[arg-type]


async def test_the_sent_confirmation_asks_how_it_went_and_no_reply_is_stored(
    bot: Harness,
) -> None:
    confirmation = await _sent(bot, PLAYFUL)
    assert confirmation.button_texts == ["💬 He replied", "🔇 No reply"]  # type: ignore[attr-defined]
    noted = only_message(await bot.press(confirmation, "No reply"))  # type: ignore[arg-type]
    assert "no reply" in noted.plain.lower() and "don't chase" in noted.plain
    outcomes = await bot.storage.drafts.outcomes(1)
    assert [o.replied for o in outcomes] == [False]


async def test_insights_below_ten_marked_texts_says_how_many_more_it_needs(bot: Harness) -> None:
    for _ in range(3):
        await _mark(bot, PLAYFUL, "He replied")
    reply = only_message(await bot.send("/insights"))
    assert "I need 7 more marked texts" in reply.plain and "3 of 3" in reply.plain
    assert "%" not in reply.plain.split("so far")[0]  # no invented rate before the minimum


async def test_insights_compares_her_habits_with_the_counts_behind_every_rate(
    bot: Harness,
) -> None:
    for _ in range(6):  # questions that hand the ball back: he answers 5 of 6
        await _mark(bot, PLAYFUL, "He replied")
    await _mark(bot, PLAYFUL, "No reply")
    bot.clock.advance(minutes=1)
    for label in ("He replied", "No reply", "No reply", "No reply", "No reply"):
        await _mark(bot, PLAIN, label)
    reply = only_message(await bot.send("/insights"))
    text = reply.plain
    assert "All marked texts: 7 of 12 got a reply (58%)" in text
    assert "hand the ball back (a question or invitation): 6 of 7 got a reply (86%)" in text
    assert "The others: 1 of 5 got a reply (20%)" in text
    assert "set his open hours with /hours" in text


async def test_forwarding_his_message_marks_her_latest_sent_text_as_answered(
    bot: Harness,
) -> None:
    await _sent(bot, PLAYFUL)
    bot.clock.advance(hours=47)
    reply = only_message(await bot.send("haha you wish 😏", forward_origin=origin("user")))
    assert "counts as answered" in reply.plain
    assert [o.replied for o in await bot.storage.drafts.outcomes(1)] == [True]
    await _sent(bot, PLAIN)
    bot.clock.advance(hours=49)  # too late to be an answer to that one
    reply = only_message(await bot.send("hey", forward_origin=origin("user")))
    assert "counts as answered" not in reply.plain
    assert len(await bot.storage.drafts.outcomes(1)) == 1


async def test_texts_sent_inside_and_outside_his_hours_are_compared(bot: Harness) -> None:
    await bot.send("/tz Europe/Berlin")
    await bot.send("/hours 18-22")
    bot.clock.now = bot.clock.now.replace(hour=18)  # 19:00 in Berlin: inside
    for _ in range(5):
        await _mark(bot, PLAYFUL, "He replied")
    bot.clock.now = bot.clock.now.replace(hour=8)  # 09:00: outside
    for label in ("He replied", "No reply", "No reply", "No reply", "No reply"):
        await _mark(bot, PLAYFUL, label)
    text = only_message(await bot.send("/insights")).plain
    assert "inside his open hours: 5 of 5 got a reply (100%)" in text
    assert "The others: 1 of 5 got a reply (20%) (step 1)" in text


async def test_stats_shows_the_reply_rate(bot: Harness) -> None:
    await _mark(bot, PLAYFUL, "He replied")
    await _mark(bot, PLAYFUL, "No reply")
    shown = messages(await bot.send("/stats"))
    assert "Reply rate: 1 of 2 marked texts got a reply (50%)" in shown[0].plain
    assert shown[1].method == "sendPhoto" and "he replied to" in shown[1].text


async def test_a_break_pauses_the_practice_streak_instead_of_breaking_it(bot: Harness) -> None:
    await bot.send("/tz UTC")
    await bot.send("/daily 10:00")
    job = group_name("UTC", 10 * 60)
    bot.clock.now = bot.clock.now.replace(hour=10, minute=0)
    await run_job(bot, job)
    first = only_message(await bot.send(PLAYFUL))
    assert "Streak: 1 day" in first.plain
    await bot.send("/break 3d")  # days 2, 3 and 4 are a break: no practice
    bot.clock.advance(days=3, minutes=5)
    await bot.send("/break off")
    await run_job(bot, job)
    after = only_message(await bot.send(PLAYFUL))
    assert "Streak: 2 days" in after.plain
    bot.clock.advance(days=2)  # a day missed with no break: the streak starts over
    await run_job(bot, job)
    assert "Streak: 1 day" in only_message(await bot.send(PLAYFUL)).plain


async def test_forget_removes_rallies_and_break_history_too(bot: Harness) -> None:
    await bot.send("/break 2h")
    await bot.send("/break off")
    await bot.send("/rally")
    rows = await bot.storage.privacy.rows_about(1)
    assert rows["break_log"] == 1 and rows["rallies"] == 1
    shown = messages(await bot.send("/forget"))  # the command closes the rally first
    assert "Rally ended" in shown[0].plain
    await bot.press(shown[-1], "Yes, delete everything")
    assert all(count == 0 for count in (await bot.storage.privacy.rows_about(1)).values())


async def test_insights_right_after_a_sent_text_counts_it_as_waiting(bot: Harness) -> None:
    await _sent(bot, PLAYFUL)
    reply = only_message(await bot.send("/insights"))
    assert "no texts yet" not in reply.plain
    assert "1 sent text waiting for you to mark whether he replied" in reply.plain
