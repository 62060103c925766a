"""/steps and /step N: the article's six steps, browsable with buttons that edit in place."""

from __future__ import annotations

import re

from telegram import InlineKeyboardMarkup, Update

from content.steps import Step
from handlers.buttons import Plain, Valued
from handlers.reply import ECHO_WORD, answer, edit_or_send, esc, quote
from handlers.services import FonderContext, services

STEP = Valued("step", r"\d{1,2}", int)
STEPS_LIST = Plain("steps")


def steps_menu(steps: tuple[Step, ...]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[STEP.button(f"{s.number}. {s.emoji} {s.title}", s.number)] for s in steps]
    )


def step_nav(number: int) -> InlineKeyboardMarkup:
    """◀ ▶ are always shown so the layout never jumps; the ends answer with a short note."""
    return InlineKeyboardMarkup(
        [
            [
                STEP.button("◀", number - 1),
                STEPS_LIST.button("☰ All steps"),
                STEP.button("▶", number + 1),
            ]
        ]
    )


def render_step(step: Step, total: int) -> str:
    tips = "\n".join(f"• {esc(tip)}" for tip in step.tips)
    return (
        f"{step.emoji} <b>Step {step.number} of {total} — {esc(step.title)}</b>\n\n"
        f"<b>What it means</b>\n{esc(step.meaning)}\n\n"
        f"<b>Why it works</b>\n{esc(step.why)}\n\n"
        f"<b>Try this</b>\n{tips}\n\n"
        f"<b>A text you could send</b>\n<i>“{esc(step.example)}”</i>\n\n"
        f"<b>The mistake to avoid</b>\n{esc(step.mistake)}"
    )


def steps_intro(steps: tuple[Step, ...]) -> str:
    lines = [f"{s.number}. {s.emoji} <b>{esc(s.title)}</b> — {esc(s.summary)}" for s in steps]
    return "<b>The six steps</b>\n\n" + "\n".join(lines) + "\n\nTap one to open it."


async def steps_command(update: Update, context: FonderContext) -> None:
    steps = services(context).library.steps
    await answer(update, context, steps_intro(steps), steps_menu(steps))


async def step_command(update: Update, context: FonderContext) -> None:
    library = services(context).library
    arg = context.args[0] if context.args else ""
    number = int(arg) if re.fullmatch(r"\d{1,2}", arg) else 0
    step = library.step(number)
    if step is None:
        total = len(library.steps)
        hint = "Which step?" if not arg else f"There's no step “{quote(arg, ECHO_WORD)}”."
        await answer(
            update,
            context,
            f"{hint} Steps go from 1 to {total} — for example /step 3. Or pick one:",
            steps_menu(library.steps),
        )
        return
    await answer(update, context, render_step(step, len(library.steps)), step_nav(step.number))


async def step_button(update: Update, context: FonderContext) -> None:
    """◀ ▶ and list buttons; past either end the message stays put with a short note."""
    query, number = update.callback_query, STEP.read(context)
    if query is None or number is None:
        return
    library = services(context).library
    step = library.step(number)
    if step is None:
        edge = "That's the last step." if number > len(library.steps) else "That's the first step."
        await query.answer(edge)
        return
    await query.answer()
    await edit_or_send(update, context, render_step(step, len(library.steps)), step_nav(number))


async def steps_button(update: Update, context: FonderContext) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer()
    steps = services(context).library.steps
    await edit_or_send(update, context, steps_intro(steps), steps_menu(steps))
