"""/settings, /forget and /export: the user decides what is kept, and can take it or erase it."""

from __future__ import annotations

import json
from io import BytesIO

from telegram import InlineKeyboardMarkup, InputFile, Update

from handlers.buttons import Valued
from handlers.reply import answer, edit_or_send, plural
from handlers.services import FonderContext, services, user_row

KEEP_TEXT = Valued("settings:keep", "on|off", str)  # keep my drafts' text: on or off
FORGET = Valued("forget", "yes|no", str)  # /forget's confirmation


def settings_view(keep_text: bool) -> tuple[str, InlineKeyboardMarkup]:
    state = "on" if keep_text else "off"
    text = (
        "⚙️ <b>Settings</b>\n\n"
        f"Keep my drafts' text: <b>{state}</b>\n"
        "When off (the default) I store only each critique's outcome — score, flags, length "
        "and time — never your words. When on, your drafts' text is kept for your own history "
        "and /export."
    )
    button = (
        KEEP_TEXT.button("Stop keeping my drafts' text", "off")
        if keep_text
        else KEEP_TEXT.button("Keep my drafts' text", "on")
    )
    return text, InlineKeyboardMarkup([[button]])


async def settings_command(update: Update, context: FonderContext) -> None:
    user = update.effective_user
    row = await user_row(context, user.id) if user else None
    if row is None:
        return
    text, markup = settings_view(row.settings.keep_draft_text)
    await answer(update, context, text, markup)


async def settings_button(update: Update, context: FonderContext) -> None:
    query, user, choice = update.callback_query, update.effective_user, KEEP_TEXT.read(context)
    if query is None or user is None or choice is None:
        return
    storage = services(context).storage
    row = await user_row(context, user.id)
    if row is None:
        await query.answer()
        return
    keep = choice == "on"
    await storage.users.set_settings(
        user.id, row.settings.model_copy(update={"keep_draft_text": keep})
    )
    await query.answer("Saved")
    text, markup = settings_view(keep)
    await edit_or_send(update, context, text, markup)


async def forget_command(update: Update, context: FonderContext) -> None:
    markup = InlineKeyboardMarkup(
        [[FORGET.button("🗑 Yes, delete everything", "yes"), FORGET.button("Keep it", "no")]]
    )
    await answer(
        update,
        context,
        "🗑 <b>Delete everything I know about you?</b>\n\nYour settings, time zone, critique "
        "history, sent-text log and any scheduled prompts or reminders. This can't be undone.",
        markup,
    )


async def forget_button(update: Update, context: FonderContext) -> None:
    query, user, choice = update.callback_query, update.effective_user, FORGET.read(context)
    if query is None or user is None or choice is None:
        return
    await query.answer()
    if choice == "no":
        await edit_or_send(update, context, "Nothing deleted. 👍")
        return
    svc = services(context)
    svc.scheduler.forget(user.id)
    deleted = await svc.storage.privacy.forget(user.id)
    await edit_or_send(
        update,
        context,
        f"🗑 Done — I deleted {deleted} {plural(deleted, 'record')} about you. "
        "If you write again, I'll start fresh.",
    )


async def export_command(update: Update, context: FonderContext) -> None:
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    data = await services(context).storage.privacy.export(user.id)
    payload = json.dumps(
        {"fonder_export": 1, "user_id": user.id, "tables": data}, indent=2, ensure_ascii=False
    )
    await context.bot.send_document(
        chat_id=chat.id,
        document=InputFile(BytesIO(payload.encode("utf-8")), filename="fonder-export.json"),
        caption="📦 Everything I store about you, as JSON.",
    )
