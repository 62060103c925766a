"""Console mode: chat with the real handlers in a terminal, no Telegram, no network.

Interactive (a terminal): a `you>` prompt, replies as they arrive, buttons as numbered choices.
Scripted (stdin is a pipe): one user message per line, each reply printed, exit at end of input.

What a Telegram client does with a tap, the console does with a line starting with ":" (see
HELP): press a button (":3"), forward his message, send a voice note. Anything else is sent
as a message, so a draft that is just a number ("5") is a draft, not a button. Pictures and
files Fonder sends (the /stats chart, /export) are saved in the folder FILES names.
"""

from __future__ import annotations

import asyncio
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.memory_api import ApiCall, MemoryBotApi
from bot.settings import Settings
from handlers.telegram_html import HtmlError, parse

CONSOLE_USER = 1
FILES = Path("fonder-console")  # where sent pictures and files are saved, in the working folder
HELP = (
    "Console commands (a Telegram tap, typed):\n"
    "  :3            press button 3 of the last message with buttons\n"
    "  :his TEXT     forward his message (as if forwarded from his chat)\n"
    "  :voice 25     send a voice note 25 seconds long\n"
    "  :help         this list\n"
    f"Anything else is sent as a message. Pictures and files are saved in {FILES}/.\n"
)
BOLD, ITALIC, RESET = "\033[1m", "\033[3m", "\033[0m"
RENDERED = {"sendMessage", "editMessageText", "sendPhoto", "sendDocument"}


@dataclass
class Choice:
    button: dict[str, Any]
    call: ApiCall


class Renderer:
    """Prints what the bot sends, and remembers the latest buttons as numbered choices."""

    def __init__(self, out: TextIO, color: bool, files: Path = FILES) -> None:
        self.out = out
        self.color = color
        self.files = files
        self.choices: list[Choice] = []

    def __call__(self, call: ApiCall) -> None:
        if call.error and call.method in RENDERED:
            self.out.write(f"[Telegram would refuse this {call.method}: {call.error}]\n")
        elif call.method in RENDERED:
            self._render_message(call)
        elif call.method == "answerCallbackQuery" and call.params.get("text"):
            self.out.write(f"  ({call.params['text']})\n")
        elif call.method == "answerInlineQuery":
            titles = [str(r.get("title", "")) for r in call.params.get("results") or []]
            self.out.write("inline results:\n" + "".join(f"  - {t}\n" for t in titles))
        self.out.flush()

    def _render_message(self, call: ApiCall) -> None:
        head = "Fonder (edited the message above)" if call.method.startswith("edit") else "Fonder"
        if call.method == "sendPhoto":
            head += f" [sent a picture, saved as {self._save(call, 'photo', '.png')}]"
        if call.method == "sendDocument":
            head += f" [sent a file, saved as {self._save(call, 'document', '')}]"
        self.out.write(f"── {head} ──\n{self._format(call)}\n")
        if call.buttons:
            self.choices = [Choice(button, call) for button in call.buttons]
            labels = [f"[:{i}] {c.button['text']}" for i, c in enumerate(self.choices, start=1)]
            self.out.write("  " + "   ".join(labels) + "\n")
        self.out.write("\n")

    def _save(self, call: ApiCall, field: str, suffix: str) -> str:
        """Write the picture or file the bot sent into the console's folder; its path."""
        content = call.files.get(field) or next(iter(call.files.values()), b"")
        named = call.filenames.get(field) or next(iter(call.filenames.values()), "")
        name = named or _filename(call, field, suffix)
        self.files.mkdir(parents=True, exist_ok=True)
        path = self.files / Path(name).name
        path.write_bytes(content)
        return str(path)

    def _format(self, call: ApiCall) -> str:
        if call.params.get("parse_mode") != "HTML":
            return call.text
        try:
            parsed = parse(call.text)
        except HtmlError:
            return call.text
        if not self.color:
            return parsed.text
        marks: list[tuple[int, int, str]] = []
        for span in parsed.spans:
            code = (
                BOLD if span.tag in ("b", "strong") else ITALIC if span.tag in ("i", "em") else ""
            )
            if code:
                marks.append((span.start, 1, code))
                marks.append((span.end, 0, RESET))
        text = parsed.text
        for position, _, code in sorted(marks, reverse=True):
            text = text[:position] + code + text[position:]
        return text


