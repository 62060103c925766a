"""A draft that doesn't add value ends with one text to send instead, built from what she
meant, and "📤 Use it" puts it in the chat with him through inline mode; chasing gets the advice
to send nothing, and a text with a [blank] to fill gets no Use it button."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from content.alternatives import (
    INLINE_LIMIT,
    PRIORITY,
    acceptable,
    alternatives,
    best_move,
    fill,
    has_blank,
    load_alternatives,
    problem_of,
    send_instead,
    slots_for,
)
from content.critique import Critique, critique
from content.loader import ContentError
from tests.harness import Harness, only_message
from tests.test_drafts import NEEDY, PLAYFUL

HEADING = "💡 Send this instead"
SEND_NOTHING = "send nothing"
FIGHT = "you ruined the party & everyone saw <3"  # a topic of hers, no feeling named
WHY_QUIET = "why aren't you answering me??"
STORY = "So last night I tried to bake bread for the first time and the dough escaped the bowl."
WALL = (
    f"{STORY} I had flour on the ceiling, flour in my hair and somehow flour in my shoes, and "
    "the cat sat on the counter judging every single move I made like a tiny food critic. "
    + "Then I kept kneading and kneading because the video said ten minutes, and ten minutes "
    "of kneading is a really long time when your arms are made of spaghetti. "
    * 6
    + "Anyway, it came out flat as a pancake but it tasted amazing."
)
BIG_WALL = ("I need to tell you everything about how I feel and why it matters so much. " * 60)[
    :4000
]

# Drafts of every kind that needs an alternative, with HTML metacharacters, emoji and walls.
SAMPLES = [
    WHY_QUIET,
    NEEDY,
    "hello?? <3",
    "<b>hello??</b> are you there",
    "you read my message 2 hours ago 😢 & still nothing",
    "why didn't you answer about dinner??",
    "wyd",
    "hey <3",
    "hey & hi",
    "<b>hey</b>",
    "hey 😘",
    "how was your day?",
    "good morning",
    "u up",
    "heyyy" + "y" * 300,
    WALL,
    BIG_WALL,
    "hey. " + WALL.replace("bread", "bread <3 & <b>cake</b>"),
    "ok so. " + "why aren't you answering me?? " * 40,
    "You always cancel our plans. Typical.",
    "k. whatever.",
    "you ruined the party & everyone saw <3",
    "Seriously? You're late AGAIN? 🙄",
    "If you loved me you would cancel your plans tonight",
    "Don't worry about me, I'll be fine alone. I always am 🙂",
    "I'm not mad. I'm just disappointed. Like always. <3",
    "Text me back in 10 minutes or we're over 😤",
]


def _by_problem() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for text in SAMPLES:
        result = critique(text)
        assert result.judgeable and not result.adds_value, text[:60]
        groups.setdefault(problem_of(result.flags), []).append(text)
    return groups


def _button(reply: Any, label: str) -> dict[str, Any]:
    return next(b for b in reply.buttons if b["text"] == label)


def _shown_alternative(reply: Any) -> str:
    assert HEADING in reply.plain, reply.plain
    return str(reply.plain.split(HEADING + "\n", 1)[1].split("\n", 1)[0].strip())


async def _inline(bot: Harness, query: str, offset: str = "") -> list[dict[str, Any]]:
    calls = await bot.driver.feed(
        {
            "inline_query": {
                "id": "q1",
                "from": {"id": 1, "is_bot": False, "first_name": "S"},
                "query": query,
                "offset": offset,
            }
        }
    )
    answered = [c for c in calls if c.method == "answerInlineQuery"]
    assert len(answered) == 1 and not answered[0].error
    return list(answered[0].params["results"])


# --- the templates themselves -----------------------------------------------------------------


def test_every_template_can_give_a_text_that_passes_the_critic() -> None:
    """Each template, filled from the samples (and every topic and feeling), gives at least
    one text the critic says adds value and that fits an inline query; a filled text that
    doesn't pass is never shown (send_instead tries the next), which the next test checks."""
    groups = _by_problem()
    assert set(PRIORITY) - {"general", "needy"} <= groups.keys()
    words = alternatives().words
    passed: set[str] = set()
    for template in alternatives().templates:
        texts = groups.get(template.problem, SAMPLES) if template.problem != "general" else SAMPLES
        slot_sets = [slots_for(text) for text in texts]
        slot_sets += [
            {**slots_for(t), "topic": phrase} for phrase in words.topics.values() for t in texts[:1]
        ]
        slot_sets += [
            {**slots_for(t), "feeling": phrase}
            for phrase in words.feelings.values()
            for t in texts[:1]
        ]
        for slots in slot_sets:
            candidate = fill(template, slots)
            if candidate is None:
                continue
            assert len(candidate) <= INLINE_LIMIT and "\n" not in candidate, template.id
            if critique(candidate).adds_value:
                passed.add(template.id)
    never = [t.id for t in alternatives().templates if t.id not in passed]
    assert not never, f"these templates never give a text that adds value: {never}"


