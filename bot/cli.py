"""`fonder [console|run|webhook|copy-db]`: console mode without a token, the real bot with one
(long polling, or behind a webhook), and moving a SQLite database to PostgreSQL."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from telegram.error import InvalidToken

from bot.settings import SettingsError, load_settings
from content.loader import ContentError
from storage.copy import CopyRefused
from storage.db import DatabaseUnavailable
from storage.migrate import DatabaseTooNew

REJECTED_TOKEN = (
    "fonder: Telegram rejected TELEGRAM_BOT_TOKEN. Check it with @BotFather (/mybots → API "
    "Token), or revoke it there and set the new one."
)
NO_TOKEN = (
    "fonder: TELEGRAM_BOT_TOKEN is not set. In Telegram, message @BotFather, send /newbot, "
    "and put the token it gives you in TELEGRAM_BOT_TOKEN (or in a .env file)."
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="fonder", description="Fonder, a texting coach for Telegram."
    )
    parser.add_argument(
        "mode",
        nargs="?",
        choices=("console", "run", "webhook", "copy-db"),
        help=(
            "console: chat in this terminal; run: the real bot, long polling (the default if a "
            "token is set); webhook: the real bot, Telegram calls FONDER_WEBHOOK_URL; copy-db: "
            "copy the SQLite database at FONDER_DB into an empty PostgreSQL one (--to)"
        ),
    )
    parser.add_argument("--to", metavar="URL", help="copy-db: the postgresql:// URL to fill")
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="webhook: N worker processes on one port (needs FONDER_DATABASE_URL)",
    )
    parser.add_argument("--reuse-port", action="store_true", help=argparse.SUPPRESS)
    # a worker of --workers N: its share of Telegram's 30 msg/s is 1/N
    parser.add_argument("--rate-share", type=int, default=1, help=argparse.SUPPRESS)
    # bench/workers.py only: no pacing at Telegram's 30 msg/s (a loopback Bot API has none)
    parser.add_argument("--unpaced", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--replace",
        action="store_true",
        help="copy-db: empty the target's tables first (else a target with rows is refused)",
    )
    args = parser.parse_args(argv)
    if args.mode == "copy-db" and not args.to:
        parser.error("copy-db needs --to postgresql://...")
    if not 1 <= args.workers <= 64:
        parser.error("--workers takes 1 to 64")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"fonder: {error}", file=sys.stderr)
        return 2

    from bot.logs import setup_logging

    mode = args.mode or ("run" if settings.token else "console")
    level = settings.log_level
    if mode == "console" and level != "DEBUG":
        level = "WARNING"  # the terminal is the chat; keep start-up chatter out of it
    setup_logging(level, settings.secrets)

    try:
        if mode in ("run", "webhook") and not settings.token:
            print(NO_TOKEN, file=sys.stderr)
            return 2
        if mode == "copy-db":
            return copy_db(settings.fonder_db, args.to, replace=args.replace)
        if mode == "run":
            from bot.app import build_application, run_polling

            run_polling(build_application(settings))
        elif mode == "webhook":
            from bot.app import build_application
            from bot.webhook import run_webhook, run_workers, webhook_path

            webhook_path(settings)  # a missing URL is told now, before anything starts
            if args.workers > 1:
                if settings.database is None:
                    raise SettingsError(
                        "--workers needs FONDER_DATABASE_URL: several processes share "
                        "PostgreSQL, not one SQLite file"
                    )
                return run_workers(args.workers, unpaced=args.unpaced)
            app = build_application(
                settings, rate_share=max(1, args.rate_share), rate_limit=not args.unpaced
            )
            run_webhook(app, settings, reuse_port=args.reuse_port)
        else:
            from bot.console import main_console

            main_console(settings)
    except (ContentError, CopyRefused, DatabaseTooNew, DatabaseUnavailable, SettingsError) as error:
        print(f"fonder: {error}", file=sys.stderr)
        return 2
    except InvalidToken:
        print(REJECTED_TOKEN, file=sys.stderr)  # never str(error): PTB's message quotes it
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception:
        logging.getLogger("fonder").critical("fonder stopped on an unexpected error", exc_info=True)
        return 1
    return 0


def copy_db(path: Path, url: str, *, replace: bool) -> int:
    """Copy FONDER_DB into the PostgreSQL at `url`; prints each table's rows, checked."""
    import asyncio

    from storage.copy import copy_database
    from storage.db import Database
    from storage.postgres import PostgresDatabase, without_password

    async def copy() -> dict[str, int]:
        source = await Database.open(path)
        try:
            target = await PostgresDatabase.open(url)
            try:
                return await copy_database(source, target, replace=replace)
            finally:
                await target.close()
        finally:
            await source.close()

    counts = asyncio.run(copy())
    for table, rows in counts.items():
        print(f"{table}: {rows} rows")
    print(f"fonder: copied {path} into {without_password(url)}; row counts match")
    return 0


if __name__ == "__main__":
    sys.exit(main())
