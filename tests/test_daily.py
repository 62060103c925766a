"""Daily practice prompts at the user's local time, surviving restarts, crashes and DST."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.jobs import group_name
from bot.memory_api import ApiCall, MemoryBotApi
from content.practice import prompts
from handlers.services import services_of
from tests.harness import (
    FakeClock,
    Harness,
    forward_origin,
    job_names,
    messages,
    offline_settings,
    only_message,
    run_job,
)

BERLIN_1930 = group_name("Europe/Berlin", 19 * 60 + 30)


async def _daily_on(bot: Harness, at: str = "19:30", tz: str = "Europe/Berlin") -> None:
    await bot.send(f"/tz {tz}")
    reply = only_message(await bot.send(f"/daily {at}"))
    assert "every day at" in reply.plain


def _prompts_sent(calls: list) -> list:
    return [c for c in messages(calls) if "Today's practice" in c.plain]


async def test_daily_shows_the_setting_and_a_new_user_is_asked_for_a_time_zone(
    bot: Harness,
) -> None:
    assert "is off" in only_message(await bot.send("/daily")).plain
    ask = only_message(await bot.send("/daily 19:30"))
    assert "time zone" in ask.plain
    wrong = only_message(await bot.send("Berln"))
    assert "Berlin" in wrong.plain
    done = only_message(await bot.send("Berlin"))
    assert "19:30" in done.plain and "Europe/Berlin" in done.plain
    assert BERLIN_1930 in job_names(bot)
    status = only_message(await bot.send("/daily"))
    assert "is on" in status.plain and "19:30" in status.plain


async def test_the_time_zone_question_waits_in_the_database_not_in_memory(bot: Harness) -> None:
    """The time she asked for outlives the process's per-user memory (a restart, another
    worker): naming her zone then turns prompts on at that time."""
    only_message(await bot.send("/daily 7:15"))
    bot.app.drop_user_data(1)
    done = only_message(await bot.send("Berlin"))
    assert "every day at <b>07:15</b>" in done.text and "Europe/Berlin" in done.plain
    assert group_name("Europe/Berlin", 7 * 60 + 15) in job_names(bot)


async def test_the_time_zone_question_expires_and_cancel_ends_it(bot: Harness) -> None:
    only_message(await bot.send("/daily 7:15"))
    bot.clock.advance(minutes=16)  # past the question's 15 minutes: a place is a draft again
    late = only_message(await bot.send("Berlin"))
    assert "every day at" not in late.plain
    only_message(await bot.send("/daily 7:15"))
    assert "nothing changed" in only_message(await bot.send("/cancel")).plain
    assert "every day at" not in only_message(await bot.send("Berlin")).plain
    # with no question waiting, /cancel is a command like any unknown one
    assert "I don't know /cancel" in only_message(await bot.send("/cancel")).plain


async def test_daily_off_means_the_next_prompt_time_sends_nothing(bot: Harness) -> None:
    await _daily_on(bot)
    only_message(await bot.send("/daily off"))
    assert _prompts_sent(await run_job(bot, BERLIN_1930)) == []


async def test_a_prompt_is_sent_once_per_local_day_and_changes_the_next_day(bot: Harness) -> None:
    await _daily_on(bot)
    bot.clock.now = datetime(2026, 3, 2, 18, 30, tzinfo=UTC)  # 19:30 in Berlin
    first = _prompts_sent(await run_job(bot, BERLIN_1930))
    assert len(first) == 1
    assert _prompts_sent(await run_job(bot, BERLIN_1930)) == []  # same local day: nothing
    bot.clock.advance(days=1)
    second = _prompts_sent(await run_job(bot, BERLIN_1930))
    assert len(second) == 1 and second[0].plain != first[0].plain


async def test_no_prompt_repeats_until_all_have_been_given(bot: Harness) -> None:
    await _daily_on(bot)
    texts = []
    for _ in prompts():
        texts.extend(c.plain for c in _prompts_sent(await run_job(bot, BERLIN_1930)))
        bot.clock.advance(days=1)
    assert len(texts) == len(prompts()) == len(set(texts))


async def test_the_next_text_is_the_practice_answer_and_builds_a_streak(bot: Harness) -> None:
    await _daily_on(bot)
    for day in range(2):
        await run_job(bot, BERLIN_1930)
        reply = only_message(
            await bot.send("I tripped over my own shoelaces at the gym 🙈 do you ever do that?")
        )
        assert "Practice answer" in reply.plain and f"Streak: {day + 1} day" in reply.plain
        bot.clock.advance(days=1)
    plain = only_message(await bot.send("just a normal draft haha what are you up to?"))
    assert "Practice answer" not in plain.plain
    bot.clock.advance(days=2)
    await run_job(bot, BERLIN_1930)
    reply = only_message(await bot.send("I tripped over my shoelaces again 🙈 you?"))
    assert "Streak: 1 day" in reply.plain


async def test_a_blocked_user_stops_getting_prompts(bot: Harness) -> None:
    await _daily_on(bot)
    bot.api.blocked.add(1)
    await run_job(bot, BERLIN_1930)
    user = await bot.storage.users.get(1)
    assert user is not None and not user.active
    bot.api.calls = [c for c in bot.api.calls if not c.error]  # the 403 was the point
    bot.clock.advance(days=1)
    assert [c for c in await run_job(bot, BERLIN_1930) if c.chat_id == 1] == []  # no retries
    bot.api.blocked.clear()
    await bot.send("/start")  # they unblock and come back: prompts resume
    bot.clock.advance(days=1)
    assert len(_prompts_sent(await run_job(bot, BERLIN_1930))) == 1


async def test_prompts_fire_at_local_time_across_dst_in_several_zones(bot: Harness) -> None:
    cases = {
        "America/New_York": [
            (datetime(2026, 3, 7, 12, tzinfo=UTC), datetime(2026, 3, 8, 0, 30, tzinfo=UTC)),
            (datetime(2026, 3, 8, 12, tzinfo=UTC), datetime(2026, 3, 8, 23, 30, tzinfo=UTC)),
        ],
        "Europe/Berlin": [
            (datetime(2026, 3, 28, 12, tzinfo=UTC), datetime(2026, 3, 28, 18, 30, tzinfo=UTC)),
            (datetime(2026, 3, 29, 12, tzinfo=UTC), datetime(2026, 3, 29, 17, 30, tzinfo=UTC)),
        ],
        "Asia/Kolkata": [
            (datetime(2026, 3, 8, 0, tzinfo=UTC), datetime(2026, 3, 8, 14, 0, tzinfo=UTC))
        ],
    }
    for zone_name, checks in cases.items():
        bot.services.scheduler.daily_on(1, 19 * 60 + 30, zone_name)
        job = bot.app.job_queue.get_jobs_by_name(group_name(zone_name, 19 * 60 + 30))[0]  # type: ignore[union-attr]
        for now, expected in checks:
            fire = job.job.trigger.get_next_fire_time(None, now)
            assert fire == expected, (zone_name, now, fire)
            assert fire.astimezone(job.job.trigger.timezone).strftime("%H:%M") == "19:30"


async def _restart(db: Path, clock: FakeClock, api: MemoryBotApi) -> list:
    """Start the app again on the same file; return what start-up (catch-up jobs) sent."""
    app = build_application(offline_settings(db), request=api, clock=clock, rate_limit=False)
    start = len(api.calls)
    async with running(app):
        harness = Harness(app, api, ChatDriver(app, api), clock, db)
        if "catch-up" in job_names(harness):
            await run_job(harness, "catch-up")
        names = job_names(harness)
    return [api.calls[start:], names]


async def test_a_restart_rebuilds_jobs_and_sends_a_missed_prompt_once(tmp_path: Path) -> None:
    db, clock, api = (
        tmp_path / "f.db",
        FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC)),
        MemoryBotApi(),
    )
    app = build_application(offline_settings(db), request=api, clock=clock, rate_limit=False)
    async with running(app):
        driver = ChatDriver(app, api)
        await driver.send("/tz Europe/Berlin")
        await driver.send("/daily 12:00")
    clock.now = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)  # 16:00 Berlin: 12:00 passed while down
    sent, names = await _restart(db, clock, api)
    assert group_name("Europe/Berlin", 12 * 60) in names
    assert len(_prompts_sent(sent)) == 1
    sent, _ = await _restart(db, clock, api)  # restarting again the same day sends nothing
    assert _prompts_sent(sent) == []
    clock.now = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)  # 10:00 two days later: not yet due
    sent, _ = await _restart(db, clock, api)
    assert _prompts_sent(sent) == []  # yesterday's missed prompt is not sent today


async def test_a_crash_between_send_and_write_sends_at_most_the_one_in_flight(
    tmp_path: Path,
) -> None:
    db, clock, api = (
        tmp_path / "f.db",
        FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC)),
        MemoryBotApi(),
    )
    app = build_application(offline_settings(db), request=api, clock=clock, rate_limit=False)
    async with running(app):
        driver = ChatDriver(app, api)
        await driver.send("/daily 12:00")
        await driver.send("/tz UTC")
        await driver.send("/daily 12:00")
        clock.now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
        storage = services_of(app).storage
        # The job claims today's prompt and "sends" it; the process dies before confirming.
        claimed = await storage.schedule.claim_prompt(1, "2026-03-02", prompts()[0].id, clock.now)
        assert claimed is not None
    sent, _ = await _restart(db, clock, api)
    assert len(_prompts_sent(sent)) == 1  # the in-flight one is re-sent, never lost
    sent, _ = await _restart(db, clock, api)
    assert _prompts_sent(sent) == []  # and never a third
    _ = timedelta


async def test_stopping_the_bot_mid_broadcast_stops_it_and_the_rest_come_at_the_next_start(
    tmp_path: Path,
) -> None:
    """`docker stop` during the daily broadcast: the bot stops after the prompt in flight
    instead of sending every remaining one first; the next start sends the rest, once each."""
    db, clock, api = (
        tmp_path / "f.db",
        FakeClock(datetime(2026, 3, 2, 11, 0, tzinfo=UTC)),
        MemoryBotApi(),
    )
    users = 20
    app = build_application(offline_settings(db), request=api, clock=clock, rate_limit=False)
    async with running(app):
        storage = services_of(app).storage
        await storage.users.import_many([(u, u, clock.now) for u in range(1, users + 1)])
        await storage.schedule.import_daily([(u, 12 * 60) for u in range(1, users + 1)])
    clock.now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    app = build_application(offline_settings(db), request=api, clock=clock, rate_limit=False)
    await app.initialize()
    assert app.post_init is not None and app.post_shutdown is not None
    await app.post_init(app)
    await app.start()
    stopping: list[asyncio.Task[None]] = []

    def stop_after_five(call: ApiCall) -> None:
        if len(_prompts_sent(api.calls)) == 5 and not stopping:
            stopping.append(asyncio.ensure_future(app.stop()))

    api.add_listener(stop_after_five)
    group = app.job_queue.get_jobs_by_name(group_name(None, 12 * 60))[0]  # type: ignore[union-attr]
    await group.run(app)
    await asyncio.wait_for(stopping[0], timeout=10)
    await app.post_shutdown(app)
    await app.shutdown()
    assert len(_prompts_sent(api.calls)) == 5  # none after the stop began

    await _restart(db, clock, api)
    by_user = Counter(c.chat_id for c in _prompts_sent(api.calls))
    assert by_user == {u: 1 for u in range(1, users + 1)}


async def test_a_draft_sent_instead_of_a_time_zone_is_critiqued_not_refused(bot: Harness) -> None:
    assert "time zone" in only_message(await bot.send("/daily 19:30")).plain
    shown = messages(await bot.send("why arent you answering me??"))
    assert "leave your daily practice off" in shown[0].plain
    assert "Hold on" in shown[1].plain  # her draft got its critique
    assert BERLIN_1930 not in job_names(bot)
    assert "is off" in only_message(await bot.send("/daily")).plain


async def test_his_forwarded_message_passes_through_the_time_zone_question(bot: Harness) -> None:
    await bot.send("/daily 19:30")
    reply = only_message(await bot.send("haha you wish", forward_origin=forward_origin("user")))
    assert "His message" in reply.plain


async def test_a_prompt_left_unanswered_for_days_does_not_claim_a_later_draft(
    bot: Harness,
) -> None:
    await _daily_on(bot)
    await run_job(bot, BERLIN_1930)
    bot.clock.advance(days=3)
    reply = only_message(await bot.send("I tripped over my own shoelaces 🙈 do you ever?"))
    assert "Practice answer" not in reply.plain and "/100" in reply.plain


async def test_changing_time_zone_moves_the_daily_prompt_to_the_new_zone(bot: Harness) -> None:
    await _daily_on(bot)
    reply = only_message(await bot.send("/tz America/New_York"))
    assert "19:30 there" in reply.plain
    assert group_name("America/New_York", 19 * 60 + 30) in job_names(bot)


async def test_a_restart_does_not_catch_up_a_prompt_due_before_she_turned_them_on(
    tmp_path: Path,
) -> None:
    db, clock, api = (
        tmp_path / "f.db",
        FakeClock(datetime(2026, 3, 2, 14, 0, tzinfo=UTC)),  # 15:00 in Berlin
        MemoryBotApi(),
    )
    app = build_application(offline_settings(db), request=api, clock=clock, rate_limit=False)
    async with running(app):
        driver = ChatDriver(app, api)
        await driver.send("/tz Europe/Berlin")
        await driver.send("/daily 12:00")  # today's 12:00 had passed before she asked
    clock.now = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    sent, _ = await _restart(db, clock, api)
    assert _prompts_sent(sent) == []
    clock.now = datetime(2026, 3, 3, 13, 0, tzinfo=UTC)  # tomorrow 14:00: that one was missed
    sent, _ = await _restart(db, clock, api)
    assert len(_prompts_sent(sent)) == 1


async def test_a_practice_answer_gets_no_timing_note(bot: Harness) -> None:
    """She is practising with Fonder, not texting him now: 'text when he can enjoy it' would
    be advice about a send that isn't happening."""
    await _daily_on(bot)
    await bot.send("/hours 9-10")  # 19:30 in Berlin is outside his hours
    await run_job(bot, BERLIN_1930)
    reply = only_message(
        await bot.send("I tripped over my own shoelaces at the gym 🙈 do you ever do that?")
    )
    assert "Practice answer" in reply.plain and "enjoy it" not in reply.plain
    draft = only_message(await bot.send("I tripped again 🙈 do you ever do that?"))
    assert "enjoy it" in draft.plain  # an ordinary draft still gets it


