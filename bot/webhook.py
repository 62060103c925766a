"""`fonder webhook`: Telegram POSTs each update to Fonder over HTTPS instead of Fonder polling.

aiohttp serves two routes on FONDER_LISTEN_HOST:FONDER_LISTEN_PORT (a TLS proxy in front of it
answers Telegram on 443, 80, 88 or 8443):
- the path of FONDER_WEBHOOK_URL: an update is taken only with Telegram's
  X-Telegram-Bot-Api-Secret-Token header equal to FONDER_WEBHOOK_SECRET (403 otherwise, and it
  is not processed), parsed with python-telegram-bot's `Update.de_json` and put on the
  Application's `update_queue`, which hands it to the same per-user processor polling uses;
- /healthz: 200 while the database answers, 503 when it doesn't (for a load balancer or a
  container's health check).
One process: the jobs (daily prompts, break ends) run in it as they do when polling.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import signal
import socket
import subprocess
import sys
import time
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update

from bot.app import App, running
from bot.loop import run as run_on_loop
from bot.settings import Settings, SettingsError
from bot.updates import PerUserUpdateProcessor, user_key
from handlers.services import services_of
from storage.backend import UserLocks

log = logging.getLogger("fonder.webhook")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
HEALTH_PATH = "/healthz"
HEALTH_TIMEOUT = 2.0  # seconds the database has to answer a health check
MAX_BODY = 1024 * 1024  # an update is a few KB; anything this big is not from Telegram


def webhook_path(settings: Settings) -> str:
    """Where Telegram POSTs: the path of FONDER_WEBHOOK_URL ("/" when it has none)."""
    if settings.webhook_url is None:
        raise SettingsError("FONDER_WEBHOOK_URL is not set (the https:// URL Telegram calls)")
    return urlsplit(str(settings.webhook_url)).path or "/"


class _UserTurns:
    """Each user's lock across workers, from accepting her update until it is handled."""

    def __init__(self, locks: UserLocks) -> None:
        self._locks = locks
        self._held: dict[int, int] = {}  # update_id -> the user whose lock it holds

    async def take(self, update: Update) -> None:
        key = user_key(update)
        if key is not None:
            await self._locks.acquire(key)
            self._held[update.update_id] = key

    async def give_back(self, update: object) -> None:
        key = self._held.pop(update.update_id, None) if isinstance(update, Update) else None
        if key is not None:
            await self._locks.release(key)


def webhook_server(
    app: App, path: str, secret: str, turns: _UserTurns | None = None
) -> web.Application:
    """The aiohttp application: the webhook route and the health check. With `turns`
    (several workers on PostgreSQL), an update is accepted only once its user's earlier
    update, on whichever worker, has been handled: Telegram waits, so her order holds."""

    async def receive(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), secret.encode()):
            return web.Response(status=403)
        try:
            data = await request.json()
            update = Update.de_json(data, app.bot) if isinstance(data, dict) else None
        except (ValueError, TypeError, KeyError):
            update = None
        if update is None:
            log.warning("webhook: a request with the right secret but no update in it")
            return web.Response(status=400)
        if turns is not None:
            await turns.take(update)
        await app.update_queue.put(update)
        return web.Response()

    async def health(request: web.Request) -> web.Response:
        ok = await database_answers(app)
        return web.json_response({"ok": ok}, status=200 if ok else 503)

    server = web.Application(client_max_size=MAX_BODY)
    server.router.add_post(path, receive)
    server.router.add_get(HEALTH_PATH, health)
    return server


async def database_answers(app: App) -> bool:
    """True if the database runs a trivial query within HEALTH_TIMEOUT."""
    try:
        return await asyncio.wait_for(services_of(app).storage.reachable(), HEALTH_TIMEOUT)
    except Exception:  # closed, locked, gone, not started yet: all mean "not healthy"
        return False


async def serve_webhook(
    app: App,
    settings: Settings,
    stop: asyncio.Event,
    sock: socket.socket | None = None,
    *,
    reuse_port: bool = False,
) -> None:
    """Run Fonder behind its webhook until `stop` is set.

    The Application starts first (database, jobs), then tells Telegram where to call, then
    takes requests; on stop, requests end first and the updates already taken are handled
    before the Application stops. `sock`, already bound, replaces host and port (tests).
    """
    if settings.webhook_secret is None:
        raise SettingsError("FONDER_WEBHOOK_SECRET is not set (1-256 of A-Z a-z 0-9 _ -)")
    secret = settings.webhook_secret.get_secret_value()
    path = webhook_path(settings)
    async with running(app):
        locks = services_of(app).storage.user_locks()
        turns = None if locks is None else _UserTurns(locks)
        processor = app.update_processor
        if turns is not None and isinstance(processor, PerUserUpdateProcessor):
            processor.finished = turns.give_back
        await app.bot.set_webhook(
            url=str(settings.webhook_url),
            secret_token=secret,
            allowed_updates=Update.ALL_TYPES,
            drop_pending_updates=False,
        )
        runner = web.AppRunner(webhook_server(app, path, secret, turns), access_log=None)
        await runner.setup()
        site: web.BaseSite = (
            web.SockSite(runner, sock)
            if sock is not None
            else web.TCPSite(
                runner, settings.listen_host, settings.listen_port, reuse_port=reuse_port or None
            )
        )
        await site.start()
        log.info("webhook: listening on %s, path %s", site.name, path)
        try:
            await stop.wait()
        finally:
            await runner.cleanup()
    # after the updates already taken were handled (leaving running() waits for them)
    if locks is not None:
        await locks.close()


def run_webhook(app: App, settings: Settings, *, reuse_port: bool = False) -> None:
    """The entry point: serve until SIGINT or SIGTERM. `reuse_port`: one of several workers
    listening on the same port (the kernel spreads connections among them)."""

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve_webhook(app, settings, stop, reuse_port=reuse_port)

    run_on_loop(main())


def run_workers(count: int, *, unpaced: bool = False) -> int:
    """`fonder webhook --workers N`: N worker processes on one port (SO_REUSEPORT), sharing
    PostgreSQL and Telegram's 30 msg/s (each sends at most 1/N of it). SIGINT/SIGTERM reach
    every worker, which finish what they took; if one stops on its own, the others are
    stopped too and its exit status is returned, so the process manager (docker, systemd)
    restarts the whole set."""
    command = [
        sys.executable, "-m", "bot", "webhook", "--reuse-port", "--rate-share", str(count)
    ]  # fmt: skip
    if unpaced:
        command.append("--unpaced")
    workers = [subprocess.Popen(command) for _ in range(count)]

    def stop_all(signum: int, _frame: object) -> None:
        for worker in workers:
            if worker.poll() is None:
                worker.send_signal(signum)

    signal.signal(signal.SIGTERM, stop_all)
    signal.signal(signal.SIGINT, stop_all)
    while all(worker.poll() is None for worker in workers):
        time.sleep(0.2)
    stop_all(signal.SIGTERM, None)
    codes = [worker.wait() for worker in workers]
    return next((code for code in codes if code), 0)
