"""/admin: how the bot is doing, for the operators listed in ADMIN_IDS and nobody else.

To anyone else it is an unknown command: the reply doesn't even admit that it exists.
"""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from handlers.fallback import unknown_command
from handlers.reply import answer
from handlers.services import FonderContext, services

RECENT = timedelta(hours=24)  # what "lately" means on the operators' dashboard


async def admin_command(update: Update, context: FonderContext) -> None:
    user = update.effective_user
    svc = services(context)
    if user is None or user.id not in svc.admin_ids:
        await unknown_command(update, context)
        return
    o = await svc.storage.overview.overview(svc.clock() - RECENT)
    await answer(
        update,
        context,
        "🛠 <b>Fonder right now</b>\n"
        f"Users: {o.users} ({o.blocked} have blocked the bot)\n"
        f"Daily practice on: {o.daily_on}\n"
        f"On a break: {o.breaks} · mid-rally: {o.rallies}\n\n"
        f"<b>Last {RECENT // timedelta(hours=1)} hours</b>\n"
        f"Active users: {o.seen}\n"
        f"Drafts critiqued: {o.critiques} · marked sent: {o.sent}",
    )