async def test_a_user_back_after_a_restart_that_dropped_her_prompt_time_gets_prompts_again(
    tmp_path: Path,
) -> None:
    """She blocked the bot, Fonder restarted meanwhile (her prompt time, with no one active in
    it, got no job), then she came back: her next message brings the daily prompt back."""
    db, clock, api = (
        tmp_path / "f.db",
        FakeClock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC)),
        MemoryBotApi(),
    )
    noon = group_name("Europe/Berlin", 12 * 60)
    app = build_application(offline_settings(db), request=api, clock=clock, rate_limit=False)
    async with running(app):
        driver = ChatDriver(app, api)
        await driver.send("/tz Europe/Berlin")
        await driver.send("/daily 12:00")
        api.blocked.add(1)
        await run_job(Harness(app, api, driver, clock, db), noon)  # 403: she is inactive now
    api.calls = [c for c in api.calls if not c.error]
    clock.advance(days=1)
    app = build_application(offline_settings(db), request=api, clock=clock, rate_limit=False)
    async with running(app):
        bot = Harness(app, api, ChatDriver(app, api), clock, db)
        assert noon not in job_names(bot)
        api.blocked.clear()
        await bot.send("hi again")
        assert noon in job_names(bot)
        assert len(_prompts_sent(await run_job(bot, noon))) == 1
