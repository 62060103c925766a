"""Safety before coaching: danger in her draft, his message or a rally turn gets care alone."""

from __future__ import annotations

import pytest

from content.safety import safety_note
from tests.harness import Harness, only_message
from tests.test_drafts import origin

DANGER = [
    ("he said he'd kill me if i talk to my friends", "violence"),
    ("he hurt me last night", "violence"),
    ("my boyfriend said he will hurt me if i leave", "violence"),
    ("i know where you live", "violence"),
    ("you will be sorry if you leave me", "violence"),
    ("kms", "self_harm"),
    ("i dont want to be alive anymore", "self_harm"),
    ("honestly if he leaves I want to die", "self_harm"),
]
FIGURES_OF_SPEECH = [
    "this workout is killing me",
    "i could kill for a pizza rn",
    "lol you're killing me 😂",
    "i'm dying to see you",
    "he follows me on insta lol",
]


@pytest.mark.parametrize(("text", "kind"), DANGER)
def test_danger_is_noticed(text: str, kind: str) -> None:
    note = safety_note(text)
    assert note is not None and note.kind == kind


@pytest.mark.parametrize("text", FIGURES_OF_SPEECH)
def test_everyday_figures_of_speech_are_not_alarms(text: str) -> None:
    assert safety_note(text) is None


async def test_a_draft_about_self_harm_gets_care_and_no_score_or_tips(bot: Harness) -> None:
    reply = only_message(await bot.send("i dont want to be alive anymore"))
    assert "988" in reply.plain and "emergency" in reply.plain
    assert "/100" not in reply.plain and "Send this instead" not in reply.plain
    assert reply.buttons == []
    assert await bot.storage.drafts.all_for(1) == []  # nothing about it is stored


async def test_his_threat_gets_a_note_about_him_and_no_texting_tips(bot: Harness) -> None:
    reply = only_message(
        await bot.send(
            "my boyfriend said he will hurt me if i leave", forward_origin=origin("user")
        )
    )
    assert "emergency" in reply.plain and "Three ways" not in reply.plain


async def test_his_message_about_hurting_himself_speaks_about_him(bot: Harness) -> None:
    reply = only_message(
        await bot.send("sometimes i think i'd be better off dead", forward_origin=origin("user"))
    )
    assert "his message talks about hurting himself" in reply.plain
    assert "you mentioned hurting yourself" not in reply.plain
    assert "Three ways" not in reply.plain


async def test_danger_during_a_rally_ends_it_with_care_instead_of_stars(bot: Harness) -> None:
    await bot.send("/rally")
    reply = only_message(await bot.send("honestly i want to die"))
    assert "988" in reply.plain and "⭐" not in reply.plain and "☆" not in reply.plain
    assert await bot.storage.rallies.get(1) is None
