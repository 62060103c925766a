"""The critic against labeled drafts: the dev set, and drafts it was not tuned on."""

from __future__ import annotations

import pytest

from content.critique import precedence
from tests.critique_eval import DATA, DEV, evaluate, load

# Files named *_blind.jsonl were written from the contract alone and are never trained on
# (tools/train_critic.py skips them): they are the honest measure of drafts the critic has
# not seen, so they are held to the bar for the unseen set, not the floors below.
BLIND = sorted(p.name for p in DATA.glob("*_blind.jsonl"))
OWN = sorted(p.name for p in DATA.glob("*.jsonl") if p.name not in BLIND)

# The bar the critic must reach on drafts it has never seen.
UNSEEN_ACCURACY = 0.92
UNSEEN_MACRO_F1 = 0.88
# A little under the lowest blind figures today (0.921 / 0.858), so a
# regression fails.
BLIND_FLOOR_ACCURACY = 0.90
BLIND_FLOOR_MACRO_F1 = 0.80
# Blind sets still under the unseen-set bar (strict: when one passes, take it off the list).
BELOW_BAR = {"drafts_fresh_blind.jsonl": "0.950 / 0.858: dry sarcasm, quiet vulnerability"}


def load_blind(name: str) -> list[dict[str, object]]:
    """A blind set's labels in the dev set's convention (what is wrong wins; see
    content.critique.precedence): the unseen set is written like dev."""
    return [{**row, "flags": precedence(row["flags"])} for row in load(DATA / name)]  # type: ignore[arg-type]


@pytest.mark.skipif(
    not DEV.exists(), reason="shared/critique/dev_drafts.jsonl is not beside the repo"
)
def test_dev_set_accuracy_and_macro_f1() -> None:
    score = evaluate(load(DEV))
    assert score.accuracy >= 0.95, score
    assert score.macro_f1 >= 0.90, score


@pytest.mark.parametrize("name", OWN)
def test_our_own_labeled_drafts(name: str) -> None:
    """Floors set a little under what the critic reaches today, so a regression fails."""
    score = evaluate(load(DATA / name))
    assert score.accuracy >= 0.70, score
    assert score.macro_f1 >= 0.60, score


@pytest.mark.parametrize("name", BLIND)
def test_blind_drafts_do_not_regress(name: str) -> None:
    score = evaluate(load_blind(name))
    assert score.accuracy >= BLIND_FLOOR_ACCURACY, score
    assert score.macro_f1 >= BLIND_FLOOR_MACRO_F1, score


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(strict=True, reason=BELOW_BAR[name]),
        )
        if name in BELOW_BAR
        else name
        for name in BLIND
    ],
)
def test_blind_drafts_meet_the_unseen_set_bar(name: str) -> None:
    score = evaluate(load_blind(name))
    assert score.accuracy >= UNSEEN_ACCURACY, score
    assert score.macro_f1 >= UNSEEN_MACRO_F1, score
