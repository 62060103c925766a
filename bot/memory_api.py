"""An in-memory Telegram Bot API: the console mode's and the tests' only "network".

It answers the calls Fonder makes the way Telegram would where it matters to a user: it refuses
HTML Telegram cannot parse, text over 4,096 characters, callback data over 64 bytes, and an edit
that changes nothing ("message is not modified"); it can play a user who blocked the bot.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.request import BaseRequest, RequestData

from handlers.telegram_html import HtmlError, parse, utf16_len

BOT_ID = 7000000001
BOT_USERNAME = "FonderBot"


@dataclass
class ApiCall:
    """One Bot API call the bot made, with its parameters as Telegram would receive them."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    result: Any = None
    filenames: dict[str, str] = field(default_factory=dict)  # as the upload named each file
    error: str | None = None

    @property
    def chat_id(self) -> int | None:
        value = self.params.get("chat_id")
        return int(value) if value is not None else None

    @property
    def text(self) -> str:
        return str(self.params.get("text") or self.params.get("caption") or "")

    @property
    def plain(self) -> str:
        """The text as the user sees it (tags gone, entities decoded)."""
        if self.params.get("parse_mode") == "HTML":
            return parse(self.text).text
        return self.text

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = markup.get("inline_keyboard") or []
        return [button for row in rows for button in row]

    @property
    def button_texts(self) -> list[str]:
        return [str(b["text"]) for b in self.buttons]


