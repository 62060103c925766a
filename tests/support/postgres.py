"""A real PostgreSQL for the tests, started from the pgserver package (it ships the server
binaries in its wheel, so `scripts/test` on a fresh machine needs nothing else).

One server per test session; each test gets a database of its own, made fresh. If the server
can't start, the tests that need it fail saying why: they never pass without it.
"""

from __future__ import annotations

import atexit
import itertools
import os
import shutil
import tempfile
from collections.abc import Generator
from pathlib import Path

import asyncpg

_numbers = itertools.count(1)


class PostgresForTests:
    """The running server and a way to get a fresh, empty database on it."""

    def __init__(self, root: Path) -> None:
        # platformdirs (pgserver's) wants a runtime dir; give it one of ours, not a warning.
        os.environ.setdefault("XDG_RUNTIME_DIR", str(root))
        from pgserver.postgres_server import get_server

        self._server = get_server(root / "pgdata", cleanup_mode="stop")

    def url(self, database: str = "postgres") -> str:
        return str(self._server.get_uri(database))

    async def fresh_database(self) -> str:
        """The URL of a new, empty database of its own."""
        name = f"fonder_test_{os.getpid()}_{next(_numbers)}"
        connection = await asyncpg.connect(self.url())
        try:
            await connection.execute(f'CREATE DATABASE "{name}"')
        finally:
            await connection.close()
        return self.url(name)

    def stop(self) -> None:
        self._server.cleanup()


def start_postgres() -> Generator[PostgresForTests, None, None]:
    """For a session fixture: start, yield, stop. Raises with the reason if it can't start."""
    root = Path(tempfile.mkdtemp(prefix="fonder-pg-"))
    # pgserver keeps its lock file in the runtime folder (this one) and its own exit handler
    # touches it again after we are done; an exit handler registered before pgserver's runs
    # after it, so no empty fonder-pg-* folder is left in /tmp by each test run.
    atexit.register(shutil.rmtree, root, True)
    server = PostgresForTests(root)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)
