"""Train the critic's word model: one logistic regression per flag over words and word pairs.

    python tools/train_critic.py [--holdout tests/data/X.jsonl]

Reads the labeled drafts (shared/critique/dev_drafts.jsonl and tests/data/*.jsonl), writes
content/data/critic_model.json. With --holdout, that file is left out of training and scored,
which is the honest estimate of how the critic does on drafts it never saw.

Files whose name ends in `_blind.jsonl` (e.g. tests/data/drafts_blind.jsonl, written from the
contract alone) are never trained on, by default: they are the held-out yardstick for drafts
the critic has not seen. With --holdout on such a file it is scored as usual.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import partial
from pathlib import Path
from unittest import mock

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from content.critic_features import features  # noqa: E402
from content.critique import (  # noqa: E402
    MODEL_FLAGS,
    NOT_VALUE,
    emoji_kinds,
    normalise,
    precedence,
)
from content.picking import stable_int  # noqa: E402

NEGATIVE_MARGIN = 0.25
# Flags whose word-model guesses need a wider margin than the rest (chosen by leave-one-
# author-out cross-validation; see the README's critic section).
FLAG_MARGINS: dict[str, float] = {"needy": 1.0, "playful": 0.5}
# How much a real text (quoted on a public page, labeled by two annotators) weighs against a
# draft our helpers wrote: chosen by cross-validation over the real training texts' sites
# (real_train and real_train2, 755 sites, 5 folds): 3 -> 0.718 / 0.555, 6 -> 0.727 / 0.572,
# 10 -> 0.731 / 0.573 (accuracy / flag macro-F1); 6 keeps the written sets' share.
REAL_WEIGHT = 6.0
# Never trained on: the blind set stays an honest measure of unseen drafts.
BLIND_SUFFIX = "_blind.jsonl"

OUT = ROOT / "content" / "data" / "critic_model.json"
OUT_CV = ROOT / ".cv_model.json"


def load(paths: list[Path]) -> list[dict[str, object]]:
    rows = []
    for path in paths:
        rows += [json.loads(x) for x in path.read_text("utf-8").splitlines() if x.strip()]
    return rows


def as_dev_labels(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Labels in the dev set's convention (content.critique.precedence)."""
    return [{**r, "flags": sorted(precedence(r["flags"]))} for r in rows]  # type: ignore[arg-type]


def featurise(rows: list[dict[str, object]]) -> list[frozenset[str]]:
    return [features(normalise(str(r["text"])), emoji_kinds(str(r["text"]))) for r in rows]


Design = tuple[np.ndarray, np.ndarray, int]  # feature index per entry, row per entry, rows


def sparse_design(
    feats: Sequence[AbstractSet[str]], min_count: int = 2
) -> tuple[list[str], Design]:
    """The vocabulary (features seen at least `min_count` times, and every <marker>) and the
    rows as index arrays. A draft has tens of the ~10,000 features, so products on index
    arrays take seconds where a dense matrix took minutes."""
    counts: dict[str, int] = {}
    for f in feats:
        for name in f:
            counts[name] = counts.get(name, 0) + 1
    vocab = sorted(n for n, c in counts.items() if c >= min_count or n.startswith("<"))
    index = {n: i for i, n in enumerate(vocab)}
    columns = [sorted(index[n] for n in f if n in index) for f in feats]
    lengths = np.array([len(c) for c in columns])
    flat = np.array([i for c in columns for i in c], dtype=np.int64)
    return vocab, (flat, np.repeat(np.arange(len(feats)), lengths), len(feats))


def fit(
    design: Design,
    vocab: list[str],
    y: np.ndarray,
    row_weight: np.ndarray,
    l2: float = 0.003,
    epochs: int = 400,
) -> dict[str, object]:
    """One class-balanced, L2-regularised logistic regression by gradient descent; rows
    with weight 0 teach nothing. Returns the bias and the weights worth keeping."""
    flat, row_of, rows = design
    pos = max(float((y * (row_weight > 0)).sum()), 1.0)
    neg = max(float((row_weight > 0).sum()) - pos, 1.0)
    weight = np.where(y == 1, rows / (2 * pos), rows / (2 * neg)) * row_weight
    w = np.zeros(len(vocab))
    b = 0.0
    for _ in range(epochs):
        z = np.bincount(row_of, weights=w[flat], minlength=rows) + b
        p = 1 / (1 + np.exp(-z))
        g = (p - y) * weight
        grad = np.bincount(flat, weights=g[row_of], minlength=len(vocab))
        w -= 0.5 * (grad / rows + l2 * w)
        b -= 0.5 * g.mean()
    return column(vocab, w, b)


def column(vocab: list[str], w: np.ndarray, bias: float) -> dict[str, object]:
    """One fitted column as the model files keep it: the bias and the weights worth keeping
    (|w| >= 0.02), rounded to 3 places."""
    kept = {vocab[i]: round(float(w[i]), 3) for i in range(len(vocab)) if abs(w[i]) >= 0.02}
    return {"bias": round(float(bias), 3), "weights": kept}


VALUE = "value"  # the model's column for adds_value itself (CONTRACT.md's test)


