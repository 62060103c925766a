"""His message, forwarded by her: what he handed back, three ways to return it, red flags."""

from __future__ import annotations

from telegram import Update

from content.his_message import read_his_message
from content.insights import REPLY_WINDOW
from content.replies import pick_replies
from handlers.care import care_note
from handlers.reply import answer, esc, quote
from handlers.services import FonderContext, services

LOGGED = "Logged: he replied — your unanswered count starts again from zero."
ANSWERED = " Your last sent text counts as answered in /insights."


async def on_his_message(update: Update, context: FonderContext, text: str) -> None:
    user, message = update.effective_user, update.effective_message
    if user is None or message is None:
        return
    svc = services(context)
    his = read_his_message(text)
    now = svc.clock()
    answered = await svc.storage.drafts.his_message(
        user.id, now, his.handed, since=now - REPLY_WINDOW
    )
    concern = await care_note(context, user, text, his=True)
    parts: list[str] = []
    if concern:
        parts.append(esc(concern.text))
    parts.append(f"📨 <b>His message</b>\n<i>“{quote(text)}”</i>")
    if his.red_flag_note:
        parts.append(esc(his.red_flag_note))
    if his.is_threat or concern is not None:
        # Never texting tips for a threat or a crisis: only care and a pointer to help.
        await answer(update, context, "\n\n".join(parts))
        return
    parts.append(esc(his.handed_text))
    ideas = pick_replies(his.handed, seed=message.message_id)
    lines = [f"{n}. {esc(i.text)}\n    <i>{esc(i.why)}</i>" for n, i in enumerate(ideas, 1)]
    parts.append("<b>Three ways to hit it back</b>\n" + "\n".join(lines))
    parts.append(f"<i>{LOGGED}{ANSWERED if answered else ''}</i>")
    await answer(update, context, "\n\n".join(parts))
