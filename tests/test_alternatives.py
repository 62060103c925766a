"""A draft that doesn't add value ends with one text to send instead, and "📤 Use it" puts it
in the chat with him through inline mode."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from content.alternatives import (
    INLINE_LIMIT,
    PRIORITY,
    acceptable,
    alternatives,
    fill,
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
    return str(reply.plain.split(HEADING + "\n", 1)[1].strip())


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


def test_every_template_with_her_words_passes_the_critic_and_fits_an_inline_query() -> None:
    groups = _by_problem()
    assert set(PRIORITY) - {"general"} <= groups.keys()
    words = alternatives().words
    tried: dict[str, int] = {}
    for template in alternatives().templates:
        texts = groups.get(template.problem, SAMPLES) if template.problem != "general" else SAMPLES
        slot_sets = [slots_for(text) for text in texts]
        slot_sets += [{"topic": phrase} for phrase in words.topics.values()]
        slot_sets += [{"feeling": phrase} for phrase in words.feelings.values()]
        for slots in slot_sets:
            candidate = fill(template, slots)
            if candidate is None:
                continue
            tried[template.id] = tried.get(template.id, 0) + 1
            judged = critique(candidate)
            assert judged.adds_value, (template.id, sorted(judged.flags), candidate)
            assert len(candidate) <= INLINE_LIMIT, (template.id, len(candidate))
            assert "\n" not in candidate
    untried = [t.id for t in alternatives().templates if t.id not in tried]
    assert not untried, f"no sample fills these templates: {untried}"


def test_every_kind_of_problem_gets_a_deterministic_alternative_that_adds_value() -> None:
    for text in SAMPLES:
        result = critique(text)
        alternative = send_instead(text, result)
        assert alternative is not None, text[:60]
        assert acceptable(alternative) and len(alternative) <= INLINE_LIMIT
        assert send_instead(text, critique(text)) == alternative  # same text, same answer


def test_each_problem_gets_its_own_kind_of_alternative() -> None:
    def alt(text: str) -> str:
        found = send_instead(text, critique(text))
        assert found is not None
        return found

    assert "why" not in alt(WHY_QUIET).lower()  # it gives him something, it doesn't chase
    assert alt("wyd").startswith("wyd? ")  # the same text, with a hook
    assert any(w in alt("You always cancel our plans. Typical.") for w in ("call", "phone"))
    assert "lonely" in alt("Don't worry about me, I'll be fine alone. I always am 🙂")
    assert "jealous" not in alt("I'll just go out and make you jealous, see who I meet there")


def test_a_flat_text_with_no_flag_still_gets_something_sensible() -> None:
    flat = Critique(
        adds_value=False, flags=frozenset(), score=45, findings=(), words=2, judgeable=True
    )
    alternative = send_instead("it is what it is", flat)
    general = {t.text for t in alternatives().templates if t.problem == "general"}
    assert alternative in general


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


async def test_a_needy_draft_ends_with_a_text_to_send_instead_and_a_use_it_button(
    bot: Harness,
) -> None:
    reply = only_message(await bot.send(WHY_QUIET))
    assert "⚠️ Hold on" in reply.plain
    shown = _shown_alternative(reply)
    assert shown and "answering" not in shown
    use = _button(reply, "📤 Use it")
    assert use["switch_inline_query"] == shown
    assert len(use["switch_inline_query"]) <= INLINE_LIMIT
    # The existing buttons are all still there, and I sent it / Try again stay last.
    assert reply.button_texts[-2:] == ["✅ I sent it", "✏️ Try again"]
    assert reply.button_texts.index("📤 Use it") < reply.button_texts.index("✅ I sent it")
    assert any("Step 4" in t for t in reply.button_texts)


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
    for draft in (WHY_QUIET, WALL, "hey <3"):
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
    reply = only_message(await bot.send("hey <3"))
    assert "“hey <3”" in reply.plain and "&lt;3" in reply.text
    shown = _shown_alternative(reply)
    assert shown.startswith("hey <3")
    assert f"<i>{shown.replace('<', '&lt;')}</i>" in reply.text
    assert _button(reply, "📤 Use it")["switch_inline_query"] == shown  # raw, not escaped
    tags = only_message(await bot.send("<b>hello??</b> are you there"))
    assert "“<b>hello??</b> are you there”" in tags.plain and HEADING in tags.plain
    assert not bot.refused()


async def test_during_a_break_use_it_stays_and_the_break_buttons_come_last(bot: Harness) -> None:
    await bot.send("/break 2h")
    reply = only_message(await bot.send(WHY_QUIET))
    assert HEADING in reply.plain
    assert reply.button_texts[-3:] == ["📤 Use it", "📤 Send anyway", "🌿 Keep my break"]


async def test_a_draft_that_raises_a_safety_concern_gets_no_cheerful_alternative(
    bot: Harness,
) -> None:
    reply = only_message(await bot.send("why aren't you answering?? if he leaves I want to die"))
    assert HEADING not in reply.plain and "📤 Use it" not in reply.button_texts