def test_every_kind_of_problem_gets_a_deterministic_alternative_that_adds_value() -> None:
    for text in SAMPLES:
        result = critique(text)
        alternative = send_instead(text, result)
        if problem_of(result.flags) == "needy":
            # chasing: nothing to send, he has her last message
            assert alternative is None and SEND_NOTHING in (best_move(result) or ""), text[:60]
            continue
        assert alternative is not None, text[:60]
        assert acceptable(alternative) and len(alternative) <= INLINE_LIMIT
        assert send_instead(text, critique(text)) == alternative  # same text, same answer


STOCK_EVENTS = ("pigeon", "fitted sheet", "ladder", "croissant", "smoke alarm", "parallel park")


def test_each_problem_gets_an_alternative_from_what_she_meant() -> None:
    def alt(text: str) -> str:
        found = send_instead(text, critique(text))
        assert found is not None
        return found

    assert alt("wyd").startswith("wyd? ")  # her words, with a hook
    fight = alt("You always cancel our plans. Typical.")  # an I-statement and an offer to talk
    assert fight.startswith("I ") and any(w in fight.lower() for w in ("talk", "call"))
    assert "the party" in alt(FIGHT)  # her topic, not a stock line
    assert "lonely" in alt("Don't worry about me, I'll be fine alone. I always am 🙂")
    assert "jealous" not in alt("I'll just go out and make you jealous, see who I meet there")
    for text in SAMPLES:
        found = send_instead(text, critique(text)) or ""
        assert not any(event in found.lower() for event in STOCK_EVENTS), found


def test_what_she_has_to_fill_in_is_a_visible_blank() -> None:
    hey = alt_for("hey <3")
    assert hey.startswith("hey <3") and has_blank(hey)
    assert not has_blank(alt_for(FIGHT))


def alt_for(text: str) -> str:
    found = send_instead(text, critique(text))
    assert found is not None
    return found


def test_a_flat_text_with_no_flag_still_gets_something_sensible() -> None:
    flat = Critique(
        adds_value=False, flags=frozenset(), score=45, findings=(), words=2, judgeable=True
    )
    alternative = send_instead("it is what it is", flat)
    assert alternative is not None and has_blank(alternative) and alternative.endswith("?")


def test_no_alternative_for_a_good_draft_or_one_that_cannot_be_judged() -> None:
    assert send_instead(PLAYFUL, critique(PLAYFUL)) is None
    assert send_instead("😂😂🔥", critique("😂😂🔥")) is None
    spanish = "Hola guapo, ¿qué tal tu día? Te echo de menos muchísimo."
    assert send_instead(spanish, critique(spanish)) is None


def _write(tmp_path: Path, text: str) -> Path:
    source = (Path(__file__).parent.parent / "content" / "data" / "alternatives.toml").read_text(
        "utf-8"
    )
    (tmp_path / "alternatives.toml").write_text(text.format(source=source), "utf-8")
    return tmp_path


def test_a_malformed_alternatives_file_names_the_file_and_the_field(tmp_path: Path) -> None:
    bad_slot = (
        '{source}\n[[alternative]]\nid = "x-1"\nproblem = "needy"\ntext = "hi {{her_name}}"\n'
    )
    with pytest.raises(ContentError, match=r"alternatives\.toml.*field 'text'.*her_name"):
        load_alternatives(_write(tmp_path, bad_slot))
    bad_problem = '{source}\n[[alternative]]\nid = "x-2"\nproblem = "sulky"\ntext = "hi"\n'
    with pytest.raises(ContentError, match=r"alternatives\.toml.*field 'problem'"):
        load_alternatives(_write(tmp_path, bad_problem))
    words = _write(tmp_path, "{source}").joinpath("alternatives.toml")
    words.write_text(
        words.read_text("utf-8").replace("max_draft_chars = 60", 'max_draft_chars = "x"'), "utf-8"
    )
    with pytest.raises(ContentError, match=r"alternatives\.toml.*field 'words\.max_draft_chars'"):
        load_alternatives(tmp_path)
    (tmp_path / "alternatives.toml").write_text("[words]\n", "utf-8")
    with pytest.raises(ContentError, match=r"alternatives\.toml.*field 'words\."):
        load_alternatives(tmp_path)


# --- in the chat --------------------------------------------------------------------------------


