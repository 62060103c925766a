"""Train the safety check's word model: is this self-harm, or violence, abuse or a threat?

    python tools/train_safety.py
    python tools/train_safety.py --cv-sets   # leave one helper's set out at a time; no model

The patterns in content/data/safety.toml catch the phrasings someone wrote down; the model
catches the rest ("gave my sister my cat and most of my jewelry today"), from phrases written
by helpers who never saw the patterns. Positives: tests/data/safety/train_danger_*.jsonl
(kind self_harm, or abuse/threat for violence). Negatives: train_safe_*.jsonl (the same dark
words used harmlessly), every labeled draft in tests/data/*.jsonl that the patterns do not
flag (but no real text labeled hostile: see HOSTILE), and everything Fonder itself can send
(content/data). The threshold is the lowest that keeps false alarms within ALARM_BUDGET on
figures of speech the model has not seen: train_safe_*.jsonl scored out of fold (5 folds),
and dev_figures.jsonl (dev_danger.jsonl is only scored for the printout). The other dev sets
(dev2-dev10) and blind_*.jsonl are never read here. The veto line (how sure the model must be
before it overrules a pattern) comes from the training sets alone, each left out in turn.

Writes content/data/safety_model.json.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from train_critic import column, sparse_design  # noqa: E402

from content.safety import (  # noqa: E402
    KINDS,
    concern_in,
    hit_parts,
    kind_of_label,
    safety_features,
)

DATA = ROOT / "tests" / "data"
OUT = ROOT / "content" / "data" / "safety_model.json"
ALARM_BUDGET = 0.02  # false alarms allowed on unseen figures of speech
# The inverse regularisation strength, chosen by --cv-sets (24 sets left out in turn, the model
# alone, 2% of unseen safe phrases alarmed): 81.7% caught at C 30 (a scratch copy of the same
# split: 77.0% at C 0.3, 79.1% at 1, 80.1% at 3, 81.4% at 10, 81.6% at 100). The gradient
# descent this replaced (l2 0.00003, 3,000 steps, not run to convergence) caught 72.4% there.
C = 30.0
FOLDS = 5
# How far below the lowest-scored training danger phrase the patterns catch the veto sits
# (log-odds): one clear unit, so a pattern's hit is overruled only where the model is surer it
# is harmless than it ever was about real danger.
VETO_MARGIN = 1.0


def read(pattern: str) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for path in sorted((DATA / "safety").glob(pattern)):
        rows += [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    return rows


# Real texts labeled hostile are no clean example of a safe text: quoted from court and news
# reports, some are threats the patterns miss ("Happy anniversary whore. You'll remember this
# day for a long time.", real_train4). Hostile texts we wrote ourselves still count as safe.
HOSTILE = frozenset({"conflict", "manipulation"})


def drafts() -> list[str]:
    """Every labeled draft the patterns don't flag: ordinary texts, some of them dark."""
    texts: list[str] = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("source") and HOSTILE & set(row.get("flags", ())):
                continue
            if concern_in(row["text"], model=False) is None:
                texts.append(row["text"])
    return texts


def fit_all(texts: list[str], labels: list[str | None]) -> dict[str, object]:
    """One class-balanced logistic regression per kind, run to convergence by liblinear."""
    vocab, (flat, row_of, rows) = sparse_design([safety_features(t) for t in texts])
    design = csr_matrix((np.ones(len(flat)), (row_of, flat)), shape=(rows, len(vocab)))
    model: dict[str, object] = {}
    for kind in KINDS:
        # the other kind's danger teaches this column nothing: it is not "safe"
        keep = np.array([label in (None, kind) for label in labels])
        y = np.array([label == kind for label in labels])[keep]
        fitted = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", max_iter=1000)
        fitted.fit(design[keep], y)
        model[kind] = column(vocab, fitted.coef_[0], fitted.intercept_[0])
    return model


def best_score(model: dict[str, object], text: str) -> float:
    found = safety_features(text)
    best = -np.inf
    for kind_column in model.values():
        weights = kind_column["weights"]  # type: ignore[index]
        total = kind_column["bias"] + sum(weights.get(f, 0.0) for f in found)  # type: ignore[index]
        best = max(best, total)
    return float(best)


def own_words() -> list[str]:
    """Everything Fonder itself can send: known to be safe, and it must never trip the check."""
    from content.library import said_by_fonder

    return [s for s in said_by_fonder() if len(s.split()) >= 3]


