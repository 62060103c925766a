"""The critic against labeled drafts: the dev set, drafts it was not tuned on, and real texts.

Which set every figure comes from matters (README, "The critic's figures"):
- *_blind.jsonl are never trained on (tools/train_critic.py skips them);
- real_blind.jsonl holds real texts from pages (and sites) whose texts are never trained on,
  never read for errors and never tuned against: the figure that decides;
- real_train.jsonl is trained on; shared/critique/real_dev.jsonl is not, but its errors were
  read in the issue that brought it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from content.critique import precedence
from tests.critique_eval import DATA, DEV, Score, evaluate, load

REAL_DEV = DEV.parent / "real_dev.jsonl"
REAL_BLIND = "real_blind.jsonl"
# Files named *_blind.jsonl written by helpers (not the real set) are held to the written bar.
BLIND = sorted(p.name for p in DATA.glob("*_blind.jsonl") if p.name != REAL_BLIND)
OWN = sorted(p.name for p in DATA.glob("*.jsonl") if not p.name.endswith("_blind.jsonl"))

# The bar the critic must reach on written drafts it has never seen.
UNSEEN_ACCURACY = 0.92
UNSEEN_MACRO_F1 = 0.88
# A little under the lowest written blind figures today (0.929 / 0.841), so a regression fails.
BLIND_FLOOR_ACCURACY = 0.90
BLIND_FLOOR_MACRO_F1 = 0.80
# Written blind sets still under the bar (strict: when one passes, take it off the list).
BELOW_BAR = {
    "drafts_fresh_blind.jsonl": "0.935 / 0.846: dry sarcasm, quiet vulnerability",
    "drafts_devstyle2_blind.jsonl": "0.929 / 0.864 since real texts joined the training",
    "drafts_blind.jsonl": "0.944 / 0.873 since real_train2 joined the training (was 0.896)",
}
# The bar on real texts (the issue's), and today's floors a little under today's figures.
REAL_ACCURACY = 0.85
REAL_MACRO_F1 = 0.75
REAL_FLAG_F1 = 0.6  # for every flag with at least 10 agreed positives
REAL_BLIND_FLOOR = (0.76, 0.58)  # today 0.762 / 0.603
REAL_DEV_FLOOR = (0.78, 0.68)  # today 0.794 / 0.712


def load_blind(name: str) -> list[dict[str, object]]:
    """A blind set's labels in the dev set's convention (what is wrong wins; see
    content.critique.precedence): the unseen set is written like dev."""
    return _dev_convention(load(DATA / name))


def _dev_convention(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{**row, "flags": precedence(row["flags"])} for row in rows]  # type: ignore[arg-type]


def _real(path: Path) -> Score:
    return evaluate(_dev_convention(load(path)))


def _meets_real_bar(score: Score) -> bool:
    weak = [f for f, n in score.positives.items() if n >= 10 and score.per_flag[f] < REAL_FLAG_F1]
    return score.accuracy >= REAL_ACCURACY and score.macro_f1 >= REAL_MACRO_F1 and not weak


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


def test_the_real_blind_set_is_real_and_split_by_site() -> None:
    """At least 300 real texts, each with its page, from sites none of whose texts is
    trained on (a site split is stricter than the page split the issue asks for)."""
    blind = load(DATA / REAL_BLIND)
    train = load(DATA / "real_train.jsonl")
    assert len(blind) >= 300 and all(str(r["source"]).startswith("http") for r in blind)

    def site(row: dict[str, object]) -> str:
        return str(row["source"]).split("//", 1)[-1].split("/", 1)[0].removeprefix("www.")

    assert not {site(r) for r in blind} & {site(r) for r in train}


def test_real_blind_texts_do_not_regress() -> None:
    score = _real(DATA / REAL_BLIND)
    assert score.accuracy >= REAL_BLIND_FLOOR[0] and score.macro_f1 >= REAL_BLIND_FLOOR[1], score


@pytest.mark.xfail(strict=True, reason="real blind: 0.732 / 0.558, under 0.85 / 0.75")
def test_real_blind_texts_meet_the_bar() -> None:
    assert _meets_real_bar(_real(DATA / REAL_BLIND))


@pytest.mark.skipif(not REAL_DEV.exists(), reason="shared/critique is not beside the repo")
def test_real_dev_texts_do_not_regress() -> None:
    score = _real(REAL_DEV)
    assert score.accuracy >= REAL_DEV_FLOOR[0] and score.macro_f1 >= REAL_DEV_FLOOR[1], score


@pytest.mark.skipif(not REAL_DEV.exists(), reason="shared/critique is not beside the repo")
@pytest.mark.xfail(strict=True, reason="real_dev: 0.804 / 0.646, under 0.85 / 0.75")
def test_real_dev_texts_meet_the_bar() -> None:
    assert _meets_real_bar(_real(REAL_DEV))
