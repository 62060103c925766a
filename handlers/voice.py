"""Voice messages: step 5 feedback from the duration (Fonder doesn't listen to the audio)."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from content.coaching import voice_note
from handlers.reply import answer, esc
from handlers.services import FonderContext


async def on_voice(update: Update, context: FonderContext) -> None:
    message = update.effective_message
    if message is None or message.voice is None:
        return
    duration = message.voice.duration
    seconds = int(duration.total_seconds()) if isinstance(duration, timedelta) else int(duration)
    note = voice_note(seconds)
    minutes, rest = divmod(seconds, 60)
    length = f"{minutes}:{rest:02d}"
    await answer(
        update,
        context,
        f"🎙 <b>A {length} voice note</b>\n\n{esc(note.text)} <i>(step {note.step})</i>\n\n"
        "<i>I only see its length, not what you said.</i>",
    )
