"""/start, /help and /about: the first thing a user sees, and where to go next."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from handlers import banter, rally, steps
from handlers.buttons import Plain
from handlers.commands import COMMANDS
from handlers.reply import answer, esc
from handlers.services import FonderContext

ARTICLE_TITLE = "How to make him miss you through text"
HELP = Plain("help")
ABOUT = Plain("about")


def start_menu() -> InlineKeyboardMarkup:
    """Where to go next: each button is answered where its kind is defined."""
    return InlineKeyboardMarkup(
        [
            [
                steps.STEPS_LIST.button("📖 The six steps"),
                banter.MORE.button("🎾 An opener"),
            ],
            [rally.START.button("🏓 Practise a rally", "full")],
            [HELP.button("❓ Help"), ABOUT.button("ℹ️ About")],
        ]
    )


def start_text(first_name: str | None) -> str:
    name = esc(first_name or "there")
    return (
        f"👋 <b>Hi {name}, I'm Fonder</b> — a coach for texting the person you're dating.\n\n"
        "✍️ Paste or forward a draft and I'll say, before you send it, whether it gives him "
        "something and what to change.\n"
        "🎾 /banter hands you a playful opener, /rally lets you practise a banter rally with "
        "me playing him, and /daily sends a practice prompt at your own time.\n"
        "🌿 When you're carrying the whole conversation, I'll suggest a break — room to be "
        "missed.\n\n"
        "It all rests on six steps. Start there:"
    )


def help_text() -> str:
    lines = [f"/{name} — {esc(description)}" for name, description in COMMANDS]
    return (
        "<b>What I can do</b>\n\n"
        + "\n".join(lines)
        + "\n\n<b>Or just send me a draft</b> — paste it, or forward it from your chat — and "
        "I'll critique it against the six steps."
    )


def about_text() -> str:
    return (
        "<b>About Fonder</b>\n\n"
        f"My advice is built on one article, “{ARTICLE_TITLE}”, a relationship-coaching piece "
        "about texting with warmth, playful banter, real connection, healthy breaks, voice "
        "notes and no mind games. Everything I say is my own paraphrase of its ideas — credit "
        "for them goes to its authors.\n\n"
        "I'm a coach, not a therapist. If something in your relationship feels unsafe, please "
        "talk to someone you trust or a local helpline.\n\n"
        "<b>Your data</b>: I keep your Telegram id, chat id, language, time zone and settings; "
        "each critique's outcome (score, flags, length, time) but not your words unless you "
        "turn that on in /settings; when he replied, never what he said. During a /rally I keep "
        "your best return's words only until the rally ends. /export gives you all of it and "
        "/forget deletes all of it."
    )


async def start(update: Update, context: FonderContext) -> None:
    user = update.effective_user
    await answer(update, context, start_text(user.first_name if user else None), start_menu())


async def help_command(update: Update, context: FonderContext) -> None:
    if update.callback_query:
        await update.callback_query.answer()
    await answer(update, context, help_text())


async def about(update: Update, context: FonderContext) -> None:
    if update.callback_query:
        await update.callback_query.answer()
    await answer(update, context, about_text())
