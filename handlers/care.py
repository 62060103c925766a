"""Safety before coaching, with helplines for where she probably is.

One place for the three routes that read her words (a draft, his forwarded message, a rally
return): each asks here first, and the note's helplines follow the time zone and language
her row holds (read once per update by remember_user, so this costs no query).
"""

from __future__ import annotations

from telegram import User as TelegramUser

from content.safety import SafetyNote, safety_note
from handlers.services import FonderContext, user_row


async def care_note(
    context: FonderContext, who: TelegramUser, text: str, *, his: bool = False
) -> SafetyNote | None:
    row = await user_row(context, who.id)
    return safety_note(
        text,
        his=his,
        time_zone=row.time_zone if row else None,
        language_code=(row.language_code if row else None) or who.language_code,
    )
