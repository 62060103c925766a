"""One kind of inline button, defined once: the data it sends, the pattern that routes it back,
and the typed value its handler reads.

Each kind lives beside the handler that answers it (`sent.SENT`, `rally.START`, ...). Keyboards
build their buttons with `kind.button(...)`, handlers/registry.py routes with `kind.pattern`,
and the handler reads `kind.value(context)`: change a button's data in one place and all three
follow. Callback data is whatever a client sends, so a value is only ever what the pattern let
through, parsed into its type here.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from telegram import InlineKeyboardButton
from telegram.ext import CallbackContext

V = TypeVar("V")

SEPARATOR = ":"


def _data_of(kind: Plain | Valued[Any], data: str) -> str:
    """The data, checked against the kind's own pattern: a button whose data its handler would
    not match is a bug to catch when the keyboard is built, not a dead button in a chat."""
    if not kind.pattern.fullmatch(data):
        raise ValueError(f"callback data {data!r} doesn't match {kind.pattern.pattern!r}")
    return data


@dataclass(frozen=True)
class Plain:
    """A button that names only an action ("steps", "rally:stop")."""

    data: str
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", re.compile(f"^{re.escape(self.data)}$"))

    def button(self, label: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=_data_of(self, self.data))


@dataclass(frozen=True)
class Valued(Generic[V]):
    """A button that carries one value after its prefix ("sent:42", "break:start:24h").

    `value` is the regular expression the value must match (it bounds what a forged button
    can make a handler parse); `parse` turns the matched text into the handler's type. With
    `optional`, the bare prefix is accepted too (buttons sent before the value rode along);
    its value reads as None.
    """

    prefix: str
    value: str
    parse: Callable[[str], V]
    optional: bool = False
    pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        tail = f"(?:{SEPARATOR}({self.value})){'?' if self.optional else ''}"
        object.__setattr__(self, "pattern", re.compile(f"^{re.escape(self.prefix)}{tail}$"))

    def data(self, value: V | None = None) -> str:
        if value is None:
            return _data_of(self, self.prefix)
        return _data_of(self, f"{self.prefix}{SEPARATOR}{value}")

    def button(self, label: str, value: V | None = None) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=self.data(value))

    def read(self, context: CallbackContext[Any, Any, Any, Any]) -> V | None:
        """The value of the pressed button, or None when there is none (an optional value left
        out, or a handler reached without this kind's match)."""
        match = context.matches[0] if context.matches else None
        if not isinstance(match, re.Match) or match.re is not self.pattern:
            return None
        raw = match.group(1)
        return None if raw is None else self.parse(raw)
