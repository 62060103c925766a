"""A user pastes, forwards, captions or edits a draft and gets a critique tied to the steps."""

from __future__ import annotations

import re
from typing import Any

from tests.harness import Harness, forward_origin, only_message

PLAYFUL = "I burned the pasta AGAIN 🙈 the smoke alarm now knows me by name. Can you cook or are we both doomed?"
NEEDY = "why aren't you answering me?? hello??"
VERDICT = re.compile(r"^(✅ Adds value|⚠️ Hold on) — (\d{1,3})/100$", re.M)


def origin(kind: str, user_id: int = 2) -> dict[str, Any]:
    return forward_origin(kind, user_id)


async def test_a_playful_draft_leads_with_the_verdict_and_score(bot: Harness) -> None:
    reply = only_message(await bot.send(PLAYFUL))
    match = VERDICT.search(reply.plain)
    assert match and match.group(1) == "✅ Adds value" and int(match.group(2)) > 50
    assert reply.plain.index("✅") < reply.plain.index("What works")
    assert "✅ I sent it" in reply.button_texts and "✏️ Try again" in reply.button_texts
    assert any("Step" in t for t in reply.button_texts)


async def test_a_needy_draft_says_hold_on_and_cites_step_4(bot: Harness) -> None:
    reply = only_message(await bot.send(NEEDY))
    match = VERDICT.search(reply.plain)
    assert match and match.group(1) == "⚠️ Hold on" and int(match.group(2)) <= 50
    change = reply.plain.split("What to change", 1)[1]
    assert "(step 4)" in change
    assert any("Step 4" in t for t in reply.button_texts)


async def test_a_step_button_under_a_critique_opens_that_step_as_a_new_message(
    bot: Harness,
) -> None:
    reply = only_message(await bot.send(NEEDY))
    opened = only_message(await bot.press(reply, "Step 4"))
    assert opened.method == "sendMessage" and "Step 4 of 6" in opened.plain


async def test_html_metacharacters_in_a_draft_reach_the_user_intact(bot: Harness) -> None:
    draft = "<b>guess</b> what & who <3 I saw today?"
    reply = only_message(await bot.send(draft))
    assert "“<b>guess</b> what & who <3 I saw today?”" in reply.plain


async def test_a_4096_character_wall_gets_a_reply_under_the_limit(bot: Harness) -> None:
    wall = (
        "I need to tell you everything about how I feel and why it matters so much to me. " * 60
    )[:4096]
    reply = only_message(await bot.send(wall))
    assert len(reply.plain) < 4096
    assert "⚠️ Hold on" in reply.plain and "(step 3)" in reply.plain


async def test_a_draft_that_is_not_english_gets_an_honest_limit(bot: Harness) -> None:
    reply = only_message(await bot.send("Hola guapo, ¿qué tal tu día? Te echo de menos muchísimo."))
    assert "partly judge" in reply.plain and "/100" not in reply.plain


async def test_an_emoji_only_draft_gets_an_honest_limit(bot: Harness) -> None:
    reply = only_message(await bot.send("😂😂🔥"))
    assert "partly judge" in reply.plain


async def test_an_invisible_only_draft_is_called_empty(bot: Harness) -> None:
    reply = only_message(await bot.send("\u200b\u200b"))
    assert "empty" in reply.plain


async def test_a_draft_forwarded_from_herself_is_critiqued_as_hers(bot: Harness) -> None:
    reply = only_message(await bot.send(PLAYFUL, forward_origin=origin("user", user_id=1)))
    assert "Your forwarded draft" in reply.plain and VERDICT.search(reply.plain)


async def test_a_draft_with_a_hidden_origin_is_critiqued_as_hers(bot: Harness) -> None:
    reply = only_message(await bot.send(NEEDY, forward_origin=origin("hidden")))
    assert "Your forwarded draft" in reply.plain and "Hold on" in reply.plain


async def test_his_forwarded_message_gets_three_reply_ideas_and_logs_his_reply(
    bot: Harness,
) -> None:
    reply = only_message(
        await bot.send("haha ok, what are you doing this weekend?", forward_origin=origin("user"))
    )
    assert "His message" in reply.plain and "asked you something" in reply.plain
    ideas = reply.plain.split("Three ways to hit it back", 1)[1]
    assert all(f"{n}. " in ideas for n in (1, 2, 3))
    rows = await bot.storage.privacy.rows_about(1)
    assert rows["replies"] == 1


