"""Small things a user noticed: each answered the way she'd expect."""

from __future__ import annotations

import pytest

from tests.harness import Harness, only_message


async def test_office_hours_written_9_to_5_are_read_as_daytime_and_said_so(bot: Harness) -> None:
    reply = only_message(await bot.send("/hours 9-5"))
    assert "9–17" in reply.plain and "overnight" in reply.plain
    overnight = only_message(await bot.send("/hours 21-5"))
    assert "21–5" in overnight.plain and "I read" not in overnight.plain


async def test_kisses_are_warmth_not_a_wink(bot: Harness) -> None:
    reply = only_message(await bot.send("😘😘😘"))
    assert "wink" not in reply.plain and "warmth" in reply.plain


def test_voice_note_ideas_are_never_offered_to_paste_as_a_text() -> None:
    from content.openers import openers
    from handlers.banter import opener_keyboard

    voice = [o for o in openers() if o.category == "voice_note"]
    assert voice and not any(o.sendable for o in voice)
    for opener in voice:
        labels = [b.text for row in opener_keyboard(opener, None).inline_keyboard for b in row]
        assert "📤 Use it in a chat" not in labels and "🔁 Another" in labels


def test_the_stats_chart_gives_each_measure_one_scale() -> None:
    """Two panels: counts above, shares below with the 70% goal on the share's own axis; the
    share lines are 7-day averages, so one text can't swing them from 0 to 100%."""
    from datetime import date, timedelta

    from content.stats import DayStat, rolling_share
    from handlers.charts import stats_png

    days = [
        DayStat(date(2026, 11, 1) + timedelta(i), sent=1, adding_value=i % 2, marked=1, replied=1)
        for i in range(30)
    ]
    png = stats_png(days, 0.7)
    assert png.startswith(b"\x89PNG")
    shares = rolling_share(days, lambda s: (s.adding_value, s.sent))
    weekly = shares[7:]  # every day sent a text, so every day has a share
    assert len(weekly) == len(days) - 7
    assert all(share is not None and 0.4 <= share <= 0.6 for share in weekly), weekly


async def test_a_question_without_its_mark_gets_question_advice_not_a_stock_hook(
    bot: Harness,
) -> None:
    reply = only_message(await bot.send("r u coming sat or not"))
    assert "A fair question" in reply.plain
    assert "Send this instead" not in reply.plain and "End with a question" not in reply.plain


async def test_thanks_is_never_a_close_call(bot: Harness) -> None:
    reply = only_message(await bot.send("thanks for tonight, I had the best time"))
    assert "Close call" not in reply.plain and "Thanks and good wishes" in reply.plain


@pytest.mark.parametrize(
    "text", ["you make me so happy", "you're my favourite person", "you're so sweet to me"]
)
async def test_saying_something_about_him_is_not_read_as_a_question(
    bot: Harness, text: str
) -> None:
    """ "you ..." opens a question only with what asks ("u coming", "you free tonight"); said
    about him, it is affection and gets no "A fair question" advice."""
    reply = only_message(await bot.send(text))
    assert "A fair question" not in reply.plain


@pytest.mark.parametrize("text", ["u coming sat or not", "you free tonight", "you still at work"])
async def test_a_you_question_without_its_mark_is_still_a_question(bot: Harness, text: str) -> None:
    assert "A fair question" in only_message(await bot.send(text)).plain


@pytest.mark.parametrize("text", ["WHY ISNT YOUR PHONE ON", "WHY DIDNT YOU ANSWER ME"])
async def test_a_shouted_why_is_panic_not_a_fair_question(bot: Harness, text: str) -> None:
    reply = only_message(await bot.send(text)).plain
    assert "All capitals reads as panic" in reply and "A fair question" not in reply


async def test_a_breakdown_on_the_way_is_logistics_fine_as_it_is(bot: Harness) -> None:
    reply = only_message(await bot.send("bus just broke down lol, getting an uber, 20 mins")).plain
    assert "fine as it is" in reply and "isn't much in it for him" not in reply
