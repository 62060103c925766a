"""The critic against labeled drafts: the dev set, and drafts it was not tuned on."""

from __future__ import annotations

import pytest

from tests.critique_eval import DATA, DEV, evaluate, load


@pytest.mark.skipif(
    not DEV.exists(), reason="shared/critique/dev_drafts.jsonl is not beside the repo"
)
def test_dev_set_accuracy_and_macro_f1() -> None:
    score = evaluate(load(DEV))
    assert score.accuracy >= 0.95, score
    assert score.macro_f1 >= 0.90, score


@pytest.mark.parametrize("name", sorted(p.name for p in DATA.glob("*.jsonl")))
def test_our_own_labeled_drafts(name: str) -> None:
    """Floors set a little under what the critic reaches today, so a regression fails."""
    score = evaluate(load(DATA / name))
    assert score.accuracy >= 0.70, score
    assert score.macro_f1 >= 0.60, score