async def test_a_controlling_message_from_him_gets_a_calm_red_flag_note(bot: Harness) -> None:
    reply = only_message(
        await bot.send(
            "who were you with last night? answer me right now", forward_origin=origin("user")
        )
    )
    assert "🚩" in reply.plain and "control" in reply.plain


async def test_a_threat_from_him_gets_safety_not_texting_tips(bot: Harness) -> None:
    reply = only_message(
        await bot.send("answer me or else. you'll regret this", forward_origin=origin("user"))
    )
    assert "🚩" in reply.plain and "emergency" in reply.plain
    assert "Three ways" not in reply.plain


async def test_a_draft_mentioning_self_harm_gets_a_caring_note_before_any_critique(
    bot: Harness,
) -> None:
    reply = only_message(await bot.send("honestly if he leaves I want to die"))
    assert "findahelpline.com" in reply.plain and "Emergency" in reply.plain
    # care alone: no score, no verdict, no tips after it
    assert "/100" not in reply.plain and "Adds value" not in reply.plain
    assert "Hold on" not in reply.plain and reply.buttons == []


async def test_a_photo_caption_is_critiqued(bot: Harness) -> None:
    photo = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
    reply = only_message(await bot.send(None, photo=photo, caption=PLAYFUL))
    assert "Your caption" in reply.plain and VERDICT.search(reply.plain)


async def test_an_edited_draft_is_critiqued_again_and_says_so(bot: Harness) -> None:
    draft = bot.driver.message_json(NEEDY)
    first = only_message(await bot.driver.feed({"message": draft}))
    assert "⚠️ Hold on" in first.plain and "You edited" not in first.plain
    edited = only_message(await bot.driver.edit(draft["message_id"], PLAYFUL))
    assert "You edited your draft" in edited.plain and "✅ Adds value" in edited.plain
    assert "⚠️ Hold on" not in edited.plain  # judged on the new words, not the old


async def test_a_short_voice_note_is_praised_and_a_monologue_is_not(bot: Harness) -> None:
    short = only_message(
        await bot.send(None, voice={"file_id": "v", "file_unique_id": "v", "duration": 25})
    )
    assert "0:25" in short.plain and "(step 5)" in short.plain and "great" in short.plain
    long = only_message(
        await bot.send(None, voice={"file_id": "v", "file_unique_id": "v", "duration": 360})
    )
    assert "6:00" in long.plain and "wall of text" in long.plain and "(step 5)" in long.plain


async def test_a_forwarded_channel_post_is_critiqued_not_logged_as_his_reply(bot: Harness) -> None:
    reply = only_message(await bot.send(PLAYFUL, forward_origin=origin("channel")))
    assert "Your forwarded draft" in reply.plain and "/100" in reply.plain
    assert await bot.storage.drafts.replies_for(1) == []


async def test_a_short_story_from_him_is_read_as_a_story(bot: Harness) -> None:
    reply = only_message(
        await bot.send("i went hiking today, saw a deer", forward_origin=origin("user"))
    )
    assert "shared a bit of his day" in reply.plain


async def test_try_again_shows_how_the_new_version_compares(bot: Harness) -> None:
    first = only_message(await bot.send("hey"))
    old = int(first.plain.split("— ")[1].split("/100")[0])
    prompt = only_message(await bot.press(first, "Try again"))
    assert f"Last version: {old}/100" in prompt.plain
    assert prompt.params["reply_markup"]["force_reply"] is True
    shown = bot.driver.sent_message(prompt)
    assert shown is not None
    again = only_message(
        await bot.send(
            "hey! I finally beat my brother at chess today 😤 do you play?",
            reply_to_message=shown,
        )
    )
    new = int(again.plain.split("Adds value — ")[1].split("/100")[0])
    assert f"✏️ New version: {old} → {new}" in again.plain and new > old


async def test_an_old_try_again_button_without_a_score_still_answers(bot: Harness) -> None:
    first = only_message(await bot.send("hey"))
    calls = await bot.driver.press("retry", bot.driver.sent_message(first))
    assert any("Send me the new version" in c.text for c in calls)