async def _read_line(stream: TextIO, prompt: str | None) -> str | None:
    def read() -> str | None:
        if prompt is not None:
            try:
                return input(prompt)
            except EOFError:
                return None
        line = stream.readline()
        return None if line == "" else line.rstrip("\r\n")

    return await asyncio.get_running_loop().run_in_executor(None, read)


def _filename(call: ApiCall, field: str, suffix: str) -> str:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return f"{field}-{stamp}-{len(call.text)}{suffix}"


_COMMAND = re.compile(r"^:(\d+|his|voice|help)\b\s*(.*)$", re.DOTALL)


async def _act(driver: ChatDriver, renderer: Renderer, line: str, out: TextIO) -> None:
    """A console command (":3", ":his …", ":voice 25", ":help"), else a message she sends."""
    command = _COMMAND.match(line.strip())
    if command is None:
        await driver.send(line, user_id=CONSOLE_USER, first_name="You")
        return
    name, rest = command.group(1), command.group(2).strip()
    if name == "help":
        out.write(HELP + "\n")
    elif name == "his":
        await driver.send(
            rest or "…", user_id=CONSOLE_USER, first_name="You", forward_origin=_him()
        )
    elif name == "voice":
        seconds = int(rest) if rest.isdigit() else 20
        voice = {"file_id": "console", "file_unique_id": "console", "duration": seconds}
        await driver.send(None, user_id=CONSOLE_USER, first_name="You", voice=voice)
    else:
        await _press(driver, renderer, int(name), out)


def _him() -> dict[str, Any]:
    sender = {"id": 2, "is_bot": False, "first_name": "Him"}
    return {"type": "user", "date": int(time.time()), "sender_user": sender}


async def _press(driver: ChatDriver, renderer: Renderer, index: int, out: TextIO) -> None:
    """Press button `index` of the last message with buttons, as a tap in Telegram would."""
    if not 1 <= index <= len(renderer.choices):
        out.write(f"(No button {index} on the last message with buttons.)\n\n")
        return
    choice = renderer.choices[index - 1]
    button = choice.button
    if "callback_data" in button:
        message = driver.sent_message(choice.call)
        await driver.press(str(button["callback_data"]), message, user_id=CONSOLE_USER)
    elif "switch_inline_query" in button or "switch_inline_query_current_chat" in button:
        query = button.get("switch_inline_query") or button.get("switch_inline_query_current_chat")
        out.write(f"(In Telegram this opens your chats with “{query}” ready to send.)\n\n")
    elif "url" in button:
        out.write(f"(In Telegram this opens {button['url']})\n\n")


async def run_console(settings: Settings, stdin: TextIO, stdout: TextIO) -> None:
    interactive = stdin.isatty() and stdout.isatty()
    renderer = Renderer(stdout, color=interactive)
    api = MemoryBotApi(listener=renderer)
    app = build_application(settings, request=api, rate_limit=False, throttle=None)
    async with running(app):
        driver = ChatDriver(app, api)
        renderer.choices = []
        if interactive:
            stdout.write(
                "Fonder console — the real bot, offline. Type /start to begin; :3 presses "
                "button 3, :help lists the rest; Ctrl-D quits.\n\n"
            )
        while True:
            line = await _read_line(stdin, "you> " if interactive else None)
            if line is None:
                break
            if not line.strip():
                continue
            if not interactive:
                stdout.write(f"you> {line}\n")
            await _act(driver, renderer, line, stdout)
            await asyncio.sleep(0)  # let anything the update scheduled print in order
    stdout.flush()


def main_console(settings: Settings) -> None:
    asyncio.run(run_console(settings, sys.stdin, sys.stdout))
