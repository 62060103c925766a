"""Advice a user would notice that no other test pinned (found by mutation testing of
content/kinds.py and content/alternatives.py).

Each test names what the user reads: what sort of text Fonder takes her draft for (a goodnight,
bad news, a breakup, support...), the advice and its step, and whether "💡 Send this instead"
offers a text and what that text holds. See the README's developer section for the command.
"""

from __future__ import annotations

import pytest

from content.alternatives import INLINE_LIMIT, acceptable, send_instead
from content.critique import critique
from tests.harness import Harness, only_message
from tests.test_alternatives import STORY, WALL

HEADING = "💡 Send this instead"
BAD_NEWS = "It's fine to just tell him. Bad news doesn't need a joke or a question"
BREAKUP = "Kind and clear is the way"
ONCE = "Once is enough — a pile of sorries asks him to comfort you."
DROP_BUT = 'Drop the "but": it takes the sorry back.'


def _alternative(text: str) -> str:
    found = send_instead(text, critique(text))
    assert found is not None, text
    return found


def _advice(text: str) -> list[str]:
    return [f.text for f in critique(text).findings]


# --- what sort of text it is --------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["’", "‘"])  # phones type curly apostrophes
def test_bad_news_and_a_breakup_typed_with_curly_apostrophes_keep_their_advice(mark: str) -> None:
    news = f"I didn{mark}t get the job"
    result = critique(news)
    assert result.kind == "bad_news" and result.fine_as_is
    assert any(BAD_NEWS in a for a in _advice(news))
    assert send_instead(news, result) is None

    breakup = f"I{mark}m ending things. Please don{mark}t contact me again"
    result = critique(breakup)
    assert result.kind == "breakup"
    assert any(a.startswith(BREAKUP) for a in _advice(breakup))
    assert send_instead(breakup, result) is None


def test_asking_about_his_sleep_is_no_goodnight_and_gets_a_text_to_send() -> None:
    """ "did you sleep well?" asks him something: a goodnight can't, so it is coached as the
    small talk it is, with her words and a hook to send instead."""
    text = "did you sleep well?"
    result = critique(text)
    assert result.kind != "closing"
    assert not result.fine_as_is
    assert _alternative(text).startswith("did you sleep well?")


def test_asking_if_he_is_ok_is_support_and_gets_no_hook_glued_on() -> None:
    result = critique("are you ok?")
    assert result.kind == "support" and result.fine_as_is
    assert any("Being there for him is the point" in a for a in _advice("are you ok?"))
    assert send_instead("are you ok?", result) is None


def test_sympathy_that_asks_about_his_dad_is_support_not_a_draft_to_fix() -> None:
    """Bad news can't ask a question, so the search goes on to the next kind that can."""
    text = "sorry to hear your dad is in the hospital, are you ok?"
    result = critique(text)
    assert result.kind == "support" and result.fine_as_is
    assert send_instead(text, result) is None


def test_a_joke_about_a_diagnosis_is_not_treated_as_bad_news() -> None:
    text = "just diagnosed myself with wanting tacos 😂"
    result = critique(text)
    assert result.kind != "bad_news"
    assert not any(BAD_NEWS in a for a in _advice(text))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("goodnight, dream of me 😜", "closing"),
        ("thank you for dinner, you owe me a rematch at pool 😜", "thanks"),
        ("running 10 min late, save me a fry 😜", "logistics"),
    ],
)
def test_a_playful_goodnight_thanks_or_running_late_keeps_its_kind(text: str, kind: str) -> None:
    result = critique(text)
    assert result.kind == kind and result.fine_as_is
    assert send_instead(text, result) is None


# --- an apology ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["sorry sorry sorry", "sorry, sorry, I'm sorry I snapped at you", "SORRY SORRY SORRY"]
)
def test_three_sorries_are_told_once_is_enough(text: str) -> None:
    result = critique(text)
    assert result.kind == "apology" and not result.fine_as_is
    assert any(f.kind == "change" and f.text == ONCE for f in result.findings)


def test_two_sorries_are_not_a_pile() -> None:
    result = critique("sorry I snapped, sorry")
    assert result.kind == "apology" and result.fine_as_is
    assert ONCE not in _advice("sorry I snapped, sorry")


async def test_a_pile_of_sorries_shows_what_to_change_with_its_step(bot: Harness) -> None:
    reply = only_message(await bot.send("I'm sorry, I'm sorry, I'm sorry I snapped"))
    works, change = reply.plain.split("What to change", 1)
    assert (
        'skips the "but", and is said once. Then let it rest — he can answer in his own time. (step 1)'
        in works
    )
    assert f"• {ONCE} (step 1)" in change
    assert "💛 Step 1" in reply.button_texts


