"""Content files: validated at start-up, and in the project's own words."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

from content.library import strings_in
from content.loader import ContentError
from content.steps import load_steps

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "content" / "data"
ARTICLE = ROOT.parent / "shared" / "seed" / "article.txt"
OVERLAP = 7  # words in a row shared with the article that count as copying


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def test_the_six_steps_load_in_order() -> None:
    steps = load_steps()
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6]
    assert all(3 <= len(s.tips) <= 5 and s.example and s.mistake for s in steps)


def _broken_copy(tmp_path: Path, edit: Any) -> Path:
    data = tomllib.loads((DATA / "steps.toml").read_text("utf-8"))
    edit(data)
    lines = []
    for step in data["step"]:
        lines.append("[[step]]")
        for key, value in step.items():
            lines.append(f"{key} = {_toml(value)}")
    (tmp_path / "steps.toml").write_text("\n".join(lines), "utf-8")
    return tmp_path


def _toml(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


def test_a_missing_field_names_the_file_and_the_field(tmp_path: Path) -> None:
    base = _broken_copy(tmp_path, lambda d: d["step"][2].pop("mistake"))
    with pytest.raises(ContentError, match=r"steps\.toml.*entry 3.*'mistake'"):
        load_steps(base)


def test_too_few_tips_names_the_field(tmp_path: Path) -> None:
    base = _broken_copy(tmp_path, lambda d: d["step"][0].update(tips=["only one"]))
    with pytest.raises(ContentError, match=r"steps\.toml.*'tips'"):
        load_steps(base)


def test_a_duplicate_step_number_is_refused(tmp_path: Path) -> None:
    base = _broken_copy(tmp_path, lambda d: d["step"][1].update(number=1))
    with pytest.raises(ContentError, match=r"steps\.toml.*'number'"):
        load_steps(base)


def test_invalid_toml_is_refused_with_the_file_name(tmp_path: Path) -> None:
    (tmp_path / "steps.toml").write_text("[[step]\nnumber = ", "utf-8")
    with pytest.raises(ContentError, match=r"steps\.toml.*not valid TOML"):
        load_steps(tmp_path)


@pytest.mark.parametrize(
    ("filename", "module", "loader"),
    [
        ("coaching.toml", "content.coaching", "rules"),
        ("his_message.toml", "content.his_message", "compiled_rules"),
        ("rally_rules.toml", "content.rally", "rules"),
    ],
)
def test_a_broken_rules_file_stops_start_up_naming_the_file_and_field(
    monkeypatch: pytest.MonkeyPatch, filename: str, module: str, loader: str
) -> None:
    """Every rules file, not only the steps: an operator who mistypes a field gets one line
    saying where, not a pydantic traceback."""
    import importlib

    target = importlib.import_module(module)
    load = getattr(target, loader)
    real = target.read_toml

    def without_first_field(name: str, base: Path | None = None) -> dict[str, object]:
        data = dict(real(name, base))
        data.pop(next(iter(data)))
        return data

    monkeypatch.setattr(target, "read_toml", without_first_field)
    load.cache_clear()
    try:
        with pytest.raises(ContentError, match=rf"{filename}: field '\w+'"):
            load()
    finally:
        load.cache_clear()


@pytest.mark.skipif(not ARTICLE.exists(), reason="shared/seed/article.txt is not beside the repo")
def test_no_content_file_copies_a_sentence_of_the_article() -> None:
    article = _words(ARTICLE.read_text("utf-8"))
    grams = {tuple(article[i : i + OVERLAP]) for i in range(len(article) - OVERLAP + 1)}
    hits = []
    for path in sorted(DATA.glob("*.toml")):
        for text in strings_in(tomllib.loads(path.read_text("utf-8"))):
            words = _words(text)
            for i in range(len(words) - OVERLAP + 1):
                if tuple(words[i : i + OVERLAP]) in grams:
                    hits.append((path.name, " ".join(words[i : i + OVERLAP])))
    assert not hits, hits
