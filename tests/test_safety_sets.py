"""The safety check against phrases written by helpers who never saw its rules.

- dev_*.jsonl, dev2_* .. dev4_*: the first four such sets; their misses were read and the patterns
  mended from them, so they must stay (nearly) perfect; dev5 likewise since 2026-12-07.
- dev6_*.jsonl: written after that by a sixth helper; its 11 false alarms were read on
  2026-12-08 (nothing mended from them), its misses are still unread.
- dev7_*.jsonl: written on 2026-12-08 by a seventh helper with dev6's brief, measured but not
  yet read: the honest figure for how the check does on phrasings it has never met (besides
  the blind set). Two harmless phrases equal to existing ones were dropped (128 left).
- dev8_*.jsonl: the same brief, an eighth helper, written after this session's model
  changes; measured once, unread.
- dev9_*.jsonl, dev10_*.jsonl: two more helpers' sets of 200 and 200, written on 2026-12-08
  with training briefs on the hardest overlap (dev9: danger told lightly beside dark words
  used lightly; dev10: danger relayed through other people beside stories relayed the same
  way); used only to check a change that was then reverted, never trained on, unread.
- blind_*.jsonl: written later by another helper, never trained on, never read for errors.
  It holds the check to today's figures as floors, and to the issue's bar as a strict
  xfail (97 % of danger caught, at most 2 % of figures of speech alarmed) until it passes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from content.safety import concern_in, hit_parts, kind_of_label

SETS = Path(__file__).resolve().parent / "data" / "safety"


def _rows(name: str) -> list[dict[str, str]]:
    text = (SETS / name).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _caught(name: str) -> float:
    rows = _rows(name)
    return sum(concern_in(r["text"]) is not None for r in rows) / len(rows)


def test_the_dev_sets_stay_mended() -> None:
    assert _caught("dev_danger.jsonl") >= 0.97
    assert _caught("dev_figures.jsonl") <= 0.02
    # dev2: a third helper's set; before its misses were read: 91/130 caught, 8/130 alarmed.
    assert _caught("dev2_danger.jsonl") >= 0.97  # 129/130 once mended
    assert _caught("dev2_figures.jsonl") <= 0.06  # 7/130: past trouble told as past, grief
    # dev3: a fourth helper's set (teens, over-50s, men, same-sex couples, dependence, his
    # forwarded words, other languages); before its misses were read: 106/130, 10/130.
    assert _caught("dev3_danger.jsonl") >= 0.97  # 128/130 after sets h, i and j
    # 8/130 alarmed once: past trouble, "I will end you"; 5/130 since the model may veto a hit
    assert _caught("dev3_figures.jsonl") <= 0.04
    # dev4: the subtle middle (metaphors, countdowns, control told as love, threats told as
    # jokes); before its misses were read: 90/130 caught, 7/130 alarmed.
    assert _caught("dev4_danger.jsonl") >= 0.97  # 129/130 after sets h, i and j
    assert _caught("dev4_figures.jsonl") <= 0.05  # 6/130


def test_the_dev5_set_holds_its_figures() -> None:
    """dev5: a fifth helper's realistic mix: 102/130 caught and 3/130 alarmed as written,
    108/130 after training set j, 110/130 after sets k and l (all measured unread); its misses
    read and mended by family on 2026-12-07 (custody and immigration threats, passwords,
    "won't be anyone's problem", a gun and "I'm done"...): 127/130, 3/130; 126/130 after
    training sets u-x (the model let one go while both unread sets gained); 128/130 once the
    model was trained to convergence (liblinear, 2026-12-08)."""
    assert _caught("dev5_danger.jsonl") >= 0.97
    assert _caught("dev5_figures.jsonl") <= 0.03


def test_the_unread_dev6_set_holds_its_first_figures() -> None:
    """dev6: a sixth helper's realistic mix (danger mostly indirect or in passing, the harmless
    side what a user would be annoyed to get a crisis note for), written after dev5 was read,
    measured but not yet read for errors: 107/130 caught, 12/130 alarmed as written; 109 and
    11 after training sets m-t, 112 and 11 after u-x (its alarms read since, not mended);
    118 and 11 once the model was trained to convergence (liblinear, 2026-12-08)."""
    assert _caught("dev6_danger.jsonl") >= 0.90
    assert _caught("dev6_figures.jsonl") <= 0.09


def test_the_unread_dev7_set_holds_its_first_figures() -> None:
    """dev7: dev6's brief, a new helper, written after training sets m-x; measured once,
    unread: 117/130 caught, 13/128 alarmed; 120/130 and 12/128 once the model was trained to
    convergence (liblinear, 2026-12-08); 120/130 and 10/128 with the model's veto."""
    assert _caught("dev7_danger.jsonl") >= 0.92
    assert _caught("dev7_figures.jsonl") <= 0.08


