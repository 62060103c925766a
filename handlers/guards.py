"""What runs before every feature: private chats only, and remembering who spoke.

A group or channel gets one polite refusal (per chat, per run) and nothing is stored about it;
this is the only place that decides, so no feature handler has to think about groups.
"""

from __future__ import annotations

from collections import OrderedDict

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import ApplicationHandlerStop

from handlers.reply import answer
from handlers.services import FonderContext, remember_visit, services

REFUSAL = "I only work in private chats — message me directly and I'll help there."
_TOLD_LIMIT = 10_000
_told: OrderedDict[int, None] = OrderedDict()


async def private_only(update: Update, context: FonderContext) -> None:
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return
    if update.callback_query:
        await update.callback_query.answer(REFUSAL)
    elif chat.id not in _told and chat.type != ChatType.CHANNEL:
        _told[chat.id] = None
        if len(_told) > _TOLD_LIMIT:
            _told.popitem(last=False)
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
    if visit.returned:  # they had blocked the bot, so their jobs were cancelled: bring them back
        daily = await svc.storage.schedule.daily(user.id)
        if daily is not None and daily.enabled:
            svc.scheduler.daily_on(user.id, daily.at_minute, visit.user.time_zone)
