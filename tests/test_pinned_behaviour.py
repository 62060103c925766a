"""Behaviour a user would notice that no other test pinned (found by mutation testing).

Each test names what the user sees: the critic's verdict, its flags and advice, the caring
note and its helplines. See the README's developer section for the mutmut command.
"""

from __future__ import annotations

import pytest

from content.critique import critique, precedence
from content.safety import safety_note

LONDON = {"time_zone": "Europe/London", "language_code": "en"}


# --- the caring note ---------------------------------------------------------------------------


def test_a_note_about_her_own_draft_speaks_to_her_not_about_him() -> None:
    note = safety_note("I don't want to live anymore", **LONDON)
    assert note is not None and note.kind == "self_harm"
    assert "you wrote about hurting yourself" in note.text
    assert "his message" not in note.text
    his = safety_note("I don't want to live anymore", his=True, **LONDON)
    assert his is not None and "his message" in his.text


def test_a_self_harm_note_lists_the_crisis_line_and_not_the_abuse_line() -> None:
    note = safety_note("I don't want to live anymore", **LONDON)
    assert note is not None
    lines = note.text.split("\n")
    assert "• Emergency: 999" in lines
    assert any(line.startswith("• Crisis line: Samaritans") for line in lines)
    assert not any("Abuse helpline" in line for line in lines)
    assert any(line.startswith("• findahelpline.com") for line in lines)


def test_a_violence_note_lists_the_abuse_line_and_not_the_crisis_line() -> None:
    note = safety_note("he said he will hurt me if i leave", **LONDON)
    assert note is not None and note.kind == "violence"
    lines = note.text.split("\n")
    assert "• Emergency: 999" in lines
    assert any(
        line.startswith("• Abuse helpline: National Domestic Abuse Helpline") for line in lines
    )
    assert not any("Crisis line" in line for line in lines)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # phones type curly apostrophes; the danger patterns are written with straight ones
        ("she said she’ll hurt herself and then tell police i did it", "violence"),
        ("she said she‘ll hurt herself and then tell police i did it", "violence"),
        (
            "Draft: I’m sorry I was always too much. You won’t have to put up with me much longer.",
            "self_harm",
        ),
        (
            "Draft: I‘m sorry I was always too much. You won‘t have to put up with me much longer.",
            "self_harm",
        ),
    ],
)
def test_danger_typed_with_curly_apostrophes_still_gets_the_note(text: str, kind: str) -> None:
    note = safety_note(text, **LONDON)
    assert note is not None and note.kind == kind


# --- drafts with no words ----------------------------------------------------------------------


def test_a_lone_wink_reads_as_play() -> None:
    result = critique("😉")
    assert not result.judgeable
    assert result.flags == {"playful"}


@pytest.mark.parametrize("text", ["???", "? ? ?"])
def test_bare_question_marks_read_as_chasing(text: str) -> None:
    result = critique(text)
    assert not result.judgeable
    assert result.flags == {"needy"}


def test_a_thumbs_up_is_neither_play_nor_chasing_nor_warmth() -> None:
    result = critique("👍")
    assert not result.judgeable
    assert result.flags == frozenset()
    assert "no words" in result.findings[0].text
    assert "hearts" not in result.findings[0].text


def test_a_heart_alone_is_called_warmth() -> None:
    result = critique("❤️")
    assert not result.judgeable and result.flags == frozenset()
    assert "Kisses and hearts" in result.findings[0].text


def test_a_foreign_text_with_a_heart_is_told_it_is_not_english() -> None:
    result = critique("hola que tal amigo ❤️")
    assert not result.judgeable
    assert "English" in result.findings[0].text
    assert "hearts" not in result.findings[0].text


# --- shouting --------------------------------------------------------------------------------------


PANIC = "All capitals reads as panic"


@pytest.mark.parametrize(
    ("text", "panicked"),
    [
        ("WHERE U??", True),  # six capitals is enough
        ("WHERE ARE Uuu??", True),  # 9 capitals to 2 small letters: more than 4 to 1
        ("WHERE AR Uuu???", False),  # 8 to 2: exactly 4 to 1 is not shouting
        ("Why Are You Not Answering Me??", False),  # capitalised words are not capitals
        ("why arent you answering me", False),
    ],
)
def test_chasing_in_capitals_is_called_panic(text: str, panicked: bool) -> None:
    result = critique(text)
    assert "needy" in result.flags
    said = " ".join(f.text for f in result.findings)
    assert (PANIC in said) is panicked, said


# --- tone, questions, plans ------------------------------------------------------------------------


def test_a_brush_off_is_called_dismissive_not_just_a_fight() -> None:
    result = critique("cool story bro")
    assert result.flags == {"conflict"}
    assert "brushes him off" in result.findings[0].text


@pytest.mark.parametrize(("text", "curt"), [("fine.", True), ("noted.", True), ("fine!", False)])
def test_a_clipped_acknowledgment_reads_cold_but_an_exclaimed_one_does_not(
    text: str, curt: bool
) -> None:
    assert ("conflict" in critique(text).flags) is curt