def train(
    rows: list[dict[str, object]],
    l2: float = 0.003,
    epochs: int = 400,
    real_weight: float = REAL_WEIGHT,
) -> dict[str, object]:
    """One logistic regression per flag, and one for adds_value itself. Real texts (rows
    with a `source`) weigh `real_weight` times a written draft: they are how users actually
    text. A flag the two annotators disagreed on (not in `flags_known`), or an adds_value
    they disagreed on (None), teaches nothing for that row."""
    feats = featurise(rows)
    vocab, design = sparse_design(feats)
    row_weight = np.array([real_weight if r.get("source") else 1.0 for r in rows])
    model: dict[str, object] = {}
    for flag in [*sorted(MODEL_FLAGS), VALUE]:
        if flag == VALUE:
            y = np.array([1.0 if r.get("adds_value") else 0.0 for r in rows])
            known = np.array([r.get("adds_value") is not None for r in rows], dtype=float)
        else:
            y = np.array([1.0 if flag in r["flags"] else 0.0 for r in rows])  # type: ignore[operator]
            known = np.array(
                [flag in r.get("flags_known", MODEL_FLAGS) for r in rows],  # type: ignore[operator]
                dtype=float,
            )
        model[flag] = fit(design, vocab, y, known * row_weight, l2, epochs)
    # The model alone may add a negative flag (one that turns the verdict to "hold on") only
    # with a clear margin: with a few hundred drafts, generic words carry some weight.
    margins = {
        f: FLAG_MARGINS.get(f, NEGATIVE_MARGIN if f in NOT_VALUE else 0.0)
        for f in [*sorted(MODEL_FLAGS), VALUE]
    }
    return {"flags": model, "threshold": 0.5, "margins": margins, "trained_on": len(rows)}


def site(url: str) -> str:
    return url.split("//", 1)[-1].split("/", 1)[0].removeprefix("www.").lower()


def cross_validate(rows: list[dict[str, object]], folds: int) -> None:
    """Train without one fold of the real texts' sites, score that fold, for every fold:
    the figure to tune by, since the real blind set must stay unread."""
    from content import critique_rules as rules
    from tests.critique_eval import evaluate

    real = [r for r in rows if r.get("source")]
    sites = sorted({site(str(r["source"])) for r in real})
    fold_of = {s: stable_int(s) % folds for s in sites}
    scored: list[dict[str, object]] = []
    totals = []
    for fold in range(folds):
        held = [r for r in real if fold_of[site(str(r["source"]))] == fold]
        kept = [r for r in rows if not (r.get("source") and r in held)]
        model = train(kept)
        OUT_CV.write_text(json.dumps(model, sort_keys=True), "utf-8")
        rules.compiled.cache_clear()
        with mock.patch.object(rules, "load_model", partial(rules.load_model, OUT_CV)):
            score = evaluate(held)
            rules.compiled.cache_clear()
        totals.append((len(held), score))
        scored += held
        print(f"fold {fold}: n={score.n} accuracy={score.accuracy:.3f} F1={score.macro_f1:.3f}")
    n = sum(k for k, _ in totals)
    accuracy = sum(k * s.accuracy for k, s in totals) / n
    f1 = sum(k * s.macro_f1 for k, s in totals) / n
    print(f"cross-validated over {len(sites)} sites: accuracy={accuracy:.3f} macro-F1={f1:.3f}")
    for flag in sorted(totals[0][1].per_flag):
        mean = sum(k * s.per_flag[flag] for k, s in totals) / n
        print(f"  {flag}={mean:.2f}", end="")
    print()
    rules.compiled.cache_clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--holdout", type=Path)
    parser.add_argument(
        "--cv-real",
        type=int,
        metavar="K",
        help="K-fold cross-validation over the real training texts, folds split by site; "
        "prints the figures and writes no model",
    )
    args = parser.parse_args()
    sources = [
        ROOT.parent / "shared" / "critique" / "dev_drafts.jsonl",
        *sorted((ROOT / "tests" / "data").glob("*.jsonl")),
    ]
    training = [
        p
        for p in sources
        if p.exists()
        and not p.name.endswith(BLIND_SUFFIX)
        and (args.holdout is None or p.resolve() != args.holdout.resolve())
    ]
    if args.cv_real:
        cross_validate(as_dev_labels(load(training)), args.cv_real)
        return
    model = train(as_dev_labels(load(training)))
    OUT.write_text(json.dumps(model, indent=0, sort_keys=True) + "\n", "utf-8")
    where = OUT.relative_to(ROOT)
    print(f"trained on {model['trained_on']} drafts from {len(training)} files -> {where}")
    if args.holdout:
        from content import critique_rules as rules
        from tests.critique_eval import evaluate

        rules.compiled.cache_clear()
        score = evaluate(load([args.holdout]))
        figures = f"accuracy={score.accuracy:.3f} macro-F1={score.macro_f1:.3f}"
        print(f"held out {args.holdout.name}: n={score.n} {figures}")
        print("  " + " ".join(f"{k}={v:.2f}" for k, v in score.per_flag.items()))


if __name__ == "__main__":
    main()
