"""Console mode: chat with the real handlers in a terminal, no Telegram, no network.

Interactive (a terminal): a `you>` prompt, replies as they arrive, buttons as numbered choices.
Scripted (stdin is a pipe): one user message per line, each reply printed, exit at end of input.
"""

from __future__ import annotations

import asyncio
import sys
from dataclasses import dataclass
from typing import Any, TextIO

from bot.app import build_application, running
from bot.driver import ChatDriver
from bot.memory_api import ApiCall, MemoryBotApi
from bot.settings import Settings
from handlers.telegram_html import HtmlError, parse

CONSOLE_USER = 1
BOLD, ITALIC, RESET = "\033[1m", "\033[3m", "\033[0m"
RENDERED = {"sendMessage", "editMessageText", "sendPhoto", "sendDocument"}


@dataclass
class Choice:
    button: dict[str, Any]
    call: ApiCall


class Renderer:
    """Prints what the bot sends, and remembers the latest buttons as numbered choices."""

    def __init__(self, out: TextIO, color: bool) -> None:
        self.out = out
        self.color = color
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
            head += " [sent a picture]"
        if call.method == "sendDocument":
            head += f" [sent a file: {', '.join(call.files) or 'document'}]"
        self.out.write(f"── {head} ──\n{self._format(call)}\n")
        if call.buttons:
            self.choices = [Choice(button, call) for button in call.buttons]
            labels = [f"[{i}] {c.button['text']}" for i, c in enumerate(self.choices, start=1)]
            self.out.write("  " + "   ".join(labels) + "\n")
        self.out.write("\n")

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


async def _act(driver: ChatDriver, renderer: Renderer, line: str, out: TextIO) -> None:
    """A number picks a button shown on the last message with buttons; anything else is sent."""
    if line.strip().isdigit() and renderer.choices:
        index = int(line.strip())
        if 1 <= index <= len(renderer.choices):
            choice = renderer.choices[index - 1]
            button = choice.button
            if "callback_data" in button:
                await driver.press(
                    str(button["callback_data"]),
                    driver.sent_message(choice.call),
                    user_id=CONSOLE_USER,
                )
            elif "switch_inline_query" in button or "switch_inline_query_current_chat" in button:
                query = button.get("switch_inline_query") or button.get(
                    "switch_inline_query_current_chat"
                )
                out.write(f"(In Telegram this opens your chats with “{query}” ready to send.)\n\n")
            elif "url" in button:
                out.write(f"(In Telegram this opens {button['url']})\n\n")
            return
    await driver.send(line, user_id=CONSOLE_USER, first_name="You")


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
                "Fonder console — the real bot, offline. Type /start to begin; a number picks "
                "a button; Ctrl-D quits.\n\n"
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