async def test_an_apology_with_a_but_shows_the_change_with_its_step(bot: Harness) -> None:
    reply = only_message(await bot.send("sorry I snapped at you yesterday, but you started it"))
    change = reply.plain.split("What to change", 1)[1]
    assert f"• {DROP_BUT} Own your part, full stop. (step 1)" in change
    assert HEADING not in reply.plain


async def test_bad_news_advice_names_step_3(bot: Harness) -> None:
    reply = only_message(await bot.send("I didn't get the job"))
    assert any(
        line.startswith(f"• {BAD_NEWS}") and line.endswith("(step 3)")
        for line in reply.plain.split("\n")
    )
    assert HEADING not in reply.plain and "📤 Use it" not in reply.button_texts


# --- send this instead ----------------------------------------------------------------------------


def test_her_own_question_gets_its_advice_and_no_stock_hook() -> None:
    text = "what are you up to this weekend"
    result = critique(text)
    assert not result.adds_value and result.kind is None
    assert send_instead(text, result) is None


def test_a_weak_draft_with_no_text_that_passes_gets_none_rather_than_an_error() -> None:
    # running late after a breakdown: nothing in the templates passes the critic for it
    text = "bus just broke down lol, getting an uber, 20 mins"
    assert send_instead(text, critique(text)) is None


@pytest.mark.parametrize(
    ("draft", "starts"),
    [("good morning", "good morning! "), ("hey", "hey! "), ("wyd", "wyd? ")],
)
def test_her_short_draft_keeps_its_own_tone_in_the_text_to_send(draft: str, starts: str) -> None:
    """A greeting ends in "!", a question in "?": a greeting is never turned into a question."""
    alternative = _alternative(draft)
    assert alternative.startswith(starts), alternative
    assert "[" in alternative  # a blank for something true of hers


def test_a_wall_keeps_her_first_sentence_with_one_full_stop() -> None:
    assert _alternative(WALL).startswith(STORY + " ")  # "...the bowl. ", never "bowl.."


def test_a_wall_that_opens_with_a_greeting_still_starts_from_her_story() -> None:
    assert _alternative("hey! " + WALL).startswith(STORY + " ")


def test_a_first_line_with_no_full_stop_gets_one() -> None:
    wall = WALL.replace("the bowl. ", "the bowl\n", 1)
    assert _alternative(wall).startswith(STORY + " ")  # STORY ends in "bowl."


def test_a_long_first_sentence_is_cut_at_a_whole_word_with_an_ellipsis() -> None:
    long = (
        "So last night I tried to bake bread for the first time, with my grandmother's old "
        "recipe card and flour from the corner shop, unbelievably, enthusiastically and the "
        "dough escaped the bowl."
    )
    alternative = _alternative(long + WALL[len(STORY) :])
    assert "…" in alternative, alternative
    head = alternative.split("…", 1)[0]
    assert long.startswith(head), alternative  # her words, from the start
    assert 100 <= len(head) < 150  # most of her sentence, not a word of it
    assert not long[len(head)].isalpha()  # cut between words, not inside one
    assert not head.endswith((",", " ")), alternative  # "...shop…", never "...shop,…"


def test_a_first_sentence_that_just_fits_is_kept_whole() -> None:
    fits = (
        "So last night I tried to bake bread for the first time, with my grandmother's old "
        "recipe card and some flour from the corner shop, and it all escaped."
    )
    assert len(fits) == 150  # the longest first sentence the text to send keeps whole
    assert _alternative(fits + WALL[len(STORY) :]).startswith(fits + " ")


def test_a_wall_that_opens_with_four_words_of_news_starts_from_them() -> None:
    news = "My sister got engaged!"
    assert _alternative(f"{news} {WALL[len(STORY) + 1 :]}").startswith(news + " ")


def test_a_text_of_exactly_telegrams_limit_still_goes_through_use_it() -> None:
    text = (
        "So last night I tried to bake bread for the first time and the dough escaped the bowl, "
        "climbed onto the counter and the cat chased it round the kitchen. Guess what the cat "
        "did next? I will tell you over dinner if you are free on Saturday, at the new place."
    )
    assert len(text) == INLINE_LIMIT
    assert acceptable(text) and not acceptable(text + "!")


@pytest.mark.parametrize("text", ["which one", "can u talk"])
def test_her_short_question_keeps_its_question_mark_in_the_rewrite(text: str) -> None:
    """ "which one" became "which one! Mine: ..." (found by mutation testing)."""
    alternative = send_instead(text, critique(text))
    assert alternative is not None and alternative.startswith(f"{text}? ")
