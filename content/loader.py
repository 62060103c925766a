"""Reading content/data/*.toml into validated models.

A typo in a data file must stop start-up with a message naming the file and the field, not
surface weeks later as a broken reply, so every file is validated in full when it is loaded.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)


class ContentError(ValueError):
    """A content file is missing, unreadable or invalid; the message names file and field."""


def read_toml(filename: str, base: Path | None = None) -> dict[str, Any]:
    label = f"content/data/{filename}"
    try:
        if base is not None:
            raw = (base / filename).read_text("utf-8")
        else:
            raw = resources.files("content").joinpath("data", filename).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"{label}: cannot be read ({error})") from None
    try:
        return tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{label}: is not valid TOML ({error})") from None


def validate(filename: str, model: type[M], data: Any, within: str = "", entry: str = "") -> M:
    """`data` (a file's table, or one `entry` of a list of them) as `model`; a ContentError
    names the file, the entry and the first bad field, with `within` the table's own name
    ("words.") where the file has several."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or ("(entry)" if entry else "(table)")
        raise ContentError(
            f"content/data/{filename}: {entry}field '{within}{where}': {first['msg']}"
        ) from None


def load_table(
    filename: str, table: str, model: type[M], base: Path | None = None, minimum: int = 1
) -> tuple[M, ...]:
    """Validate every `[[table]]` entry of `filename` into `model`."""
    label = f"content/data/{filename}"
    entries = read_toml(filename, base).get(table)
    if not isinstance(entries, list) or len(entries) < minimum:
        count = len(entries) if isinstance(entries, list) else 0
        raise ContentError(f"{label}: needs at least {minimum} [[{table}]] entries, has {count}")
    return tuple(
        validate(filename, model, entry, entry=f"[[{table}]] entry {index}, ")
        for index, entry in enumerate(entries, start=1)
    )


def unique_ids(filename: str, ids: list[str]) -> None:
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ContentError(f"content/data/{filename}: field 'id': duplicate id {item_id!r}")
        seen.add(item_id)
