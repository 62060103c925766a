"""The command list: one source for Telegram's command menu and for /help."""

from __future__ import annotations

from telegram import BotCommand

from content.stats import CHART_DAYS
from handlers.services import FonderContext

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "What Fonder does"),
    ("steps", "The six steps for texting well"),
    ("step", "One step in detail, e.g. /step 3"),
    ("banter", "A playful opener, e.g. /banter food"),
    ("rally", "Practise a banter rally; /rally stop ends it"),
    ("daily", "A practice prompt each day, e.g. /daily 19:30"),
    ("break", "Take a break from texting, e.g. /break 24h"),
    ("stats", f"Your value ratio, streak and a {CHART_DAYS}-day chart"),
    ("insights", "Which of your habits get replies"),
    ("hours", "When he's open to texts, e.g. /hours 12-14 18-22"),
    ("tz", "Your time zone, e.g. /tz Europe/Berlin"),
    ("settings", "What I keep about your drafts"),
    ("export", "Everything I store about you, as a file"),
    ("forget", "Delete everything I store about you"),
    ("help", "Every command"),
    ("about", "Where the advice comes from, and your data"),
)


def bot_commands() -> list[BotCommand]:
    return [BotCommand(name, description) for name, description in COMMANDS]


def command_text(context: FonderContext) -> str:
    """What the user typed after the command ("/break 2 h" → "2 h"), trimmed."""
    return " ".join(context.args or []).strip()
