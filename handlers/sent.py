"""The buttons under a critique: "I sent it", "Try again", and the cited steps."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from functools import lru_cache

from telegram import ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, Update

from content.coaching import value_ratio_line
from content.timezones import local_day_start
from handlers.breaks import maybe_suggest_break
from handlers.buttons import Valued
from handlers.draft_buttons import DraftPress, draft_press, mark_sent
from handlers.reply import answer, edit_or_send, esc
from handlers.services import FonderContext, services
from handlers.steps import render_step, step_nav

DRAFT_ID = r"\d{1,12}"
SENT = Valued("sent", DRAFT_ID, int)
REPLIED = Valued("replied", DRAFT_ID, int)
NO_REPLY = Valued("noreply", DRAFT_ID, int)
# "retry:40": Try again on a draft that scored 40, so the new version can show "40 → 78".
# A bare "retry" (buttons sent before scores rode along) still works.
RETRY = Valued("retry", r"\d{1,3}", int, optional=True)
SHOW_STEP = Valued("show", r"\d", int)

RETRY_PROMPT = "✍️ Send me the new version whenever you're ready."
# Said in the prompt, and read back from it when her new version replies to it.
LAST_SCORE = re.compile(r"Last version: (\d{1,3})/100")


@lru_cache(maxsize=32)
def show_step_button(number: int, emoji: str) -> InlineKeyboardButton:
    """A step a critique cites. PTB buttons are immutable and cost ~10 µs each to build: these,
    the same for every critique, are built once."""
    return SHOW_STEP.button(f"{emoji} Step {number}", number)


@lru_cache(maxsize=128)
def _try_again(score: int) -> InlineKeyboardButton:
    return RETRY.button("✏️ Try again", score)


def draft_actions(draft_id: int, score: int) -> list[InlineKeyboardButton]:
    """The row under a critique: log it as sent, or write a new version."""
    return [SENT.button("✅ I sent it", draft_id), _try_again(score)]


def outcome_markup(draft_id: int) -> InlineKeyboardMarkup:
    """Mark how it went: both answers count in /insights."""
    return InlineKeyboardMarkup(
        [[REPLIED.button("💬 He replied", draft_id), NO_REPLY.button("🔇 No reply", draft_id)]]
    )


async def on_sent(update: Update, context: FonderContext) -> None:
    press = await draft_press(update, context, SENT)
    if press is None or not await mark_sent(press):
        return
    svc, user_id, draft_id = press.svc, press.user_id, press.draft_id
    await press.query.answer("Logged as sent ✅")
    tz = press.user.time_zone if press.user else None
    state = await svc.storage.drafts.draft_state(user_id, local_day_start(svc.clock(), tz))
    line = value_ratio_line(state.last_ten_adding_value, state.last_ten)
    await answer(
        update,
        context,
        f"📬 <b>Logged as sent.</b> {esc(line)}\n\n<i>Later, tap how it went — /insights "
        "learns which of your habits get replies.</i>",
        outcome_markup(draft_id),
    )
    await maybe_suggest_break(update, context, user_id, tz, state)


async def on_replied(update: Update, context: FonderContext) -> None:
    """He answered the text she sent: resets the unanswered count, like forwarding his reply."""
    await _mark_outcome(
        update,
        context,
        REPLIED,
        lambda p: p.svc.storage.drafts.he_replied(p.user_id, p.draft_id, p.svc.clock()),
        "Noted — he replied 💬",
        "💬 <b>He replied.</b> Your unanswered count starts again from zero. Forward me his "
        "message if you'd like ideas for hitting the ball back.",
    )


async def on_no_reply(update: Update, context: FonderContext) -> None:
    """No answer to that one: counted in /insights, never a cue to chase."""
    await _mark_outcome(
        update,
        context,
        NO_REPLY,
        lambda p: p.svc.storage.drafts.set_outcome(p.user_id, p.draft_id, "no_reply"),
        "Noted 🔇",
        "🔇 <b>Noted: no reply to that one.</b> It counts in /insights. Step 4: don't chase it "
        "with another text — give it space, and if you write again, make it something new.",
    )


async def _mark_outcome(
    update: Update,
    context: FonderContext,
    kind: Valued[int],
    record: Callable[[DraftPress], Awaitable[bool]],
    toast: str,
    text: str,
) -> None:
    """The 💬 / 🔇 buttons: record the outcome, or say the text is gone (forgotten, or
    forged callback data naming someone else's draft)."""
    press = await draft_press(update, context, kind)
    if press is None:
        return
    if not await record(press):
        await press.query.answer("I can't find that text any more.")
        return
    await press.query.answer(toast)
    await edit_or_send(update, context, text)


async def on_retry(update: Update, context: FonderContext) -> None:
    """Ask for the new version as a reply to this prompt, which carries the old score: the
    new critique reads it back and shows the change ("40 → 78"), with no state kept."""
    query = update.callback_query
    if query is not None:
        await query.answer()
    score = RETRY.read(context)
    text = RETRY_PROMPT + (f" (Last version: {score}/100.)" if score is not None else "")
    await answer(update, context, text, ForceReply(input_field_placeholder="Your new version"))


async def on_show_step(update: Update, context: FonderContext) -> None:
    """A step cited in a critique opens as a new message, so the critique stays readable."""
    query, number = update.callback_query, SHOW_STEP.read(context)
    if query is None or number is None:
        return
    library = services(context).library
    step = library.step(number)
    if step is None:
        await query.answer("That step doesn't exist.")
        return
    await query.answer()
    await answer(update, context, render_step(step, len(library.steps)), step_nav(step.number))
