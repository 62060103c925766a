"""/break, drafts during a break, the reminder when it ends, and suggested breaks."""

from __future__ import annotations

from pathlib import Path

from bot.app import build_application, running
from bot.memory_api import MemoryBotApi
from content.openers import openers
from tests.harness import (
    FakeClock,
    Harness,
    job_names,
    messages,
    offline_settings,
    only_message,
    run_job,
)
from tests.test_drafts import PLAYFUL


async def test_break_24h_confirms_with_the_reason_and_an_idea(bot: Harness) -> None:
    reply = only_message(await bot.send("/break 24h"))
    assert "Break on for 24 hours" in reply.plain and "An idea for the time" in reply.plain
    assert "break:1" in job_names(bot)
    current = await bot.storage.schedule.current_break(1)
    assert current is not None and (current.ends_at - bot.clock.now).total_seconds() == 24 * 3600


async def test_break_accepts_minutes_hours_days_and_off(bot: Harness) -> None:
    for spec, words in (("30m", "30 minutes"), ("2h", "2 hours"), ("3d", "3 days")):
        assert words in only_message(await bot.send(f"/break {spec}")).plain
    assert "ended" in only_message(await bot.send("/break off")).plain
    assert "break:1" not in job_names(bot)
    assert "not on a break" in only_message(await bot.send("/break off")).plain
    assert "like 30m" in only_message(await bot.send("/break forever")).plain


async def test_a_draft_during_a_break_is_critiqued_with_a_gentle_reminder(bot: Harness) -> None:
    await bot.send("/break 2h")
    reply = only_message(await bot.send(PLAYFUL))
    assert "on a break until 14:00" in reply.plain and "Adds value" in reply.plain
    assert "📤 Send anyway" in reply.button_texts and "🌿 Keep my break" in reply.button_texts
    kept = only_message(await bot.press(reply, "Keep my break"))
    assert "Keeping your break" in kept.plain
    sent = only_message(await bot.press(reply, "Send anyway"))
    assert "break is over" in sent.plain
    assert await bot.storage.schedule.current_break(1) is None


async def test_when_the_break_ends_a_reminder_arrives_with_an_opener(bot: Harness) -> None:
    await bot.send("/break 30m")
    bot.clock.advance(minutes=31)
    reminder = only_message(await run_job(bot, "break:1"))
    assert (
        "break is over" in reminder.plain
        and "How did it feel" in reminder.plain
        and "“" in reminder.plain
    )
    assert await bot.storage.schedule.current_break(1) is None


async def test_the_opener_after_a_break_never_has_a_part_left_to_fill_in(bot: Harness) -> None:
    """The break-over message shows its opener bare, without banter's "swap the part in
    [brackets]" hint, so a fill-in template would read as a broken text. With every ready
    opener but one already given, the fresh one must still be that one."""
    ready = [o for o in openers() if not o.needs_filling]
    assert len(ready) < len(openers())  # the pool does hold fill-in templates
    await bot.send("/break 30m")
    for opener in ready[1:]:
        await bot.storage.schedule.mark_given(1, "opener", opener.id, bot.clock.now)
    bot.clock.advance(minutes=31)
    reminder = only_message(await run_job(bot, "break:1"))
    assert "[" not in reminder.plain and ready[0].text in reminder.plain


async def test_a_break_survives_a_restart(tmp_path: Path) -> None:
    db, clock, api = tmp_path / "f.db", FakeClock(), MemoryBotApi()
    for round_ in range(2):
        app = build_application(offline_settings(db), request=api, clock=clock, rate_limit=False)
        async with running(app):
            harness = Harness(
                app, api, __import__("bot.driver").driver.ChatDriver(app, api), clock, db
            )
            if round_ == 0:
                await harness.send("/break 2h")
            else:
                assert "break:1" in job_names(harness)
                clock.advance(hours=3)
                assert "break is over" in only_message(await run_job(harness, "break:1")).plain


async def test_five_texts_in_two_hours_bring_one_break_suggestion_a_day(bot: Harness) -> None:
    await bot.send(
        "his reply", forward_origin={"type": "hidden_user", "date": 1, "sender_user_name": "x"}
    )
    suggestions = 0
    for _ in range(7):
        await bot.send(
            "lol ok",
            forward_origin={
                "type": "user",
                "date": 1,
                "sender_user": {"id": 5, "is_bot": False, "first_name": "A"},
            },
        )
        reply = only_message(await bot.send(PLAYFUL))
        calls = await bot.press(reply, "I sent it")
        suggestions += sum("Fancy a break?" in c.plain for c in messages(calls))
        bot.clock.advance(minutes=10)
    assert suggestions == 1


async def test_three_unanswered_texts_bring_a_suggestion_with_a_one_tap_break(bot: Harness) -> None:
    offer = None
    for _ in range(3):
        reply = only_message(await bot.send(PLAYFUL))
        for call in messages(await bot.press(reply, "I sent it")):
            if "Fancy a break?" in call.plain:
                offer = call
        bot.clock.advance(hours=1)
    assert offer is not None and "3 texts since he last replied" in offer.plain
    started = only_message(await bot.press(offer, "Start a 24h break"))
    assert "Break on for 24 hours" in started.plain


async def test_a_break_ending_for_someone_who_blocked_the_bot_ends_quietly(bot: Harness) -> None:
    await bot.send("/break 30m")
    bot.api.blocked.add(1)
    bot.clock.advance(minutes=31)
    calls = await run_job(bot, "break:1")
    assert [c.error for c in calls if c.method == "sendMessage"] == [
        "Forbidden: bot was blocked by the user"
    ]
    assert await bot.storage.schedule.current_break(1) is None
    user = await bot.storage.users.get(1)
    assert user is not None and not user.active
    bot.api.calls.clear()  # the one refusal was expected; the fixture checks for others


async def test_without_a_time_zone_the_break_end_says_it_is_utc(bot: Harness) -> None:
    assert "UTC (set your time zone with /tz)" in only_message(await bot.send("/break 2h")).plain