async def test_a_chasing_draft_is_told_to_send_nothing_and_gets_no_use_it(
    bot: Harness,
) -> None:
    reply = only_message(await bot.send(WHY_QUIET))
    assert "⚠️ Hold on" in reply.plain and SEND_NOTHING in reply.plain
    assert HEADING not in reply.plain and "📤 Use it" not in reply.button_texts
    assert reply.button_texts[-2:] == ["✅ I sent it", "✏️ Try again"]
    assert any("Step 4" in t for t in reply.button_texts)


async def test_a_fight_ends_with_her_own_words_and_a_use_it_button(bot: Harness) -> None:
    reply = only_message(await bot.send(FIGHT))
    shown = _shown_alternative(reply)
    assert "the party" in shown and "[" not in shown
    use = _button(reply, "📤 Use it")
    assert use["switch_inline_query"] == shown and len(shown) <= INLINE_LIMIT
    assert reply.button_texts[-2:] == ["✅ I sent it", "✏️ Try again"]
    assert reply.button_texts.index("📤 Use it") < reply.button_texts.index("✅ I sent it")


async def test_small_talk_gets_a_blank_to_fill_and_no_use_it_until_filled(
    bot: Harness,
) -> None:
    reply = only_message(await bot.send("hey <3"))
    shown = _shown_alternative(reply)
    assert shown.startswith("hey <3") and "[" in shown and "Fill in the [brackets]" in reply.plain
    assert "📤 Use it" not in reply.button_texts


async def test_a_good_draft_gets_no_alternative(bot: Harness) -> None:
    reply = only_message(await bot.send(PLAYFUL))
    assert "✅ Adds value" in reply.plain and HEADING not in reply.plain
    assert "📤 Use it" not in reply.button_texts


async def test_a_wall_of_text_is_cut_to_its_first_story_sentence_and_a_question(
    bot: Harness,
) -> None:
    reply = only_message(await bot.send(WALL))
    shown = _shown_alternative(reply)
    assert shown.startswith("So last night I tried to bake bread")
    assert shown.endswith("?") and len(shown) <= INLINE_LIMIT
    assert _button(reply, "📤 Use it")["switch_inline_query"] == shown


async def test_use_it_offers_that_exact_text_first_in_the_chat_with_him(bot: Harness) -> None:
    for draft in (FIGHT, WALL):
        reply = only_message(await bot.send(draft))
        query = _button(reply, "📤 Use it")["switch_inline_query"]
        results = await _inline(bot, query)
        first = results[0]
        assert first["input_message_content"]["message_text"] == query
        assert "Send as written" in first["title"]
        assert len({r["id"] for r in results}) == len(results)


async def test_a_topic_word_in_inline_mode_still_lists_openers_only(bot: Harness) -> None:
    results = await _inline(bot, "food")
    assert results and all("Send as written" not in r["title"] for r in results)
    paged = await _inline(bot, WHY_QUIET + " really now", offset="10")
    assert all("Send as written" not in r["title"] for r in paged)


async def test_a_heart_in_the_draft_reaches_her_escaped_and_the_reply_parses(
    bot: Harness,
) -> None:
    reply = only_message(await bot.send(FIGHT))
    assert f"“{FIGHT}”" in reply.plain and "&lt;3" in reply.text
    shown = _shown_alternative(reply)
    assert f"<i>{shown.replace('&', '&amp;').replace('<', '&lt;')}</i>" in reply.text
    assert _button(reply, "📤 Use it")["switch_inline_query"] == shown  # raw, not escaped
    tags = only_message(await bot.send("<b>hello??</b> are you there"))
    assert "“<b>hello??</b> are you there”" in tags.plain and SEND_NOTHING in tags.plain
    assert not bot.refused()


async def test_during_a_break_use_it_stays_and_the_break_buttons_come_last(bot: Harness) -> None:
    await bot.send("/break 2h")
    reply = only_message(await bot.send(FIGHT))
    assert HEADING in reply.plain
    assert reply.button_texts[-3:] == ["📤 Use it", "📤 Send anyway", "🌿 Keep my break"]


async def test_a_draft_that_raises_a_safety_concern_gets_no_cheerful_alternative(
    bot: Harness,
) -> None:
    # A fight: without the safety concern it would end with a text to send and "📤 Use it"
    # (a chasing draft never gets one, so it could not tell the care note from the critique).
    draft = f"{FIGHT} if he leaves I want to die"
    assert send_instead(draft, critique(draft)) is not None
    reply = only_message(await bot.send(draft))
    assert "findahelpline.com" in reply.plain and "/100" not in reply.plain
    assert HEADING not in reply.plain and reply.buttons == []
