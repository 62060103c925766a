"""The critic's contract (shared/critique/CONTRACT.md): shape, ranges, purity, limits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.critique import FLAGS, critique


def test_only_the_eight_contract_flags_exist() -> None:
    assert {
        "playful", "invites_reply", "vulnerable", "small_talk",
        "needy", "conflict", "manipulation", "wall_of_text",
    } == FLAGS  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_any_text_gets_a_valid_critique(text: str) -> None:
    result = critique(text)
    assert result.flags <= FLAGS
    assert 0 <= result.score <= 100
    assert (result.score > 50) == result.adds_value
    assert all(
        1 <= f.step <= 6 and f.text and f.kind in {"keep", "change", "limit"}
        for f in result.findings
    )
    assert result.findings, "every draft gets at least one finding"
    assert critique(text) == result  # same text, same answer


def test_a_playful_question_adds_value_and_hands_the_ball_back() -> None:
    result = critique("Bet you can't guess what I burned for dinner tonight 😂 go on, three tries")
    assert result.adds_value and {"playful", "invites_reply"} <= result.flags
    assert any(f.kind == "keep" and f.step == 2 for f in result.findings)


def test_chasing_is_needy_not_an_invitation_and_cites_step_4() -> None:
    result = critique("why aren't you answering me?? hello??")
    assert not result.adds_value and "needy" in result.flags and "invites_reply" not in result.flags
    assert any(f.kind == "change" and f.step == 4 for f in result.findings)


def test_a_fight_is_sent_to_a_call_citing_step_1() -> None:
    result = critique("You never make time for me. I'm sick of your excuses.")
    assert "conflict" in result.flags and not result.adds_value
    assert any(f.step == 1 and "call" in f.text for f in result.findings)


def test_wanting_to_talk_in_person_is_not_conflict() -> None:
    result = critique("Something you said yesterday bothered me. Can we talk in person tonight?")
    assert "conflict" not in result.flags


def test_an_ultimatum_is_manipulation_citing_step_6() -> None:
    result = critique("Answer me in 10 minutes or we're over")
    assert "manipulation" in result.flags and not result.adds_value
    assert any(f.step == 6 for f in result.findings)


def test_over_150_words_is_a_wall_of_text() -> None:
    assert "wall_of_text" not in critique(" ".join(["love"] * 150)).flags
    result = critique(" ".join(["love"] * 151))
    assert "wall_of_text" in result.flags and not result.adds_value


def test_a_4096_character_draft_is_judged() -> None:
    result = critique(("I love how we talk about everything. " * 200)[:4096])
    assert "wall_of_text" in result.flags


def test_non_english_drafts_get_a_limit_not_a_verdict() -> None:
    for text in (
        "Hola guapo, ¿qué tal tu día? Te echo de menos.",
        "Hallo Schatz, wie geht es dir heute? Ich vermisse dich.",
        "Привет! Как прошёл твой день?",
        "今日はどうだった？",
    ):
        result = critique(text)
        assert not result.judgeable and not result.adds_value, text
        assert any(f.kind == "limit" and "English" in f.text for f in result.findings)


def test_emoji_or_punctuation_only_gets_a_limit() -> None:
    for text in ("😂😂😂", "...", "❤️", "!!"):
        result = critique(text)
        assert not result.judgeable and any(f.kind == "limit" for f in result.findings), text


def test_html_and_control_characters_do_not_break_it() -> None:
    for text in ("<b>hi</b> & <3", "\x00\x1f\u202e\u200b", "&amp;" * 500, ""):
        critique(text)


def test_withdrawal_as_punishment_is_manipulation_not_an_invitation() -> None:
    for text in (
        "i'm not gonna text you first anymore, see how you like it",
        "guess ill just stop texting since you clearly dont care",
    ):
        result = critique(text)
        assert "manipulation" in result.flags and "invites_reply" not in result.flags, text
        assert not result.adds_value and any(f.step == 6 for f in result.findings)


def test_a_tease_with_a_wink_is_play_not_a_fight() -> None:
    for text in ("hahaha you're such a dork 😂", "you're lucky you're cute 😏", "lmao you wish"):
        result = critique(text)
        assert "playful" in result.flags and result.adds_value, text
        assert not result.flags & {"conflict", "small_talk"}, text


def test_a_challenge_is_play_that_hands_the_ball_back() -> None:
    assert {"playful", "invites_reply"} <= critique("bet i can beat you at mario kart").flags


def test_anxious_reassurance_seeking_is_needy() -> None:
    assert "needy" in critique("r u mad at me").flags


def test_findings_do_not_carry_their_own_step_suffix() -> None:
    """The view adds "(step N)"; a finding that says it too would show it twice."""
    from content.critique_rules import compiled

    findings = list(compiled().findings.values())
    assert len(findings) >= 10
    assert [f for f in findings if "(step" in f.text] == []


def test_the_verdict_is_the_same_after_a_restart() -> None:
    """Python salts string hashing per process, so a set of features is walked in another
    order after every restart; the word model's sums must not depend on it. These two drafts
    sit right at a threshold and flipped between restarts before its sums were exact."""
    drafts = [
        "why is ur location at ur ex's apartment complex",
        "POV: me trying to act chill when u said my name in front of ur friends 😳",
        "I burned the pasta AGAIN 🙈 can you cook or are we both doomed?",
    ]
    script = (
        "import json, sys\n"
        "from content.critique import critique\n"
        "out = [[c.adds_value, sorted(c.flags), c.score] for c in map(critique, json.load(sys.stdin))]\n"
        "print(json.dumps(out))\n"
    )
    verdicts = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            input=json.dumps(drafts),
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[1],
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        verdicts.add(done.stdout)
    assert len(verdicts) == 1, verdicts


@pytest.mark.parametrize(
    "text", ["dinner friday?", "wanna get boba after school thurs?", "coffee tomorrow at 10?"]
)
def test_a_concrete_plan_adds_value_however_short(text: str) -> None:
    """The contract counts a concrete plan as value: a time and something to do is a hook."""
    result = critique(text)
    assert result.adds_value and "invites_reply" in result.flags
    assert "small_talk" not in result.flags
    assert any("concrete plan" in f.text and f.kind == "keep" for f in result.findings)


@pytest.mark.parametrize(
    "text", ["We should catch up at some point.", "what's for dinner tonight?"]
)
def test_a_someday_plan_or_a_question_about_his_plans_is_small_talk(text: str) -> None:
    result = critique(text)
    assert not result.adds_value and "small_talk" in result.flags


@pytest.mark.parametrize("text", ["ok.", "noted", "fine", "Great. Thanks.", "cool. whatever"])
def test_a_curt_clipped_reply_is_conflict(text: str) -> None:
    """ "k. whatever." in the contract: bare acknowledgments that are cold or clipped."""
    assert critique(text).flags == {"conflict"}


@pytest.mark.parametrize("text", ["ok cool", "haha nice", "ok!", "sounds good"])
def test_a_warm_short_reply_is_small_talk_not_a_fight(text: str) -> None:
    result = critique(text)
    assert "conflict" not in result.flags and "small_talk" in result.flags


def test_the_same_check_in_again_and_again_is_chasing() -> None:
    assert critique("hi. hi. hi. hi").flags == {"needy"}
    assert "needy" not in critique("hey").flags


def test_a_phrase_about_someone_else_is_not_a_fight_with_him() -> None:
    """ "Shut up" said to him is conflict; his roommate who "won't shut up about" a taco place
    is a recommendation inside a plan."""
    assert "conflict" in critique("just shut up").flags
    plan = critique("wanna get tacos friday? my roommate won't shut up about this new place")
    assert plan.adds_value and "conflict" not in plan.flags