def left_out_models() -> Iterator[tuple[str, dict[str, object]]]:
    """For every helper's set (train_danger_X and train_safe_X), a model trained without it:
    written by different people, the sets are the fairest unseen phrases the data has."""
    letters = sorted(
        p.stem.removeprefix("train_danger_") for p in (DATA / "safety").glob("train_danger_*.jsonl")
    )
    ordinary = drafts() + own_words()
    for letter in letters:
        others = [x for x in letters if x != letter]
        danger = [r for x in others for r in read(f"train_danger_{x}.jsonl")]
        safe = [r["text"] for x in others for r in read(f"train_safe_{x}.jsonl")] + ordinary
        yield (
            letter,
            fit_all(
                [r["text"] for r in danger] + safe,
                [kind_of_label(r["kind"]) for r in danger] + [None] * len(safe),
            ),
        )


def cross_validate() -> None:
    """The share of each left-out set's danger phrases the model alone catches when 2% of its
    safe phrases are let alarm: the figure to choose features and settings by."""
    danger_scores: list[float] = []
    safe_scores: list[float] = []
    for letter, model in left_out_models():
        danger_scores += [
            best_score(model, r["text"]) for r in read(f"train_danger_{letter}.jsonl")
        ]
        safe_scores += [best_score(model, r["text"]) for r in read(f"train_safe_{letter}.jsonl")]
    line = sorted(safe_scores, reverse=True)[int(ALARM_BUDGET * len(safe_scores))]
    caught = sum(score > line for score in danger_scores) / len(danger_scores)
    print(f"{len(danger_scores)} danger phrases in sets left out in turn: the model alone")
    print(f"catches {caught:.1%} with {ALARM_BUDGET:.0%} of unseen safe phrases alarmed")


def veto_line() -> float:
    """The raw score under which the model may overrule a pattern (content/safety.py):
    VETO_MARGIN below the lowest score any training danger phrase the patterns catch gets
    from the model that never saw its set. Prints what it would overrule there."""
    danger: list[float] = []
    safe: list[float] = []
    for letter, model in left_out_models():
        danger += flagged_scores(model, f"train_danger_{letter}.jsonl")
        safe += flagged_scores(model, f"train_safe_{letter}.jsonl")
    line = round(min(danger) - VETO_MARGIN, 3)
    under = sum(score < line for score in safe)
    print(f"veto {line}: overrules {under} of the {len(safe)} harmless training phrases")
    print(f"  the patterns flag, and none of the {len(danger)} danger phrases they catch")
    return line


def flagged_scores(model: dict[str, object], name: str) -> list[float]:
    """The model's score of each phrase in the file that a pattern flags, read as the check
    reads it: the whole text or the sentence the pattern fires in, whichever is higher."""
    return [
        max(best_score(model, part) for part in hit_parts(row["text"]))
        for row in read(name)
        if concern_in(row["text"], model=False) is not None
    ]


def main() -> None:
    if "--cv-sets" in sys.argv[1:]:
        cross_validate()
        return
    danger = read("train_danger_*.jsonl")
    safe_phrases = [r["text"] for r in read("train_safe_*.jsonl")]
    safe = safe_phrases + drafts() + own_words()
    texts = [r["text"] for r in danger] + safe
    labels = [kind_of_label(r["kind"]) for r in danger] + [None] * len(safe)
    # Out-of-fold scores of the safe phrases, and the dev figures, set the threshold.
    unseen: list[float] = []
    offset = len(danger)
    for fold in range(FOLDS):
        held = {offset + i for i in range(len(safe_phrases)) if i % FOLDS == fold}
        model = fit_all(
            [t for i, t in enumerate(texts) if i not in held],
            [x for i, x in enumerate(labels) if i not in held],
        )
        unseen += [best_score(model, texts[i]) for i in sorted(held)]
    model = fit_all(texts, labels)
    unseen += [best_score(model, r["text"]) for r in read("dev_figures.jsonl")]
    unseen.sort(reverse=True)
    allowed = int(ALARM_BUDGET * len(unseen))
    threshold = round(unseen[allowed] + 1e-3, 3)
    written = {"kinds": model, "threshold": threshold, "veto": veto_line()}
    OUT.write_text(json.dumps(written, sort_keys=True) + "\n")
    print(f"trained on {len(danger)} danger and {len(safe)} safe texts -> {OUT.relative_to(ROOT)}")
    report(threshold)


def report(threshold: float) -> None:
    from content import safety

    safety.word_model.cache_clear()
    safety.weights_by_feature.cache_clear()
    for name in ("dev_danger.jsonl", "dev_figures.jsonl"):
        rows = read(name)
        flagged = sum(concern_in(r["text"]) is not None for r in rows)
        print(f"  {name}: {flagged}/{len(rows)} flagged (threshold {threshold})")


if __name__ == "__main__":
    main()
