"""Drafts: pasted, forwarded from herself, a photo caption, or edited — critiqued against the steps.

A forwarded message from someone else is his message (handlers/his.py); a text right after a
daily prompt is the practice answer (handlers/daily.py), and a text during /rally is her return
(handlers/rally.py).
"""

from __future__ import annotations

from telegram import Update

from content.timezones import looks_like_a_place
from handlers.critique_flow import critique_and_reply, draft_state, is_own_draft
from handlers.daily import asked_time_zone, daily_tz_answer, practice_answer
from handlers.his import on_his_message
from handlers.rally import play_turn
from handlers.reply import answer
from handlers.services import FonderContext, current_visit, services
from storage.models import User


async def on_text(update: Update, context: FonderContext) -> None:
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    text = message.text or message.caption or ""
    if not is_own_draft(message, user.id):
        await on_his_message(update, context, text)
        return
    if message.forward_origin is not None:
        await critique_and_reply(
            update, context, text, source="forward", intro="📨 <b>Your forwarded draft</b>"
        )
    elif message.text is None:
        await critique_and_reply(
            update, context, text, source="caption", intro="📷 <b>Your caption</b>"
        )
    else:
        await _typed_text(update, context, text)


async def _answers_time_zone_question(
    update: Update, context: FonderContext, user: User, text: str
) -> bool:
    """While /daily waits for a time zone: a place answers it (True). Someone who pastes a
    draft instead of a city isn't told "I don't know that zone": the question ends and her
    draft is critiqued as usual (False)."""
    minute = asked_time_zone(user, services(context).clock())
    if minute is None:
        return False
    if looks_like_a_place(text):
        await daily_tz_answer(update, context, minute)
        return True
    await services(context).storage.users.drop_time_zone_question(user.user_id)
    await answer(
        update, context, "🌍 I'll leave your daily practice off for now — /daily asks again."
    )
    return False


async def _typed_text(update: Update, context: FonderContext, text: str) -> None:
    """Her own typed text is a rally return, a practice answer or a draft. The visit that
    remember_user recorded already says which, so a plain draft costs no extra read."""
    visit = current_visit(context)
    if visit is None:
        return  # remember_user records every private message first: no visit, no user row
    if await _answers_time_zone_question(update, context, visit.user, text):
        return
    if visit.in_rally:
        await play_turn(update, context, text)
        return
    if visit.awaiting_answer:
        state = await draft_state(services(context), visit.user)
        if await practice_answer(update, context, text, state):
            return
    await critique_and_reply(update, context, text, source="draft")


async def on_edited(update: Update, context: FonderContext) -> None:
    message = update.edited_message
    if message is None:
        return
    text = message.text or message.caption
    if text is None:
        await answer(update, context, "I saw your edit, but only words can be critiqued.")
        return
    if text.startswith("/"):
        await answer(update, context, "Edited commands don't run again — send the command anew.")
        return
    await critique_and_reply(
        update,
        context,
        text,
        source="edit",
        intro="✏️ <b>You edited your draft — here's a fresh look</b>",
    )