class TelegramRefusal(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


Listener = Callable[[ApiCall], None]


class MemoryBotApi(BaseRequest):
    """A BaseRequest that answers from memory; every call is recorded in `calls`."""

    def __init__(self, listener: Listener | None = None, *, server_checks: bool = True) -> None:
        """`server_checks=False` skips the work Telegram does on its own servers (parsing
        our HTML, and so the length of an HTML text; copying the request through JSON):
        benchmarks use it to time the bot, not this stand-in for Telegram."""
        self.server_checks = server_checks
        self.calls: list[ApiCall] = []
        self.blocked: set[int] = set()
        self.commands: list[dict[str, Any]] = []
        self.webhook: str | None = None  # the URL setWebhook registered
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._next_message_id = 1
        self._listeners: list[Listener] = [listener] if listener else []

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = {}
        if request_data is not None:
            raw = request_data.parameters
            params = _normalise(raw) if self.server_checks else dict(raw)
        files: dict[str, bytes] = {}
        names: dict[str, str] = {}
        if request_data is not None and request_data.contains_files:
            for name, part in request_data.multipart_data.items():
                content = part[1]
                files[name] = content if isinstance(content, bytes) else content.read()
                if part[0]:
                    names[name] = str(part[0])
        return self.handle(api_method, params, files, filenames=names)

    def handle(
        self,
        method: str,
        params: dict[str, Any],
        files: dict[str, bytes] | None = None,
        refusal: TelegramRefusal | None = None,
        filenames: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        """Answer one Bot API call as Telegram would: (HTTP status, JSON body).

        `refusal` lets a transport (the loopback HTTP server) refuse first, e.g. with a 429.
        """
        call = ApiCall(method, params, files or {}, filenames=filenames or {})
        try:
            if refusal is not None:
                raise refusal
            call.result = self._answer(call)
        except TelegramRefusal as refused:
            call.error = refused.description
            self._record(call)
            body: dict[str, Any] = {
                "ok": False,
                "error_code": refused.status,
                "description": refused.description,
            }
            if refused.retry_after is not None:
                body["parameters"] = {"retry_after": refused.retry_after}
            return refused.status, json.dumps(body).encode()
        self._record(call)
        return 200, json.dumps({"ok": True, "result": call.result}).encode()

    def _record(self, call: ApiCall) -> None:
        self.calls.append(call)
        for listener in self._listeners:
            listener(call)

    # --- what each method answers -------------------------------------------------------

    def _answer(self, call: ApiCall) -> Any:
        handler = getattr(self, f"_m_{call.method}", None)
        if handler is None:
            raise TelegramRefusal(404, "Not Found: method not found")
        chat_id = call.chat_id
        if chat_id is not None and chat_id in self.blocked:
            raise TelegramRefusal(403, "Forbidden: bot was blocked by the user")
        return handler(call)

    def _m_getMe(self, call: ApiCall) -> Any:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Fonder",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    def _m_setMyCommands(self, call: ApiCall) -> Any:
        self.commands = list(call.params.get("commands") or [])
        return True

    def _m_deleteWebhook(self, call: ApiCall) -> Any:
        self.webhook = None
        return True

    def _m_setWebhook(self, call: ApiCall) -> Any:
        """Telegram's own checks: an HTTPS URL, and a secret of 1-256 of A-Z a-z 0-9 _ -."""
        url, secret = str(call.params.get("url", "")), call.params.get("secret_token")
        if not url.startswith("https://"):
            raise TelegramRefusal(400, "Bad Request: bad webhook: An HTTPS URL must be provided")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise TelegramRefusal(400, "Bad Request: secret token contains unallowed characters")
        self.webhook = url
        return True

    def _m_getUpdates(self, call: ApiCall) -> Any:
        return []

    def _m_answerCallbackQuery(self, call: ApiCall) -> Any:
        if utf16_len(str(call.params.get("text") or "")) > 200:
            raise TelegramRefusal(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _m_answerInlineQuery(self, call: ApiCall) -> Any:
        results = call.params.get("results") or []
        if len(results) > 50:
            raise TelegramRefusal(400, "Bad Request: RESULTS_TOO_MUCH")
        ids = [r.get("id") for r in results]
        if len(set(ids)) != len(ids) or any(len(str(i).encode()) > 64 for i in ids):
            raise TelegramRefusal(400, "Bad Request: RESULT_ID_INVALID")
        return True

    def _m_sendChatAction(self, call: ApiCall) -> Any:
        return True

    def _m_sendMessage(self, call: ApiCall) -> Any:
        plain = self._check_text(call, "text", 4096)
        return self._store(call, {"text": plain})

    def _m_sendPhoto(self, call: ApiCall) -> Any:
        plain = self._check_text(call, "caption", 1024, required=False)
        photo = [{"file_id": "photo-1", "file_unique_id": "p1", "width": 800, "height": 600}]
        return self._store(call, {"photo": photo, "caption": plain} if plain else {"photo": photo})

    def _m_sendDocument(self, call: ApiCall) -> Any:
        plain = self._check_text(call, "caption", 1024, required=False)
        document = {"file_id": "doc-1", "file_unique_id": "d1", "file_name": "file"}
        extra: dict[str, Any] = {"document": document}
        if plain:
            extra["caption"] = plain
        return self._store(call, extra)

    def _m_editMessageText(self, call: ApiCall) -> Any:
        plain = self._check_text(call, "text", 4096)
        key = (int(call.params.get("chat_id", 0)), int(call.params.get("message_id", 0)))
        stored = self._messages.get(key)
        if stored is None:
            raise TelegramRefusal(400, "Bad Request: message to edit not found")
        markup = call.params.get("reply_markup")
        if stored["_html"] == call.params.get("text") and stored.get("reply_markup") == markup:
            raise TelegramRefusal(
                400,
                "Bad Request: message is not modified: specified new message content and "
                "reply markup are exactly the same as a current content and reply markup "
                "of the message",
            )
        stored.update({"text": plain, "_html": call.params.get("text"), "edit_date": _now()})
        if markup is None:
            stored.pop("reply_markup", None)
        else:
            stored["reply_markup"] = markup
        return _public(stored)

    def _m_editMessageReplyMarkup(self, call: ApiCall) -> Any:
        key = (int(call.params.get("chat_id", 0)), int(call.params.get("message_id", 0)))
        stored = self._messages.get(key)
        if stored is None:
            raise TelegramRefusal(400, "Bad Request: message to edit not found")
        markup = call.params.get("reply_markup")
        if stored.get("reply_markup") == markup:
            raise TelegramRefusal(400, "Bad Request: message is not modified")
        if markup is None:
            stored.pop("reply_markup", None)
        else:
            stored["reply_markup"] = markup
        return _public(stored)

    # --- checks shared by the sending methods --------------------------------------------

    def _check_text(self, call: ApiCall, name: str, limit: int, required: bool = True) -> str:
        raw = str(call.params.get(name) or "")
        if not raw.strip():
            if required:
                raise TelegramRefusal(400, "Bad Request: message text is empty")
            return ""
        plain, measured = raw, True
        if call.params.get("parse_mode") == "HTML":
            if self.server_checks:
                try:
                    plain = parse(raw).text
                except HtmlError as error:
                    raise TelegramRefusal(400, f"Bad Request: {error}") from None
            else:
                measured = False  # unparsed, the text keeps its tags: its length is unknown
        elif call.params.get("parse_mode") not in (None, ""):
            raise TelegramRefusal(400, "Bad Request: unsupported parse_mode in this fake")
        if measured and utf16_len(plain) > limit:
            raise TelegramRefusal(400, "Bad Request: message is too long")
        for button in call.buttons:
            if not str(button.get("text") or "").strip():
                raise TelegramRefusal(400, "Bad Request: BUTTON_TEXT_EMPTY")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= 64:
                raise TelegramRefusal(400, "Bad Request: BUTTON_DATA_INVALID")
        return plain

    def _store(self, call: ApiCall, content: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(call.params["chat_id"])
        message_id = self._next_message_id
        self._next_message_id += 1
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": _now(),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": self._m_getMe(call),
            **content,
            "_html": call.params.get("text") or call.params.get("caption"),
        }
        markup = call.params.get("reply_markup")
        # Telegram keeps only an inline keyboard on a message; a ForceReply or reply keyboard
        # acts on her client and is not part of the Message it returns.
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[(chat_id, message_id)] = message
        return _public(message)

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """The current state of a sent message (after edits), as Telegram keeps it."""
        stored = self._messages.get((chat_id, message_id))
        return None if stored is None else _public(stored)


def _public(message: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in message.items() if not k.startswith("_")}


def _normalise(params: dict[str, Any]) -> dict[str, Any]:
    """JSON round trip, so what we compare is what Telegram would have received."""
    return {k: json.loads(json.dumps(v)) for k, v in params.items()}


def _now() -> int:
    return int(time.time())