def test_a_question_without_its_question_mark_is_still_a_question() -> None:
    result = critique("r u coming sat or not")
    assert result.asks
    assert not result.adds_value and result.flags == frozenset()
    assert result.findings[0].text.startswith("A fair question")


@pytest.mark.parametrize("text", ["dinner friday?", "meet at 6?"])
def test_a_time_and_a_proposal_is_a_plan(text: str) -> None:
    result = critique(text)
    assert result.adds_value
    assert any(f.text.startswith("A concrete plan") for f in result.findings)


@pytest.mark.parametrize("text", ["busy tomorrow?", "i have work friday"])
def test_a_time_alone_is_not_a_plan(text: str) -> None:
    result = critique(text)
    assert not result.adds_value
    assert not any(f.text.startswith("A concrete plan") for f in result.findings)


# --- what is wrong wins (shared/critique/CONTRACT.md) ---------------------------------------------

GOOD = {"playful", "invites_reply", "vulnerable"}


def test_a_game_says_it_all() -> None:
    assert precedence(GOOD | {"manipulation", "conflict", "needy", "small_talk"}) == {
        "manipulation"
    }


@pytest.mark.parametrize("bad", ["needy", "conflict", "wall_of_text"])
def test_chasing_a_fight_or_a_letter_cancels_the_good_flags_and_filler(bad: str) -> None:
    assert precedence(GOOD | {bad, "small_talk"}) == {bad}


def test_filler_is_not_play_or_openness_but_can_still_ask() -> None:
    assert precedence(GOOD | {"small_talk"}) == {"small_talk", "invites_reply"}


# --- verdicts on labeled drafts ---------------------------------------------------------------------
# Drafts from tests/data (and shared/critique) on which the critic agrees with the label; each one
# told a surviving mutant apart. `close` is whether Fonder says "I can't tell..." instead of a
# confident verdict: those sit near the word model's line, so a retrain may move them (then
# update the row after checking the new verdict reads right).

VERDICTS = [
    # text, adds_value, flags, kind, close
    (
        "My english is not perfect so sometimes I am shy to write you. But I like to talk with you.",
        True,
        {"vulnerable"},
        None,
        False,
    ),
    ("?", False, {"needy"}, None, False),
    ("maybe i'll let u win at pool next time 😉", True, {"playful"}, None, False),
    (
        "started therapy today. weird but good. wanted you to know x",
        True,
        {"vulnerable"},
        None,
        False,
    ),
    (
        "I get you’re busy, but I’ll wait for us to have dinner again, it’ll be worth it.",
        True,
        set(),
        None,
        False,
    ),
    ("prove it 😏", True, {"invites_reply", "playful"}, None, False),
    ("whatcha doing", False, {"invites_reply", "small_talk"}, None, False),
    ("So can I get an answer?", False, {"needy"}, None, False),
    ("i'm giving you one last chance", False, {"manipulation"}, None, False),
    (":)", False, set(), None, False),
    ("hahah true", False, {"small_talk"}, None, False),
    ("bro why'd you leave me on read 😭", False, {"needy"}, None, False),
    ("I think you have the wrong number.", False, set(), "answer", False),
    ("What's your go-to comfort meal when you're sick?", True, {"invites_reply"}, None, False),
    (
        "The guy at the gym keeps asking for my number. Should I give it to him? 😇",
        False,
        {"manipulation"},
        None,
        False,
    ),
    (
        "heading to my sister's for the weekend, no signal out there. have fun at the game, hope ur team wins!",
        True,
        set(),
        "answer",
        False,
    ),
]


@pytest.mark.parametrize(("text", "adds_value", "flags", "kind", "close"), VERDICTS)
def test_labeled_drafts_keep_their_verdict(
    text: str, adds_value: bool, flags: set[str], kind: str | None, close: bool
) -> None:
    result = critique(text)
    assert (result.adds_value, set(result.flags), result.kind) == (adds_value, flags, kind)
    assert (result.unsure is not None) is close, result.unsure


def test_a_draft_that_plays_shares_and_asks_is_told_all_three() -> None:
    result = critique(
        "I still sleep with a nightlight. There, I said it. What's your weird little adult secret? 🌙"
    )
    said = [f.text for f in result.findings if f.kind == "keep"]
    assert any(s.startswith("Playful") for s in said)
    assert any(s.startswith("You hand the ball back") for s in said)
    assert any(s.startswith("You share something real") for s in said)


# --- the score in "Adds value — N/100" / "Hold on — N/100" -----------------------------------------


def test_play_and_openness_score_above_a_plain_good_text() -> None:
    plain = critique(
        "I get you’re busy, but I’ll wait for us to have dinner again, it’ll be worth it."
    )
    asks = critique("What's your go-to comfort meal when you're sick?")
    plays_and_asks = critique("prove it 😏")
    shares = critique("started therapy today. weird but good. wanted you to know x")
    assert all(r.adds_value for r in (plain, asks, plays_and_asks, shares))
    assert plain.score < asks.score < plays_and_asks.score
    assert plain.score < shares.score


