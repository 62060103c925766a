"""His forwarded message: red flags named, and support before play when his day was hard."""

from __future__ import annotations

from tests.harness import Harness, only_message
from tests.test_drafts import origin


async def _his(bot: Harness, text: str) -> str:
    reply = only_message(await bot.send(text, forward_origin=origin("user")))
    return str(reply.plain)


async def test_control_said_as_a_demand_to_account_for_herself_is_flagged(bot: Harness) -> None:
    plain = await _his(bot, "where were you last night? you don't get to ignore me.")
    assert "🚩" in plain and "control" in plain


async def test_gaslighting_is_flagged(bot: Harness) -> None:
    plain = await _his(bot, "you're being crazy, that never happened")
    assert "🚩" in plain and "gaslighting" in plain


async def test_a_hard_day_of_his_gets_support_first_and_no_joke(bot: Harness) -> None:
    plain = await _his(bot, "my boss yelled at me in front of everyone")
    assert "Support first" in plain and "🚩" not in plain
    assert "movie title" not in plain and "tease" not in plain.lower()


async def test_a_tease_from_him_still_gets_play(bot: Harness) -> None:
    plain = await _his(bot, "lol bet you can't cook")
    assert "teasing you" in plain and "🚩" not in plain
