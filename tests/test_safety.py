"""Safety before coaching: danger in her draft, his message or a rally turn gets care alone."""

from __future__ import annotations

import pytest

from content.safety import concern_in, safety_note
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
    # threats quoted from court and news reports (tests/data/real_train4.jsonl)
    ("I will slit your fat face wide open", "violence"),
    ("I swear, I will make sure I give you HIV", "violence"),
    ("You think you’re finished with me, but I’m not finished with you.", "violence"),
]
FIGURES_OF_SPEECH = [
    "this workout is killing me",
    "i could kill for a pizza rn",
    "lol you're killing me 😂",
    "i'm dying to see you",
    "he follows me on insta lol",
    # the same words, harmless
    "i'm not finished with you yet, what did the vet say about the dog??",
    "the barber is going to slice my hair way too short again",
    "lol you think you're done with me? round 2 tomorrow, bring snacks",
]


@pytest.mark.parametrize(("text", "kind"), DANGER)
def test_danger_is_noticed(text: str, kind: str) -> None:
    note = safety_note(text)
    assert note is not None and note.kind == kind


@pytest.mark.parametrize("text", FIGURES_OF_SPEECH)
def test_everyday_figures_of_speech_are_not_alarms(text: str) -> None:
    assert safety_note(text) is None


async def test_a_draft_about_self_harm_gets_care_and_no_score_or_tips(bot: Harness) -> None:
    await bot.send("/tz America/New_York")
    reply = only_message(await bot.send("i dont want to be alive anymore"))
    assert "988" in reply.plain and "Emergency: 911" in reply.plain
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
    assert "you wrote about hurting yourself" not in reply.plain  # her own note's words
    assert "Three ways" not in reply.plain


async def test_danger_during_a_rally_ends_it_with_care_instead_of_stars(bot: Harness) -> None:
    await bot.send("/tz America/Chicago")
    await bot.send("/rally")
    reply = only_message(await bot.send("honestly i want to die"))
    assert "988" in reply.plain and "⭐" not in reply.plain and "☆" not in reply.plain
    assert await bot.storage.rallies.get(1) is None


async def test_helplines_follow_her_time_zone_with_the_directory_always_beside(
    bot: Harness,
) -> None:
    """No country is assumed: London gets Samaritans and 999, not America's 988."""
    await bot.send("/tz Europe/London")
    reply = only_message(await bot.send("i've been cutting myself again"))
    assert "116 123" in reply.plain and "Emergency: 999" in reply.plain
    assert "988" not in reply.plain and "findahelpline.com" in reply.plain


async def test_abuse_gets_the_abuse_line_of_her_country(bot: Harness) -> None:
    await bot.send("/tz Australia/Sydney")
    reply = only_message(await bot.send("he locks me in the apartment when he's angry"))
    assert "1800RESPECT" in reply.plain and "Emergency: 000" in reply.plain
    assert "/100" not in reply.plain


async def test_without_a_time_zone_her_language_picks_the_country(bot: Harness) -> None:
    reply = only_message(
        await bot.send("he said he will hurt me if i leave", user_id=7, language_code="de")
    )
    assert "116 016" in reply.plain and "Emergency: 112" in reply.plain


async def test_with_nothing_to_go_on_the_note_names_no_one_country(bot: Harness) -> None:
    reply = only_message(await bot.send("sometimes I think about ending it all"))
    assert "findahelpline.com" in reply.plain
    assert "988" not in reply.plain and "Samaritans" not in reply.plain


async def test_trash_talk_after_fonders_own_rally_line_keeps_the_rally(bot: Harness) -> None:
    await bot.send("/rally")
    reply = only_message(await bot.send("bet i could beat you at mario kart"))
    assert "⭐" in reply.plain or "☆" in reply.plain
    assert "Emergency" not in reply.plain
    assert await bot.storage.rallies.get(1) is not None


def test_nothing_fonder_itself_can_send_trips_the_safety_check() -> None:
    """Every opener, prompt, rally line, step example, reply idea, alternative and piece of
    advice in content/data: Fonder's own banter ("I'll find a way to beat you at it") must
    never earn a helpline note, nor end a rally when she echoes it. (The word model is
    trained with these as safe texts, so for the model this guards the training; for the
    patterns it is a real check.)"""
    from content.library import said_by_fonder

    said = said_by_fonder()
    assert len(said) > 900
    tripped = [s for s in said if concern_in(s) is not None]
    assert tripped == []
