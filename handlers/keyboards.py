"""Inline keyboards and their callback data, in one place so handlers and tests agree."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from content.steps import Step

STEPS_LIST = "steps"
HELP = "help"
ABOUT = "about"
STEP_PATTERN = r"^step:(\d{1,2})$"


def step_data(number: int) -> str:
    return f"step:{number}"


def start_menu() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("📖 The six steps", callback_data=STEPS_LIST),
                InlineKeyboardButton("🎾 An opener", callback_data="banter:more"),
            ],
            [InlineKeyboardButton("🏓 Practise a rally", callback_data="rally:start:full")],
            [
                InlineKeyboardButton("❓ Help", callback_data=HELP),
                InlineKeyboardButton("ℹ️ About", callback_data=ABOUT),
            ],
        ]
    )


def steps_menu(steps: tuple[Step, ...]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    f"{s.number}. {s.emoji} {s.title}", callback_data=step_data(s.number)
                )
            ]
            for s in steps
        ]
    )


def step_nav(number: int) -> InlineKeyboardMarkup:
    """◀ ▶ are always shown so the layout never jumps; the ends answer with a short note."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton("◀", callback_data=step_data(number - 1)),
                InlineKeyboardButton("☰ All steps", callback_data=STEPS_LIST),
                InlineKeyboardButton("▶", callback_data=step_data(number + 1)),
            ]
        ]
    )