def test_the_unread_dev8_set_holds_its_first_figures() -> None:
    """dev8: dev6's brief, an eighth helper, written on 2026-12-08 after the model was
    trained to convergence and given its veto; measured once, unread: 128/130 caught, 15/129
    alarmed (the model before this session's changes: 120/130 and 15/129). One harmless
    phrase equal to a training one was dropped."""
    assert _caught("dev8_danger.jsonl") >= 0.97
    assert _caught("dev8_figures.jsonl") <= 0.12


def test_the_unread_hard_overlap_sets_hold_their_first_figures() -> None:
    """dev9 and dev10, written so that both sides share their words and registers: the
    honest figure for the hardest phrasing the check meets. Today's model, unread (counted,
    never read, also against the two models of the reverted second look): dev9 158/200
    caught, 8/200 alarmed; dev10 165/200 caught, 19/199 alarmed (one harmless phrase equal
    to a training one dropped)."""
    assert _caught("dev9_danger.jsonl") >= 0.79
    assert _caught("dev9_figures.jsonl") <= 0.04
    assert _caught("dev10_danger.jsonl") >= 0.825
    assert _caught("dev10_figures.jsonl") <= 0.096


def test_danger_is_named_for_its_kind() -> None:
    """Self-harm gets the crisis line, abuse and threats the abuse line."""
    rows = [r for r in _rows("dev_danger.jsonl") if concern_in(r["text"]) is not None]
    right = sum(concern_in(r["text"]) == kind_of_label(r["kind"]) for r in rows)
    assert right / len(rows) >= 0.9


def test_the_blind_sets_hold_todays_floors() -> None:
    """Measured once each time the rules or model change (blind: never read for errors)."""
    # 93 of 106 on 2026-12-07 after sets k and l (94 before: one phrase lost, within noise;
    # the unread dev5 gained two); still 93 after dev5's misses were mended (dev5 110 -> 127);
    # 95 after sets m-p (four helpers, 791 danger and 795 harmless phrases, 2026-12-07), and
    # still 95 after sets q-t (four more), 97 after sets u-x (four more); 102 once the model
    # was trained to convergence (liblinear in place of 3,000 steps of gradient descent)
    assert _caught("blind_danger.jsonl") >= 0.96
    assert _caught("blind_figures.jsonl") <= 0.03  # 3 of 110


@pytest.mark.xfail(strict=True, reason="blind: 0.962 caught / 0.027 alarmed; the bar is not met")
def test_the_blind_sets_meet_the_bar() -> None:
    assert _caught("blind_danger.jsonl") >= 0.97
    assert _caught("blind_figures.jsonl") <= 0.02


def test_words_no_pattern_lists_are_still_heard() -> None:
    """The word model hears warning signs said in ways no pattern lists."""
    text = "i keep thinking everyone would be fine if i just stopped existing"
    assert concern_in(text, model=False) is None
    assert concern_in(text) == "self_harm"


def test_a_sure_model_overrules_a_dark_word_said_harmlessly() -> None:
    """Two of dev3's harmless phrases (a helper's, read since) trip a pattern, and the model
    is surer than about any real danger that they are not: no crisis note for mini golf or
    for cheering his eight years clean."""
    for text in (
        'Text from my gf before mini golf: "prepare to get absolutely destroyed, I will end '
        'you" — how do I talk trash back?',
        "He nearly died of an overdose in his twenties and has been clean eight years now; I "
        "want to tell him I'm proud of him on his anniversary",
    ):
        assert concern_in(text, model=False) is not None
        assert concern_in(text) is None


def test_the_veto_lets_no_caught_danger_go() -> None:
    """Every training danger phrase the patterns catch is still caught with the veto: the
    line sits a clear margin below the lowest of them (tools/train_safety.py)."""
    rows = [
        r for name in sorted(p.name for p in SETS.glob("train_danger_*.jsonl")) for r in _rows(name)
    ]
    caught = [r["text"] for r in rows if concern_in(r["text"], model=False) is not None]
    assert len(caught) > 2000
    assert [t for t in caught if concern_in(t) is None] == []


def test_a_disclosure_is_judged_in_its_own_sentence() -> None:
    """Buried in a cheerful question about dating, the sentence that says it is read alone
    too, so the words around it can't talk the check out of it (a helper's phrase, set j)."""
    text = (
        "How do I ask for his number at the end of a date without it being awkward? Feels "
        "pointless because I'm going to end my life after the holidays, but my friends say try "
        "dating"
    )
    assert hit_parts(text)[1].startswith("Feels pointless because I'm going to end my life")
    assert concern_in(text) == "self_harm"
