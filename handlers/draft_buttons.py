"""The shared part of every button that names one of the user's drafts by id.

Callback data is never trusted: the id is looked up together with the pressing user's id, so
a forged or someone else's id finds nothing and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import CallbackQuery, Update

from content.coaching import hour_ranges, within_hours
from content.timezones import zone
from handlers.buttons import Valued
from handlers.services import FonderContext, Services, services, user_row
from storage.models import User


@dataclass(frozen=True)
class DraftPress:
    query: CallbackQuery
    user_id: int
    draft_id: int
    svc: Services
    user: User | None  # her row (services.user_row: as remember_user read it, mostly)


async def draft_press(
    update: Update, context: FonderContext, kind: Valued[int]
) -> DraftPress | None:
    """The press of a `kind` button that carries a draft's id."""
    query, user, draft_id = update.callback_query, update.effective_user, kind.read(context)
    if query is None or user is None or draft_id is None:
        return None
    return DraftPress(query, user.id, draft_id, services(context), await user_row(context, user.id))


async def mark_sent(press: DraftPress) -> bool:
    """Log the draft as sent; if it can't be (already sent, or not hers), say so and stop.

    Whether it went out inside his open hours is kept with it, for /insights.
    """
    storage, now = press.svc.storage, press.svc.clock()
    in_hours = None
    if press.user is not None:
        local = now.astimezone(zone(press.user.time_zone)).time()
        in_hours = within_hours(local, hour_ranges(press.user.settings.open_hours))
    if await storage.drafts.mark_sent(press.user_id, press.draft_id, now, in_hours):
        return True
    known = await storage.drafts.get(press.user_id, press.draft_id)
    await press.query.answer("Already logged ✅" if known else "I can't find that draft any more.")
    return False
