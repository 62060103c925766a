"""/banter openers and inline mode in the chat with him."""

from __future__ import annotations

from typing import Any

from content.openers import matches_query, matches_topic, openers
from tests.harness import Harness, only_message


async def _inline(bot: Harness, query: str, user_id: int = 1, offset: str = "") -> Any:
    calls = await bot.driver.feed(
        {
            "inline_query": {
                "id": "q1",
                "from": {"id": user_id, "is_bot": False, "first_name": "S"},
                "query": query,
                "offset": offset,
            }
        }
    )
    answered = [c for c in calls if c.method == "answerInlineQuery"]
    assert len(answered) == 1
    return answered[0].params


async def test_banter_gives_an_opener_with_three_buttons(bot: Harness) -> None:
    reply = only_message(await bot.send("/banter"))
    assert "“" in reply.plain
    assert reply.button_texts == ["🔁 Another", "💡 Why it works", "📤 Use it in a chat"]
    use = reply.buttons[2]
    assert use["switch_inline_query"] and use["switch_inline_query"] in {
        o.text for o in openers()
    } | {f"#{o.id}" for o in openers()}


async def test_banter_never_repeats_until_the_pool_is_used_up(bot: Harness) -> None:
    seen: list[str] = []
    for _ in openers():
        reply = only_message(await bot.send("/banter"))
        seen.append(reply.plain)
        bot.clock.advance(seconds=1)
    assert len(set(seen)) == len(openers())
    again = only_message(await bot.send("/banter"))
    assert again.plain == seen[0]  # the least recently given comes back first


async def test_banter_with_a_topic_prefers_that_topic(bot: Harness) -> None:
    reply = only_message(await bot.send("/banter food"))
    assert "· food" in reply.plain
    shown = [o for o in openers() if o.text in reply.plain]
    assert len(shown) == 1 and matches_topic(shown[0], "food"), [o.id for o in shown]


async def test_banter_with_an_unknown_topic_says_so(bot: Harness) -> None:
    reply = only_message(await bot.send("/banter quantumphysics"))
    assert "no openers about “quantumphysics”" in reply.plain and "food" in reply.plain


async def test_another_edits_in_place_and_why_explains(bot: Harness) -> None:
    reply = only_message(await bot.send("/banter"))
    edited = only_message(await bot.press(reply, "Another"))
    assert edited.method == "editMessageText" and edited.plain != reply.plain
    why = only_message(await bot.press(edited, "Why it works"))
    assert "Why it works" in why.plain and "(step " in why.plain


async def test_inline_mode_pages_with_next_offset(bot: Harness) -> None:
    first = await _inline(bot, "")
    assert len(first["results"]) == 10 and first["next_offset"] == "10"
    second = await _inline(bot, "", offset="10")
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in second["results"]}
    ready = [o for o in openers() if o.sendable]
    last = await _inline(bot, "", offset=str(len(ready) - 3))
    assert len(last["results"]) == 3 and last.get("next_offset", "") == ""


async def test_an_opener_with_a_blank_to_fill_is_never_sent_unfinished(bot: Harness) -> None:
    """Choosing an inline result sends it at once: "[the café he recommended]" must not."""
    templates = {o.id for o in openers() if o.needs_filling}
    assert templates
    offered = set()
    for offset in range(0, len(openers()), 10):
        offered |= {r["id"] for r in (await _inline(bot, "", offset=str(offset)))["results"]}
    assert not offered & templates
    for _ in range(len(openers())):  # /banter still gives them, with a hint and no Use-it
        reply = only_message(await bot.send("/banter"))
        if "[" in reply.plain:
            assert "Swap the part in [brackets]" in reply.plain
            assert "📤 Use it in a chat" not in reply.button_texts
            break
    else:
        raise AssertionError("no opener with a blank came up")


async def test_inline_mode_filters_by_what_is_typed(bot: Harness) -> None:
    params = await _inline(bot, "food")
    assert params["results"]
    chosen = {r["id"] for r in params["results"]}
    assert all("food" in o.topics or "food" in o.text.lower() for o in openers() if o.id in chosen)


async def test_inline_mode_is_personal(bot: Harness) -> None:
    one = [r["id"] for r in (await _inline(bot, "", user_id=11))["results"]]
    two = [r["id"] for r in (await _inline(bot, "", user_id=12))["results"]]
    assert one != two


async def test_inline_mode_works_for_strangers_and_long_queries(bot: Harness) -> None:
    params = await _inline(bot, "x" * 256, user_id=999)
    assert params["results"] == []
    assert await bot.storage.users.get(999) is None
    chosen = await _inline(bot, "<b>&", user_id=999)  # the tag is no word; "b" still filters
    listed = {o.id: o for o in openers()}
    assert chosen["results"] and all(
        r["id"] in listed and matches_query(listed[r["id"]], "<b>&") for r in chosen["results"]
    )
    assert await bot.storage.users.get(999) is None


async def test_inline_mode_is_not_the_same_list_every_time(bot: Harness) -> None:
    first = [r["id"] for r in (await _inline(bot, ""))["results"]]
    again = [r["id"] for r in (await _inline(bot, ""))["results"]]
    assert first == again  # stable while Telegram pages through one list
    bot.clock.advance(minutes=11)
    later = [r["id"] for r in (await _inline(bot, ""))["results"]]
    assert later != first


async def test_banter_with_an_emoji_topic_says_it_has_none(bot: Harness) -> None:
    reply = only_message(await bot.send("/banter 🍕"))
    assert "no openers about “🍕”" in reply.plain and "Topics I know" in reply.plain
