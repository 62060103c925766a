"""What runs before every feature: private chats only, and remembering who spoke.

A group gets one polite refusal, ever (its id is stored so that holds across restarts and
processes; nothing anyone wrote there is); a channel gets none. This is the only place that
decides, so no feature handler has to think about groups.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from handlers.reply import answer
from handlers.services import FonderContext, remember_visit, services

REFUSAL = "I only work in private chats — message me directly and I'll help there."


async def private_only(update: Update, context: FonderContext) -> None:
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    if update.callback_query:
        await update.callback_query.answer(REFUSAL)
    elif chat.type != ChatType.CHANNEL:
        svc = services(context)
        if await svc.storage.chats.first_refusal(chat.id, svc.clock()):
            await answer(update, context, REFUSAL)
    raise ApplicationHandlerStop


async def remember_user(update: Update, context: FonderContext) -> None:
    """Create or refresh the user's row on any private update, so features can rely on it."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or user.is_bot:
        return
    if chat is not None and chat.type != ChatType.PRIVATE:
        return
    if chat is None and update.callback_query is None:
        return  # inline queries: strangers may use inline mode without becoming users
    chat_id = chat.id if chat is not None else user.id  # a private chat's id is the user's id
    svc = services(context)
    visit = await svc.storage.users.touch(user.id, chat_id, user.language_code, svc.clock())
    remember_visit(context, visit)
    if visit.returned:  # they had blocked the bot, so daily prompts skipped them: bring them back
        daily = await svc.storage.schedule.daily(user.id)
        if daily is not None and daily.enabled:
            svc.scheduler.daily_on(user.id, daily.at_minute, visit.user.time_zone)