def test_a_game_scores_lower_than_chasing() -> None:
    game = critique("i'm giving you one last chance")
    chasing = critique("bro why'd you leave me on read 😭")
    assert game.score < chasing.score <= 50


# --- cold replies and repeated check-ins -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cold"),
    [("ok ok ok", True), ("ok ok", False), ("fine 😉", False), ("k.", True)],
)
def test_a_bare_acknowledgment_repeated_or_clipped_reads_cold(text: str, cold: bool) -> None:
    assert ("conflict" in critique(text).flags) is cold


@pytest.mark.parametrize(
    "text",
    [
        "that was rude, can we talk about it?",
        "you were kind of rude last night but i get it, rough day 😅",
    ],
)
def test_a_complaint_said_kindly_is_not_a_fight(text: str) -> None:
    result = critique(text)
    assert result.adds_value and "conflict" not in result.flags


@pytest.mark.parametrize("text", ["hey hey hey", "wyd wyd wyd"])
def test_the_same_check_in_three_times_reads_as_chasing(text: str) -> None:
    assert critique(text).flags == {"needy"}


# --- advice that names the problem ----------------------------------------------------------------

DARE = "End with a question or a little dare"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("in your dreams 😜", True),  # play that stops short of handing the ball back
        ("prove it 😏", False),  # already hands it back
        (
            "started therapy today. weird but good. wanted you to know x",
            False,
        ),  # a feeling shared asks nothing more
    ],
)
def test_play_that_stops_short_is_told_to_hand_the_ball_back(text: str, hint: bool) -> None:
    result = critique(text)
    assert result.adds_value
    assert any(f.text.startswith(DARE) for f in result.findings) is hint


def test_filler_is_called_filler() -> None:
    result = critique("hahah true")
    assert any("filler" in f.text for f in result.findings)


def test_a_letter_is_told_it_is_a_letter() -> None:
    text = " ".join(["I had such a long day at work and then the bus was late again."] * 12)
    result = critique(text)
    assert "wall_of_text" in result.flags
    assert any("is a letter, not a text" in f.text for f in result.findings)


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("je suis très fatigué ce soir mon ami", False),
        ("ich bin so müde heute abend", False),
        ("that was so fun last night, merci!", True),
    ],
)
def test_only_english_is_judged(text: str, english: bool) -> None:
    assert critique(text).judgeable is english


# --- brushing him off, in the words real people used (real_train2.jsonl) ----------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm sorry you feel that way.",  # the non-apology
        "I am done talking.",  # stonewalling
        "I'm not doing this right now.",
        "I have no idea what you're talking about.",  # denying what happened
        "I never said that",
        "I think you're misreading my tone",
        "I was drunk at the time. You can't blame me for what I did.",  # blame handed back
        "Must be nice.",
        "Have a nice life",
    ],
)
def test_brushing_him_off_is_named_as_conflict(text: str) -> None:
    result = critique(text)
    assert "conflict" in result.flags and not result.adds_value


def test_recruiting_others_against_him_is_a_game() -> None:
    assert critique("Even your brother thinks the same.").flags == {"manipulation"}
    # but what everybody knows in a story is no game
    story = critique("the crazy bus driver that everybody knows waved at me today lol")
    assert "manipulation" not in story.flags


def test_being_left_on_read_is_chasing_and_a_lone_are_you_ok_is_care() -> None:
    assert "needy" in critique("bro why'd you leave me on read 😭").flags
    assert critique("are you ok?").kind == "support"
    assert "needy" in critique("are you ok?? answer me").flags


# --- cursing him out and calling him names (real texts: real_train, real_train3) -------------------


@pytest.mark.parametrize(
    "text",
    [
        "F*ck you then!",
        "What kind of girl, busy or not, texts this little? Screw you too.",
        "Get it yourself, asshat.",
        "You always blow things out of proportion.",
        "I hope you burn and drown",
        "you’re so cheap",
        # censored curses (real_train2, real_train4) read as the words they mask
        "Are you f&%^ing kidding me?",
        "That doesn't matter. She or I would outlive you, sh**head.",
    ],
)
def test_cursing_him_out_is_a_fight(text: str) -> None:
    result = critique(text)
    assert "conflict" in result.flags and not result.adds_value


@pytest.mark.parametrize(
    "text",
    [
        "lol screw you, I won fair and square 😜",  # a curse said laughing is banter
        "you never complain, I love that",  # "never" + a fault word is praise
        "this pizza is so f***ing good, you have to try it",  # a censored curse about pizza
    ],
)
def test_a_curse_said_laughing_and_praise_are_not_fights(text: str) -> None:
    result = critique(text)
    assert "conflict" not in result.flags and result.adds_value
