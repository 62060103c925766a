"""Feeds hand-made updates to the real Application and returns what the bot sent back.

The console mode and the tests both drive Fonder through this, so what a person sees in the
terminal is what the tests assert on.
"""

from __future__ import annotations

import time
from typing import Any

from telegram import Update

from bot.app import App
from bot.memory_api import ApiCall, MemoryBotApi


def user_json(
    user_id: int, first_name: str = "Sam", language_code: str | None = "en"
) -> dict[str, Any]:
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        data["language_code"] = language_code
    return data


def command_entities(text: str) -> list[dict[str, Any]]:
    if not text.startswith("/") or len(text) < 2:
        return []
    word = text.split(maxsplit=1)[0]
    return [{"type": "bot_command", "offset": 0, "length": len(word.encode("utf-16-le")) // 2}]


class ChatDriver:
    """Plays users talking to the bot; every method returns the API calls the update caused."""

    def __init__(self, app: App, api: MemoryBotApi) -> None:
        self.app = app
        self.api = api
        self._update_id = 1000
        self._message_id = 100_000

    def _next_update(self) -> int:
        self._update_id += 1
        return self._update_id

    def message_json(
        self,
        text: str | None = None,
        *,
        user_id: int = 1,
        chat_id: int | None = None,
        chat_type: str = "private",
        first_name: str = "Sam",
        language_code: str | None = "en",
        **extra: Any,
    ) -> dict[str, Any]:
        self._message_id += 1
        chat: dict[str, Any] = {
            "id": chat_id if chat_id is not None else user_id,
            "type": chat_type,
        }
        if chat_type == "private":
            chat["first_name"] = first_name
        else:
            chat["title"] = "Some group"
        message: dict[str, Any] = {
            "message_id": self._message_id,
            "date": int(time.time()),
            "chat": chat,
            **extra,
        }
        if chat_type != "channel":
            message["from"] = user_json(user_id, first_name, language_code)
        if text is not None:
            message["text"] = text
            entities = command_entities(text)
            if entities:
                message["entities"] = entities
        return message

    async def feed(self, update: dict[str, Any]) -> list[ApiCall]:
        start = len(self.api.calls)
        update.setdefault("update_id", self._next_update())
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self.api.calls[start:]

    async def send(self, text: str | None = None, **kwargs: Any) -> list[ApiCall]:
        """A new message; `text=None` with e.g. sticker={...} sends non-text content."""
        chat_type = kwargs.get("chat_type", "private")
        key = "channel_post" if chat_type == "channel" else "message"
        return await self.feed({key: self.message_json(text, **kwargs)})

    async def edit(self, message_id: int, text: str, **kwargs: Any) -> list[ApiCall]:
        message = self.message_json(text, **kwargs)
        message["message_id"] = message_id
        message["edit_date"] = int(time.time())
        return await self.feed({"edited_message": message})

    async def press(
        self, data: str, message: dict[str, Any] | None = None, *, user_id: int = 1
    ) -> list[ApiCall]:
        """Press an inline button whose callback data is `data` on the bot's `message`."""
        query: dict[str, Any] = {
            "id": str(self._next_update()),
            "from": user_json(user_id),
            "chat_instance": f"ci-{user_id}",
            "data": data,
        }
        if message is not None:
            query["message"] = message
        return await self.feed({"callback_query": query})

    async def press_button(self, call: ApiCall, label: str, *, user_id: int = 1) -> list[ApiCall]:
        """Press the button labelled `label` (substring) on the message a call sent/edited."""
        for button in call.buttons:
            if label in str(button["text"]) and "callback_data" in button:
                return await self.press(
                    str(button["callback_data"]), self.sent_message(call), user_id=user_id
                )
        raise LookupError(f"no button {label!r} among {call.button_texts}")

    def sent_message(self, call: ApiCall) -> dict[str, Any] | None:
        result = call.result
        if not isinstance(result, dict) or "message_id" not in result:
            return None
        current = self.api.message(int(result["chat"]["id"]), int(result["message_id"]))
        return current or result
