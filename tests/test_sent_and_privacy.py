""" "I sent it", the 70% value ratio, context notes, /stats, /settings, /forget and /export."""

from __future__ import annotations

import json
import time

from tests.harness import Harness, messages, only_message
from tests.test_drafts import NEEDY, PLAYFUL, origin


async def _sent(bot: Harness, text: str, user_id: int = 1) -> None:
    reply = only_message(await bot.send(text, user_id=user_id))
    await bot.press(reply, "I sent it", user_id=user_id)


async def test_i_sent_it_logs_the_text_and_shows_the_value_ratio(bot: Harness) -> None:
    reply = only_message(await bot.send(PLAYFUL))
    calls = await bot.press(reply, "I sent it")
    assert "Logged as sent" in only_message(calls).plain
    assert "1 of 1" in only_message(calls).plain
    again = await bot.press(reply, "I sent it")
    assert messages(again) == [] and again[-1].params["text"] == "Already logged ✅"


async def test_the_ratio_counts_only_the_last_ten_sent_texts(bot: Harness) -> None:
    for _ in range(3):
        await _sent(bot, NEEDY)
    for _ in range(10):
        await _sent(bot, PLAYFUL)
    summary = await bot.storage.drafts.summary(1, bot.clock.now.replace(hour=0))
    assert (summary.last_ten, summary.last_ten_adding_value) == (10, 10)


async def test_someone_elses_draft_id_in_callback_data_does_nothing(bot: Harness) -> None:
    mine = only_message(await bot.send(PLAYFUL, user_id=1))
    draft_id = mine.buttons[-2]["callback_data"]
    calls = await bot.driver.press(draft_id, None, user_id=2)
    assert messages(calls) == [] and "can't find" in calls[-1].params["text"]
    summary = await bot.storage.drafts.summary(1, bot.clock.now.replace(hour=0))
    assert summary.last_ten == 0


async def test_three_unanswered_texts_bring_a_step_4_note_and_his_reply_resets_it(
    bot: Harness,
) -> None:
    for _ in range(3):
        await _sent(bot, PLAYFUL)
    reply = only_message(await bot.send(PLAYFUL))
    assert "3 texts since he last replied" in reply.plain
    await bot.send("haha you're ridiculous", forward_origin=origin("user"))
    reply = only_message(await bot.send(PLAYFUL))
    assert "since he last replied" not in reply.plain


async def test_outside_his_open_hours_a_timing_note_cites_step_1(bot: Harness) -> None:
    await bot.send("/tz Europe/Berlin")
    only_message(await bot.send("/hours 12-14 18-22"))
    bot.clock.now = bot.clock.now.replace(hour=8)  # 09:00 in Berlin
    reply = only_message(await bot.send(PLAYFUL))
    assert "09:00" in reply.plain and "(step 1)" in reply.plain
    bot.clock.now = bot.clock.now.replace(hour=18)  # 19:00 in Berlin: inside
    assert "usually open" not in only_message(await bot.send(PLAYFUL)).plain


async def test_bad_hours_get_a_hint(bot: Harness) -> None:
    reply = only_message(await bot.send("/hours 25-99"))
    assert "/hours 12-14 18-22" in reply.plain


async def test_a_misspelt_time_zone_gets_suggestions(bot: Harness) -> None:
    reply = only_message(await bot.send("/tz Europe/Berln"))
    assert "Europe/Berlin" in reply.plain
    reply = only_message(await bot.send("/tz new york"))
    assert "America/New_York" in reply.plain
    user = await bot.storage.users.get(1)
    assert user is not None and user.time_zone == "America/New_York"


async def test_by_default_the_drafts_text_is_not_stored(bot: Harness) -> None:
    await bot.send(PLAYFUL)
    drafts = await bot.storage.drafts.all_for(1)
    assert len(drafts) == 1 and drafts[0].text is None and drafts[0].score > 50


async def test_settings_can_turn_on_keeping_draft_text(bot: Harness) -> None:
    view = only_message(await bot.send("/settings"))
    assert "off" in view.plain
    edited = only_message(await bot.press(view, "Keep my drafts"))
    assert "<b>on</b>" in edited.text
    await bot.send(PLAYFUL)
    assert (await bot.storage.drafts.all_for(1))[0].text == PLAYFUL


async def test_forget_asks_first_then_leaves_zero_rows_in_every_table(bot: Harness) -> None:
    await _sent(bot, PLAYFUL)
    await bot.send("lol ok", forward_origin=origin("user"))
    await _sent(bot, PLAYFUL, user_id=2)
    ask = only_message(await bot.send("/forget"))
    assert "can't be undone" in ask.plain
    assert sum((await bot.storage.privacy.rows_about(1)).values()) >= 3
    done = only_message(await bot.press(ask, "Yes, delete"))
    assert "deleted" in done.plain
    rows = await bot.storage.privacy.rows_about(1)
    assert set(rows) >= {"users", "drafts", "replies"} and sum(rows.values()) == 0
    assert sum((await bot.storage.privacy.rows_about(2)).values()) >= 2  # others untouched


async def test_export_sends_everything_as_json(bot: Harness) -> None:
    await _sent(bot, PLAYFUL)
    call = only_message(await bot.send("/export"))
    assert call.method == "sendDocument"
    data = json.loads(call.files["document"])
    assert data["user_id"] == 1 and len(data["tables"]["drafts"]) == 1
    assert data["tables"]["users"][0]["user_id"] == 1


async def test_stats_before_anything_is_sent_explains_how(bot: Harness) -> None:
    assert "No sent texts" in only_message(await bot.send("/stats")).plain


async def test_stats_shows_the_ratio_and_sends_a_png_chart(bot: Harness) -> None:
    await _sent(bot, PLAYFUL)
    bot.clock.advance(days=1)
    await _sent(bot, NEEDY)
    calls = messages(await bot.send("/stats"))
    assert [c.method for c in calls] == ["sendMessage", "sendPhoto"]
    assert "1 of 2" in calls[0].plain and "2 sent" in calls[0].plain
    assert calls[1].files["photo"][:8] == b"\x89PNG\r\n\x1a\n"
    _ = time


async def test_he_replied_resets_the_unanswered_count(bot: Harness) -> None:
    logged = None
    for _ in range(3):
        reply = only_message(await bot.send(PLAYFUL))
        logged = messages(await bot.press(reply, "I sent it"))[0]
    assert logged is not None and "💬 He replied" in logged.button_texts
    done = only_message(await bot.press(logged, "He replied"))
    assert "He replied" in done.plain
    reply = only_message(await bot.send(PLAYFUL))
    assert "since he last replied" not in reply.plain
    drafts = await bot.storage.drafts.all_for(1)
    assert [d.outcome for d in drafts if d.sent_at][-1] == "replied"


async def test_he_replied_on_someone_elses_text_does_nothing(bot: Harness) -> None:
    reply = only_message(await bot.send(PLAYFUL, user_id=1))
    logged = messages(await bot.press(reply, "I sent it", user_id=1))[0]
    data = logged.buttons[0]["callback_data"]
    calls = await bot.driver.press(data, None, user_id=2)
    assert messages(calls) == [] and "can't find" in calls[-1].params["text"]
